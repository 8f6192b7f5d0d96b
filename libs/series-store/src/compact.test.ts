import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import { ABANDONED_AFTER_MS, BUCKET_SECONDS, compactSeries, readSeries, writeBatch } from './index.ts';
import { rec } from './test-helpers.ts';

const T0 = 1_800_000_000 - (1_800_000_000 % BUCKET_SECONDS);
const LATER_MS = (T0 + 3 * BUCKET_SECONDS) * 1000;
const read = (store: KeyValueStore) => readSeries(store, { device: 'd1', name: 'd1/t', limit: 1000 });

function seeded(batches = 5) {
  const store = createMemoryStore();
  for (let i = 0; i < batches; i++) writeBatch(store, { device: 'd1', batch: `b${i}`, bodyHash: 'h', records: [rec('d1/t', T0 + i, i, 'Cel')], nowMs: (T0 + i) * 1000 });
  return store;
}

describe('compaction', () => {
  it('merges_a_settled_bucket_into_one_key_without_changing_what_reads_return', () => {
    const store = seeded();
    const before = read(store);
    const report = compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS, maxBuckets: 4 });
    expect(report).toEqual({ buckets: 1, deletedKeys: 5 });
    expect(store.getKeys().filter((k) => k.startsWith('series|p|') || k.startsWith('series|k|'))).toHaveLength(1);
    expect(read(store)).toEqual(before);
  });

  it('leaves_the_current_bucket_alone', () => {
    const store = seeded();
    expect(compactSeries(store, 'd1', 'd1/t', { nowMs: (T0 + 10) * 1000, maxBuckets: 4 }).buckets).toBe(0);
  });

  it('never_double_counts_or_drops_points_when_compactions_overlap', () => {
    const store = seeded(3);
    // Two compactors list the keys before either deletes anything; one more batch lands between them.
    const listing = store.getKeys();
    writeBatch(store, { device: 'd1', batch: 'late', bodyHash: 'h', records: [rec('d1/t', T0 + 7, 7)], nowMs: LATER_MS });
    compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS, maxBuckets: 4 });
    compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS, maxBuckets: 4 }, listing);
    expect(read(store).points).toEqual([[T0, 0], [T0 + 1, 1], [T0 + 2, 2], [T0 + 7, 7]]);
    compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS, maxBuckets: 4 });
    expect(read(store).points).toEqual([[T0, 0], [T0 + 1, 1], [T0 + 2, 2], [T0 + 7, 7]]);
    expect(store.getKeys().filter((k) => k.startsWith('series|k|'))).toHaveLength(1);
  });

  it('deletes_uncommitted_chunks_only_once_their_writer_is_surely_gone', () => {
    const store = seeded(2);
    // A late batch whose instance died before its commit: its writer started 1 s before the compaction.
    const dying: KeyValueStore = { ...store, set: (key, value) => (key.startsWith('series|c|') ? undefined : store.set(key, value)) };
    writeBatch(dying, { device: 'd1', batch: 'dead', bodyHash: 'h', records: [rec('d1/t', T0 + 9, 9)], nowMs: LATER_MS - 1000 });
    const orphanKeys = () => store.getKeys().filter((k) => k.includes('|dead|'));
    expect(orphanKeys()).toHaveLength(1);
    compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS, maxBuckets: 4 });
    expect(orphanKeys(), 'a write still in flight must survive').toHaveLength(1);
    writeBatch(store, { device: 'd1', batch: 'more', bodyHash: 'h', records: [rec('d1/t', T0 + 3, 3)], nowMs: LATER_MS });
    compactSeries(store, 'd1', 'd1/t', { nowMs: LATER_MS + ABANDONED_AFTER_MS + 1000, maxBuckets: 4 });
    expect(orphanKeys()).toHaveLength(0);
    expect(read(store).points).toEqual([[T0, 0], [T0 + 1, 1], [T0 + 3, 3]]);
  });
});
