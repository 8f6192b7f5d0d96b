// One evaluation pass, run by every POST /api/v1/alerts/evaluate: record the
// new readings, apply them to matching rules, run the time-based checks
// (`for`, keepFiringFor, heartbeats) where time can change an alert, queue the
// notifications that are due, then deliver what the outbox holds, within
// limits. Every step is idempotent, so overlapping or repeated passes are safe.
// A pass with readings looks only at their devices and those devices' groups;
// the scheduler's pass (no readings) looks at everything (pass-scope.ts).
// Independent claims run concurrently (rule-passes.ts): a claim's settle delay
// is a wait, and waits on different keys can overlap.
import type { Transition } from './alert-store.ts';
import { loadConfig } from './config-store.ts';
import { deliverDue, DEFAULT_DELIVERY_LIMITS, type DeliveryLimits, type DeliveryReport } from './delivery.ts';
import { knownDevices, lastSeen, recordSeen, rememberDevices } from './devices.ts';
import type { AlertsEnv } from './env.ts';
import { groupRefsOf, queueNotifications } from './notifier.ts';
import { fullScope, readingScope, type PassScope } from './pass-scope.ts';
import type { Reading } from './readings.ts';
import { observeReadings, runTimeChecks, type SeenAlerts } from './rule-passes.ts';
import { buildViews, readAlerts } from './views.ts';

/** What one pass did (the body of the evaluate response). */
export interface EvaluationReport {
  readings: number;
  /** Devices the pass looked at: those read from, or every known device for the scheduler's pass. */
  devices: number;
  transitions: Transition[];
  queued: string[];
  delivery: DeliveryReport;
}

/** Run one evaluation pass over `readings` (possibly none: the scheduler's pass over everything). */
export async function evaluate(env: AlertsEnv, readings: readonly Reading[], limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS): Promise<EvaluationReport> {
  const config = loadConfig(env);
  const rules = config.rules.filter((r) => r.enabled);
  const ordered = [...readings].sort((a, b) => a.t - b.t);
  const transitions: Transition[] = [];
  const record = (t: Transition | undefined) => void (t && transitions.push(t));
  const seen: SeenAlerts = new Map();

  let scope: PassScope;
  if (ordered.length > 0) {
    const devices = new Set(ordered.map((r) => r.device));
    // Remembering new devices and applying readings touch different keys: their claims overlap.
    const fresh = [...devices].filter((device) => !lastSeen(env, device));
    await Promise.all([rememberDevices(env, fresh), observeReadings(env, rules, ordered, record, seen)]);
    for (const reading of ordered) recordSeen(env, reading.device, reading.t, reading.ut);
    scope = readingScope(env, config, devices);
  } else {
    scope = fullScope(config, knownDevices(env));
  }
  await runTimeChecks(env, rules, scope.devices, record, seen);

  const views = buildViews(readAlerts(env, scope.alerts, seen), config, env.now(), env.externalUrl);
  const queued = await queueNotifications(env, config.receivers, views, scope.groups);
  // What this pass queued is its own to send first, without a lease claim (delivery.ts).
  const delivery = await deliverDue(env, config.receivers, limits, scope.groups && groupRefsOf(scope.groups), new Set(queued));
  return { readings: readings.length, devices: scope.devices.length, transitions, queued, delivery };
}
