// `edgewatch kv` on a known store: series written by libs/series-store's own
// writer, a scoring state and an alert revision in the layouts their libs use,
// in the SQLite file Spin and the runner share and (where Debian's
// redis-server is installed) in Redis via a runtime config.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { closeSqliteBackends, defaultStoreFile, openRedisBackend, openSqliteBackend } from '@edgewatch/runner';
import { writeBatch } from '@edgewatch/series-store';
import { decodeKey } from '../src/key-layout.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REDIS_SERVER = '/usr/bin/redis-server';
const BATCH = '0123456789abcdef01234567';
const T0 = 1764410400; // 2025-11-29T10:00:00Z

const edgewatch = (args: string[]) => runCli(['kv', ...args]);

/** Scoring state bytes as libs/scoring's state-codec writes them: "EWS1", header length, JSON header, detector bytes. */
function scoringState(header: object, detectorBytes: number): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + detectorBytes);
  new DataView(out.buffer).setUint32(0, 0x45575331);
  new DataView(out.buffer).setUint32(4, json.length);
  out.set(json, 8);
  return out;
}

/** Write the known contents through any synchronous store. */
function writeKnownStore(store: { get(k: string): Uint8Array | undefined; set(k: string, v: Uint8Array): void; delete(k: string): void; exists(k: string): boolean; getKeys(): string[] }) {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  writeBatch(
    { label: 'default', ...store },
    {
      device: 'kv-d1',
      batch: BATCH,
      bodyHash: 'known',
      nowMs: (T0 + 120) * 1000,
      records: [
        { n: 'temperature', t: T0, u: 'Cel', value: { kind: 'v', value: 21.5 } },
        { n: 'temperature', t: T0 + 60, u: 'Cel', value: { kind: 'v', value: 23 } },
        { n: 'humidity', t: T0, value: { kind: 'v', value: 40 } },
      ],
    },
  );
  store.set('device|kv-d1', json({ id: 'kv-d1', tokenHash: 'x', createdAt: '2025-11-29T09:00:00Z' }));
  store.set('inference|state|kv-d1|temperature', scoringState({ detector: 'ensemble', engine: 'wasm', cursor: `${T0 + 60}` }, 96));
  store.set('alerting/alert/fp42/1', json({ claim: 'c1', value: { state: 'firing', labels: { alertname: 'HighTemperature', device: 'kv-d1' }, value: 85, at: Date.UTC(2025, 10, 29, 10, 2) } }));
  store.set('misc', json({ note: 'not ours' }));
}

/** Lines of `kv list` as [key, description] pairs. */
function listing(stdout: string): Map<string, string> {
  const lines = stdout.trimEnd().split('\n');
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 2) pairs.set(lines[i]!, lines[i + 1]!.trim());
  return pairs;
}

const chunkKeyOf = (keys: Iterable<string>, name: string) => [...keys].find((k) => k.startsWith(`series|p|kv-d1|${name}|`))!;

describe('edgewatch kv on the SQLite store', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-kv-'));
  beforeAll(() => {
    writeKnownStore(openSqliteBackend(defaultStoreFile(stateDir), 'default'));
    closeSqliteBackends();
  });

  it('lists_every_key_decoded_with_counts_by_kind', async () => {
    const result = await edgewatch(['list', '--state-dir', stateDir]);
    expect(result.code).toBe(0);
    const keys = listing(result.stdout);
    const hour = '2025-11-29T10h';
    expect(keys.get(chunkKeyOf(keys.keys(), 'temperature'))).toMatch(new RegExp(`^series chunk +device=kv-d1 series=temperature hour=${hour} batch=${BATCH} part=0$`));
    expect(keys.get(chunkKeyOf(keys.keys(), 'humidity'))).toMatch(/^series chunk +device=kv-d1 series=humidity /);
    expect(keys.get(`series|c|kv-d1|${BATCH}`)).toMatch(new RegExp(`^batch commit +device=kv-d1 batch=${BATCH}$`));
    expect(keys.get('series|seen|kv-d1')).toMatch(/^last seen +device=kv-d1$/);
    expect(keys.get('device|kv-d1')).toMatch(/^device +id=kv-d1$/);
    expect(keys.get('inference|state|kv-d1|temperature')).toMatch(/^scoring state +device=kv-d1 series=temperature$/);
    expect(keys.get('alerting/alert/fp42/1')).toMatch(/^alert +fingerprint=fp42 revision=1$/);
    expect(keys.get('misc')).toBe('other');
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('8 keys: 1 alert, 1 device, 1 scoring state, 1 other, 1 batch commit, 2 series chunk, 1 last seen');
  });

  it('filters_by_prefix_and_prints_raw_keys', async () => {
    const result = await edgewatch(['list', '--state-dir', stateDir, '--prefix', 'series|p|', '--raw']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2).every((k) => k.startsWith('series|p|kv-d1|'))).toBe(true);
    expect(lines[2]).toBe('2 keys');
  });

  it('decodes_series_points_scoring_state_and_alerts_on_get', async () => {
    const keys = (await edgewatch(['list', '--state-dir', stateDir, '--raw'])).stdout.split('\n');
    const chunk = await edgewatch(['get', chunkKeyOf(keys, 'temperature'), '--state-dir', stateDir]);
    expect(chunk.stdout).toContain('2 points 2025-11-29T10:00:00Z .. 2025-11-29T10:01:00Z values 21.5..23 Cel');
    const state = await edgewatch(['get', 'inference|state|kv-d1|temperature', '--state-dir', stateDir]);
    expect(state.stdout).toContain(`detector=ensemble engine=wasm frontier=${T0 + 60} state=96 bytes`);
    const alert = await edgewatch(['get', 'alerting/alert/fp42/1', '--state-dir', stateDir]);
    expect(alert.stdout).toContain('firing HighTemperature device=kv-d1 value=85 at=2025-11-29T10:02:00.000Z');
    const raw = await edgewatch(['get', `series|c|kv-d1|${BATCH}`, '--state-dir', stateDir, '--raw']);
    expect(JSON.parse(raw.stdout)).toMatchObject({ points: 3, series: 2, bodyHash: 'known' });
  });

  it('sets_and_deletes_a_key', async () => {
    expect((await edgewatch(['set', 'scratch', '{"a":1}', '--state-dir', stateDir])).code).toBe(0);
    expect((await edgewatch(['get', 'scratch', '--state-dir', stateDir])).stdout).toContain('{"a":1}');
    expect((await edgewatch(['delete', 'scratch', '--state-dir', stateDir])).code).toBe(0);
    const gone = await edgewatch(['get', 'scratch', '--state-dir', stateDir]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr.trim()).toBe('edgewatch: kv get: no key "scratch" in store "default"');
  });

  it('refuses_a_missing_store_an_unknown_action_and_unknown_flags_with_one_line', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-kv-none-'));
    for (const args of [['list', '--state-dir', empty], ['frob', '--state-dir', stateDir], ['list', '--bogus']]) {
      const result = await edgewatch(args);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Inspecting must not create a store where there was none.
    expect(existsSync(defaultStoreFile(empty))).toBe(false);
  });
});

