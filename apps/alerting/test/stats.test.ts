// GET /api/v1/alerts/stats through the router: alert states and delivery
// outcomes after real evaluations, an ack and a failing receiver.
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { staticVariables } from '@edgewatch/spin-variables';
import { createAlertingApp } from '../src/app.ts';

const ADMIN = 'admin-token-for-tests';

describe('GET /alerts/stats', () => {
  it('counts_alerts_by_state_and_deliveries_by_outcome', async () => {
    const store = createMemoryStore();
    let answer = 200;
    const app = createAlertingApp({
      variables: staticVariables({ admin_token: ADMIN, webhook_allowed_host: 'http://127.0.0.1:9099' }),
      store: () => store,
      now: () => Date.UTC(2025, 0, 1),
      sleep: async () => {},
      claimSettleMs: 0,
      fetch: async () => new Response('', { status: answer }),
    });
    const call = (path: string, init: RequestInit & { token?: string } = {}) =>
      app.fetch(new Request(`http://localhost/api/v1/alerts${path}`, { ...init, headers: { ...(init.token === undefined ? { authorization: `Bearer ${ADMIN}` } : init.token ? { authorization: `Bearer ${init.token}` } : {}), 'content-type': 'application/json' } }));
    const hot = (device: string) => call('/evaluate', { method: 'POST', body: JSON.stringify({ readings: [{ device, name: 'temperature', v: 85 }] }) });

    expect((await call('/receivers', { method: 'POST', body: JSON.stringify({ name: 'ops', type: 'alertmanager-webhook', url: 'http://127.0.0.1:9099/hook' }) })).status).toBe(201);
    await hot('d1'); // delivered
    answer = 503;
    await hot('d2'); // failed once, queued for a retry
    const { alerts } = (await (await call('')).json()) as { alerts: { id: string; labels: Record<string, string> }[] };
    expect((await call(`/${alerts.find((a) => a.labels.device === 'd2')!.id}/ack`, { method: 'POST', body: '{}' })).status).toBe(200);

    const response = await call('/stats');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      alerts: { pending: 0, firing: 1, resolved: 0, acknowledged: 1, silenced: 0 },
      deliveries: { delivered: 1, failed: 1, deadLettered: 0, queued: 1 },
    });
    expect((await call('/stats', { token: '' })).status).toBe(401);
    expect((await call('/stats', { token: 'wrong' })).status).toBe(401);
  });
});
