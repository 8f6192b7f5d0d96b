// The wasi:keyvalue host imports called directly, as jco's glue calls them, for
// what a componentize-js guest cannot reach: no-such-store (start-up refuses
// declared labels without a backend), negative s64 deltas (ComponentizeJS#343),
// a swap whose handle never read the value; plus the SQLite and memory backends'
// atomics against each other.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyValueBackend } from '../src/factors/key-value/backends/backend.ts';
import { createMemoryBackend } from '../src/factors/key-value/backends/memory.ts';
import { closeSqliteBackends, openSqliteBackend } from '../src/factors/key-value/backends/sqlite.ts';
import type { WorkerKv } from '../src/factors/key-value/host.worker.ts';
import { wasiKeyValueImports } from '../src/factors/key-value/wasi-keyvalue.worker.ts';
import { tempDir } from './support/fixture.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** The imports one component sees, with `default` on `backend`, and `ghost` declared but unknown. */
function importsOver(backend: KeyValueBackend) {
  const kv: WorkerKv = {
    state: { stores: { default: { type: 'memory' } }, access: { probe: ['default', 'ghost'] } },
    backend: () => backend,
  };
  const imports = wasiKeyValueImports(kv, new Set(kv.state.access.probe), 'probe') as Record<string, any>;
  return { store: imports['wasi:keyvalue/store'], atomics: imports['wasi:keyvalue/atomics'] };
}

const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { payload: unknown }).payload;
  }
  throw new Error('expected a WIT error');
};

afterAll(() => closeSqliteBackends());

const backends: [string, () => KeyValueBackend][] = [
  ['memory', createMemoryBackend],
  ['sqlite', () => openSqliteBackend(path.join(tempDir('runner-wasi-kv-'), 'kv.db'), 'default')],
];

describe.each(backends)('wasi:keyvalue host on %s', (_, create) => {
  it('answers_no_such_store_for_a_declared_label_the_host_does_not_know_and_access_denied_first', () => {
    const { store } = importsOver(create());
    expect(thrown(() => store.open('ghost'))).toEqual({ tag: 'no-such-store' });
    expect(thrown(() => store.open('undeclared'))).toEqual({ tag: 'access-denied' });
  });

  it('increments_by_negative_deltas_and_wraps_at_64_bits', () => {
    const { store, atomics } = importsOver(create());
    const bucket = store.open('default');
    expect(atomics.increment(bucket, 'n', 1n)).toBe(1n);
    expect(atomics.increment(bucket, 'n', -5n)).toBe(-4n);
    expect(bucket.get('n')).toEqual(Uint8Array.from([0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
    atomics.increment(bucket, 'max', 2n ** 63n - 1n);
    expect(atomics.increment(bucket, 'max', 1n)).toBe(-(2n ** 63n));
  });

  it('upserts_when_the_handle_never_read_the_value_as_spin_s_sqlite_provider_does', () => {
    const { store, atomics } = importsOver(create());
    const bucket = store.open('default');
    bucket.set('k', bytes('theirs'));
    atomics.swap(atomics.Cas.new(bucket, 'k'), bytes('mine'));
    expect(bucket.get('k')).toEqual(bytes('mine'));
  });

  it('hands_back_a_handle_that_has_read_the_new_value_on_cas_failed', () => {
    const { store, atomics } = importsOver(create());
    const bucket = store.open('default');
    bucket.set('k', bytes('v1'));
    const cas = atomics.Cas.new(bucket, 'k');
    expect(cas.current()).toEqual(bytes('v1'));
    bucket.set('k', bytes('v2'));
    const failure = thrown(() => atomics.swap(cas, bytes('mine'))) as { tag: string; val: any };
    expect(failure.tag).toBe('cas-failed');
    expect(failure.val).toBeInstanceOf(atomics.Cas);
    expect(failure.val.expected).toEqual(bytes('v2'));
    atomics.swap(failure.val, bytes('mine'));
    expect(bucket.get('k')).toEqual(bytes('mine'));
  });

  it('refuses_a_list_keys_cursor_and_lists_everything_without_one', () => {
    const { store } = importsOver(create());
    const bucket = store.open('default');
    bucket.set('a', bytes('1'));
    expect(bucket.listKeys(undefined)).toEqual({ keys: ['a'], cursor: undefined });
    expect(thrown(() => bucket.listKeys('a'))).toEqual({ tag: 'other', val: 'list_keys: cursor not supported' });
  });

  it('answers_other_for_a_value_that_is_not_an_8_byte_counter', () => {
    const { store, atomics } = importsOver(create());
    const bucket = store.open('default');
    bucket.set('text', bytes('abc'));
    expect(thrown(() => atomics.increment(bucket, 'text', 1n))).toMatchObject({ tag: 'other' });
    expect(bucket.get('text')).toEqual(bytes('abc'));
  });
});