/** A free loopback port (bound, then released). */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe.skipIf(!existsSync(REDIS_SERVER))('edgewatch kv on a Redis store (runtime config)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-kv-redis-'));
  const config = path.join(dir, 'runtime-config.toml');
  let stop = () => {};
  beforeAll(async () => {
    const port = await freePort();
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    stop = () => void child.kill('SIGTERM');
    const url = `redis://127.0.0.1:${port}`;
    writeFileSync(config, `[key_value_store.default]\ntype = "redis"\nurl = "${url}"\n`);
    let redis: Awaited<ReturnType<typeof openRedisBackend>> | undefined;
    for (let i = 0; !redis; i++) redis = await openRedisBackend(url).catch((e) => (i > 50 ? Promise.reject(e) : new Promise<undefined>((r) => setTimeout(r, 100))));
    // The series writer is synchronous: stage in memory, then copy every key to Redis.
    const staged = new Map<string, Uint8Array>();
    writeKnownStore({ get: (k) => staged.get(k), set: (k, v) => void staged.set(k, v), delete: (k) => void staged.delete(k), exists: (k) => staged.has(k), getKeys: () => [...staged.keys()] });
    for (const [key, value] of staged) await redis.run({ op: 'set', key, value });
    await redis.close();
  });
  afterAll(() => stop());

  it('lists_and_decodes_the_same_layout_from_redis', async () => {
    const result = await edgewatch(['list', '--runtime-config-file', config]);
    expect(result.code).toBe(0);
    const keys = listing(result.stdout);
    expect(keys.get(chunkKeyOf(keys.keys(), 'temperature'))).toMatch(/^series chunk +device=kv-d1 series=temperature hour=2025-11-29T10h /);
    expect(keys.get('alerting/alert/fp42/1')).toMatch(/^alert +fingerprint=fp42 revision=1$/);
    expect(result.stdout).toMatch(/8 keys: /);
    const chunk = await edgewatch(['get', chunkKeyOf(keys.keys(), 'humidity'), '--runtime-config-file', config]);
    expect(chunk.stdout).toContain('1 point 2025-11-29T10:00:00Z .. 2025-11-29T10:00:00Z values 40..40');
  });

  it('fails_with_one_line_when_redis_is_unreachable', async () => {
    const down = path.join(dir, 'down.toml');
    writeFileSync(down, `[key_value_store.default]\ntype = "redis"\nurl = "redis://127.0.0.1:${await freePort()}"\n`);
    const result = await edgewatch(['list', '--runtime-config-file', down]);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cannot reach Redis at redis://127.0.0.1:');
  });
});

describe('key layout decoding', () => {
  it('decodes_alerting_logs_and_scoring_keys_and_leaves_foreign_keys_alone', () => {
    expect(decodeKey('alerting/group/ops/g1/3')).toEqual({ kind: 'alert group', fields: { receiver: 'ops', group: 'g1', revision: 3 } });
    expect(decodeKey('alerting/group/ops/g1/delivered')?.kind).toBe('group delivered');
    expect(decodeKey('alerting/alert/fp/head')).toEqual({ kind: 'alert', fields: { fingerprint: 'fp', entry: 'head' } });
    expect(decodeKey('alerting/delivery/ops/g1/3/2')?.fields).toEqual({ receiver: 'ops', group: 'g1', revision: '3', attempt: '2' });
    expect(decodeKey('alerting/config/rules')).toEqual({ kind: 'alerting config', fields: { of: 'rules' } });
    expect(decodeKey(`stats|refused|invalid|${Date.UTC(2025, 10, 29, 10).toString(36)}-0a1b2c3d`)).toEqual({ kind: 'refused batch', fields: { reason: 'invalid', at: '2025-11-29T10:00:00.000Z' } });
    expect(decodeKey('inference|config|d1|temperature')).toEqual({ kind: 'scoring config', fields: { device: 'd1', series: 'temperature' } });
    for (const foreign of ['alerting/unknown/x', 'inference|other|d1|t', 'device|', 'series|seen', 'hello']) expect(decodeKey(foreign)).toBeUndefined();
  });
});
