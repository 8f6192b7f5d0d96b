// The cluster's runtime config, exercised: the same TOML the SpinApp loads from
// its Secret (only the url pointed at a throwaway redis-server) serves the
// app's key-value store through edgewatch's runner, and what the app writes
// lands in Redis.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { startTestApp, type RunningApp } from '@edgewatch/runner';
import { kustomize } from './kustomize.ts';
import { RUNTIME_CONFIG_KEY } from './crosscheck.ts';
import { startRedisServer, type RedisServer } from '../testing/redis-server.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN_TOKEN = 'deploy-test-admin-token';

/** The runtime config the dev overlay ships, decoded from its rendered Secret. */
function clusterRuntimeConfig(): Record<string, { type: string; url: string }> {
  const objects = kustomize(path.join(ROOT, 'deploy/spinkube/overlays/dev'));
  const app = objects.find((o) => o.kind === 'SpinApp')!;
  const secretName = (app.spec as { runtimeConfig: { loadFromSecret: string } }).runtimeConfig.loadFromSecret;
  const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === secretName)!;
  const text = Buffer.from((secret.data as Record<string, string>)[RUNTIME_CONFIG_KEY]!, 'base64').toString('utf8');
  return (parseToml(text) as { key_value_store: Record<string, { type: string; url: string }> }).key_value_store;
}

describe('the SpinKube runtime config against a real redis-server', () => {
  let redis: RedisServer;
  let app: RunningApp & { url: string };
  let dir: string;
  let stores: Record<string, { type: string; url: string }>;

  beforeAll(async () => {
    redis = await startRedisServer();
    stores = clusterRuntimeConfig();
    dir = mkdtempSync(path.join(tmpdir(), 'edgewatch-deploy-'));
    // Same file, same keys: only the host:port of each url changes (the database number stays).
    const local = Object.fromEntries(Object.entries(stores).map(([label, store]) => [label, { ...store, url: store.url.replace(/^redis:\/\/[^/]+/, redis.url) }]));
    const file = path.join(dir, 'runtime-config.toml');
    writeFileSync(file, stringifyToml({ key_value_store: local }));
    // keyValue: undefined undoes startTestApp's in-memory default, so the runtime config decides.
    app = await startTestApp({ from: path.join(ROOT, 'spin.toml'), runtimeConfigFile: file, keyValue: undefined, stateDir: dir, variables: { admin_token: ADMIN_TOKEN } });
  });

  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves the default store from redis', () => {
    expect(stores.default?.type).toBe('redis');
  });

  it('stores_a_device_created_over_http_in_redis', async () => {
    const id = `probe-${process.pid}`;
    const created = await fetch(`${app.url}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    expect(((await created.json()) as { id: string }).id).toBe(id);

    const db = Number(/\/(\d+)$/.exec(stores.default!.url)?.[1] ?? 0);
    const client = createClient({ url: `${redis.url}/${db}` });
    await client.connect();
    try {
      const keys = await client.keys('*');
      expect(keys.some((k) => k.includes(id))).toBe(true);
    } finally {
      await client.close();
    }

    const listed = await fetch(`${app.url}/api/v1/devices`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await listed.json()) as { devices: { id: string }[] }).devices.map((d) => d.id)).toContain(id);
  });

  it('answers_the_spinapp_probe_paths', async () => {
    const spinApp = kustomize(path.join(ROOT, 'deploy/spinkube/overlays/edge')).find((o) => o.kind === 'SpinApp')!;
    const checks = (spinApp.spec as { checks: Record<string, { httpGet: { path: string } }> }).checks;
    for (const probe of Object.values(checks)) {
      const response = await fetch(`${app.url}${probe.httpGet.path}`);
      expect(response.status, probe.httpGet.path).toBe(200);
      expect(((await response.json()) as { status: string }).status).toBe('ok');
    }
  });
});
