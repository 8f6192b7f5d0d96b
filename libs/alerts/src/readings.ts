// The body of POST /api/v1/alerts/evaluate: readings ingest has just stored,
// validated here so a bad chained call fails with a message naming the record.
import { parseLabels, type Labels } from './matchers.ts';

/** One measurement: device, series name, time (epoch seconds), value; `ut` is SenML's update interval (s). */
export interface Reading {
  device: string;
  name: string;
  t: number;
  v: number;
  unit?: string;
  ut?: number;
  labels?: Labels;
}

/** Most readings one evaluate call accepts. */
export const MAX_READINGS_PER_EVALUATION = 5000;

/** Parse `{ "readings": [...] }` (or an absent body: no readings); `nowMs` fills a missing `t`. */
export function parseEvaluateBody(body: unknown, nowMs: number): Reading[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) throw new Error('the body must be an object: { "readings": [{ "device", "name", "t", "v" }] }');
  const list = (body as { readings?: unknown }).readings;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error('readings must be an array');
  if (list.length > MAX_READINGS_PER_EVALUATION) throw new Error(`at most ${MAX_READINGS_PER_EVALUATION} readings per call, got ${list.length}`);
  return list.map((item, index) => {
    const at = `readings[${index}]`;
    if (typeof item !== 'object' || item === null) throw new Error(`${at} must be an object { device, name, t, v }`);
    const { device, name, t, v, unit, ut, labels } = item as Record<string, unknown>;
    if (typeof device !== 'string' || device === '' || device.length > 128) throw new Error(`${at}.device must be a string of 1-128 characters`);
    if (typeof name !== 'string' || name === '' || name.length > 128) throw new Error(`${at}.name must be a series name of 1-128 characters`);
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${at}.v must be a finite number`);
    if (t !== undefined && (typeof t !== 'number' || !Number.isFinite(t) || t < 0)) throw new Error(`${at}.t must be epoch seconds`);
    if (unit !== undefined && typeof unit !== 'string') throw new Error(`${at}.unit must be a string`);
    if (ut !== undefined && (typeof ut !== 'number' || !(ut > 0))) throw new Error(`${at}.ut must be a positive number of seconds`);
    return {
      device,
      name,
      t: (t as number | undefined) ?? nowMs / 1000,
      v,
      ...(unit !== undefined ? { unit: unit as string } : {}),
      ...(ut !== undefined ? { ut: ut as number } : {}),
      ...(labels !== undefined ? { labels: parseLabels(labels, `${at}.labels`) } : {}),
    };
  });
}
