import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alertHistory, acknowledgeAlert } from './alert-store.ts';
import { loadConfig, saveCollection } from './config-store.ts';
import { backoffMs, listDeliveries } from './delivery.ts';
import { evaluate } from './evaluator.ts';
import { parseRule } from './rules.ts';
import { parseSilence } from './silences.ts';
import { reading, testEnv, useReceivers } from './test-env.ts';
import { buildViews, collectAlerts, filterViews } from './views.ts';
import { knownDevices } from './devices.ts';
import type { AlertsEnv } from './env.ts';

const alerts = (env: AlertsEnv, filter = {}) => filterViews(buildViews(collectAlerts(env, loadConfig(env), knownDevices(env)), loadConfig(env), env.now(), env.externalUrl), filter);

describe('default rule set', () => {
  it('fires_the_seed_temperature_rule_for_any_device_with_no_configuration', async () => {
    const { env } = testEnv();
    const report = await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    expect(report.transitions).toMatchObject([{ event: 'firing', state: 'firing' }]);
    const [alert] = alerts(env);
    expect(alert).toMatchObject({ state: 'firing', labels: { alertname: 'HighTemperature', device: 'd1', severity: 'warning' }, value: 85 });
    expect(alert!.annotations.summary).toBe('Temperature above 80 on d1');
    expect(alert!.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps_one_alert_per_fingerprint_however_often_the_condition_repeats', async () => {
    const { env, advance } = testEnv();
    for (const v of [85, 86, 87]) {
      await evaluate(env, [reading(env, 'd1', 'temperature', v)]);
      advance(1000);
    }
    await evaluate(env, [reading(env, 'd2', 'humidity', 95)]);
    const list = alerts(env);
    expect(list.map((a) => a.labels.device).sort()).toEqual(['d1', 'd2']);
    expect(alertHistory(env, list.find((a) => a.labels.device === 'd1')!.fingerprint).map((e) => e.value.event)).toEqual(['firing']);
  });

  it('records_the_full_history_of_an_alert_across_episodes', async () => {
    const { env, advance } = testEnv();
    for (const v of [85, 70, 90]) {
      await evaluate(env, [reading(env, 'd1', 'temperature', v)]);
      advance(1000);
    }
    const [alert] = alerts(env);
    expect(alertHistory(env, alert!.fingerprint).map((e) => [e.value.event, e.value.episode])).toEqual([['firing', 1], ['resolved', 1], ['firing', 2]]);
  });
});

describe('time-based rules', () => {
  it('fires_a_heartbeat_alert_when_a_device_goes_silent_and_resolves_when_it_reports', async () => {
    const { env, advance } = testEnv();
    saveCollection(env, 'rules', [parseRule({ id: 'silent', kind: 'heartbeat', silentFor: '5m', severity: 'critical' })]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 20)]);
    advance(4 * 60_000);
    expect((await evaluate(env, [])).transitions).toEqual([]);
    advance(2 * 60_000);
    expect((await evaluate(env, [])).transitions).toMatchObject([{ event: 'firing', labels: { device: 'd1', alertname: 'silent' } }]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 21)]);
    expect(alerts(env)[0]).toMatchObject({ state: 'resolved' });
  });

  it('uses_the_senml_update_interval_when_the_rule_sets_no_silence_limit', async () => {
    const { env, advance } = testEnv();
    saveCollection(env, 'rules', [parseRule({ id: 'late', kind: 'heartbeat' })]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 20, { ut: 60 })]);
    advance(61_000);
    expect((await evaluate(env, [])).transitions).toMatchObject([{ event: 'firing' }]);
  });

  it('promotes_a_pending_alert_to_firing_on_the_cron_evaluation_after_for', async () => {
    const { env, advance } = testEnv();
    saveCollection(env, 'rules', [parseRule({ id: 'hot', kind: 'threshold', series: 'temperature', above: 80, for: '2m' })]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    expect(alerts(env)[0]?.state).toBe('pending');
    advance(60_000);
    await evaluate(env, []);
    expect(alerts(env)[0]?.state).toBe('pending');
    advance(60_000);
    await evaluate(env, []);
    expect(alerts(env)[0]?.state).toBe('firing');
  });

  it('fires_rate_and_anomaly_rules_from_their_series', async () => {
    const { env, advance } = testEnv();
    saveCollection(env, 'rules', [
      parseRule({ id: 'climb', kind: 'rate', series: 'temperature', window: '5m', above: 0.1 }),
      parseRule({ id: 'odd', kind: 'anomaly', series: 'temperature', above: 0.9 }),
    ]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 20)]);
    advance(60_000);
    // 20 → 30 in 60 s is 0.167/s, above 0.1/s.
    await evaluate(env, [reading(env, 'd1', 'temperature', 30), reading(env, 'd1', 'temperature/anomaly_score', 0.5)]);
    expect(alerts(env).map((a) => a.rule)).toEqual(['climb']);
    await evaluate(env, [reading(env, 'd1', 'temperature/anomaly_score', 0.95)]);
    expect(alerts(env).map((a) => a.rule).sort()).toEqual(['climb', 'odd']);
  });

  it('applies_rules_only_where_their_matchers_accept_the_device', async () => {
    const { env } = testEnv();
    saveCollection(env, 'rules', [parseRule({ id: 'lab', kind: 'threshold', series: 'temperature', above: 30, matchers: [{ name: 'device', value: 'lab-.*', isRegex: true }] })]);
    await evaluate(env, [reading(env, 'lab-1', 'temperature', 35), reading(env, 'field-1', 'temperature', 35)]);
    expect(alerts(env).map((a) => a.labels.device)).toEqual(['lab-1']);
  });
});

