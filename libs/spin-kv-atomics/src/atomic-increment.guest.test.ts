import { describe, expect, it, vi } from 'vitest';
import { createMemoryStore, KeyValueError } from '@edgewatch/spin-key-value';

// The host side of wasi:keyvalue as componentize-js presents it: s64 as BigInt, `err` thrown with a `payload`.
const host = vi.hoisted(() => ({ opened: [] as string[], counters: new Map<string, bigint>(), fail: undefined as unknown }));
vi.mock('wasi:keyvalue/store@0.2.0-draft2', () => ({
  open: (label: string) => {
    if (host.fail) throw host.fail;
    host.opened.push(label);
    return { label };
  },
}));
vi.mock('wasi:keyvalue/atomics@0.2.0-draft2', () => ({
  increment: (_bucket: unknown, key: string, delta: bigint) => {
    if (typeof delta !== 'bigint') throw new TypeError('s64 must cross as BigInt');
    const value = (host.counters.get(key) ?? 0n) + delta;
    host.counters.set(key, value);
    return value;
  },
}));

const { withAtomicIncrement } = await import('./atomic-increment.guest.ts');

describe('withAtomicIncrement', () => {
  it('opens_the_bucket_on_first_increment_only_and_returns_numbers', () => {
    host.opened.length = 0;
    const store = withAtomicIncrement(createMemoryStore('default'), 'default');
    expect(host.opened).toEqual([]);
    expect(store.increment!('c', 1)).toBe(1);
    expect(store.increment!('c', -3)).toBe(-2);
    expect(host.opened).toEqual(['default']);
  });

  it('passes_other_operations_to_the_wrapped_store', () => {
    const inner = createMemoryStore('default');
    const store = withAtomicIncrement(inner, 'default');
    store.set('k', new Uint8Array([1]));
    expect(inner.exists('k')).toBe(true);
    expect(store.getKeys()).toEqual(['k']);
  });

  it('maps_wit_errors_to_key_value_errors', () => {
    host.fail = { payload: { tag: 'access-denied' } };
    const store = withAtomicIncrement(createMemoryStore('secret'), 'secret');
    expect(() => store.increment!('c', 1)).toThrow(KeyValueError);
    try {
      store.increment!('c', 1);
    } catch (error) {
      expect((error as KeyValueError).tag).toBe('access-denied');
    }
    host.fail = undefined;
  });
});
