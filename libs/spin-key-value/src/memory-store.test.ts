import { describe, expect, it } from 'vitest';
import { createMemoryStore, decodeCounter, encodeCounter, getJson, setJson, toKeyValueError, KeyValueError } from './index.ts';

describe('memory store', () => {
  it('round_trips_json_values_and_reports_absent_keys', () => {
    const store = createMemoryStore();
    expect(getJson(store, 'missing')).toBeUndefined();
    setJson(store, 'a', { n: 1 });
    expect(getJson(store, 'a')).toEqual({ n: 1 });
    expect(store.exists('a')).toBe(true);
    store.delete('a');
    expect(store.exists('a')).toBe(false);
  });

  it('copies_values_so_callers_cannot_mutate_stored_bytes', () => {
    const store = createMemoryStore();
    const bytes = new Uint8Array([1, 2, 3]);
    store.set('k', bytes);
    bytes[0] = 9;
    expect([...store.get('k')!]).toEqual([1, 2, 3]);
  });
});

describe('memory store increment', () => {
  it('counts_from_zero_and_returns_each_new_value', () => {
    const store = createMemoryStore();
    expect(store.increment('c', 1)).toBe(1);
    expect(store.increment('c', 1)).toBe(2);
    expect(store.increment('c', 5)).toBe(7);
    expect(store.increment('other', 0)).toBe(0);
  });

  it('applies_negative_deltas', () => {
    const store = createMemoryStore();
    expect(store.increment('c', -3)).toBe(-3);
    expect(store.increment('c', 10)).toBe(7);
  });

  it('stores_counters_as_spin_does_i64_little_endian', () => {
    const store = createMemoryStore();
    store.increment('c', 258);
    expect([...store.get('c')!]).toEqual([2, 1, 0, 0, 0, 0, 0, 0]);
    store.increment('n', -1);
    expect([...store.get('n')!]).toEqual([255, 255, 255, 255, 255, 255, 255, 255]);
    expect(decodeCounter('n', store.get('n'))).toBe(-1);
    expect(encodeCounter(258)).toEqual(store.get('c'));
  });

  it('refuses_to_count_on_a_value_that_is_not_a_counter', () => {
    const store = createMemoryStore();
    setJson(store, 'j', { n: 1 });
    expect(() => store.increment('j', 1)).toThrow(KeyValueError);
  });
});

describe('toKeyValueError', () => {
  it('maps_wit_error_payloads_to_tags', () => {
    expect(toKeyValueError({ payload: { tag: 'access-denied' } }).tag).toBe('access-denied');
    const other = toKeyValueError({ payload: { tag: 'other', val: 'disk full' } });
    expect(other.tag).toBe('other');
    expect(other.message).toContain('disk full');
    expect(toKeyValueError(new Error('boom'))).toBeInstanceOf(KeyValueError);
  });
});
