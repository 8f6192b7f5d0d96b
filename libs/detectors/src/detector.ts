// The streaming-detector contract every detector and the ensemble implement, and the
// helper that scores a whole series with one.
import type { DetectorKernels } from './kernels.ts';

/**
 * A causal, constant-memory detector for one series. `update` scores the newest point
 * using only points seen so far; the score is in [0, 1] and never NaN.
 */
export interface StreamingDetector {
  readonly name: string;
  /** Feed one point (value, epoch ms) and get its anomaly score. */
  update(value: number, timestampMs: number): number;
  /** Encode the full state; `deserialize` of these bytes continues bit-for-bit. */
  serialize(): Uint8Array;
}

/** How to make a detector of one kind, fresh or from saved state. */
export interface DetectorFactory {
  readonly name: string;
  /** One line for `--help` and the README. */
  readonly description: string;
  create(kernels?: DetectorKernels): StreamingDetector;
  deserialize(bytes: Uint8Array, kernels?: DetectorKernels): StreamingDetector;
}

/**
 * Refuse points the detectors cannot score. Non-finite values or timestamps throw a
 * RangeError naming the row; out-of-order and repeated timestamps are accepted, because
 * the detectors work in arrival order and ignore wall-clock gaps (documented in README).
 */
export function checkPoint(value: number, timestampMs: number, row?: number): void {
  const where = row === undefined ? '' : ` at row ${row}`;
  if (!Number.isFinite(value)) throw new RangeError(`value ${value}${where} is not a finite number`);
  if (!Number.isFinite(timestampMs)) throw new RangeError(`timestamp ${timestampMs}${where} is not a finite epoch-ms number`);
}

/** Score a whole series from scratch with one detector; returns one score per point. */
export function scoreSeries(
  detector: StreamingDetector,
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
): Float64Array {
  if (values.length !== timestamps.length) throw new RangeError(`${values.length} values but ${timestamps.length} timestamps`);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    checkPoint(values[i]!, timestamps[i]!, i);
    out[i] = detector.update(values[i]!, timestamps[i]!);
  }
  return out;
}
