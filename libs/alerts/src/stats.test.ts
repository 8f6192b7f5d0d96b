import { describe, expect, it } from 'vitest';
import { acknowledgeAlert } from './alert-store.ts';
import { loadConfig, saveCollection } from './config-store.ts';
import { listDeliveries, type DeliveryView } from './delivery.ts';
import { knownDevices } from './devices.ts';
import { evaluate } from './evaluator.ts';
import { parseSilence } from './silences.ts';
import { alertingStats } from './stats.ts';
import { reading, testEnv, useReceivers } from './test-env.ts';
import { buildViews, collectAlerts, type AlertView } from './views.ts';
import type { AlertsEnv } from './env.ts';

const statsOf = (env: AlertsEnv) => {
  const config = loadConfig(env);
  return alertingStats(buildViews(collectAlerts(env, config, knownDevices(env)), config, env.now(), env.externalUrl), listDeliveries(env, config.receivers, { limit: 10_000 }));
};

describe('alertingStats', () => {
  it('folds_alert_states_and_delivery_outcomes_from_the_stores', async () => {
    const { env, hook } = testEnv();
    useReceivers(env, { name: 'ops', initialBackoff: '10s' });
    hook.failNext = 1; // d1's first attempt answers 503: retried later, queued meanwhile
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    await evaluate(env, [reading(env, 'd2', 'temperature', 85)]); // delivered
    hook.status = 400;
    hook.failNext = 1; // d3's attempt answers 400: permanent, dead-lettered
    await evaluate(env, [reading(env, 'd3', 'temperature', 85)]);
    const d2 = buildViews(collectAlerts(env, loadConfig(env), ['d2']), loadConfig(env), env.now(), env.externalUrl)[0]!;
    expect(await acknowledgeAlert(env, d2.id, 'ops', undefined)).toMatchObject({ ok: true });
    saveCollection(env, 'silences', [parseSilence({ matchers: [{ name: 'device', value: 'd3' }], endsAt: new Date(env.now() + 3_600_000).toISOString(), comment: 'sensor swap' }, 's1', env.now())]);

    expect(statsOf(env)).toEqual({
      alerts: { pending: 0, firing: 1, resolved: 0, acknowledged: 1, silenced: 1 },
      deliveries: { delivered: 1, failed: 2, deadLettered: 1, queued: 1 },
    });
  });

  it('counts_nothing_on_an_empty_store', () => {
    expect(statsOf(testEnv().env)).toEqual({
      alerts: { pending: 0, firing: 0, resolved: 0, acknowledged: 0, silenced: 0 },
      deliveries: { delivered: 0, failed: 0, deadLettered: 0, queued: 0 },
    });
  });

  it('counts_every_display_state_and_only_finished_failed_attempts', () => {
    const view = (state: AlertView['state']) => ({ state }) as AlertView;
    const attempt = (ok: boolean, finished: boolean, error?: string) => ({ attempt: 1, startedAt: '', finishedAt: finished ? 'x' : null, ok, ...(error ? { error } : {}) });
    const delivery = (status: DeliveryView['status'], attempts: ReturnType<typeof attempt>[]) => ({ status, attempts }) as DeliveryView;
    const stats = alertingStats(
      ['pending', 'pending', 'firing', 'resolved', 'inactive', 'acknowledged', 'silenced', 'silenced'].map((s) => view(s as AlertView['state'])),
      [
        delivery('delivered', [attempt(false, true, 'HTTP 503'), attempt(true, true)]),
        delivery('in-flight', [attempt(false, false)]), // still running: not a failure yet
        delivery('pending', [attempt(false, false, 'no result before the lease expired (crash?)')]),
        delivery('dead', [attempt(false, true, 'HTTP 404')]),
      ],
    );
    expect(stats).toEqual({
      alerts: { pending: 2, firing: 1, resolved: 1, acknowledged: 1, silenced: 2 },
      deliveries: { delivered: 1, failed: 3, deadLettered: 1, queued: 2 },
    });
  });
});
