// Durations as rules and receivers write them: Prometheus-style strings
// ("500ms", "30s", "5m", "1h", "1d", or combined "1h30m") or plain seconds.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const PART = /(\d+)(ms|s|m|h|d|w)/g;

/** A duration as written in configuration: "5m", "30s", or a number of seconds. */
export type Duration = string | number;

/** Milliseconds of a duration; throws a message naming the accepted forms when it is malformed. */
export function parseDuration(value: Duration): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new Error(`${value} is not a non-negative number of seconds`);
    return Math.round(value * 1000);
  }
  if (typeof value !== 'string' || !DURATION.test(value)) {
    throw new Error(`${JSON.stringify(value)} is not a duration (use seconds, or e.g. "500ms", "30s", "5m", "1h30m")`);
  }
  let total = 0;
  for (const [, amount, unit] of value.matchAll(PART)) total += Number(amount) * UNITS[unit!]!;
  return total;
}

/** Milliseconds of an optional duration, `fallback` when absent. */
export function durationMs(value: Duration | undefined, fallback: number): number {
  return value === undefined ? fallback : parseDuration(value);
}
