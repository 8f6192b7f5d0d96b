// Weekly seasonal-naive residual: how far the recent hourly level sits from the same hours one
// week earlier. Human-driven series (taxi rides, traffic, tweets) repeat by hour of week, so a
// holiday or a storm looks like an ordinary day to a shape search over the last days but not
// to last week's same hours. Keyed on wall-clock hours, so the sampling step does not matter.
import type { StateReader, StateWriter } from './state-codec.ts';

const HOUR_MS = 3_600_000;

/** Shape of the seasonal comparison. */
export interface SeasonalSettings {
  /** Season length in hours (168: one week). */
  readonly hours: number;
  /** Completed hours whose |residual| is averaged with the current one (smooths noise). */
  readonly span: number;
}

/** Streaming |level − level one season earlier|, averaged over the last few hours. */
export class SeasonalResidual {
  private readonly settings: SeasonalSettings;
  /** Hourly means of the last season, by hour-of-season; NaN where no data fell. */
  private readonly table: Float64Array;
  /** |residual| of the last `span` completed hours, newest last (NaN: none). */
  private readonly recent: Float64Array;
  private hour = Number.NaN;
  /** Running mean and count of the current hour (a mean, not a sum, so huge values cannot overflow). */
  private mean = 0;
  private count = 0;

  /** A comparison with `settings`. */
  constructor(settings: SeasonalSettings) {
    this.settings = settings;
    this.table = new Float64Array(settings.hours).fill(Number.NaN);
    this.recent = new Float64Array(settings.span).fill(Number.NaN);
  }

  /** Add a value; returns the smoothed |residual|, or −1 until a season-ago hour is known. */
  next(value: number, timestampMs: number): number {
    const hour = Math.floor(timestampMs / HOUR_MS);
    if (hour !== this.hour) {
      if (this.count > 0) this.closeHour();
      this.hour = hour;
      this.mean = 0;
      this.count = 0;
    }
    this.count++;
    this.mean += (value - this.mean) / this.count;
    const before = this.table[this.slot(hour)]!;
    if (Number.isNaN(before)) return -1;
    let total = Math.abs(this.mean - before);
    let n = 1;
    for (const r of this.recent) {
      if (!Number.isNaN(r)) {
        total += r;
        n++;
      }
    }
    return total / n;
  }

  private slot(hour: number): number {
    const h = this.settings.hours;
    return ((hour % h) + h) % h;
  }

  private closeHour(): void {
    const slot = this.slot(this.hour);
    const mean = this.mean;
    const before = this.table[slot]!;
    this.recent.copyWithin(0, 1);
    this.recent[this.recent.length - 1] = Number.isNaN(before) ? Number.NaN : Math.abs(mean - before);
    this.table[slot] = mean;
  }

  /** Append state. */
  write(w: StateWriter): void {
    w.f64(this.hour).f64(this.mean).f64(this.count).f64s(this.table).f64s(this.recent);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.hour = r.f64();
    this.mean = r.f64();
    this.count = r.f64();
    this.table.set(r.f64s(this.settings.hours));
    this.recent.set(r.f64s(this.settings.span));
  }
}
