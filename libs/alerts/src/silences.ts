// Muting without deleting: silences (matchers over a time range, Alertmanager's
// shape) and inhibition (a firing critical alert on a device mutes that
// device's warning and info alerts). Muted alerts stay listed but are not notified.
import { matchesAll, parseMatchers, type Labels, type Matcher } from './matchers.ts';

/** An operator's silence (times as ISO-8601 strings, like Alertmanager's API). */
export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
}

/** Validate a silence from JSON; `id` and a missing `startsAt` (now) are supplied by the caller. */
export function parseSilence(input: unknown, id: string, nowMs: number): Silence {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a silence must be a JSON object { matchers, startsAt?, endsAt, comment, createdBy? }');
  const raw = input as Record<string, unknown>;
  const matchers = parseMatchers(raw.matchers, 'matchers');
  if (matchers.length === 0) throw new Error('matchers must name at least one label, e.g. [{ "name": "device", "value": "d1" }]');
  const time = (field: string, fallback?: number): number => {
    const value = raw[field];
    if (value === undefined && fallback !== undefined) return fallback;
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw new Error(`${field} must be an ISO-8601 time, e.g. "2025-01-01T00:00:00Z"`);
    return ms;
  };
  const startsAt = time('startsAt', nowMs);
  const endsAt = time('endsAt');
  if (endsAt <= startsAt) throw new Error('endsAt must be after startsAt');
  if (typeof raw.comment !== 'string' || raw.comment.trim() === '') throw new Error('comment must say why the alerts are silenced');
  if (raw.createdBy !== undefined && typeof raw.createdBy !== 'string') throw new Error('createdBy must be a string');
  return { id, matchers, startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), createdBy: (raw.createdBy as string | undefined) ?? 'admin', comment: raw.comment };
}

/** Whether a silence is in force at `nowMs`. */
export function silenceActive(silence: Silence, nowMs: number): boolean {
  return Date.parse(silence.startsAt) <= nowMs && nowMs < Date.parse(silence.endsAt);
}

/** Ids of the silences in force that match `labels`. */
export function silencedBy(silences: readonly Silence[], labels: Labels, nowMs: number): string[] {
  return silences.filter((s) => silenceActive(s, nowMs) && matchesAll(s.matchers, labels)).map((s) => s.id);
}

/** Alertmanager's inhibit rule shape: a source alert mutes matching targets that share the `equal` labels. */
export interface InhibitRule {
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  equal: string[];
}

/** A critical alert on a device mutes its warnings and infos. */
export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = [
  { sourceMatchers: [{ name: 'severity', value: 'critical' }], targetMatchers: [{ name: 'severity', value: 'warning|info', isRegex: true }], equal: ['device'] },
];

/** An alert seen by inhibition: its labels and fingerprint (firing alerts only are passed as sources). */
export interface InhibitCandidate {
  fingerprint: string;
  labels: Labels;
}

/**
 * Inhibition over one set of firing alerts, prepared once: the sources of each
 * rule are indexed by their `equal` labels, so judging n targets costs O(n),
 * not O(n × firing) — with 1,000 firing alerts, that is the difference between
 * a thousand and a million matcher calls per evaluation.
 */
export function inhibitionOf(rules: readonly InhibitRule[], firing: readonly InhibitCandidate[]): (target: InhibitCandidate) => string[] {
  const equalKey = (rule: InhibitRule, labels: Labels) => JSON.stringify(rule.equal.map((name) => labels[name] ?? ''));
  const indexed = rules.map((rule) => {
    const byKey = new Map<string, string[]>();
    for (const source of firing) {
      if (!matchesAll(rule.sourceMatchers, source.labels)) continue;
      const key = equalKey(rule, source.labels);
      byKey.set(key, [...(byKey.get(key) ?? []), source.fingerprint]);
    }
    return { rule, byKey };
  });
  return (target) => {
    const out = new Set<string>();
    for (const { rule, byKey } of indexed) {
      if (byKey.size === 0 || !matchesAll(rule.targetMatchers, target.labels)) continue;
      for (const fp of byKey.get(equalKey(rule, target.labels)) ?? []) if (fp !== target.fingerprint) out.add(fp);
    }
    return [...out];
  };
}

/** Fingerprints of the firing source alerts that inhibit `target` (one target; for many, prepare inhibitionOf once). */
export function inhibitedBy(rules: readonly InhibitRule[], firing: readonly InhibitCandidate[], target: InhibitCandidate): string[] {
  return inhibitionOf(rules, firing)(target);
}
