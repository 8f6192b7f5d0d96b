// The rule-evaluation workload, shared by the wasm run and the plain Node
// baseline so both evaluate exactly the same thing: 1,000 threshold rules on
// one device's series, a first reading that crosses every threshold (1,000
// alerts fire), then batches of readings that keep them firing.
import { parseRule, type Rule } from '@edgewatch/alerts';

export const RULE_COUNT = 1000;
export const DEVICE = 'rules-1';
export const SERIES = 'temp';

/** Rule i fires above i/10, so a reading of 100 crosses all of them. */
export function benchRules(count = RULE_COUNT): Rule[] {
  return Array.from({ length: count }, (_, i) => parseRule({ id: `bench-${i}`, kind: 'threshold', series: SERIES, above: i / 10, severity: 'info' }));
}

/** One evaluate body's readings: `n` values from `v0` up, one second apart ending at `endS`. */
export function readingBatch(n: number, v0: number, endS: number) {
  return Array.from({ length: n }, (_, i) => ({ device: DEVICE, name: SERIES, t: endS - n + 1 + i, v: v0 + i / n }));
}

/** What the bench runs: the firing call, then `calls` steady calls of `batch` readings each. */
export interface RuleWorkload {
  rules: number;
  batch: number;
  calls: number;
}

/** Rule evaluations of one call: every rule sees every reading of its series. */
export const evaluationsOf = (w: RuleWorkload, readings: number) => w.rules * readings;