describe('notifications', () => {
  it('sends_an_alertmanager_v4_payload_and_a_resolved_message', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops' });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    expect(received).toHaveLength(1);
    const firing = received[0]!.json;
    expect(firing).toMatchObject({ version: '4', status: 'firing', receiver: 'ops', truncatedAlerts: 0, externalURL: 'http://edgewatch.test', groupLabels: { alertname: 'HighTemperature', device: 'd1' } });
    expect(firing.groupKey).toBe('{}:{alertname="HighTemperature", device="d1"}');
    expect(firing.alerts[0]).toMatchObject({ status: 'firing', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://edgewatch.test/api/v1/alerts/rules/high-temperature' });
    expect(firing.commonLabels).toMatchObject({ device: 'd1', severity: 'warning' });
    advance(120_000);
    await evaluate(env, [reading(env, 'd1', 'temperature', 70)]);
    expect(received.map((r) => r.json.status)).toEqual(['firing', 'resolved']);
    expect(received[1]!.json.alerts[0]).toMatchObject({ status: 'resolved', fingerprint: firing.alerts[0]!.fingerprint });
  });

  it('groups_alerts_sharing_group_by_labels_into_one_notification_after_group_wait', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops', groupBy: ['alertname'], groupWait: '30s' });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(10_000);
    await evaluate(env, [reading(env, 'd2', 'temperature', 88)]);
    expect(received).toHaveLength(0);
    advance(20_000);
    await evaluate(env, []);
    expect(received).toHaveLength(1);
    expect(received[0]!.json.alerts.map((a) => a.labels.device).sort()).toEqual(['d1', 'd2']);
    expect(received[0]!.json.commonLabels).not.toHaveProperty('device');
  });

  it('sends_group_changes_after_group_interval_and_reminders_after_repeat_interval', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops', groupBy: ['alertname'], groupInterval: '1m', repeatInterval: '1h' });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(30_000);
    await evaluate(env, [reading(env, 'd2', 'temperature', 85)]);
    expect(received).toHaveLength(1);
    advance(30_000);
    await evaluate(env, []);
    expect(received.map((r) => r.json.alerts.length)).toEqual([1, 2]);
    advance(30 * 60_000);
    await evaluate(env, []);
    expect(received).toHaveLength(2);
    advance(30 * 60_000);
    await evaluate(env, []);
    expect(received).toHaveLength(3);
  });

  it('routes_to_a_receiver_only_the_alerts_its_matchers_accept', async () => {
    const { env, received } = testEnv();
    useReceivers(env, { name: 'humid', matchers: [{ name: 'alertname', value: 'HighHumidity' }] });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85), reading(env, 'd1', 'humidity', 95)]);
    expect(received.map((r) => r.json.alerts[0]!.labels.alertname)).toEqual(['HighHumidity']);
  });

  it('signs_json_webhooks_with_hmac_sha256_over_timestamp_and_body', async () => {
    const { env, received } = testEnv();
    useReceivers(env, { name: 'signed', type: 'json-webhook', secret: 'a-very-long-secret' });
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    const { headers, body } = received[0]!;
    const expected = createHmac('sha256', 'a-very-long-secret').update(`${headers['x-edgewatch-timestamp']}.${body}`).digest('hex');
    expect(headers['x-edgewatch-signature']).toBe(`sha256=${expected}`);
    expect(received[0]!.json).toMatchObject({ version: 'edgewatch/1', status: 'firing' });
  });
});

