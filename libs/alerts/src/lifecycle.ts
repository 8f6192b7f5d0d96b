// The alert state machine, as pure functions of the previous record: inactive →
// pending (until `for` has passed) → firing → resolved (after `keepFiringFor`
// without the condition), plus acknowledgement. Each change returns a new
// record that the store appends to the alert's log; "no change" is undefined,
// so a repeated evaluation appends nothing.
import type { Observation } from './conditions.ts';
import { durationMs } from './durations.ts';
import type { Labels } from './matchers.ts';
import type { Rule } from './rules.ts';

/** Lifecycle state; `inactive` alerts (never fired, or a pending that cleared) are not listed by default. */
export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

/** What a revision did, for the alert's history. */
export type AlertEvent = 'pending' | 'firing' | 'cleared' | 'keep-firing' | 'condition-returned' | 'resolved' | 'acknowledged';

/** One revision of an alert (times in epoch ms). */
export interface AlertRecord {
  fingerprint: string;
  ruleId: string;
  labels: Labels;
  annotations: Labels;
  state: AlertState;
  /** Increments each time the alert becomes pending/firing again after clearing. */
  episode: number;
  conditionActive: boolean;
  activeSince?: number;
  startsAt?: number;
  endsAt?: number;
  /** Firing, but the condition cleared at this time; resolves after keepFiringFor. */
  inactiveSince?: number;
  value?: number;
  acknowledged?: { at: number; by: string; comment?: string };
  event: AlertEvent;
  at: number;
}

/** Fill `{{ $value }}` and `{{ $labels.name }}` in annotation templates. */
export function renderAnnotations(templates: Labels, labels: Labels, value: number | undefined): Labels {
  const out: Labels = {};
  for (const [name, text] of Object.entries(templates)) {
    out[name] = text
      .replace(/\{\{\s*\$value\s*\}\}/g, value === undefined ? '' : String(value))
      .replace(/\{\{\s*\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g, (_, label: string) => labels[label] ?? '');
  }
  return out;
}

/** The next revision after an observation (or a time-based check when `obs` is undefined), or undefined when nothing changes. */
export function advance(prev: AlertRecord | undefined, rule: Rule, labels: Labels, fp: string, obs: Observation | undefined, now: number): AlertRecord | undefined {
  const base: AlertRecord = prev ?? { fingerprint: fp, ruleId: rule.id, labels, annotations: {}, state: 'inactive', episode: 0, conditionActive: false, event: 'cleared', at: now };
  const active = obs ? obs.active : base.conditionActive;
  const value = obs?.value ?? base.value;
  const change = (patch: Partial<AlertRecord> & { event: AlertEvent }): AlertRecord => {
    const next: AlertRecord = { ...base, labels, conditionActive: active, ...patch, at: now };
    if (value !== undefined) next.value = value;
    next.annotations = renderAnnotations(rule.annotations, labels, next.value);
    for (const key of Object.keys(next) as (keyof AlertRecord)[]) if (next[key] === undefined) delete next[key];
    return next;
  };
  const forMs = durationMs(rule.for, 0);
  switch (base.state) {
    case 'inactive':
    case 'resolved': {
      if (!active || !obs) return undefined;
      const episode = { episode: base.episode + 1, activeSince: now, acknowledged: undefined, endsAt: undefined, inactiveSince: undefined, startsAt: undefined };
      return forMs === 0 ? change({ ...episode, state: 'firing', startsAt: now, event: 'firing' }) : change({ ...episode, state: 'pending', event: 'pending' });
    }
    case 'pending': {
      if (!active) return change({ state: 'inactive', activeSince: undefined, event: 'cleared' });
      if (now - (base.activeSince ?? now) >= forMs) return change({ state: 'firing', startsAt: now, event: 'firing' });
      return undefined;
    }
    case 'firing': {
      if (active) return base.inactiveSince !== undefined ? change({ inactiveSince: undefined, event: 'condition-returned' }) : undefined;
      const inactiveSince = base.inactiveSince ?? now;
      if (now - inactiveSince >= durationMs(rule.keepFiringFor, 0)) return change({ state: 'resolved', endsAt: now, inactiveSince: undefined, event: 'resolved' });
      return base.inactiveSince === undefined ? change({ inactiveSince, event: 'keep-firing' }) : undefined;
    }
  }
}

/** Acknowledge a pending or firing alert; undefined when it is not open or already acknowledged. */
export function acknowledge(prev: AlertRecord, by: string, comment: string | undefined, now: number): AlertRecord | undefined {
  if (prev.state !== 'pending' && prev.state !== 'firing') return undefined;
  if (prev.acknowledged) return undefined;
  return { ...prev, acknowledged: { at: now, by, ...(comment ? { comment } : {}) }, event: 'acknowledged', at: now };
}

/** Whether an alert counts as open (pending or firing). */
export const isOpen = (record: AlertRecord): boolean => record.state === 'pending' || record.state === 'firing';
