// The two rule passes of an evaluation, built so a pass costs little per rule:
// - readings are grouped per alert (rule × device); each alert's readings are
//   applied in time order, while different alerts run concurrently, so their
//   claim settle delays overlap instead of adding up (1,000 alerts firing in one
//   call wait about one settle delay, not 1,000 of them);
// - each alert is read once per call, and again only after a claim (when
//   another request may have appended); a reading that changes nothing writes
//   nothing and reads nothing more;
// - time checks run only where time can change an alert: heartbeat rules, and
//   rules with `for` or `keepFiringFor` (a plain threshold alert changes only on
//   a reading), skipping alerts this call has just observed.
// Every revision read or written is kept in `seen`, so the views need not read it again.
import { alertLabels, applyToAlert, currentAlert, type Applied, type Observe, type Transition } from './alert-store.ts';
import type { LogEntry } from './claim.ts';
import { crossesThreshold, heartbeatObservation, ratePerSecond, slideWindow } from './conditions.ts';
import { lastSeen, loadSamples, saveSamples } from './devices.ts';
import { durationMs } from './durations.ts';
import type { AlertsEnv } from './env.ts';
import { fingerprint } from './fingerprint.ts';
import { advance, type AlertRecord } from './lifecycle.ts';
import { matchesAll } from './matchers.ts';
import type { Reading } from './readings.ts';
import { watchedSeries, type Rule } from './rules.ts';

/** Newest revision of each alert this call read or wrote, by `alertKey(rule, device)`. */
export type SeenAlerts = Map<string, LogEntry<AlertRecord>>;

/** Key of a rule's alert for a device in SeenAlerts: cheaper than its fingerprint, which is a hash. */
export const alertKey = (ruleId: string, device: string): string => `${ruleId}\n${device}`;

/** Collects the transitions a pass made. */
export type RecordTransition = (transition: Transition | undefined) => void;

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

/**
 * Whether a time check (no new reading) can ever change this rule's alerts.
 * Rule edits take effect on the next reading: an alert left pending by a rule
 * whose `for` was since removed fires on its next reading, not on the cron.
 */
export function hasTimeBasedTransitions(rule: Rule): boolean {
  return rule.kind === 'heartbeat' || durationMs(rule.for, 0) > 0 || durationMs(rule.keepFiringFor, 0) > 0;
}

/** Apply one alert's readings in order, reading its state once and again only after a claim. */
async function observeChain(env: AlertsEnv, rule: Rule, device: string, readings: readonly Reading[], record: RecordTransition, seen: SeenAlerts): Promise<void> {
  const labels = alertLabels(rule, device);
  const fp = fingerprint(labels);
  let last = currentAlert(env, fp);
  for (const reading of readings) {
    const observe = observeReading(env, rule, reading);
    if (!observe) continue;
    // Judged on a state read in this same synchronous stretch, as fresh as appendIfChanged's own read would be.
    if (advance(last?.value, rule, labels, fp, observe(last?.value), env.now()) === undefined) continue;
    // No await since `last` was read: hand it on rather than read it again.
    const applied = await applyToAlert(env, rule, device, observe, { last });
    record(applied.transition);
    // The claim waited: another request may have appended since, so read again before judging another reading
    // (for the views, the revision this call appended or lost to is recent enough).
    last = reading === readings[readings.length - 1] ? applied.entry : currentAlert(env, fp);
  }
  if (last) seen.set(alertKey(rule.id, device), last);
}

/** Apply `readings` (time-ordered) to every rule watching their series; different alerts run concurrently. */
export async function observeReadings(env: AlertsEnv, rules: readonly Rule[], readings: readonly Reading[], record: RecordTransition, seen: SeenAlerts): Promise<void> {
  const chains = new Map<string, { rule: Rule; device: string; readings: Reading[] }>();
  for (const rule of rules) {
    if (rule.kind === 'heartbeat') continue;
    const series = watchedSeries(rule);
    for (const reading of readings) {
      if (reading.name !== series) continue;
      if (rule.matchers.length > 0 && !matchesAll(rule.matchers, { ...reading.labels, device: reading.device, series: reading.name })) continue;
      const key = alertKey(rule.id, reading.device);
      const chain = chains.get(key) ?? { rule, device: reading.device, readings: [] };
      chain.readings.push(reading);
      chains.set(key, chain);
    }
  }
  await Promise.all([...chains.values()].map((c) => observeChain(env, c.rule, c.device, c.readings, record, seen)));
}

/** Time-based checks (pending → firing after `for`, keepFiringFor expiry, heartbeats) for every rule and device that needs one; alerts in `seen` were just observed. */
export async function runTimeChecks(env: AlertsEnv, rules: readonly Rule[], devices: Iterable<string>, record: RecordTransition, seen: SeenAlerts): Promise<void> {
  const now = env.now();
  const keep = (key: string) => ({ transition, entry }: Applied) => {
    record(transition);
    if (entry) seen.set(key, entry);
  };
  const checks: Promise<void>[] = [];
  for (const rule of rules.filter(hasTimeBasedTransitions)) {
    for (const device of devices) {
      const key = alertKey(rule.id, device);
      if (rule.kind === 'heartbeat') {
        const seenAt = lastSeen(env, device);
        if (!seenAt || !matchesAll(rule.matchers, { device })) continue;
        const obs = heartbeatObservation(rule, seenAt, now);
        if (obs) checks.push(applyToAlert(env, rule, device, () => obs).then(keep(key)));
      } else if (!seen.has(key)) {
        checks.push(applyToAlert(env, rule, device, () => undefined).then(keep(key)));
      }
    }
  }
  await Promise.all(checks);
}
