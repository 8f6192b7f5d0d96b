// Weekly seasonal-naive residual: how far the recent hourly level sits from the same hours one
// week earlier. Human-driven series (taxi rides, traffic, tweets) repeat by hour of week, so a
// holiday or a storm looks like an ordinary day to a shape search over the last days but not
// to last week's same hours. Keyed on wall-clock hours, so the sampling step does not matter.
//
// Echoes: an anomalous hour becomes the reference of the same hour one season later, where the
// now normal value differs from it as much as the anomaly differed from normal. So the member
// also remembers which stored hours the ensemble raised an alarm in (`markAlarm`), and
// `leansOnAlarm` tells the ensemble when the current residual (or a completed hour smoothed
// into it) was measured against one: that residual says nothing about the present.
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
  /** Bit per slot: the ensemble raised an alarm during the hour stored in `table[slot]`. */
  private readonly alarmBits: Uint32Array;
  /** Bit k: `recent[k]` was measured against an alarmed hour. */
  private recentAlarmBits = 0;
  /** The ensemble raised an alarm during the current hour. */
  private hourAlarmed = false;
  private hour = Number.NaN;
  /** Running mean and count of the current hour (a mean, not a sum, so huge values cannot overflow). */
  private mean = 0;
  private count = 0;

  /** A comparison with `settings`. */
  constructor(settings: SeasonalSettings) {
    if (!(settings.span >= 0 && settings.span <= 31)) throw new RangeError(`seasonal span ${settings.span}: use 0 … 31 completed hours`);
    this.settings = settings;
    this.table = new Float64Array(settings.hours).fill(Number.NaN);
    this.recent = new Float64Array(settings.span).fill(Number.NaN);
    this.alarmBits = new Uint32Array(Math.ceil(settings.hours / 32));
  }

  /** Add a value; returns the smoothed |residual|, or −1 until a season-ago hour is known. */
  next(value: number, timestampMs: number): number {
    const hour = Math.floor(timestampMs / HOUR_MS);
    if (hour !== this.hour) {
      if (this.count > 0) this.closeHour();
      this.forgetSkippedAlarms(hour);
      this.hour = hour;
      this.mean = 0;
      this.count = 0;
      this.hourAlarmed = false;
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

  /** After `next`: whether its residual leans on an hour the ensemble alarmed in (an echo). */
  leansOnAlarm(): boolean {
    return this.recentAlarmBits !== 0 || this.alarmed(this.slot(this.hour));
  }

  /** The ensemble raised an alarm at the current point: remember it with this hour. */
  markAlarm(): void {
    this.hourAlarmed = true;
  }

  /**
   * Hours skipped by a gap store no mean, so their slots keep an older season's. An alarm bit
   * must mean "alarmed exactly one season ago": clear the skipped hours' bits (at most a season).
   */
  private forgetSkippedAlarms(hour: number): void {
    if (!(hour > this.hour + 1)) return;
    const last = Math.min(hour - 1, this.hour + this.settings.hours);
    for (let h = this.hour + 1; h <= last; h++) {
      const slot = this.slot(h);
      this.alarmBits[slot >>> 5] = this.alarmBits[slot >>> 5]! & ~(1 << (slot & 31));
    }
  }

  private alarmed(slot: number): boolean {
    return ((this.alarmBits[slot >>> 5]! >>> (slot & 31)) & 1) === 1;
  }

  private slot(hour: number): number {
    const h = this.settings.hours;
    return ((hour % h) + h) % h;
  }

  private closeHour(): void {
    const slot = this.slot(this.hour);
    const mean = this.mean;
    const before = this.table[slot]!;
    const span = this.recent.length;
    if (span > 0) {
      this.recent.copyWithin(0, 1);
      this.recent[span - 1] = Number.isNaN(before) ? Number.NaN : Math.abs(mean - before);
      const echo = !Number.isNaN(before) && this.alarmed(slot) ? 1 : 0;
      this.recentAlarmBits = (this.recentAlarmBits >>> 1) | (echo << (span - 1));
    }
    this.table[slot] = mean;
    const bit = 1 << (slot & 31);
    const word = this.alarmBits[slot >>> 5]!;
    this.alarmBits[slot >>> 5] = this.hourAlarmed ? word | bit : word & ~bit;
  }

  /** Append state. */
  write(w: StateWriter): void {
    w.f64(this.hour).f64(this.mean).f64(this.count).f64s(this.table).f64s(this.recent);
    w.u32(this.hourAlarmed ? 1 : 0).u32(this.recentAlarmBits);
    for (const word of this.alarmBits) w.u32(word);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.hour = r.f64();
    this.mean = r.f64();
    this.count = r.f64();
    this.table.set(r.f64s(this.settings.hours));
    this.recent.set(r.f64s(this.settings.span));
    this.hourAlarmed = r.u32() === 1;
    this.recentAlarmBits = r.u32();
    for (let i = 0; i < this.alarmBits.length; i++) this.alarmBits[i] = r.u32();
  }
}
