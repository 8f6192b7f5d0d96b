import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import { permissiveLimits, resolveReadings, resolveSenmlRecords, SenmlError, type RecordLimits } from '@edgewatch/senml';
import { ingestStats, recordRefusal, refusalReason, refusedRecordCount, writeBatch, REFUSAL_REASONS } from './index.ts';
import { rec, tracingStore } from './test-helpers.ts';

const T0 = 1_800_000_000;
const NOW_MS = (T0 + 60) * 1000;

/** The detail ingest puts in an invalid-record problem, from a real senml error. */
function invalidRecordDetail(resolve: () => unknown): string {
  try {
    resolve();
  } catch (error) {
    if (error instanceof SenmlError) return error.message;
    throw error;
  }
  throw new Error('expected a SenmlError');
}

describe('refusalReason', () => {
  const limits: RecordLimits = { ...permissiveLimits(T0), maxRecords: 2, maxFutureSeconds: 60, maxPastSeconds: 3600 };
  const invalid = (resolve: () => unknown) => refusalReason({ status: 400, type: 'invalid-record', detail: invalidRecordDetail(resolve) });

  it('classifies_invalid_records_by_the_limit_senml_reports', () => {
    expect(invalid(() => resolveSenmlRecords([{ n: 'd/a', v: 1 }, { n: 'd/b', v: 1 }, { n: 'd/c', v: 1 }], limits))).toBe('too-many-records');
    expect(invalid(() => resolveReadings([{ a: 1, b: 2, c: 3 }], limits))).toBe('too-many-records');
    expect(invalid(() => resolveSenmlRecords([{ n: 'd/a', v: 1, t: T0 + 600 }], limits))).toBe('timestamp-out-of-range');
    expect(invalid(() => resolveSenmlRecords([{ n: 'd/a', v: 1, t: T0 - 7200 }], limits))).toBe('timestamp-out-of-range');
    expect(invalid(() => resolveSenmlRecords([{ n: 'd/a', v: 'x' }], limits))).toBe('invalid-senml');
    expect(invalid(() => resolveSenmlRecords({ n: 'd/a' }, limits))).toBe('invalid-senml');
  });

  it('classifies_by_problem_type_then_status', () => {
    expect(refusalReason({ status: 400, type: 'invalid-record', detail: 'record 0 (v): must be a finite number, got Infinity' })).toBe('non-finite');
    expect(refusalReason({ status: 400, type: 'invalid-json' })).toBe('malformed');
    expect(refusalReason({ status: 400, type: 'invalid-cbor' })).toBe('malformed');
    expect(refusalReason({ status: 409, type: 'replayed-request' })).toBe('duplicate');
    expect(refusalReason({ status: 422, type: 'idempotency-key-reused' })).toBe('duplicate');
    expect(refusalReason({ status: 401, type: 'bad-signature' })).toBe('unauthorized');
    expect(refusalReason({ status: 401, type: 'unauthorized' })).toBe('unauthorized');
    expect(refusalReason({ status: 403, type: 'forbidden' })).toBe('forbidden');
    expect(refusalReason({ status: 413, type: 'body-too-large' })).toBe('body-too-large');
    expect(refusalReason({ status: 415, type: 'unsupported-media-type' })).toBe('unsupported-media-type');
    expect(refusalReason({ status: 500, type: 'internal' })).toBe('other');
  });
});

describe('refusedRecordCount', () => {
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  it('counts_what_decodes_and_one_otherwise', () => {
    expect(refusedRecordCount(bytes([{ n: 'a', v: 1 }, { n: 'b', v: 2 }, { n: 'c', v: 3 }]), 'application/senml+json')).toBe(3);
    expect(refusedRecordCount(bytes({ batch: 'x', readings: [{ t: 1 }, { t: 2 }] }), 'application/json')).toBe(2);
    expect(refusedRecordCount(new TextEncoder().encode('{nope'), 'application/json')).toBe(1);
    expect(refusedRecordCount(new Uint8Array([0xff, 0x00]), 'application/senml+cbor')).toBe(1);
    expect(refusedRecordCount(undefined, 'application/json')).toBe(1);
    // CBOR array of two maps: [{0: "a", 2: 1}, {0: "b", 2: 2}] (SenML labels n=0, v=2)
    expect(refusedRecordCount(new Uint8Array([0x82, 0xa2, 0x00, 0x61, 0x61, 0x02, 0x01, 0xa2, 0x00, 0x61, 0x62, 0x02, 0x02]), 'application/senml+cbor')).toBe(2);
  });
});

describe('ingestStats', () => {
  const write = (store: KeyValueStore, device: string, batch: string, points: number) =>
    writeBatch(store, { device, batch, bodyHash: `h-${batch}`, records: Array.from({ length: points }, (_, i) => rec(`${device}/t`, T0 + i, i)), nowMs: NOW_MS });

  it('derives_accepted_from_commits_and_sums_refusal_events', () => {
    const store = createMemoryStore();
    write(store, 'd1', 'b1', 3);
    write(store, 'd1', 'b2', 2);
    write(store, 'd2', 'b3', 4);
    write(store, 'd1', 'b1', 3); // a replay stores nothing new
    expect(recordRefusal(store, 'non-finite', 5, NOW_MS)).toBe(true);
    expect(recordRefusal(store, 'non-finite', 2, NOW_MS)).toBe(true); // same reason, same ms: its own key
    expect(recordRefusal(store, 'unauthorized', 1, NOW_MS + 1)).toBe(true);
    const stats = ingestStats(store);
    expect(stats.points.accepted).toBe(9);
    expect(stats.batches).toEqual({ accepted: 3, refused: 3 });
    expect(stats.points.refused).toEqual({ ...Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])), 'non-finite': 7, unauthorized: 1 });
  });

  it('writes_one_new_key_per_refusal_and_reads_nothing', () => {
    const { store, log } = tracingStore();
    recordRefusal(store, 'forbidden', 1, NOW_MS);
    recordRefusal(store, 'forbidden', 1, NOW_MS);
    expect(log.map((e) => e.op)).toEqual(['set', 'set']);
    expect(new Set(log.map((e) => e.key)).size).toBe(2);
    expect(log[0]!.key).toMatch(/^stats\|refused\|forbidden\|[0-9a-z]+-[0-9a-f]{8}$/);
  });

  it('never_throws_when_the_store_fails', () => {
    const failing: KeyValueStore = { ...createMemoryStore(), set: () => { throw new Error('disk full'); } };
    expect(recordRefusal(failing, 'other', 1, NOW_MS)).toBe(false);
  });

  it('skips_keys_deleted_after_the_listing', () => {
    const store = createMemoryStore();
    write(store, 'd1', 'b1', 2);
    recordRefusal(store, 'malformed', 1, NOW_MS);
    const keys = store.getKeys();
    for (const key of keys) store.delete(key);
    expect(ingestStats(store, keys).batches).toEqual({ accepted: 0, refused: 0 });
  });
});
