// Rest period (from CAD-OSE): report a score only when it beats every score of the last R
// points. One event then raises one alarm instead of a run of them, which is what NAB
// rewards: only the first detection in a window counts, every later one outside costs.
import { Ring } from './ring.ts';
import type { StateReader, StateWriter } from './state-codec.ts';

/** Suppresses scores that do not exceed the maximum of the previous `period` scores. */
export class RestPeriod {
  private readonly recent: Ring;

  /** A rest period of `period` points. */
  constructor(period: number) {
    this.recent = new Ring(period);
  }

  /** The score to report for `score` (itself or 0), then remember it. */
  next(score: number): number {
    let max = 0;
    for (let i = 0; i < this.recent.size; i++) max = Math.max(max, this.recent.at(i));
    this.recent.push(score);
    return score > max ? score : 0;
  }

  /** Append state. */
  write(w: StateWriter): void {
    this.recent.write(w);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.recent.read(r);
  }
}
