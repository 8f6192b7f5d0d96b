// The data path end to end through real wasm: a device posts readings (to
// ingest, or to the Rust /sensor edge rule with its token), ingest stores them
// and hands them to inference, which writes the series' anomaly scores.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { REPO_ROOT } from './repo.ts';

const ADMIN = 'pipeline-admin-token';
// Times relative to now: ingest refuses readings older than max_past_seconds (a year by default).
const T0 = Math.floor(Date.now() / 1000 / 86400) * 86400 - 7 * 86400;
let app: Awaited<ReturnType<typeof startTestApp>>;
let token = '';

const admin = { authorization: `Bearer ${ADMIN}` };
const series = async (name: string) =>
  ((await (await app.fetch(`/api/v1/series?device=p1&name=${encodeURIComponent(name)}`, { headers: admin })).json()) as { points: [number, number][] }).points;

/** Poll until `check` passes (the hand-off to inference runs after ingest answered). */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 50 && !check(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  app = await startTestApp({ from: REPO_ROOT, variables: { admin_token: ADMIN } });
  const created = await app.fetch('/api/v1/devices', { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'p1' }) });
  expect(created.status).toBe(201);
  token = ((await created.json()) as { token: string }).token;
});
afterAll(() => app?.close());

describe('/sensor with and without a device token', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.fetch('/sensor', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('stores_a_tokened_reading_through_ingest_and_returns_the_verdict', async () => {
    const response = await post({ device: 'p1', temperature: 85, humidity: 40, ts: T0 }, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ alert: true, reason: 'threshold_exceeded', device: 'p1', stored: true });
    expect(await series('temperature')).toContainEqual([T0, 85]);
  });

  it('judges_a_reading_without_a_token_and_stores_nothing', async () => {
    const response = await post({ device: 'p1', temperature: 99, ts: T0 + 60 });
    expect(await response.json()).toMatchObject({ alert: true, stored: false });
    expect((await series('temperature')).some(([t]) => t === T0 + 60)).toBe(false);
  });

  it('passes_on_ingest_refusing_a_bad_token', async () => {
    const response = await post({ device: 'p1', temperature: 20 }, { authorization: 'Bearer p1.not-the-secret' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('ingest hands new points to inference', () => {
  it('scores_every_stored_point_into_the_anomaly_score_series', async () => {
    const readings = Array.from({ length: 30 }, (_, i) => ({ ts: T0 + 3600 + i * 60, pressure: 1000 + Math.sin(i / 3) + (i === 25 ? 30 : 0) }));
    const stored = await app.fetch('/api/v1/ingest/readings', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(readings) });
    expect(stored.status).toBe(201);
    const scores = await eventually(() => series('pressure/anomaly_score'), (points) => points.length >= 30);
    expect(scores.map(([t]) => t)).toEqual(readings.map((r) => r.ts));
    expect(scores.every(([, s]) => s >= 0 && s <= 1)).toBe(true);
  });
});

describe('scoring state kept in key-value between requests', () => {
  it('gives_the_same_scores_over_50_batches_as_in_one_pass', async () => {
    const points = Array.from({ length: 1000 }, (_, i) => [T0 + 100000 + i * 300, 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + (i === 900 ? 40 : 0)] as [number, number]);
    for (let b = 0; b < 50; b++) {
      const readings = points.slice(b * 20, b * 20 + 20).map(([ts, flow]) => ({ ts, flow }));
      const response = await app.fetch('/api/v1/ingest/readings', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(readings) });
      expect(response.status).toBe(201);
    }
    const stored = await eventually(() => series('flow/anomaly_score'), (p) => p.length >= 1000);
    const onePass = await app.fetch('/api/v1/inference/score', { method: 'POST', headers: { ...admin, 'content-type': 'application/json' }, body: JSON.stringify({ points }) });
    const { scores } = (await onePass.json()) as { scores: [number, number][] };
    expect(stored).toEqual(scores);
  });
});
