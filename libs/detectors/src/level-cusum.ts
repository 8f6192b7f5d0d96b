// Level CUSUM: a two-sided Gaussian CUSUM of the value in units of its own running scale.
// It sums standardised deviations beyond a slack of `slack` scales, so a shift of the level
// that no single point makes remarkable (a machine running 20 degrees cooler for a day, a
// week of tweets above their usual volume) still builds up to a record, while noise within
// ±slack scales drains away. The calibrated members above compare shapes and hours; this
// one compares the level with the long run, whatever the shape.
//
// Mean and mean |deviation| are running EW statistics with the calibrator's rate schedule
// (1/n at first, then 1/horizon), measured before the point is learned (causal).
import type { StateReader, StateWriter } from './state-codec.ts';

/** Shape of the CUSUM. */
export interface LevelCusumSettings {
  /** Memory of the running mean and scale, in points (0 disables the member). */
  readonly horizon: number;
  /** Deviation, in scales, that one point may show without adding to the sum. */
  readonly slack: number;
}

/** Points before the sums start (the scale of fewer points is not worth dividing by). */
const WARMUP = 16;

/** Streaming max(upper, lower) CUSUM of standardised values. */
export class LevelCusum {
  private readonly settings: LevelCusumSettings;
  private n = 0;
  private mean = 0;
  private absDev = 0;
  private upper = 0;
  private lower = 0;

  /** A CUSUM with `settings`. */
  constructor(settings: LevelCusumSettings) {
    this.settings = settings;
  }

  /** Add a value; returns the larger of the two sums, or −1 during the first points. */
  next(value: number): number {
    const { horizon, slack } = this.settings;
    const warm = this.n >= WARMUP;
    if (warm) {
      const scale = Math.max(this.absDev * 1.2533, 1e-9 * Math.abs(this.mean), 1e-12);
      const z = (value - this.mean) / scale;
      this.upper = Math.max(0, this.upper + z - slack);
      this.lower = Math.max(0, this.lower - z - slack);
    }
    const rate = 1 / Math.min(this.n + 1, horizon);
    const dev = this.n > 0 ? Math.abs(value - this.mean) : 0;
    this.mean += rate * (value - this.mean);
    this.absDev += rate * (dev - this.absDev);
    this.n++;
    return warm ? Math.max(this.upper, this.lower) : -1;
  }

  /** Append state. */
  write(w: StateWriter): void {
    w.f64(this.n).f64(this.mean).f64(this.absDev).f64(this.upper).f64(this.lower);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.n = r.f64();
    this.mean = r.f64();
    this.absDev = r.f64();
    this.upper = r.f64();
    this.lower = r.f64();
  }
}
