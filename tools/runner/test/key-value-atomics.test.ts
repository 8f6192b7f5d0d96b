// wasi:keyvalue@0.2.0-draft2 (store + atomics) through real wasm on every
// backend, with Spin 3's semantics: the same labels and access rules as
// fermyon:spin/key-value, increment as an atomic i64 counter (8 bytes
// little-endian on SQLite and memory, decimal text on Redis as Spin's Redis
// provider stores it), and compare-and-swap with a fresh handle on cas-failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, freshStateDir, probeManifest, writeManifest } from './support/fixture.ts';
import { redisAvailable } from './support/redis.ts';
import { fixtureAppOnRedis } from './support/redis-app.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

interface Target {
  url(): string;
  /** How the backend stores a counter: Spin's SQLite layout, or Redis INCRBY text. */
  counterFormat: 'le-bytes' | 'decimal';
}

const wkv = (target: Target, op: string, params: Record<string, string>, init?: RequestInit) =>
  fetch(`${target.url()}/wkv/${op}?${new URLSearchParams({ store: 'default', ...params })}`, init);

const incrementBy = async (target: Target, key: string, delta: number | string) => {
  const response = await wkv(target, 'increment', { key, delta: String(delta) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { value: string }).value;
};

const le = (value: bigint) => {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return bytes;
};

/** The shared wasi:keyvalue cases, registered inside the caller's describe(). */
function atomicsCases(target: Target, prefix: string): void {
  it('refuses_an_undeclared_label_with_access_denied', async () => {
    const response = await wkv(target, 'open', { store: 'undeclared' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ tag: 'access-denied' });
  });

  it('serves_get_set_exists_delete_and_list_keys_on_the_same_data_as_fermyon_kv', async () => {
    expect((await wkv(target, 'set', { key: `${prefix}wkv-a` }, { method: 'PUT', body: 'alpha' })).status).toBe(200);
    expect(await (await wkv(target, 'get', { key: `${prefix}wkv-a` })).text()).toBe('alpha');
    expect(await (await fetch(`${target.url()}/kv/get?store=default&key=${prefix}wkv-a`)).text()).toBe('alpha');
    expect(await (await wkv(target, 'exists', { key: `${prefix}wkv-a` })).json()).toEqual({ exists: true });
    const listed = (await (await wkv(target, 'keys', {})).json()) as { keys: string[]; cursor: string | null };
    expect(listed.keys).toContain(`${prefix}wkv-a`);
    expect(listed.cursor).toBeNull();
    expect((await wkv(target, 'delete', { key: `${prefix}wkv-a` })).status).toBe(200);
    expect((await wkv(target, 'get', { key: `${prefix}wkv-a` })).status).toBe(404);
  });

  it('answers_a_list_keys_cursor_with_other_as_spin_does', async () => {
    const response = await wkv(target, 'keys', { cursor: 'next' });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ tag: 'other', detail: 'list_keys: cursor not supported' });
  });

  it('increments_from_absent_as_zero_and_keeps_64_bit_precision', async () => {
    expect(await incrementBy(target, `${prefix}ctr`, 1)).toBe('1');
    expect(await incrementBy(target, `${prefix}ctr`, 2)).toBe('3');
    expect(await incrementBy(target, `${prefix}ctr-big`, '9007199254740993')).toBe('9007199254740993');
  });

  it('returns_negative_counters_to_the_guest', async () => {
    // Negative deltas cannot leave a componentize-js guest (ComponentizeJS#343, see the
    // probe); they are covered in key-value-wasi-host.test.ts. A negative stored counter
    // still checks the s64 result path through wasm.
    const negative = target.counterFormat === 'le-bytes' ? le(-10n) : new TextEncoder().encode('-10');
    await wkv(target, 'set', { key: `${prefix}neg` }, { method: 'PUT', body: negative });
    expect(await incrementBy(target, `${prefix}neg`, 3)).toBe('-7');
  });

  it('answers_other_when_the_value_is_not_a_counter', async () => {
    await wkv(target, 'set', { key: `${prefix}not-a-counter` }, { method: 'PUT', body: 'abc' });
    const response = await wkv(target, 'increment', { key: `${prefix}not-a-counter`, delta: '1' });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ tag: 'other' });
  });

  it('stores_the_counter_in_the_backend_s_spin_format_readable_through_fermyon_kv', async () => {
    await incrementBy(target, `${prefix}fmt`, 258);
    const bytes = new Uint8Array(await (await fetch(`${target.url()}/kv/get?store=default&key=${prefix}fmt`)).arrayBuffer());
    expect(bytes).toEqual(target.counterFormat === 'le-bytes' ? le(258n) : new TextEncoder().encode('258'));
  });

  it('sums_parallel_increments_from_both_workers_exactly', async () => {
    const values = await Promise.all(Array.from({ length: 64 }, () => incrementBy(target, `${prefix}race`, 1)));
    expect(new Set(values).size).toBe(64);
    expect(values.map(Number).sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(await incrementBy(target, `${prefix}race`, 0)).toBe('64');
  });

  it('swaps_when_the_value_is_unchanged_since_current', async () => {
    await wkv(target, 'set', { key: `${prefix}cas` }, { method: 'PUT', body: 'v1' });
    const response = await wkv(target, 'cas', { key: `${prefix}cas`, value: 'v2' });
    expect(await response.json()).toEqual({ swapped: true, read: 'v1' });
    expect(await (await wkv(target, 'get', { key: `${prefix}cas` })).text()).toBe('v2');
  });

  it('fails_with_cas_failed_and_a_fresh_handle_when_the_value_changed', async () => {
    await wkv(target, 'set', { key: `${prefix}cas-race` }, { method: 'PUT', body: 'v1' });
    const response = await wkv(target, 'cas', { key: `${prefix}cas-race`, value: 'mine', interfere: 'theirs' });
    expect(response.status).toBe(409);
    // The handle cas-failed hands back has read the new value, and swapping it succeeds.
    expect(await response.json()).toEqual({ swapped: false, tag: 'cas-failed', read: 'v1', retryRead: 'theirs', retried: true });
    expect(await (await wkv(target, 'get', { key: `${prefix}cas-race` })).text()).toBe('mine');
  });

  it('swaps_an_absent_key_that_is_still_absent', async () => {
    const response = await wkv(target, 'cas', { key: `${prefix}cas-new`, value: 'first' });
    expect(await response.json()).toEqual({ swapped: true, read: null });
    expect(await (await wkv(target, 'get', { key: `${prefix}cas-new` })).text()).toBe('first');
  });
}

