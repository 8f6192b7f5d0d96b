// Whether a rule's condition holds, from one observation. Hysteresis needs the
// previous answer: a firing threshold alert stays active until the value is
// back past `recover`, so a value hovering at the threshold does not flap.
import { durationMs } from './durations.ts';
import type { Rule } from './rules.ts';

/** What one evaluation saw: whether the condition holds, and the value it judged. */
export interface Observation {
  active: boolean;
  value?: number;
}

/** Threshold (and anomaly, rate) decision with hysteresis. */
export function crossesThreshold(rule: Rule, value: number, wasActive: boolean): boolean {
  if (rule.above !== undefined) {
    if (!wasActive) return value > rule.above;
    return rule.recover === undefined ? value > rule.above : value >= rule.recover;
  }
  if (rule.below !== undefined) {
    if (!wasActive) return value < rule.below;
    return rule.recover === undefined ? value < rule.below : value <= rule.recover;
  }
  return false;
}

/** A sample kept for rate rules: [epoch seconds, value]. */
export type Sample = [number, number];

/** Keep the samples inside the rule's window (ending at the newest) plus the new one, ordered by time. */
export function slideWindow(rule: Rule, samples: readonly Sample[], reading: Sample): Sample[] {
  const windowSeconds = durationMs(rule.window, 0) / 1000;
  const merged = [...samples.filter(([t]) => t !== reading[0]), reading].sort((a, b) => a[0] - b[0]);
  const newest = merged[merged.length - 1]![0];
  return merged.filter(([t]) => t >= newest - windowSeconds);
}

/** Change per second between the oldest and newest sample; undefined with less than two distinct times. */
export function ratePerSecond(samples: readonly Sample[]): number | undefined {
  if (samples.length < 2) return undefined;
  const [t0, v0] = samples[0]!;
  const [t1, v1] = samples[samples.length - 1]!;
  return t1 > t0 ? (v1 - v0) / (t1 - t0) : undefined;
}

/** What a device last told us: newest reading time (epoch s) and its SenML update interval. */
export interface DeviceSeen {
  t: number;
  ut?: number;
}

/** Heartbeat: active when the device has been silent past `silentFor`, or past its own `ut` when the rule sets none. */
export function heartbeatObservation(rule: Rule, seen: DeviceSeen, nowMs: number): Observation | undefined {
  const limitMs = rule.silentFor !== undefined ? durationMs(rule.silentFor, 0) : seen.ut !== undefined ? seen.ut * 1000 : undefined;
  if (limitMs === undefined) return undefined;
  const silentMs = nowMs - seen.t * 1000;
  return { active: silentMs > limitMs, value: Math.max(0, Math.round(silentMs / 1000)) };
}
