// Compaction on read: a settled bucket's many small keys are merged into one
// immutable compaction key, then the merged keys are deleted. Safe under
// concurrency because a key is deleted only after its content is inside a newly
// written key, and readers merge by source unit, so overlapping compactions
// never double-count or drop a point.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { BUCKET_SECONDS, compactionKey, newNonce, nonceStartedMs } from './keys.ts';
import { encodeValue, MAX_VALUE_BYTES } from './codec.ts';
import { loadBucket, seriesSources, type CommitCache } from './bucket.ts';
import type { CompactionValue } from './model.ts';

/** How old a bucket's end must be before it is compacted: late batches rarely trail by more. */
export const SETTLE_SECONDS = 600;
/** An uncommitted chunk whose writer started this long ago belongs to a write that died. */
export const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/** When compaction runs (its clock) and how much it may do. */
export interface CompactionOptions {
  nowMs: number;
  /** Most buckets to compact in one call, to bound the work a read takes on. */
  maxBuckets: number;
}

/** What one compaction pass did. */
export interface CompactionReport {
  buckets: number;
  deletedKeys: number;
}

/** Compact the settled buckets of one series that are spread over more than one key. */
export function compactSeries(store: KeyValueStore, device: string, name: string, options: CompactionOptions, keys = store.getKeys()): CompactionReport {
  const report: CompactionReport = { buckets: 0, deletedKeys: 0 };
  const settledBefore = options.nowMs / 1000 - SETTLE_SECONDS;
  const commits: CommitCache = new Map();
  const candidates = [...seriesSources(keys, device, name).values()]
    .filter((b) => (b.bucket + 1) * BUCKET_SECONDS <= settledBefore && b.chunks.length + b.compactions.length > 1)
    .sort((a, b) => a.bucket - b.bucket)
    .slice(0, options.maxBuckets);
  for (const sources of candidates) {
    const loaded = loadBucket(store, sources, commits);
    if (loaded.stale) continue; // another compactor is at work here
    const value: CompactionValue = { units: Object.fromEntries(loaded.units) };
    if (loaded.unit !== undefined) {
      value.u = loaded.unit;
      value.ut = loaded.unitTime;
    }
    const bytes = encodeValue(value);
    if (bytes.length > MAX_VALUE_BYTES) continue; // a dense bucket stays in chunks rather than exceed the value budget
    const abandoned = loaded.uncommitted.filter((c) => options.nowMs - nonceStartedMs(c.address.nonce) > ABANDONED_AFTER_MS);
    store.set(compactionKey({ device, name, bucket: sources.bucket, id: newNonce(options.nowMs) }), bytes);
    for (const key of [...loaded.mergedKeys, ...abandoned.map((c) => c.key)]) {
      store.delete(key);
      report.deletedKeys += 1;
    }
    report.buckets += 1;
  }
  return report;
}
