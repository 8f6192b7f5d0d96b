// Turns a raw, series-specific anomaly measure into standard units: how many typical
// deviations the current raw value sits above its own recent history. This is what lets
// one NAB threshold serve every file (raw distances differ by orders of magnitude).
import type { StateReader, StateWriter } from './state-codec.ts';

/** Settings of a calibrator; see README for how the defaults were chosen. */
export interface CalibratorSettings {
  /** Memory of the running statistics, in points (EW rate 1/horizon once warmed up). */
  readonly horizon: number;
  /** Points before any z is reported (0 until then). */
  readonly warmup: number;
  /** Updates are clipped at mean + clip·scale so one anomaly does not mask the next. */
  readonly clip: number;
  /** 'z': (raw − mean)/scale. 'peak': raw over the decayed peak of earlier raws (×peakGain). */
  readonly mode?: 'z' | 'peak';
  readonly peakGain?: number;
}

/** Streaming mean and mean-absolute-deviation of a raw measure, reported as a z value. */
export class Calibrator {
  private n = 0;
  private mean = 0;
  private absDev = 0;
  private peak = 0;
  private readonly settings: CalibratorSettings;

  /** A calibrator with the given settings. */
  constructor(settings: CalibratorSettings) {
    this.settings = settings;
  }

  /** z of `raw` against the history so far, then learn from it (causal: z excludes raw). */
  next(raw: number): number {
    const { horizon, warmup, clip } = this.settings;
    // Scale floor: a series that never varied must not turn rounding noise into 1e9 σ.
    const scale = Math.max(this.absDev * 1.2533, 1e-9 * Math.abs(this.mean), 1e-12);
    let z = this.n >= warmup ? (raw - this.mean) / scale : 0;
    if (this.settings.mode === 'peak') {
      const peak = Math.max(this.peak, scale);
      z = this.n >= warmup ? (this.settings.peakGain ?? 4) * (raw - this.mean) / (peak - this.mean + scale) : 0;
      this.peak = Math.max(raw, this.mean + (this.peak - this.mean) * (1 - 1 / horizon));
    }
    const rate = 1 / Math.min(this.n + 1, horizon);
    const learned = this.n >= warmup ? Math.min(raw, this.mean + clip * scale) : raw;
    const delta = learned - this.mean;
    this.mean += rate * delta;
    this.absDev += rate * (Math.abs(delta) - this.absDev);
    this.n++;
    return z;
  }

  /** Append state. */
  write(w: StateWriter): void {
    w.f64(this.n).f64(this.mean).f64(this.absDev).f64(this.peak);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.n = r.f64();
    this.mean = r.f64();
    this.absDev = r.f64();
    this.peak = r.f64();
  }
}
