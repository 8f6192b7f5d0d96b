import { describe, expect, it } from 'vitest';
import { createMemoryStore, getJson, setJson, toKeyValueError, KeyValueError } from './index.ts';

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

describe('toKeyValueError', () => {
  it('maps_wit_error_payloads_to_tags', () => {
    expect(toKeyValueError({ payload: { tag: 'access-denied' } }).tag).toBe('access-denied');
    const other = toKeyValueError({ payload: { tag: 'other', val: 'disk full' } });
    expect(other.tag).toBe('other');
    expect(other.message).toContain('disk full');
    expect(toKeyValueError(new Error('boom'))).toBeInstanceOf(KeyValueError);
  });
});
