import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { staticVariables } from '@edgewatch/spin-variables';
import { createAlertingApp } from '../src/app.ts';

const ADMIN = 'admin-token-for-tests';

/** An app over a memory store, a fixed clock and a receiver that records what it gets. */
function setup(vars: Record<string, string> = { admin_token: ADMIN, webhook_allowed_host: 'http://127.0.0.1:9099' }) {
  const store = createMemoryStore();
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const app = createAlertingApp({
    variables: staticVariables(vars),
    store: () => store,
    now: () => Date.UTC(2025, 0, 1),
    sleep: async () => {},
    claimSettleMs: 0,
    fetch: async (url, init) => {
      sent.push({ url, body: JSON.parse(String(init.body)) });
      return new Response('ok');
    },
  });
  // Every route but /health needs the admin token; `admin: false` leaves it out.
  const call = (path: string, init: RequestInit & { admin?: boolean } = {}) =>
    app.fetch(new Request(`http://localhost/api/v1/alerts${path}`, { ...init, headers: { ...(init.admin === false ? {} : { authorization: `Bearer ${ADMIN}` }), ...(init.body ? { 'content-type': 'application/json' } : {}) } }));
  return { call, sent };
}

describe('alerting router', () => {
  it('reports_the_configured_webhook_origin', async () => {
    const body = (await (await setup({ webhook_allowed_host: 'http://127.0.0.1:9099' }).call('/health')).json()) as { component: string; details: Record<string, string> };
    expect(body.component).toBe('alerting');
    expect(body.details.webhookAllowedHost).toBe('http://127.0.0.1:9099');
  });

  it('answers_unknown_routes_with_problem_json', async () => {
    const response = await setup().call('/nope/deeper');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('lists_a_firing_alert_after_evaluating_a_hot_reading_with_no_configuration', async () => {
    const { call } = setup();
    const evaluated = await call('/evaluate', { method: 'POST', body: JSON.stringify({ readings: [{ device: 'd1', name: 'temperature', t: 1735689600, v: 85 }] }) });
    expect(evaluated.status).toBe(200);
    const { alerts } = (await (await call('')).json()) as { alerts: { id: string; state: string; labels: Record<string, string>; fingerprint: string }[] };
    expect(alerts).toMatchObject([{ state: 'firing', labels: { device: 'd1', alertname: 'HighTemperature' } }]);
    expect((await (await call('/?state=resolved')).json()) as object).toEqual({ alerts: [] });
    const one = (await (await call(`/${alerts[0]!.id}`)).json()) as { history: { event: string }[] };
    expect(one.history.map((h) => h.event)).toEqual(['firing']);
  });

  it('evaluates_time_based_rules_on_an_empty_body', async () => {
    const response = await setup().call('/evaluate', { method: 'POST' });
    expect(await response.json()).toMatchObject({ readings: 0, transitions: [] });
  });

  it('refuses_a_bad_reading_with_a_problem_naming_it', async () => {
    const response = await setup().call('/evaluate', { method: 'POST', body: JSON.stringify({ readings: [{ device: 'd1', name: 'temperature', v: 'hot' }] }) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toBe('readings[0].v must be a finite number');
  });

  it('answers_503_on_admin_routes_when_no_admin_token_is_set_and_401_without_a_token', async () => {
    expect((await setup({}).call('/rules')).status).toBe(503);
    expect((await setup().call('/rules', { admin: false })).status).toBe(401);
    expect((await setup().call('/evaluate', { method: 'POST', admin: false })).status).toBe(401);
    expect((await setup().call('', { admin: false })).status).toBe(401);
    const { rules } = (await (await setup().call('/rules', { admin: true })).json()) as { rules: { id: string }[] };
    expect(rules.map((r) => r.id)).toEqual(['high-temperature', 'high-humidity']);
  });

  it('creates_a_receiver_inside_the_allow_list_and_notifies_it', async () => {
    const { call, sent } = setup();
    const created = await call('/receivers', { method: 'POST', admin: true, body: JSON.stringify({ name: 'ops', type: 'alertmanager-webhook', url: 'http://127.0.0.1:9099/hook' }) });
    expect(created.status).toBe(201);
    await call('/evaluate', { method: 'POST', body: JSON.stringify({ readings: [{ device: 'd1', name: 'temperature', v: 85 }] }) });
    expect(sent).toMatchObject([{ url: 'http://127.0.0.1:9099/hook', body: { version: '4', status: 'firing', receiver: 'ops' } }]);
    const { deliveries } = (await (await call('/deliveries', { admin: true })).json()) as { deliveries: { status: string }[] };
    expect(deliveries).toMatchObject([{ status: 'delivered' }]);
  });

  it('refuses_a_receiver_outside_the_allow_list_with_a_clear_problem', async () => {
    const response = await setup().call('/receivers', { method: 'POST', admin: true, body: JSON.stringify({ name: 'ops', type: 'alertmanager-webhook', url: 'http://evil.example/hook' }) });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toMatch(/outside the allowed webhook origin "http:\/\/127.0.0.1:9099"/);
  });

  it('replaces_and_deletes_rules_and_refuses_invalid_ones', async () => {
    const { call } = setup();
    const bad = await call('/rules', { method: 'POST', admin: true, body: JSON.stringify({ id: 'x', kind: 'threshold', series: 't' }) });
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/exactly one of above or below/);
    expect((await call('/rules/high-humidity', { method: 'PUT', admin: true, body: JSON.stringify({ kind: 'threshold', series: 'humidity', above: 95 }) })).status).toBe(200);
    expect((await call('/rules/high-temperature', { method: 'DELETE', admin: true })).status).toBe(204);
    const { rules } = (await (await call('/rules', { admin: true })).json()) as { rules: { id: string; above: number }[] };
    expect(rules).toMatchObject([{ id: 'high-humidity', above: 95 }]);
  });

  it('acknowledges_a_firing_alert_and_silences_by_matchers', async () => {
    const { call } = setup();
    await call('/evaluate', { method: 'POST', body: JSON.stringify({ readings: [{ device: 'd1', name: 'temperature', v: 85 }, { device: 'd2', name: 'temperature', v: 85 }] }) });
    const { alerts } = (await (await call('')).json()) as { alerts: { id: string; labels: Record<string, string> }[] };
    const d1 = alerts.find((a) => a.labels.device === 'd1')!;
    for (const bad of ['{"by":', 'null', '["alice"]']) {
      const refused = await call(`/${d1.id}/ack`, { method: 'POST', admin: true, body: bad });
      expect(refused.status, bad).toBe(400);
      expect(refused.headers.get('content-type')).toBe('application/problem+json');
    }
    expect((await call(`/${d1.id}/ack`, { method: 'POST', admin: true, body: JSON.stringify({ by: 'alice' }) })).status).toBe(200);
    const silence = await call('/silences', { method: 'POST', admin: true, body: JSON.stringify({ matchers: [{ name: 'device', value: 'd2' }], endsAt: '2025-01-02T00:00:00Z', comment: 'swap sensor' }) });
    expect(silence.status).toBe(201);
    const after = (await (await call('')).json()) as { alerts: { state: string; labels: Record<string, string> }[] };
    expect(Object.fromEntries(after.alerts.map((a) => [a.labels.device, a.state]))).toEqual({ d1: 'acknowledged', d2: 'silenced' });
  });
});