describe('silences and inhibition', () => {
  it('lists_silenced_alerts_as_silenced_and_does_not_notify_them', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops' });
    saveCollection(env, 'silences', [parseSilence({ matchers: [{ name: 'device', value: 'd1' }], endsAt: new Date(env.now() + 3_600_000).toISOString(), comment: 'maintenance' }, 's1', env.now())]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 85), reading(env, 'd2', 'temperature', 85)]);
    expect(received.map((r) => r.json.alerts[0]!.labels.device)).toEqual(['d2']);
    expect(alerts(env, { device: 'd1' })[0]).toMatchObject({ state: 'silenced', lifecycle: 'firing', status: { silencedBy: ['s1'] } });
    advance(3_600_000);
    await evaluate(env, []);
    expect(received.map((r) => r.json.alerts[0]!.labels.device)).toEqual(['d2', 'd1']);
  });

  it('mutes_a_devices_warnings_while_a_critical_alert_fires_on_it', async () => {
    const { env, received } = testEnv();
    useReceivers(env, { name: 'ops' });
    saveCollection(env, 'rules', [
      parseRule({ id: 'warm', kind: 'threshold', series: 'temperature', above: 60, severity: 'warning' }),
      parseRule({ id: 'burning', kind: 'threshold', series: 'temperature', above: 90, severity: 'critical' }),
    ]);
    await evaluate(env, [reading(env, 'd1', 'temperature', 95), reading(env, 'd2', 'temperature', 70)]);
    expect(received.map((r) => `${r.json.alerts[0]!.labels.device}:${r.json.alerts[0]!.labels.severity}`).sort()).toEqual(['d1:critical', 'd2:warning']);
    expect(alerts(env, { device: 'd1', severity: 'warning' })[0]?.state).toBe('silenced');
  });

  it('shows_an_acknowledged_alert_as_acknowledged', async () => {
    const { env } = testEnv();
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    const [alert] = alerts(env);
    expect(await acknowledgeAlert(env, alert!.id, 'ops', 'on it')).toMatchObject({ ok: true });
    expect(alerts(env, { state: 'acknowledged' })).toHaveLength(1);
  });
});