describe('wasi:keyvalue on SQLite (default store)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), keyValue: undefined });
  });
  afterAll(() => app?.close());

  atomicsCases({ url: () => app.url, counterFormat: 'le-bytes' }, 'sqlite-');

  it('upserts_when_current_was_absent_even_if_the_key_appeared_as_spin_s_sqlite_provider_does', async () => {
    // Known Spin behaviour: with nothing read, the SQLite swap is an upsert and always succeeds.
    const response = await wkv({ url: () => app.url, counterFormat: 'le-bytes' }, 'cas', { key: 'sqlite-upsert', value: 'mine', interfere: 'theirs' });
    expect(await response.json()).toEqual({ swapped: true, read: null });
  });
});

describe('wasi:keyvalue on memory (test harness default)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir() });
  });
  afterAll(() => app?.close());

  atomicsCases({ url: () => app.url, counterFormat: 'le-bytes' }, 'memory-');
});

describe.skipIf(!redisAvailable)('wasi:keyvalue on Redis (runtime config)', () => {
  const { app } = fixtureAppOnRedis();

  atomicsCases({ url: () => app().url, counterFormat: 'decimal' }, 'redis-');

  it('fails_an_absent_expected_swap_once_the_key_exists', async () => {
    const response = await wkv({ url: () => app().url, counterFormat: 'decimal' }, 'cas', { key: 'redis-appeared', value: 'mine', interfere: 'theirs' });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ tag: 'cas-failed', read: null, retryRead: 'theirs' });
  });
});

describe('wasi:keyvalue store labels', () => {
  it('checks_access_before_existence_for_an_unknown_label', async () => {
    // Start-up refuses a declared label without a backend, so through wasm an unknown label
    // is access-denied (Spin's host.rs checks access first); no-such-store is covered in
    // key-value-wasi-host.test.ts.
    const app = await startTestApp({ from: writeManifest(probeManifest({ component: 'key_value_stores = ["default"]' })), stateDir: freshStateDir() });
    try {
      const response = await fetch(`${app.url}/wkv/open?store=nowhere`);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ tag: 'access-denied' });
    } finally {
      await app.close();
    }
  });

  it('denies_a_component_that_declared_no_stores', async () => {
    const app = await startTestApp({ from: writeManifest(probeManifest()), stateDir: freshStateDir() });
    try {
      const response = await fetch(`${app.url}/wkv/increment?store=default&key=k`);
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ tag: 'access-denied' });
    } finally {
      await app.close();
    }
  });
});
