// Operator counters through the runner and the real wasm components:
// `GET /api/v1/ingest/stats` after good, replayed and refused batches (one per
// refusal reason the ingest can be driven into), and `GET /api/v1/alerts/stats`
// after alerts fire and notify a live local webhook receiver, once failing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { ADMIN_TOKEN, postSenml, registerDevice, type App } from './ingest-client.ts';
import { REPO_ROOT } from './repo.ts';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
const now = () => Math.floor(Date.now() / 1000);

let app: App;
let receiver: http.Server;
let origin: string;
/** Answers for the webhook receiver, taken in order; 200 once they run out. */
const answers: number[] = [];
let received = 0;

beforeAll(async () => {
  receiver = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received++;
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  app = await startTestApp({
    from: REPO_ROOT,
    // internal_call_mode none: ingest hands nothing to alerting, so each counter below has one cause.
    variables: { admin_token: ADMIN_TOKEN, max_records_per_batch: '5', max_body_bytes: '4096', internal_call_mode: 'none', webhook_allowed_host: origin },
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

describe('GET /api/v1/ingest/stats', () => {
  it('counts_accepted_points_once_and_refused_points_by_reason', async () => {
    const token = await registerDevice(app.url, 's1');
    const t = now() - 10;
    expect((await postSenml(app.url, token, [{ bn: 's1/', bt: t, n: 'a', v: 1 }, { n: 'a', t: 1, v: 2 }, { n: 'b', v: 3 }], { 'idempotency-key': 'stats-1' })).status).toBe(201);
    // The retry of an accepted batch is neither a new batch nor a refusal.
    expect((await postSenml(app.url, token, [{ bn: 's1/', bt: t, n: 'a', v: 1 }, { n: 'a', t: 1, v: 2 }, { n: 'b', v: 3 }], { 'idempotency-key': 'stats-1' })).status).toBe(200);
    const readings = await fetch(`${app.url}/api/v1/ingest/readings`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify([{ ts: t, temperature: 20, humidity: 40 }]) });
    expect(readings.status).toBe(201);

    expect((await postSenml(app.url, token, Array.from({ length: 6 }, (_, i) => ({ n: 's1/a', v: i })))).status).toBe(400);
    expect((await postSenml(app.url, token, '[{"n":"s1/a","v":1e999}]')).status).toBe(400);
    expect((await postSenml(app.url, token, [{ n: 's1/a', v: 1, t: now() + 30 * 86_400 }, { n: 's1/a', v: 2 }])).status).toBe(400);
    // A caller that fails authentication leaves no key (it must not grow the store); the runner's metrics count 401s.
    expect((await postSenml(app.url, 's1.not-the-secret', [{ n: 's1/a', v: 1 }])).status).toBe(401);
    expect((await postSenml(app.url, token, '[{"n":')).status).toBe(400);
    expect((await postSenml(app.url, token, [{ n: 's1/a', v: 1, text: 'x'.repeat(5000) }])).status).toBe(413);

    const response = await fetch(`${app.url}/api/v1/ingest/stats`, { headers: admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      points: {
        accepted: 5,
        refused: {
          unauthorized: 0,
          forbidden: 0,
          'body-too-large': 1,
          'unsupported-media-type': 0,
          malformed: 1,
          'too-many-records': 6,
          'non-finite': 1,
          'timestamp-out-of-range': 2,
          'invalid-senml': 0,
          duplicate: 0,
          other: 0,
        },
      },
      batches: { accepted: 2, refused: 5 },
    });
    expect((await fetch(`${app.url}/api/v1/ingest/stats`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});

describe('GET /api/v1/alerts/stats', () => {
  const evaluate = (device: string, v: number) =>
    fetch(`${app.url}/api/v1/alerts/evaluate`, { method: 'POST', headers: admin, body: JSON.stringify({ readings: [{ device, name: 'temperature', t: now(), v }] }) });

  it('counts_alerts_by_state_and_notifications_by_outcome', async () => {
    const created = await fetch(`${app.url}/api/v1/alerts/receivers`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'ops', type: 'alertmanager-webhook', url: `${origin}/hook` }) });
    expect(created.status).toBe(201);
    expect((await evaluate('a1', 85)).status).toBe(200); // fires, delivered
    answers.push(503);
    expect((await evaluate('a2', 85)).status).toBe(200); // fires, first attempt fails: queued for a retry
    expect(received).toBe(2);

    const response = await fetch(`${app.url}/api/v1/alerts/stats`, { headers: admin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      alerts: { pending: 0, firing: 2, resolved: 0, acknowledged: 0, silenced: 0 },
      deliveries: { delivered: 1, failed: 1, deadLettered: 0, queued: 1 },
    });
    expect((await fetch(`${app.url}/api/v1/alerts/stats`)).status).toBe(401);
  });
});