describe('reliable delivery', () => {
  it('retries_with_backoff_until_the_receiver_recovers_and_delivers_once', async () => {
    const { env, received, hook, advance } = testEnv();
    useReceivers(env, { name: 'ops', initialBackoff: '10s' });
    hook.failNext = 3;
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    for (let i = 0; i < 3; i++) {
      // Nothing is retried before its backoff is over...
      await evaluate(env, []);
      advance(60_000);
      await evaluate(env, []);
    }
    expect(received).toHaveLength(1);
    const [delivery] = listDeliveries(env, loadConfig(env).receivers);
    expect(delivery).toMatchObject({ status: 'delivered', receiver: 'ops' });
    expect(delivery!.attempts.map((a) => a.httpStatus)).toEqual([503, 503, 503, 200]);
  });

  it('spaces_retries_exponentially_with_jitter_up_to_max_backoff', async () => {
    const receiver = useReceivers(testEnv().env, { name: 'ops', initialBackoff: '10s', maxBackoff: '1m' })[0]!;
    // "Equal jitter": half the exponential delay is fixed, the other half random.
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(receiver, n, 0))).toEqual([5_000, 10_000, 20_000, 30_000, 30_000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(receiver, n, 0.999999))).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);

    const { env, hook, advance } = testEnv();
    useReceivers(env, { name: 'ops', initialBackoff: '10s', maxBackoff: '1h' });
    hook.failNext = 100;
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(3_600_000);
    await evaluate(env, []);
    const [delivery] = listDeliveries(env, loadConfig(env).receivers);
    expect(delivery!.attempts).toHaveLength(2);
    const gap = Date.parse(delivery!.nextAttemptAt!) - Date.parse(delivery!.attempts[1]!.finishedAt!);
    expect(gap).toBeGreaterThanOrEqual(10_000);
    expect(gap).toBeLessThanOrEqual(20_000);
  });

  it('dead_letters_a_notification_after_max_attempts_and_on_a_permanent_4xx', async () => {
    const { env, hook, advance } = testEnv();
    useReceivers(env, { name: 'ops', maxAttempts: 2, initialBackoff: '1s' });
    hook.failNext = 100;
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(5_000);
    await evaluate(env, []);
    advance(5_000);
    await evaluate(env, []);
    const dead = listDeliveries(env, loadConfig(env).receivers, { status: 'dead' });
    expect(dead).toHaveLength(1);
    expect(dead[0]!.attempts).toHaveLength(2);

    const other = testEnv();
    useReceivers(other.env, { name: 'ops' });
    other.hook.failNext = 1;
    other.hook.status = 400;
    await evaluate(other.env, [reading(other.env, 'd1', 'temperature', 85)]);
    expect(listDeliveries(other.env, loadConfig(other.env).receivers)[0]).toMatchObject({ status: 'dead', attempts: [{ httpStatus: 400 }] });
  });

  it('delivers_a_notification_whose_attempt_crashed_after_its_lease_expires', async () => {
    const { env, received, advance } = testEnv();
    useReceivers(env, { name: 'ops' });
    const realFetch = env.fetch;
    // The instance dies mid-send: the attempt's lease is written, its result never is.
    env.fetch = () => new Promise(() => {});
    void evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    await new Promise((r) => setTimeout(r, 20));
    env.fetch = realFetch;
    await evaluate(env, []);
    expect(received).toHaveLength(0);
    advance(61_000);
    await evaluate(env, []);
    expect(received).toHaveLength(1);
    expect(listDeliveries(env, loadConfig(env).receivers)[0]!.attempts[0]!.error).toMatch(/lease expired/);
  });

  it('sends_one_notification_when_parallel_evaluations_see_the_same_reading', async () => {
    const { env, received } = testEnv();
    useReceivers(env, { name: 'ops' });
    const reports = await Promise.all(Array.from({ length: 4 }, () => evaluate(env, [reading(env, 'd1', 'temperature', 85)])));
    expect(reports.flatMap((r) => r.transitions)).toHaveLength(1);
    expect(reports.flatMap((r) => r.queued)).toHaveLength(1);
    expect(received).toHaveLength(1);
  });

  it('keeps_notifications_of_a_group_in_order_so_resolved_never_precedes_firing', async () => {
    const { env, received, hook, advance } = testEnv();
    useReceivers(env, { name: 'ops', initialBackoff: '1s', groupInterval: '0s' });
    hook.refuse = true;
    await evaluate(env, [reading(env, 'd1', 'temperature', 85)]);
    advance(500);
    await evaluate(env, [reading(env, 'd1', 'temperature', 60)]);
    hook.refuse = false;
    for (let i = 0; i < 3; i++) {
      advance(5_000);
      await evaluate(env, []);
    }
    expect(received.map((r) => r.json.status)).toEqual(['firing', 'resolved']);
  });
});
