// What an evaluation pass reads and how its claims wait: a pass with readings
// touches only its devices' alerts and groups, the scheduler's pass catches up
// the rest, and claims on different alerts wait together, not one by one.
import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './alert-store.ts';
import { loadConfig, saveCollection } from './config-store.ts';
import { DEFAULT_DELIVERY_LIMITS, listDeliveries, OWNER_GRACE_MS } from './delivery.ts';
import { evaluate } from './evaluator.ts';
import { parseRule } from './rules.ts';
import { reading, testEnv, useReceivers, type ClaimMode } from './test-env.ts';
import { knownDevices } from './devices.ts';
import { DEFAULT_RULES } from './rules.ts';

/** Record every key the store is asked about, by operation. */
function spyKeys(env: ReturnType<typeof testEnv>['env']) {
  const touched: string[] = [];
  const store = env.store;
  env.store = new Proxy(store, {
    get(target, name) {
      const member = Reflect.get(target, name) as unknown;
      if (typeof member !== 'function') return member;
      return (...args: unknown[]) => {
        if (typeof args[0] === 'string') touched.push(args[0]);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return touched;
}

describe('claims of different alerts', () => {
  it.each<[ClaimMode, number]>([
    ['fischer', 1],
    ['counter', 0],
  ])('wait_together_when_one_reading_fires_many_rules_at_once (%s: %i waits)', async (mode, expectedWaits) => {
    const { env } = testEnv(undefined, mode);
    saveCollection(env, 'rules', Array.from({ length: 50 }, (_, i) => parseRule({ id: `r${i}`, kind: 'threshold', series: 'temperature', above: i })));
    let waits = 0;
    env.sleep = async () => {
      waits++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    };
    const report = await evaluate(env, [reading(env, 'd1', 'temperature', 100)]);
    expect(report.transitions).toHaveLength(50);
    // The device log's claim and the 50 alerts' claims were written together and share one settle wait
    // (none with an atomic counter: its claims decide at once).
    expect(waits).toBe(expectedWaits);
  });

  it('apply_one_alerts_readings_in_time_order_whatever_order_they_came_in', async () => {
    const { env } = testEnv();
    const t = env.now() / 1000;
    const report = await evaluate(env, [reading(env, 'd1', 'temperature', 70, { t: t + 2 }), reading(env, 'd1', 'temperature', 85, { t: t + 1 })]);
    expect(report.transitions.map((x) => x.event)).toEqual(['firing', 'resolved']);
  });
});

describe('a pass with readings', () => {
  it('reads_only_the_alerts_and_groups_of_the_devices_it_got_readings_from', async () => {
    const { env } = testEnv();
    useReceivers(env, { name: 'ops' });
    for (let i = 0; i < 20; i++) await evaluate(env, [reading(env, `d${i}`, 'temperature', 85)]);
    const touched = spyKeys(env);
    await evaluate(env, [reading(env, 'new-1', 'temperature', 85)]);
    const others = DEFAULT_RULES.flatMap((rule) => Array.from({ length: 20 }, (_, i) => alertFingerprint(rule, `d${i}`)));
    expect(touched.filter((key) => others.some((fp) => key.includes(fp)))).toEqual([]);
    // The device log is appended to (its last entry and the next, and that one's claim counter if any), never read through.
    expect([...new Set(touched.filter((key) => key.startsWith('alerting/devices/') && key !== 'alerting/devices/head').map((key) => key.replace(/#claim$/, '')))].sort()).toEqual(['alerting/devices/20', 'alerting/devices/21']);
    expect(touched.some((key) => key.startsWith('alerting/groups/1'))).toBe(false);
    expect(knownDevices(env)).toContain('new-1');
  });

  it('reads_other_devices_alerts_when_a_receiver_groups_them_together', async () => {
    const { env, received } = testEnv();
    useReceivers(env, { name: 'ops', groupBy: ['alertname'], groupInterval: '0s' });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    await evaluate(env, [reading(env, 'd2', 'temperature', 85)]);
    expect(received.map((r) => r.json.alerts.map((a) => a.labels.device).sort())).toEqual([['d1'], ['d1', 'd2']]);
  });

  it('leaves_other_groups_retries_to_the_schedulers_pass', async () => {
    const { env, received, hook, advance } = testEnv();
    useReceivers(env, { name: 'ops', initialBackoff: '1s', maxBackoff: '1s' });
    hook.failNext = 1;
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(5_000);
    await evaluate(env, [reading(env, 'd2', 'temperature', 85)]);
    expect(received.map((r) => r.json.alerts[0]!.labels.device)).toEqual(['d2']);
    await evaluate(env, []);
    expect(received.map((r) => r.json.alerts[0]!.labels.device)).toEqual(['d2', 'd1']);
    expect(listDeliveries(env, loadConfig(env).receivers).map((d) => d.status)).toEqual(['delivered', 'delivered']);
  });
});

describe('the first delivery attempt', () => {
  it.each<[ClaimMode, number]>([
    ['fischer', 2],
    ['counter', 0],
  ])('is_taken_by_the_request_that_queued_the_notification_without_another_claim_wait (%s: %i waits)', async (mode, expectedWaits) => {
    const { env, received } = testEnv(undefined, mode);
    useReceivers(env, { name: 'ops' });
    let waits = 0;
    const sleep = env.sleep;
    env.sleep = (ms) => (waits++, sleep(ms));
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    expect(received).toHaveLength(1);
    // Fischer: one wait for the device and alert claims, one for the group and index claims, none for
    // the lease. Counter: no wait at all between the reading and the webhook.
    expect(waits).toBe(expectedWaits);
  });

  it('is_left_to_the_creator_for_the_grace_period_then_taken_by_anyone', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops' });
    // The creator queues but may send nothing (as if it crashed before sending).
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)], { ...DEFAULT_DELIVERY_LIMITS, maxDeliveries: 0 });
    await evaluate(env, []);
    expect(received).toHaveLength(0);
    advance(OWNER_GRACE_MS);
    await evaluate(env, []);
    expect(received).toHaveLength(1);
  });
});
