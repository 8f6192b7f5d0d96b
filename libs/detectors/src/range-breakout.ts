// Range breakout (the "spatial anomaly" check of Numenta's NAB detector): a value beyond
// everything seen so far, by more than a small fraction of that range, is an anomaly
// whatever the learned models say. New all-time extremes are rare in normal operation and
// often are the failure, so this member goes straight to a high score instead of being
// calibrated against its own history.
import type { StateReader, StateWriter } from './state-codec.ts';

/** Shape of the breakout check. */
export interface RangeBreakoutSettings {
  /** How far past the all-time range, as a fraction of it, a value must go (0 disables). */
  readonly tolerance: number;
  /** Points seen before the range is trusted (the first ones always "break out"). */
  readonly warmup: number;
  /** Score of a breakout that only just clears the tolerance; grows to +0.09 at a full range beyond. */
  readonly score: number;
}

/** Streaming all-time min/max with a breakout score. */
export class RangeBreakout {
  private readonly settings: RangeBreakoutSettings;
  private lo = Infinity;
  private hi = -Infinity;
  private seen = 0;

  /** A breakout check with `settings`. */
  constructor(settings: RangeBreakoutSettings) {
    this.settings = settings;
  }

  /** Score `value` against the range before it (0 if inside), then widen the range. */
  next(value: number): number {
    const { tolerance, warmup, score } = this.settings;
    let out = 0;
    const range = this.hi - this.lo;
    if (tolerance > 0 && this.seen >= warmup && range > 0) {
      const excess = Math.max(value - (this.hi + tolerance * range), this.lo - tolerance * range - value);
      // The score still grows with the excess so that NAB's single corpus threshold can
      // rank a far breakout above a near one.
      if (excess > 0) out = score + 0.09 * Math.min(1, excess / range);
    }
    if (value < this.lo) this.lo = value;
    if (value > this.hi) this.hi = value;
    this.seen++;
    return out;
  }

  /** Append state. */
  write(w: StateWriter): void {
    w.f64(this.lo).f64(this.hi).f64(this.seen);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.lo = r.f64();
    this.hi = r.f64();
    this.seen = r.f64();
  }
}
