// The write path: one batch becomes immutable chunk keys (one per series, bucket
// and part) followed by one commit key. No key is ever read-modified-written, so
// concurrent writers, each in its own Spin instance, cannot clobber each other.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { bucketOf, chunkKey, commitKey, newNonce, seenKey } from './keys.ts';
import { encodeValue, MAX_VALUE_BYTES, readValue } from './codec.ts';
import { IdempotencyConflict, type BatchToWrite, type ChunkValue, type CommitValue, type SeriesPoint } from './model.ts';

/** What happened to a batch: stored now, or found already stored by an earlier attempt. */
export interface WriteOutcome {
  batch: string;
  replayed: boolean;
  commit: CommitValue;
}

/** One batch's points of one series in one bucket: becomes one chunk (or a few parts). */
interface PointGroup {
  name: string;
  bucket: number;
  unit?: string;
  points: SeriesPoint[];
}

/** Split one chunk's points into values that each stay under MAX_VALUE_BYTES. */
function splitIntoParts(unit: string | undefined, points: SeriesPoint[]): Uint8Array[] {
  const whole = encodeValue({ ...(unit === undefined ? {} : { u: unit }), p: points } satisfies ChunkValue);
  if (whole.length <= MAX_VALUE_BYTES || points.length === 1) return [whole];
  const half = Math.ceil(points.length / 2);
  return [...splitIntoParts(unit, points.slice(0, half)), ...splitIntoParts(unit, points.slice(half))];
}

/** Look up an earlier attempt of `batch`; throws IdempotencyConflict when its body differs. */
export function findCommittedBatch(store: KeyValueStore, device: string, batch: string, bodyHash: string): CommitValue | undefined {
  const commit = readValue<CommitValue>(store, commitKey(device, batch));
  if (commit && commit.bodyHash !== bodyHash) throw new IdempotencyConflict(batch);
  return commit;
}

/**
 * Store a batch durably. Chunks go first and the commit last, so a crash midway
 * leaves only uncommitted chunks that readers ignore; a retry writes the batch again.
 */
export function writeBatch(store: KeyValueStore, input: BatchToWrite): WriteOutcome {
  const earlier = findCommittedBatch(store, input.device, input.batch, input.bodyHash);
  if (earlier) return { batch: input.batch, replayed: true, commit: earlier };

  // One chunk per (series, bucket). This loop runs per record in the guest's interpreter:
  // the common case (same series, same hour as that series' previous record) costs one
  // Map lookup and no string building; a new (series, bucket) pair takes the keyed path.
  const groups = new Map<string, PointGroup>();
  const latestOfName = new Map<string, PointGroup>();
  const records = input.records;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const t = record.t;
    const bucket = bucketOf(t);
    let group = latestOfName.get(record.n);
    if (group === undefined || group.bucket !== bucket) {
      const id = `${record.n}|${bucket}`;
      group = groups.get(id);
      if (!group) groups.set(id, (group = { name: record.n, bucket, points: [] }));
      latestOfName.set(record.n, group);
    }
    // The newest record's unit wins, matching what a reader shows for the series.
    if (record.u !== undefined) group.unit = record.u;
    // Inline toPoint (model.ts): [t, value or null, sum when given].
    const value = record.value === undefined ? null : record.value.value;
    group.points.push(record.s === undefined ? [t, value] : [t, value, record.s]);
  }

  const nonce = newNonce(input.nowMs);
  for (const group of groups.values()) {
    splitIntoParts(group.unit, group.points).forEach((value, part) => {
      store.set(chunkKey({ device: input.device, name: group.name, bucket: group.bucket, batch: input.batch, nonce, part }), value);
    });
  }
  const commit: CommitValue = {
    nonce,
    at: input.nowMs / 1000,
    points: input.records.length,
    series: latestOfName.size,
    bodyHash: input.bodyHash,
    ...(input.derived ? { derived: true as const } : {}),
  };
  store.set(commitKey(input.device, input.batch), encodeValue(commit));
  if (input.derived) return { batch: input.batch, replayed: false, commit };
  // Last-seen is a blind overwrite: concurrent batches may order it either way, which is fine for "seen at".
  store.set(seenKey(input.device), encodeValue({ at: commit.at, batch: input.batch }));
  return { batch: input.batch, replayed: false, commit };
}
