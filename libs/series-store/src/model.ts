// Values stored under the series keys, and the errors the store raises.
import type { ResolvedRecord } from '@edgewatch/senml';

/** One stored point: time (epoch s), value (null for sum-only records) and the sum when given. */
export type SeriesPoint = [t: number, v: number | string | boolean | null, s?: number];

/** Value of a chunk key: one batch's points of one series in one bucket. */
export interface ChunkValue {
  u?: string;
  p: SeriesPoint[];
}

/** Value of a compaction key: points by source unit (`batch/part`) so merges can deduplicate. */
export interface CompactionValue {
  u?: string;
  /** Time of the newest point whose unit set `u`, so later merges keep the newest unit. */
  ut?: number;
  units: Record<string, SeriesPoint[]>;
}

/** Value of a commit key: what the batch was, so retries and admin views need no other read. */
export interface CommitValue {
  nonce: string;
  /** When the batch was accepted (epoch s). */
  at: number;
  points: number;
  series: number;
  /** SHA-256 of the request body, to tell a retry from a different batch reusing the key. */
  bodyHash: string;
  /** Written by the platform from other series (anomaly scores), not sent by the device. */
  derived?: true;
}

/** A batch to store: the device that sent it, its id, and its resolved records. */
export interface BatchToWrite {
  device: string;
  batch: string;
  bodyHash: string;
  records: ResolvedRecord[];
  /** Current time in ms (injected so tests control nonces and acceptance times). */
  nowMs: number;
  /**
   * Derived data (anomaly scores written by inference): stored and read like any series,
   * but not counted as the device's readings and not a sign of life (last-seen untouched).
   */
  derived?: boolean;
}

/** An idempotency key was reused for a different body. */
export class IdempotencyConflict extends Error {
  constructor(batch: string) {
    super(`batch ${batch} was already accepted with a different body`);
    this.name = 'IdempotencyConflict';
  }
}

/** Convert a resolved record into the stored point form. */
export function toPoint(record: ResolvedRecord): SeriesPoint {
  const point: SeriesPoint = [record.t, record.value?.value ?? null];
  if (record.s !== undefined) point.push(record.s);
  return point;
}
