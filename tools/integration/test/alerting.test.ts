// Alerting through the runner and real wasm, with a real local webhook
// receiver (node:http on 127.0.0.1): the seed rule with no configuration, the
// receiver allow-list, retries until a failing receiver recovers, an outbox
// that survives a restart, and parallel evaluations notifying once.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { REPO_ROOT } from './repo.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
interface Hook {
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { status: string; receiver: string; version: string; alerts: { status: string; labels: Record<string, string>; fingerprint: string }[] };
}

const ADMIN = 'alerting-integration-admin';
const json = { 'content-type': 'application/json' };
const admin = { ...json, authorization: `Bearer ${ADMIN}` };

/** A webhook receiver: records every POST; `failures[path]` makes that many next calls answer 503. */
async function startReceiver() {
  const calls: Hook[] = [];
  const failures: Record<string, number> = {};
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = request.url ?? '/';
      if ((failures[url] ?? 0) > 0) {
        failures[url]!--;
        response.writeHead(503).end('not yet');
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      calls.push({ path: url, headers: request.headers, raw, body: JSON.parse(raw) });
      response.writeHead(200, json).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { calls, failures, origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const startAlerting = (receiver: Receiver, extra: Partial<Parameters<typeof startTestApp>[0]> = {}) =>
  startTestApp({ from: REPO_ROOT, variables: { webhook_allowed_host: receiver.origin, admin_token: ADMIN }, ...extra });

const evaluate = (app: App, readings?: object[]) => app.fetch('/api/v1/alerts/evaluate', { method: 'POST', headers: admin, ...(readings ? { body: JSON.stringify({ readings }) } : {}) });
const reading = (device: string, v: number, name = 'temperature') => ({ device, name, t: Math.floor(Date.now() / 1000), v });

async function addReceiver(app: App, spec: object): Promise<Response> {
  return app.fetch('/api/v1/alerts/receivers', { method: 'POST', headers: admin, body: JSON.stringify(spec) });
}

/** Call the cron endpoint until `done()` holds (retries are due only after their backoff). */
async function evaluateUntil(app: App, done: () => boolean, rounds = 30): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) {
    await evaluate(app);
    await new Promise((r) => setTimeout(r, 150));
  }
}

const forDevice = (calls: Hook[], device: string) => calls.filter((c) => c.body.alerts.some((a) => a.labels.device === device));

describe('alerting with a live receiver', () => {
  let receiver: Receiver;
  let app: App;
  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startAlerting(receiver);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('fires_the_seed_rule_for_a_reading_of_85_with_no_configuration', async () => {
    const response = await evaluate(app, [reading('contract-1', 85)]);
    expect(response.status).toBe(200);
    const { alerts } = (await (await app.fetch('/api/v1/alerts?device=contract-1', { headers: admin })).json()) as { alerts: { id: string; state: string; labels: Record<string, string>; fingerprint: string }[] };
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ state: 'firing', labels: { device: 'contract-1', alertname: 'HighTemperature', severity: 'warning' } });
    expect(alerts[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses_a_receiver_outside_the_allow_list_with_a_problem', async () => {
    const response = await addReceiver(app, { name: 'evil', type: 'alertmanager-webhook', url: 'http://198.51.100.7:9099/hook' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('webhook_allowed_host');
  });

  it('delivers_an_alertmanager_payload_and_its_resolution', async () => {
    expect((await addReceiver(app, { name: 'ops', type: 'alertmanager-webhook', url: `${receiver.origin}/hook`, matchers: [{ name: 'device', value: 'am-.*', isRegex: true }], groupInterval: '0s' })).status).toBe(201);
    await evaluate(app, [reading('am-1', 85)]);
    expect(forDevice(receiver.calls, 'am-1').map((c) => c.body.status)).toEqual(['firing']);
    await evaluate(app, [reading('am-1', 70)]);
    const calls = forDevice(receiver.calls, 'am-1');
    expect(calls.map((c) => [c.path, c.body.version, c.body.receiver, c.body.status])).toEqual([
      ['/hook', '4', 'ops', 'firing'],
      ['/hook', '4', 'ops', 'resolved'],
    ]);
  });

  it('signs_json_webhooks_with_an_hmac_the_receiver_can_verify', async () => {
    const secret = 'integration-signing-secret';
    await addReceiver(app, { name: 'signed', type: 'json-webhook', url: `${receiver.origin}/signed`, secret, matchers: [{ name: 'device', value: 'signed-1' }] });
    await evaluate(app, [reading('signed-1', 85)]);
    const [call] = receiver.calls.filter((c) => c.path === '/signed');
    const expected = createHmac('sha256', secret).update(`${call!.headers['x-edgewatch-timestamp']}.${call!.raw}`).digest('hex');
    expect(call!.headers['x-edgewatch-signature']).toBe(`sha256=${expected}`);
    expect(call!.headers['x-edgewatch-delivery']).toMatch(/^alerting\/group\/signed\//);
  });

  it('keeps_retrying_a_receiver_that_fails_three_times_and_delivers_once_it_recovers', async () => {
    receiver.failures['/flaky'] = 3;
    await addReceiver(app, { name: 'flaky', type: 'alertmanager-webhook', url: `${receiver.origin}/flaky`, matchers: [{ name: 'device', value: 'flaky-1' }], initialBackoff: '100ms', maxBackoff: '200ms' });
    await evaluate(app, [reading('flaky-1', 90)]);
    await evaluateUntil(app, () => receiver.calls.some((c) => c.path === '/flaky'));
    expect(receiver.calls.filter((c) => c.path === '/flaky').map((c) => c.body.alerts[0]!.labels.device)).toEqual(['flaky-1']);
    const { deliveries } = (await (await app.fetch('/api/v1/alerts/deliveries', { headers: admin })).json()) as { deliveries: { receiver: string; status: string; attempts: { httpStatus?: number }[] }[] };
    const flaky = deliveries.find((d) => d.receiver === 'flaky')!;
    expect(flaky.status).toBe('delivered');
    expect(flaky.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 503, 200]);
  });

  it('sends_exactly_one_notification_when_two_evaluations_of_the_same_reading_run_in_parallel', async () => {
    await addReceiver(app, { name: 'par', type: 'alertmanager-webhook', url: `${receiver.origin}/par`, matchers: [{ name: 'device', value: 'par-1' }] });
    const same = reading('par-1', 95);
    const responses = await Promise.all([evaluate(app, [same]), evaluate(app, [same])]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const reports = (await Promise.all(responses.map((r) => r.json()))) as { transitions: { labels: Record<string, string> }[]; queued: string[] }[];
    expect(reports.flatMap((r) => r.transitions).filter((t) => t.labels.device === 'par-1')).toHaveLength(1);
    // Later passes must not re-send it either.
    await evaluate(app);
    await evaluate(app);
    expect(receiver.calls.filter((c) => c.path === '/par')).toHaveLength(1);
  });
});

describe('outbox across a restart', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-alerting-'));
  let receiver: Receiver;
  afterAll(async () => {
    await receiver?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('delivers_notifications_left_in_the_outbox_after_the_runner_restarts', async () => {
    receiver = await startReceiver();
    // The receiver is down for longer than the first run lasts.
    receiver.failures['/later'] = 1000;
    let app = await startAlerting(receiver, { keyValue: undefined, stateDir });
    try {
      await addReceiver(app, { name: 'later', type: 'alertmanager-webhook', url: `${receiver.origin}/later`, initialBackoff: '100ms', maxBackoff: '200ms' });
      await evaluate(app, [reading('restart-1', 88)]);
      const { deliveries } = (await (await app.fetch('/api/v1/alerts/deliveries', { headers: admin })).json()) as { deliveries: { status: string }[] };
      expect(deliveries).toMatchObject([{ status: 'pending' }]);
    } finally {
      await app.close();
    }
    receiver.failures['/later'] = 0;
    app = await startAlerting(receiver, { keyValue: undefined, stateDir });
    try {
      await evaluateUntil(app, () => receiver.calls.length > 0);
      expect(receiver.calls.map((c) => [c.path, c.body.status, c.body.alerts[0]!.labels.device])).toEqual([['/later', 'firing', 'restart-1']]);
      await evaluate(app);
      expect(receiver.calls).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
