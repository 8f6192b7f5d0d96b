// The ingest component through the runner and real wasm: the device and series
// contracts, every must-refuse case, auth failures and idempotent retries.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { ADMIN_TOKEN, INGEST_MANIFEST, postSenml, readAllPoints, registerDevice, type App } from './ingest-client.ts';

let app: App;
let base: string;
let d1: string;
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  app = await startTestApp({ from: INGEST_MANIFEST, variables: { admin_token: ADMIN_TOKEN, max_records_per_batch: '50' } });
  base = app.url;
  d1 = await registerDevice(base, 'd1');
  await registerDevice(base, 'd2');
});
afterAll(() => app?.close());

describe('device contract', () => {
  it('creates_a_device_with_the_admin_token_and_returns_id_and_token', async () => {
    const response = await fetch(`${base}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'contract-1' }),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { id: string; token: string };
    expect(body.id).toBe('contract-1');
    expect(typeof body.token).toBe('string');
  });

  it('lists_devices_with_counts_for_admins_only', async () => {
    const listed = await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(((await listed.json()) as { devices: { id: string }[] }).devices.map((d) => d.id)).toEqual(expect.arrayContaining(['d1', 'd2']));
    const refused = await fetch(`${base}/api/v1/devices`, { headers: { authorization: `Bearer ${d1}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('write and read back', () => {
  it('stores_senml_and_serves_the_series_contract', async () => {
    const t = now() - 30;
    const response = await postSenml(base, d1, [{ bn: 'd1/', bt: t, n: 'temp', u: 'Cel', v: 21.5 }, { n: 'temp', t: 10, v: 21.75 }]);
    expect(response.status).toBe(201);
    const series = await fetch(`${base}/api/v1/series?device=d1&name=d1/temp`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await series.json()).toEqual({ device: 'd1', name: 'd1/temp', unit: 'Cel', points: [[t, 21.5], [t + 10, 21.75]] });
  });

  it('stores_cbor_senml_and_simple_readings', async () => {
    const t = now() - 5;
    const stored = await fetch(`${base}/api/v1/ingest/senml`, { method: 'POST', headers: { authorization: `Bearer ${d1}`, 'content-type': 'application/senml+cbor' }, body: cborPack(t) });
    expect(stored.status).toBe(201);
    expect(await readAllPoints(base, 'd1', 'd1:volt')).toEqual([[t, 230]]);
    const iso = new Date(t * 1000).toISOString();
    const readings = await fetch(`${base}/api/v1/ingest/readings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${d1}`, 'content-type': 'application/json' },
      body: JSON.stringify({ device: 'd1', ts: iso, humidity: 40, pressure: 1013.2 }),
    });
    expect(readings.status).toBe(201);
    expect(await readAllPoints(base, 'd1', 'humidity')).toEqual([[t, 40]]);
    const latest = await fetch(`${base}/api/v1/devices/d1/latest`, { headers: { authorization: `Bearer ${d1}` } });
    expect(((await latest.json()) as { series: { name: string }[] }).series.map((s) => s.name)).toEqual(expect.arrayContaining(['d1:volt', 'humidity', 'pressure']));
  });
});

/** `[{-2: "d1:", 0: "volt", 2: 230, 6: t}]` in CBOR (RFC 8949), spelled out byte by byte. */
function cborPack(t: number): Uint8Array<ArrayBuffer> {
  const text = (s: string) => [0x60 + s.length, ...new TextEncoder().encode(s)];
  const uint32 = [0x1a, (t >>> 24) & 0xff, (t >>> 16) & 0xff, (t >>> 8) & 0xff, t & 0xff];
  return new Uint8Array([0x81, 0xa4, 0x21, ...text('d1:'), 0x00, ...text('volt'), 0x02, 0x18, 230, 0x06, ...uint32]);
}

describe('refusals', () => {
  const t = () => now();
  it.each([
    ['a record with two values', () => [{ n: 'd1/a', v: 1 }, { n: 'd1/a', v: 1, vs: 'x' }], 1, '/1/vs'],
    ['a record with no value', () => [{ n: 'd1/a', v: 1 }, { n: 'd1/a' }], 1, '/1'],
    ['an unknown must-understand field', () => [{ n: 'd1/a', v: 1, t: t(), foo_: true }], 0, '/0/foo_'],
    ['bver above 10', () => [{ bver: 11, n: 'd1/a', v: 1 }], 0, '/0/bver'],
    ['a name with illegal characters', () => [{ n: 'd1/a', v: 1 }, { n: 'd1/ä', v: 1 }], 1, '/1/n'],
    ['a name starting with a symbol', () => [{ bn: '/d1', n: 'a', v: 1 }], 0, '/0/n'],
    ['a name over max_name_length', () => [{ n: `d1/${'x'.repeat(200)}`, v: 1 }], 0, '/0/n'],
    ['a value that is not a number', () => [{ n: 'd1/a', v: '1' }], 0, '/0/v'],
    ['a non-finite value', () => [{ n: 'd1/a', bv: 1e308, v: 1e308 }], 0, '/0/v'],
    ['a time an hour in the future', () => [{ n: 'd1/a', v: 1, t: t() + 3600 }], 0, '/0/t'],
    ['a time two years in the past', () => [{ n: 'd1/a', v: 1, t: t() - 2 * 366 * 86_400 }], 0, '/0/t'],
    ['more records than max_records_per_batch', () => Array.from({ length: 51 }, () => ({ n: 'd1/a', v: 1 })), 50, '/50'],
    ['a pack that is not an array', () => ({ n: 'd1/a', v: 1 }), 0, '/0'],
  ])('refuses %s with a 400 pointing at the first bad record', async (_case, pack, index, pointer) => {
    const response = await postSenml(base, d1, pack(), { 'idempotency-key': `refused-${index}-${pointer}` });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { index: number; pointer: string; detail: string };
    expect(problem).toMatchObject({ index, pointer });
    expect(problem.detail.length).toBeGreaterThan(20);
  });

  it('stores_nothing_from_a_refused_batch', async () => {
    const good = { n: 'd1/all-or-nothing', v: 1 };
    expect((await postSenml(base, d1, [good, good, { n: 'd1/all-or-nothing', v: null }])).status).toBe(400);
    expect(await readAllPoints(base, 'd1', 'd1/all-or-nothing')).toEqual([]);
  });

  it('refuses_oversized_bodies_with_413', async () => {
    const huge = JSON.stringify([{ n: 'd1/a', vs: 'x'.repeat(1_100_000) }]);
    const response = await postSenml(base, d1, huge);
    expect(response.status).toBe(413);
  });
});

describe('auth', () => {
  it('answers_401_alike_for_missing_unknown_and_wrong_tokens', async () => {
    const pack = [{ n: 'd1/a', v: 1 }];
    const answers = await Promise.all([
      fetch(`${base}/api/v1/ingest/senml`, { method: 'POST', headers: { 'content-type': 'application/senml+json' }, body: JSON.stringify(pack) }),
      postSenml(base, 'ghost.AAAA', pack),
      postSenml(base, `d1.${'A'.repeat(43)}`, pack),
    ]);
    const bodies = await Promise.all(answers.map((a) => a.json()));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('answers_403_when_a_device_writes_or_reads_another_devices_series', async () => {
    const write = await postSenml(base, d1, [{ bn: 'd2/', n: 'a', v: 1 }]);
    expect(write.status).toBe(403);
    expect(((await write.json()) as { index: number }).index).toBe(0);
    const read = await fetch(`${base}/api/v1/series?device=d2&name=d2/a`, { headers: { authorization: `Bearer ${d1}` } });
    expect(read.status).toBe(403);
  });

  it('answers_503_with_the_fix_when_no_admin_token_is_configured', async () => {
    const bare = await startTestApp({ from: INGEST_MANIFEST, env: {} });
    try {
      const response = await bare.fetch('/api/v1/devices', { method: 'POST', headers: { authorization: 'Bearer x' }, body: '{"id":"d1"}' });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { detail: string }).detail).toContain('SPIN_VARIABLE_ADMIN_TOKEN');
    } finally {
      await bare.close();
    }
  });
});

describe('idempotency', () => {
  it('stores_a_retried_batch_once', async () => {
    const t = now() - 100;
    const pack = [{ bn: 'd1/', n: 'retried', v: 1, t }, { n: 'retried', v: 2, t: t + 1 }];
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await postSenml(base, d1, pack, { 'idempotency-key': 'retry-me' }));
    expect(answers.map((a) => a.status)).toEqual([201, 200, 200]);
    expect(await readAllPoints(base, 'd1', 'd1/retried')).toEqual([[t, 1], [t + 1, 2]]);
    const reused = await postSenml(base, d1, [{ n: 'd1/retried', v: 3 }], { 'idempotency-key': 'retry-me' });
    expect(reused.status).toBe(422);
  });
});

describe('request signing', () => {
  it('accepts_a_signed_batch_once_and_refuses_a_replay_or_a_forgery', async () => {
    const created = await fetch(`${base}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'signer', signing: true }),
    });
    const { token, signingKey } = (await created.json()) as { token: string; signingKey: string };
    const body = JSON.stringify([{ n: 'signer/a', v: 1 }]);
    const timestamp = String(now());
    const signature = `sha256=${createHmac('sha256', signingKey).update(`${timestamp}.${body}`).digest('hex')}`;
    const send = (headers: Record<string, string>) => postSenml(base, token, body, headers);
    expect((await send({ 'x-timestamp': timestamp, 'x-signature': signature })).status).toBe(201);
    expect((await send({ 'x-timestamp': timestamp, 'x-signature': signature })).status).toBe(409);
    expect((await send({ 'x-timestamp': String(Number(timestamp) + 1), 'x-signature': signature })).status).toBe(401);
    expect((await send({})).status).toBe(401);
    expect((await readAllPoints(base, 'signer', 'signer/a')).map(([, v]) => v)).toEqual([1]);
  });
});
