// Alert rules: their JSON shape, validation with messages that name the field,
// and the default rule set (the seed's edge rule: temperature > 80 or humidity > 90).
import { parseDuration, type Duration } from './durations.ts';
import { parseLabels, parseMatchers, type Labels, type Matcher } from './matchers.ts';

/** How loud an alert is; inhibition mutes lower severities under a critical one. */
export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** What a rule watches. */
export type RuleKind = 'threshold' | 'rate' | 'anomaly' | 'heartbeat';
const KINDS: readonly RuleKind[] = ['threshold', 'rate', 'anomaly', 'heartbeat'];

/** A rule as stored and served (durations as written). */
export interface Rule {
  id: string;
  /** The `alertname` label; defaults to the id. */
  name: string;
  kind: RuleKind;
  /** Series name the rule reads (threshold, rate) or whose `<series>/anomaly_score` it reads (anomaly). Heartbeat: none. */
  series?: string;
  /** Fire when the value (rate: change per second; anomaly: score) goes above this... */
  above?: number;
  /** ...or below this (threshold and rate only; exactly one of above/below). */
  below?: number;
  /** Hysteresis: clear only once the value is back past this (default: the firing threshold). */
  recover?: number;
  /** Rate: how far back the change is measured. */
  window?: Duration;
  /** Heartbeat: fire when a device has sent nothing for this long (default: its SenML `ut`, when it sent one). */
  silentFor?: Duration;
  /** Pending until the condition has held this long (default 0: fire at once). */
  for?: Duration;
  /** Keep firing this long after the condition clears, so a flapping value does not re-notify. */
  keepFiringFor?: Duration;
  severity: Severity;
  /** Applies only where these match the labels { device, series, ...reading labels }. */
  matchers: Matcher[];
  labels: Labels;
  /** `{{ $value }}` and `{{ $labels.<name> }}` are filled in when the alert changes state. */
  annotations: Labels;
  enabled: boolean;
}

const RULE_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const SERIES = /^[^\s]{1,128}$/;

function finite(raw: Record<string, unknown>, field: string): number | undefined {
  const value = raw[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${field} must be a finite number`);
  return value;
}

function duration(raw: Record<string, unknown>, field: string): Duration | undefined {
  const value = raw[field];
  if (value === undefined) return undefined;
  try {
    parseDuration(value as Duration);
  } catch (error) {
    throw new Error(`${field}: ${(error as Error).message}`);
  }
  return value as Duration;
}

/** Validate a rule from JSON; throws an Error whose message names the bad field. */
export function parseRule(input: unknown): Rule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Error('a rule must be a JSON object');
  const raw = input as Record<string, unknown>;
  const { id, kind, series, severity } = raw;
  if (typeof id !== 'string' || !RULE_ID.test(id)) throw new Error('id must be 1-63 characters of a-z, 0-9, "_" or "-", starting with a letter or digit');
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name === '')) throw new Error('name must be a non-empty string');
  if (!KINDS.includes(kind as RuleKind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
  if (!SEVERITIES.includes((severity ?? 'warning') as Severity)) throw new Error(`severity must be one of ${SEVERITIES.join(', ')}`);
  if (kind === 'heartbeat') {
    if (series !== undefined) throw new Error('heartbeat rules watch the whole device: remove series');
  } else if (typeof series !== 'string' || !SERIES.test(series)) {
    throw new Error(`series is required for ${kind} rules: the series name, e.g. "temperature"`);
  }
  const above = finite(raw, 'above');
  const below = finite(raw, 'below');
  const recover = finite(raw, 'recover');
  if (kind === 'heartbeat') {
    if (above !== undefined || below !== undefined || recover !== undefined) throw new Error('heartbeat rules take silentFor, not above/below/recover');
  } else if ((above === undefined) === (below === undefined)) {
    throw new Error(`${kind} rules need exactly one of above or below`);
  }
  if (kind === 'anomaly' && below !== undefined) throw new Error('anomaly rules fire on a score above a level: use above');
  if (recover !== undefined && above !== undefined && recover > above) throw new Error(`recover (${recover}) must be at most above (${above}): the alert clears once the value drops below it`);
  if (recover !== undefined && below !== undefined && recover < below) throw new Error(`recover (${recover}) must be at least below (${below}): the alert clears once the value rises above it`);
  const window = duration(raw, 'window');
  if (kind === 'rate' && (window === undefined || parseDuration(window) === 0)) throw new Error('rate rules need a window, e.g. "5m"');
  if (kind !== 'rate' && window !== undefined) throw new Error('window applies to rate rules only');
  const silentFor = duration(raw, 'silentFor');
  if (kind !== 'heartbeat' && silentFor !== undefined) throw new Error('silentFor applies to heartbeat rules only');
  if (raw.enabled !== undefined && typeof raw.enabled !== 'boolean') throw new Error('enabled must be a boolean');
  const forDuration = duration(raw, 'for');
  const keepFiringFor = duration(raw, 'keepFiringFor');
  return {
    id,
    name: (raw.name as string | undefined) ?? id,
    kind: kind as RuleKind,
    ...(typeof series === 'string' ? { series } : {}),
    ...(above !== undefined ? { above } : {}),
    ...(below !== undefined ? { below } : {}),
    ...(recover !== undefined ? { recover } : {}),
    ...(window !== undefined ? { window } : {}),
    ...(silentFor !== undefined ? { silentFor } : {}),
    ...(forDuration !== undefined ? { for: forDuration } : {}),
    ...(keepFiringFor !== undefined ? { keepFiringFor } : {}),
    severity: (severity ?? 'warning') as Severity,
    matchers: parseMatchers(raw.matchers, 'matchers'),
    labels: parseLabels(raw.labels, 'labels'),
    annotations: parseLabels(raw.annotations, 'annotations'),
    enabled: raw.enabled !== false,
  };
}

/** The series a rule reads readings of, or undefined for heartbeat rules. */
export function watchedSeries(rule: Rule): string | undefined {
  if (rule.kind === 'anomaly') return `${rule.series}/anomaly_score`;
  return rule.series;
}

/** Active for every device until an operator changes the rule set: the seed's edge rule, with hysteresis. */
export const DEFAULT_RULES: readonly Rule[] = [
  parseRule({
    id: 'high-temperature',
    name: 'HighTemperature',
    kind: 'threshold',
    series: 'temperature',
    above: 80,
    recover: 75,
    severity: 'warning',
    annotations: { summary: 'Temperature above 80 on {{ $labels.device }}', description: 'Temperature is {{ $value }}; clears below 75.' },
  }),
  parseRule({
    id: 'high-humidity',
    name: 'HighHumidity',
    kind: 'threshold',
    series: 'humidity',
    above: 90,
    recover: 85,
    severity: 'warning',
    annotations: { summary: 'Humidity above 90 on {{ $labels.device }}', description: 'Humidity is {{ $value }}; clears below 85.' },
  }),
];
