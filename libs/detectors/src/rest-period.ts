// Rest period (from CAD-OSE): report a score only when it beats every score of the last R
// points. One event then raises one alarm instead of a run of them, which is what NAB
// rewards: only the first detection in a window counts, every later one outside costs.
//
// Follow-ups: a score rising in small steps beats its predecessors at every step, so one
// event could still report a run of alarms just above each other. Within R points after a
// reported alarm, a report must exceed that alarm by a clear margin to count as a new event.
import { Ring } from './ring.ts';
import type { StateReader, StateWriter } from './state-codec.ts';

/** What counts as an alarm, and how much stronger a follow-up within the period must be. */
export interface FollowUpSettings {
  /** Reported score from which a report is an alarm (0 disables the follow-up rule). */
  readonly alarm: number;
  /** A report within the period after an alarm must reach alarm + margin. */
  readonly margin: number;
}

/** Suppresses scores that do not exceed the maximum of the previous `period` scores. */
export class RestPeriod {
  private readonly recent: Ring;
  private readonly period: number;
  private readonly followUp: FollowUpSettings;
  /** The last reported alarm and the points since it (Infinity: none yet). */
  private lastAlarm = 0;
  private sinceAlarm = Infinity;

  /** A rest period of `period` points, with the follow-up rule if `followUp.alarm` > 0. */
  constructor(period: number, followUp: FollowUpSettings = { alarm: 0, margin: 0 }) {
    this.recent = new Ring(period);
    this.period = period;
    this.followUp = followUp;
  }

  /** The score to report for `score` (itself or 0), then remember it. */
  next(score: number): number {
    let max = 0;
    for (let i = 0; i < this.recent.size; i++) max = Math.max(max, this.recent.at(i));
    this.recent.push(score);
    let out = score > max ? score : 0;
    const { alarm, margin } = this.followUp;
    if (alarm > 0) {
      if (out > 0 && this.sinceAlarm < this.period && out < this.lastAlarm + margin) out = 0;
      this.sinceAlarm++;
      if (out >= alarm) {
        this.lastAlarm = out;
        this.sinceAlarm = 0;
      }
    }
    return out;
  }

  /** Append state. */
  write(w: StateWriter): void {
    this.recent.write(w);
    w.f64(this.lastAlarm).f64(this.sinceAlarm);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.recent.read(r);
    this.lastAlarm = r.f64();
    this.sinceAlarm = r.f64();
  }
}
