// Alerts in key-value: one append-only log per fingerprint
// (`alerting/alert/<fp>/<seq>`), each entry a full revision. The newest entry
// is the alert; all of them are its history. Appending goes through a
// write-once claim, so two requests applying the same change append it once,
// and a request that loses re-applies its observation to the winner's state.
import { appendIfChanged, lastEntry, readLog, type LogEntry } from './claim.ts';
import type { Observation } from './conditions.ts';
import type { AlertsEnv } from './env.ts';
import { fingerprint } from './fingerprint.ts';
import { acknowledge, advance, type AlertRecord } from './lifecycle.ts';
import type { Labels } from './matchers.ts';
import type { Rule } from './rules.ts';

const alertLog = (fp: string) => `alerting/alert/${fp}`;

/** The labels (and so the identity) of a rule's alert for one device. */
export function alertLabels(rule: Rule, device: string): Labels {
  return {
    ...rule.labels,
    alertname: rule.name,
    rule: rule.id,
    device,
    ...(rule.series !== undefined ? { series: rule.series } : {}),
    severity: rule.severity,
  };
}

/** Fingerprint of a rule's alert for one device. */
export const alertFingerprint = (rule: Rule, device: string): string => fingerprint(alertLabels(rule, device));

/** The alert's newest revision and its sequence number. */
export function currentAlert(env: Pick<AlertsEnv, 'store'>, fp: string): LogEntry<AlertRecord> | undefined {
  return lastEntry<AlertRecord>(env, alertLog(fp));
}

/** Every revision of an alert, oldest first. */
export function alertHistory(env: Pick<AlertsEnv, 'store'>, fp: string): LogEntry<AlertRecord>[] {
  return readLog<AlertRecord>(env, alertLog(fp));
}

/** A change this request appended, for the evaluation report. */
export interface Transition {
  fingerprint: string;
  seq: number;
  event: AlertRecord['event'];
  state: AlertRecord['state'];
  labels: Labels;
}

/** Judges the condition given the alert's previous revision (hysteresis needs it); undefined: nothing observed, only a time check. */
export type Observe = (prev: AlertRecord | undefined) => Observation | undefined;

/** What applying an observation did: the transition this call made, if any, and the alert's newest revision. */
export interface Applied {
  transition?: Transition;
  entry?: LogEntry<AlertRecord>;
}

/** Apply one observation (or a time check) to a rule's alert for a device; also returns the newest revision, so callers need not read it again. */
export async function applyToAlert(env: AlertsEnv, rule: Rule, device: string, observe: Observe, justRead?: { last: LogEntry<AlertRecord> | undefined }): Promise<Applied> {
  const labels = alertLabels(rule, device);
  const fp = fingerprint(labels);
  const now = env.now();
  const { entry, appended } = await appendIfChanged<AlertRecord>(env, alertLog(fp), (last) => advance(last?.value, rule, labels, fp, observe(last?.value), now), undefined, justRead);
  if (!appended || !entry) return { entry };
  return { transition: { fingerprint: fp, seq: entry.seq, event: entry.value.event, state: entry.value.state, labels }, entry };
}

/** Apply one observation (or a time check) to a rule's alert for a device; returns the transition if this call made one. */
export async function applyObservation(env: AlertsEnv, rule: Rule, device: string, observe: Observe): Promise<Transition | undefined> {
  return (await applyToAlert(env, rule, device, observe)).transition;
}

/** Why an acknowledgement did not apply. */
export type AckOutcome = { ok: true; record: AlertRecord } | { ok: false; reason: 'not-found' | 'not-open'; record?: AlertRecord };

/** Acknowledge an open alert; acknowledging twice keeps the first acknowledgement. */
export async function acknowledgeAlert(env: AlertsEnv, fp: string, by: string, comment: string | undefined): Promise<AckOutcome> {
  const now = env.now();
  const { entry } = await appendIfChanged<AlertRecord>(env, alertLog(fp), (last) => (last ? acknowledge(last.value, by, comment, now) : undefined));
  if (!entry) return { ok: false, reason: 'not-found' };
  if (!entry.value.acknowledged) return { ok: false, reason: 'not-open', record: entry.value };
  return { ok: true, record: entry.value };
}
