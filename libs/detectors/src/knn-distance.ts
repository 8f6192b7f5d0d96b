// Nearest-neighbour subsequence distance (the measure behind KNN-CAD and matrix-profile
// discords): how far the last m values are from every earlier, non-overlapping stretch of
// m values in recent history. A stretch unlike anything seen recently is an anomaly,
// whatever its shape, so one measure covers spikes, level shifts and broken rhythms.
//
// Cost: distances are kept per lag and advanced in O(1) each per point (the matrix-profile
// diagonal trick), so a point costs O(history) whatever m is; every `refresh` points they
// are recomputed exactly to stop rounding drift. All of it is state, so serialising
// between points continues bit for bit.
//
// Start-up: until `history` earlier windows exist, the nearest distance is searched directly
// over the ones that do (from `startLags` on). The calibrator behind this member then learns
// during NAB's probationary rows instead of starting cold just after them (history + 2m = 576
// points in), where its first "records" were false alarms.
import type { DetectorKernels } from './kernels.ts';
import type { StateReader, StateWriter } from './state-codec.ts';

/** Shape of the search. */
export interface KnnSettings {
  /** Subsequence lengths m searched (one distance profile each). */
  readonly lengths: readonly number[];
  /** How many earlier subsequences are compared per length (the memory). */
  readonly history: number;
  /** Points between exact recomputations of the running distances. */
  readonly refresh: number;
  /** Earlier windows needed before a distance is reported while the history fills (≥ 1). */
  readonly startLags: number;
}

/** Streaming nearest-neighbour distances of the newest subsequences to their history. */
export class KnnDistance {
  private readonly settings: KnnSettings;
  private readonly kernels: DetectorKernels;
  private readonly span: number;
  /** Values minus `offset`, rounded to f32 (so state can be stored as f32 exactly). */
  private buf: Float64Array;
  private len = 0;
  private seen = 0;
  private offset = Number.NaN;
  /** Per length: squared distance at lag m+i in slot i. */
  private readonly dist: Float64Array[];
  private readonly scratch: Float64Array;

  /** A search with `settings`, hot loops in `kernels`. */
  constructor(settings: KnnSettings, kernels: DetectorKernels) {
    this.settings = settings;
    this.kernels = kernels;
    const longest = Math.max(...settings.lengths);
    // Newest value, then the lag-m window back to the oldest value advancing still reads.
    this.span = settings.history + 2 * longest;
    this.buf = new Float64Array(2 * this.span);
    this.dist = settings.lengths.map(() => new Float64Array(settings.history));
    this.scratch = new Float64Array(settings.history);
  }

  /** Add a value; writes each length's nearest distance (RMS per point) into `out`, −1 if not ready. */
  next(value: number, out: Float64Array): void {
    // Differences only: subtracting the first value keeps f32 storage precise for series far
    // from zero (byte counters around 1e9).
    if (Number.isNaN(this.offset)) this.offset = value;
    if (this.len === this.buf.length) {
      const keep = this.span - 1;
      this.buf.copyWithin(0, this.len - keep, this.len);
      this.len = keep;
    }
    this.buf[this.len++] = Math.fround(value - this.offset);
    this.seen++;
    const t = this.len - 1;
    const { lengths, history, refresh } = this.settings;
    const ready = this.seen >= this.span;
    for (let s = 0; s < lengths.length; s++) {
      const m = lengths[s]!;
      const d = this.dist[s]!;
      if (!ready) {
        out[s] = this.partialNearest(t, m);
        continue;
      }
      if (this.seen === this.span || this.seen % refresh === 0) this.recompute(t, m, d);
      else this.kernels.advanceLagDistances(this.buf, t, m, m, d);
      let best = Infinity;
      for (let i = 0; i < history; i++) if (d[i]! < best) best = d[i]!;
      out[s] = Math.sqrt(Math.max(best, 0) / m);
    }
  }

  /** While the history fills: nearest RMS distance over the lags that exist, −1 below `startLags`. */
  private partialNearest(t: number, m: number): number {
    // The nearest `history` lags at most (as once ready); the windows ending at t−m … t−m−lags+1
    // all start at or after index 0 (no compaction yet: seen < span, so t = seen − 1).
    const lags = Math.min(this.seen - 2 * m + 1, this.settings.history);
    if (lags < this.settings.startLags) return -1;
    const scratch = this.scratch.subarray(0, lags);
    this.kernels.slidingSqDistances(this.buf.subarray(t - 2 * m - lags + 2, t - m + 1), this.buf.subarray(t - m + 1, t + 1), lags, scratch);
    let best = Infinity;
    for (let i = 0; i < lags; i++) if (scratch[i]! < best) best = scratch[i]!;
    return Math.sqrt(Math.max(best, 0) / m);
  }

  /** Exact distances of the window ending at t to those ending at t−m … t−m−history+1. */
  private recompute(t: number, m: number, d: Float64Array): void {
    const { history } = this.settings;
    const first = t - 2 * m - history + 2; // start of the window at the largest lag
    const query = this.buf.subarray(t - m + 1, t + 1);
    this.kernels.slidingSqDistances(this.buf.subarray(first, t - m + 1), query, history, this.scratch);
    // scratch[j] is the window starting at first+j, i.e. lag m+history−1−j.
    for (let j = 0; j < history; j++) d[history - 1 - j] = this.scratch[j]!;
  }

  /** Append state: counters, offset, reachable values and running distances. */
  write(w: StateWriter): void {
    const keep = Math.min(this.len, this.span - 1);
    w.f64(this.seen).f64(this.offset).f32s(Float32Array.from(this.buf.subarray(this.len - keep, this.len)));
    for (const d of this.dist) w.f64s(d);
  }

  /** Restore state written by `write`. */
  read(r: StateReader): void {
    this.seen = r.f64();
    this.offset = r.f64();
    const vals = r.f32s();
    if (vals.length > this.span - 1) throw new RangeError('detector state: knn history longer than its capacity');
    this.buf.fill(0);
    this.buf.set(vals);
    this.len = vals.length;
    for (const d of this.dist) d.set(r.f64s(this.settings.history));
  }
}
