// One evaluation pass, run by every POST /api/v1/alerts/evaluate: record the
// new readings, apply them to matching rules, run the time-based checks
// (`for`, keepFiringFor, heartbeats) for every rule and known device, queue
// the notifications that are due, then deliver what the outbox holds, within
// limits. Every step is idempotent, so overlapping or repeated passes are safe.
import { applyObservation, type Observe, type Transition } from './alert-store.ts';
import { crossesThreshold, heartbeatObservation, ratePerSecond, slideWindow } from './conditions.ts';
import { loadConfig } from './config-store.ts';
import { deliverDue, DEFAULT_DELIVERY_LIMITS, type DeliveryLimits, type DeliveryReport } from './delivery.ts';
import { knownDevices, lastSeen, loadSamples, recordSeen, rememberDevices, saveSamples } from './devices.ts';
import type { AlertsEnv } from './env.ts';
import { matchesAll } from './matchers.ts';
import { queueNotifications } from './notifier.ts';
import type { Reading } from './readings.ts';
import { watchedSeries, type Rule } from './rules.ts';
import { buildViews, collectAlerts } from './views.ts';

/** What one pass did (the body of the evaluate response). */
export interface EvaluationReport {
  readings: number;
  devices: number;
  transitions: Transition[];
  queued: string[];
  delivery: DeliveryReport;
}

/** The observation a reading gives a rule, or undefined when the reading is not enough (rate needs two samples). */
function observeReading(env: AlertsEnv, rule: Rule, reading: Reading): Observe | undefined {
  if (rule.kind === 'rate') {
    const samples = slideWindow(rule, loadSamples(env, rule.id, reading.device), [reading.t, reading.v]);
    saveSamples(env, rule.id, reading.device, samples);
    const rate = ratePerSecond(samples);
    return rate === undefined ? undefined : (prev) => ({ active: crossesThreshold(rule, rate, prev?.conditionActive ?? false), value: rate });
  }
  return (prev) => ({ active: crossesThreshold(rule, reading.v, prev?.conditionActive ?? false), value: reading.v });
}

/** Run one evaluation pass over `readings` (possibly none: time-based checks only). */
export async function evaluate(env: AlertsEnv, readings: readonly Reading[], limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS): Promise<EvaluationReport> {
  const config = loadConfig(env);
  const rules = config.rules.filter((r) => r.enabled);
  const known = new Set(knownDevices(env));
  const ordered = [...readings].sort((a, b) => a.t - b.t);
  await rememberDevices(env, ordered.map((r) => r.device), known);
  for (const reading of ordered) recordSeen(env, reading.device, reading.t, reading.ut);

  const transitions: Transition[] = [];
  const record = (t: Transition | undefined) => void (t && transitions.push(t));
  for (const rule of rules) {
    if (rule.kind === 'heartbeat') continue;
    const series = watchedSeries(rule);
    for (const reading of ordered) {
      if (reading.name !== series || !matchesAll(rule.matchers, { ...reading.labels, device: reading.device, series: reading.name })) continue;
      const observe = observeReading(env, rule, reading);
      if (observe) record(await applyObservation(env, rule, reading.device, observe));
    }
  }
  // Time-based checks for every rule and device: pending → firing after `for`,
  // keepFiringFor expiry, heartbeats. A check that changes nothing writes nothing.
  const now = env.now();
  for (const rule of rules) {
    for (const device of known) {
      if (rule.kind === 'heartbeat') {
        const seen = lastSeen(env, device);
        if (!seen || !matchesAll(rule.matchers, { device })) continue;
        const obs = heartbeatObservation(rule, seen, now);
        if (obs) record(await applyObservation(env, rule, device, () => obs));
      } else {
        record(await applyObservation(env, rule, device, () => undefined));
      }
    }
  }
  const views = buildViews(collectAlerts(env, config, [...known]), config, env.now(), env.externalUrl);
  const queued = await queueNotifications(env, config.receivers, views);
  const delivery = await deliverDue(env, config.receivers, limits);
  return { readings: readings.length, devices: known.size, transitions, queued, delivery };
}
