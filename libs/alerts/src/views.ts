// Alerts as the API and the notifiers see them: the stored revision plus what
// depends on the moment (silences in force, inhibition by firing critical
// alerts, acknowledgement), with a display `state` that folds those in.
import { currentAlert } from './alert-store.ts';
import { alertFingerprint } from './alert-store.ts';
import type { LogEntry } from './claim.ts';
import type { AlertingConfigSnapshot } from './config-store.ts';
import { iso, type AlertsEnv } from './env.ts';
import type { AlertRecord, AlertState } from './lifecycle.ts';
import type { Labels } from './matchers.ts';
import type { Rule } from './rules.ts';
import { DEFAULT_INHIBIT_RULES, inhibitionOf, silencedBy } from './silences.ts';

/** Display state: the lifecycle state, or `silenced` / `acknowledged` for open alerts muted or handled. */
export type DisplayState = Exclude<AlertState, 'inactive'> | 'inactive' | 'acknowledged' | 'silenced';

/** One alert in GET /api/v1/alerts. */
export interface AlertView {
  id: string;
  fingerprint: string;
  state: DisplayState;
  lifecycle: AlertState;
  rule: string;
  labels: Labels;
  annotations: Labels;
  startsAt: string | null;
  endsAt: string | null;
  activeSince: string | null;
  updatedAt: string;
  value: number | null;
  episode: number;
  revision: number;
  generatorURL: string;
  status: { silencedBy: string[]; inhibitedBy: string[]; acknowledged: { at: string; by: string; comment?: string } | null };
}

/**
 * Newest revision of each given rule × device alert that exists (inactive ones included).
 * `seen` holds revisions the caller has just read or written, by `${rule id}\n${device}`: they are not read again.
 */
export function readAlerts(env: Pick<AlertsEnv, 'store'>, alerts: readonly { rule: Rule; device: string }[], seen?: ReadonlyMap<string, LogEntry<AlertRecord>>): { record: AlertRecord; seq: number }[] {
  const out: { record: AlertRecord; seq: number }[] = [];
  for (const { rule, device } of alerts) {
    const entry = seen?.get(`${rule.id}\n${device}`) ?? currentAlert(env, alertFingerprint(rule, device));
    if (entry) out.push({ record: entry.value, seq: entry.seq });
  }
  return out;
}

/** Newest revision of every alert of the configured rules × known devices (inactive ones included). */
export function collectAlerts(env: Pick<AlertsEnv, 'store'>, config: AlertingConfigSnapshot, devices: readonly string[]): { record: AlertRecord; seq: number }[] {
  return readAlerts(env, config.rules.flatMap((rule) => devices.map((device) => ({ rule, device }))));
}

/** Link to the rule that produced an alert (Alertmanager's generatorURL). */
export const generatorUrl = (externalUrl: string, ruleId: string): string => `${externalUrl.replace(/\/$/, '')}/api/v1/alerts/rules/${ruleId}`;

/** Views of alerts at `nowMs`, with silences and inhibition applied. */
export function buildViews(alerts: readonly { record: AlertRecord; seq: number }[], config: AlertingConfigSnapshot, nowMs: number, externalUrl: string): AlertView[] {
  const firing = alerts.filter((a) => a.record.state === 'firing').map((a) => ({ fingerprint: a.record.fingerprint, labels: a.record.labels }));
  const inhibitedBy = inhibitionOf(DEFAULT_INHIBIT_RULES, firing);
  return alerts.map(({ record, seq }) => {
    const open = record.state === 'pending' || record.state === 'firing';
    const silenced = open ? silencedBy(config.silences, record.labels, nowMs) : [];
    const inhibited = record.state === 'firing' ? inhibitedBy(record) : [];
    const state: DisplayState = open && (silenced.length || inhibited.length) ? 'silenced' : open && record.acknowledged ? 'acknowledged' : record.state;
    const time = (ms: number | undefined) => (ms === undefined ? null : iso(ms));
    return {
      id: record.fingerprint,
      fingerprint: record.fingerprint,
      state,
      lifecycle: record.state,
      rule: record.ruleId,
      labels: record.labels,
      annotations: record.annotations,
      startsAt: time(record.startsAt),
      endsAt: time(record.endsAt),
      activeSince: time(record.activeSince),
      updatedAt: iso(record.at),
      value: record.value ?? null,
      episode: record.episode,
      revision: seq,
      generatorURL: generatorUrl(externalUrl, record.ruleId),
      status: {
        silencedBy: silenced,
        inhibitedBy: inhibited,
        acknowledged: record.acknowledged ? { ...record.acknowledged, at: iso(record.acknowledged.at) } : null,
      },
    };
  });
}

/** Filters of GET /api/v1/alerts. */
export interface AlertFilter {
  state?: string;
  device?: string;
  severity?: string;
  rule?: string;
}

/** Apply list filters; without a state filter, inactive alerts (never fired) are hidden. */
export function filterViews(views: readonly AlertView[], filter: AlertFilter): AlertView[] {
  return views.filter(
    (v) =>
      (filter.state ? v.state === filter.state || v.lifecycle === filter.state : v.lifecycle !== 'inactive') &&
      (!filter.device || v.labels.device === filter.device) &&
      (!filter.severity || v.labels.severity === filter.severity) &&
      (!filter.rule || v.rule === filter.rule),
  );
}
