import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import { IdempotencyConflict, MAX_VALUE_BYTES, readSeries, writeBatch, BUCKET_SECONDS } from './index.ts';
import { rec, tracingStore } from './test-helpers.ts';

const T0 = 1_800_000_000;
const NOW_MS = (T0 + 60) * 1000;
const write = (store: KeyValueStore, batch: string, records: ReturnType<typeof rec>[], bodyHash = `h-${batch}`) =>
  writeBatch(store, { device: 'd1', batch, bodyHash, records, nowMs: NOW_MS });

describe('write then read', () => {
  it('reads_back_every_point_ascending_with_the_newest_unit', () => {
    const store = createMemoryStore();
    write(store, 'b2', [rec('d1/t', T0 + 5, 2, 'Cel'), rec('d1/t', T0 + BUCKET_SECONDS, 9, 'K')]);
    write(store, 'b1', [rec('d1/t', T0 + 1, 1, 'Cel'), rec('d1/h', T0 + 1, 50)]);
    const page = readSeries(store, { device: 'd1', name: 'd1/t', limit: 100 });
    expect(page).toEqual({ device: 'd1', name: 'd1/t', unit: 'K', points: [[T0 + 1, 1], [T0 + 5, 2], [T0 + BUCKET_SECONDS, 9]] });
    expect(readSeries(store, { device: 'd1', name: 'd1/t', from: T0 + 2, to: T0 + 5, limit: 100 }).points).toEqual([[T0 + 5, 2]]);
    expect(readSeries(store, { device: 'd2', name: 'd1/t', limit: 100 }).points).toEqual([]);
  });

  it('never_reads_or_overwrites_a_key_another_batch_wrote', () => {
    const { store, log } = tracingStore();
    write(store, 'a', [rec('d1/t', T0, 1), rec('d1/t', T0 + 1, 2)]);
    const writtenByA = new Set(log.filter((e) => e.op === 'set').map((e) => e.key));
    log.length = 0;
    write(store, 'b', [rec('d1/t', T0, 3), rec('d1/t', T0 + 1, 4)]);
    const touchedByB = log.filter((e) => e.key !== 'series|seen|d1');
    // B only checks its own commit key and writes keys of its own: nothing of A's is read or replaced.
    expect(touchedByB.filter((e) => writtenByA.has(e.key))).toEqual([]);
    expect(touchedByB.filter((e) => e.op === 'get').map((e) => e.key)).toEqual(['series|c|d1|b']);
  });

  it('stores_a_retried_batch_once_and_refuses_a_different_body_under_the_same_id', () => {
    const store = createMemoryStore();
    const first = write(store, 'idem', [rec('d1/t', T0, 1)]);
    const again = write(store, 'idem', [rec('d1/t', T0, 1)]);
    expect([first.replayed, again.replayed]).toEqual([false, true]);
    expect(again.commit).toEqual(first.commit);
    expect(readSeries(store, { device: 'd1', name: 'd1/t', limit: 10 }).points).toEqual([[T0, 1]]);
    expect(() => write(store, 'idem', [rec('d1/t', T0, 2)], 'other-hash')).toThrow(IdempotencyConflict);
  });

  it('hides_a_batch_whose_write_died_before_its_commit', () => {
    const store = createMemoryStore();
    const dying: KeyValueStore = { ...store, set: (key, value) => (key.startsWith('series|c|') ? (() => { throw new Error('instance killed'); })() : store.set(key, value)) };
    expect(() => write(dying, 'lost', [rec('d1/t', T0, 1)])).toThrow('instance killed');
    expect(store.getKeys().some((k) => k.startsWith('series|p|'))).toBe(true);
    expect(readSeries(store, { device: 'd1', name: 'd1/t', limit: 10 }).points).toEqual([]);
    // The client's retry completes the batch, and the dead attempt's chunks stay invisible.
    write(store, 'lost', [rec('d1/t', T0, 1)]);
    expect(readSeries(store, { device: 'd1', name: 'd1/t', limit: 10 }).points).toEqual([[T0, 1]]);
  });

  it('shows_only_the_committed_attempt_when_two_attempts_of_a_batch_raced', () => {
    const store = createMemoryStore();
    // Attempt A's chunks land, then attempt B (relative times resolved a second later) writes and commits.
    const hold: [string, Uint8Array][] = [];
    const slow: KeyValueStore = { ...store, set: (key, value) => void hold.push([key, value]) };
    write(slow, 'r', [rec('d1/t', T0, 1)]);
    for (const [key, value] of hold) if (!key.startsWith('series|c|')) store.set(key, value);
    write(store, 'r', [rec('d1/t', T0 + 1, 1)]);
    expect(readSeries(store, { device: 'd1', name: 'd1/t', limit: 10 }).points).toEqual([[T0 + 1, 1]]);
  });

  it('splits_large_chunks_so_no_value_exceeds_the_budget', () => {
    const { store, inner } = tracingStore();
    const records = Array.from({ length: 300 }, (_, i) => ({ n: 'd1/log', t: T0 + i, value: { kind: 'vs' as const, value: 'x'.repeat(2000) } }));
    write(store, 'big', records);
    const sizes = inner.getKeys().map((k) => inner.get(k)!.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    expect(inner.getKeys().filter((k) => k.startsWith('series|p|')).length).toBeGreaterThan(1);
    expect(readSeries(store, { device: 'd1', name: 'd1/log', limit: 1000 }).points.map((p) => p[0])).toEqual(records.map((r) => r.t));
  });
});

describe('paging', () => {
  it('returns_every_point_exactly_once_across_pages_even_with_equal_times', () => {
    const store = createMemoryStore();
    const times = [0, 1, 1, 1, 1, 2, 3, 3, BUCKET_SECONDS, BUCKET_SECONDS, BUCKET_SECONDS + 1];
    times.forEach((dt, i) => write(store, `b${i}`, [rec('d1/t', T0 + dt, i)]));
    for (const limit of [1, 2, 3, 5, 100]) {
      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = readSeries(store, { device: 'd1', name: 'd1/t', limit, cursor });
        seen.push(...page.points.map((p) => p[1] as number));
        cursor = page.next;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen.sort((a, b) => a - b), `limit ${limit}`).toEqual(times.map((_, i) => i));
    }
  });

  it('refuses_a_cursor_it_did_not_issue', () => {
    expect(() => readSeries(createMemoryStore(), { device: 'd1', name: 'x', limit: 1, cursor: 'nope' })).toThrow(RangeError);
  });
});
