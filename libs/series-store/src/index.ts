// Series storage on Spin key-value: immutable chunk keys per batch, a commit
// key per batch, compaction on read, and queries. Layout: see README.md.
export { BUCKET_SECONDS, MAX_SERIES_NAME_LENGTH, bucketOf, randomBatchId, parseChunkKey, parseCompactionKey, parseCommitKey } from './keys.ts';
export { MAX_VALUE_BYTES } from './codec.ts';
export { IdempotencyConflict } from './model.ts';
export type { SeriesPoint, CommitValue, BatchToWrite } from './model.ts';
export { writeBatch, findCommittedBatch } from './write.ts';
export type { WriteOutcome } from './write.ts';
export { readSeries, parseCursor } from './query.ts';
export type { SeriesQuery, SeriesPage } from './query.ts';
export { downsample, AGGREGATIONS } from './downsample.ts';
export type { Aggregation } from './downsample.ts';
export { compactSeries, SETTLE_SECONDS, ABANDONED_AFTER_MS } from './compact.ts';
export type { CompactionOptions, CompactionReport } from './compact.ts';
export { latestForDevice, deviceActivity } from './devices-view.ts';
export type { LatestPoint, DeviceActivity } from './devices-view.ts';
export { ingestStats, recordRefusal, refusalKey } from './ingest-stats.ts';
export type { IngestStats } from './ingest-stats.ts';
export { REFUSAL_REASONS, refusalReason, refusedRecordCount } from './refusal-reasons.ts';
export type { RefusalReason, RefusalProblem } from './refusal-reasons.ts';
