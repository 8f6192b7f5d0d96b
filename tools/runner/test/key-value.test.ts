// fermyon:spin/key-value through real wasm on every backend: the shared cases
// on the default SQLite file, on a real redis-server and on memory; label
// access rules; a non-default label from runtime config; the SQLite file
// layout real Spin uses; and no lost writes under many parallel clients.
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, freshStateDir, probeManifest, redisDefaultStore, runtimeConfig, writeManifest } from './support/fixture.ts';
import { keyValueCases } from './support/kv-cases.ts';
import { redisAvailable } from './support/redis.ts';
import { fixtureAppOnRedis } from './support/redis-app.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('SQLite backend (default store)', () => {
  let app: App;
  const stateDir = freshStateDir();
  beforeAll(async () => {
    app = await startTestApp({ from: FIXTURE_DIR, stateDir, keyValue: undefined });
  });
  afterAll(() => app?.close());

  keyValueCases({ url: () => app.url, store: 'default' }, 'sqlite-');

  it('writes_spin_s_table_layout_in_the_state_dir', async () => {
    await fetch(`${app.url}/kv/set?store=default&key=layout`, { method: 'PUT', body: 'v' });
    const db = new DatabaseSync(path.join(stateDir, 'sqlite_key_value.db'));
    try {
      const columns = (db.prepare('PRAGMA table_info(spin_key_value)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).toEqual(['store', 'key', 'value']);
      const row = db.prepare('SELECT store, key, value FROM spin_key_value WHERE key = ?').get('layout') as { store: string; value: Uint8Array };
      expect(row.store).toBe('default');
      expect(new TextDecoder().decode(row.value)).toBe('v');
    } finally {
      db.close();
    }
  });

  it('reads_rows_written_directly_into_the_file_as_spin_would', async () => {
    const db = new DatabaseSync(path.join(stateDir, 'sqlite_key_value.db'), { timeout: 5000 });
    try {
      db.prepare('INSERT OR REPLACE INTO spin_key_value (store, key, value) VALUES (?, ?, ?)').run('default', 'from-spin', new TextEncoder().encode('written by spin'));
      db.prepare('INSERT OR REPLACE INTO spin_key_value (store, key, value) VALUES (?, ?, ?)').run('other-label', 'from-spin', new TextEncoder().encode('other store'));
    } finally {
      db.close();
    }
    expect(await (await fetch(`${app.url}/kv/get?store=default&key=from-spin`)).text()).toBe('written by spin');
  });

  it('loses_no_writes_under_many_parallel_clients', async () => {
    const clients = 32;
    const perClient = 20;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) {
          const response = await fetch(`${app.url}/kv/set?store=default&key=par-${c}-${i}`, { method: 'PUT', body: `${c}:${i}` });
          expect(response.status).toBe(200);
        }
      }),
    );
    const listed = ((await (await fetch(`${app.url}/kv/keys?store=default`)).json()) as { keys: string[] }).keys.filter((k) => k.startsWith('par-'));
    expect(listed).toHaveLength(clients * perClient);
    for (let c = 0; c < clients; c += 7) {
      for (let i = 0; i < perClient; i += 3) {
        expect(await (await fetch(`${app.url}/kv/get?store=default&key=par-${c}-${i}`)).text()).toBe(`${c}:${i}`);
      }
    }
  });
});

describe.skipIf(!redisAvailable)('Redis backend (runtime config)', () => {
  const { app, redisUrl } = fixtureAppOnRedis();

  keyValueCases({ url: () => app().url, store: 'default' }, 'redis-');

  it('stores_keys_in_redis_not_in_the_sqlite_file', async () => {
    await fetch(`${app().url}/kv/set?store=default&key=where`, { method: 'PUT', body: 'redis' });
    // A second app on the same server sees it: the data lives in Redis.
    const file = redisDefaultStore(redisUrl());
    const second = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), keyValue: undefined, runtimeConfigFile: file });
    try {
      expect(await (await fetch(`${second.url}/kv/get?store=default&key=where`)).text()).toBe('redis');
    } finally {
      await second.close();
    }
  });
});

describe('memory backend (test harness default)', () => {
  let app: App;
  beforeAll(async () => {
    app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir() });
  });
  afterAll(() => app?.close());

  keyValueCases({ url: () => app.url, store: 'default' }, 'memory-');
});

describe('store labels', () => {
  it('serves_a_non_default_label_from_runtime_config_and_keeps_labels_apart', async () => {
    const state = freshStateDir();
    const file = runtimeConfig(`[key_value_store.cache]\ntype = "spin"\npath = "cache.db"\n`);
    const dir = writeManifest(probeManifest({ component: 'key_value_stores = ["default", "cache"]' }));
    const app = await startTestApp({ from: dir, stateDir: state, keyValue: undefined, runtimeConfigFile: file });
    try {
      await fetch(`${app.url}/kv/set?store=cache&key=k`, { method: 'PUT', body: 'in cache' });
      await fetch(`${app.url}/kv/set?store=default&key=k`, { method: 'PUT', body: 'in default' });
      expect(await (await fetch(`${app.url}/kv/get?store=cache&key=k`)).text()).toBe('in cache');
      expect(await (await fetch(`${app.url}/kv/get?store=default&key=k`)).text()).toBe('in default');
      // The runtime config's path is relative to the runtime-config file, as in Spin.
      const db = new DatabaseSync(path.join(path.dirname(file), 'cache.db'));
      try {
        expect(db.prepare('SELECT store, key FROM spin_key_value').all()).toEqual([{ store: 'cache', key: 'k' }]);
      } finally {
        db.close();
      }
    } finally {
      await app.close();
    }
  });

  it('denies_a_component_a_label_it_did_not_declare_even_when_another_component_did', async () => {
    // backend declares no stores; probe declares default. Chaining asks backend to open default.
    const app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir() });
    try {
      const target = encodeURIComponent('http://backend.spin.internal/kv/get?store=default&key=x');
      const outer = (await (await fetch(`${app.url}/fetch?url=${target}`)).json()) as { status: number; body: string };
      expect(outer.status).toBe(403);
      expect(JSON.parse(outer.body)).toMatchObject({ tag: 'access-denied' });
    } finally {
      await app.close();
    }
  });
});
