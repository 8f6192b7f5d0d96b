// The simple JSON form for small devices: one reading object or an array of them,
// `{"device":"d1","ts":"2026-11-24T10:00:00Z","temperature":21.5}`. Every numeric
// field is a measurement named after the field; the result uses SenML's resolved
// records so both forms share validation, limits and storage.
import { checkResolvedName } from './names.ts';
import { checkFiniteNumber, checkTimeWindow, describe, type RecordLimits } from './limits.ts';
import { SenmlError, type ResolvedRecord } from './model.ts';

const RESERVED_FIELDS = new Set(['device', 'ts']);
// RFC 3339 date-time with a mandatory offset, so no reading is silently read as local time.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Readings resolved into records; `sourceIndex[i]` is the reading that produced `records[i]`. */
export interface ResolvedReadings {
  records: ResolvedRecord[];
  sourceIndex: number[];
  /** The `device` field of each reading (undefined when the reading did not name one). */
  devices: (string | undefined)[];
}

function readTimestamp(ts: unknown, index: number, now: number): number {
  if (ts === undefined) return now;
  if (typeof ts === 'number') return checkFiniteNumber(ts, index, 'ts');
  if (typeof ts === 'string' && RFC3339.test(ts)) {
    const ms = Date.parse(ts);
    if (!Number.isNaN(ms)) return ms / 1000;
  }
  throw new SenmlError(index, 'ts', `must be epoch seconds or an RFC 3339 time with offset (e.g. 2026-11-24T10:00:00Z), got ${describe(ts)}`);
}

/** Resolve a readings body (object or array) into records, refusing the first bad reading. */
export function resolveReadings(body: unknown, limits: RecordLimits): ResolvedReadings {
  const readings = Array.isArray(body) ? body : [body];
  const result: ResolvedReadings = { records: [], sourceIndex: [], devices: [] };
  readings.forEach((reading: unknown, index) => {
    if (typeof reading !== 'object' || reading === null || Array.isArray(reading)) {
      throw new SenmlError(index, undefined, `a reading is a JSON object, got ${describe(reading)}`);
    }
    const fields = reading as Record<string, unknown>;
    if (fields.device !== undefined && typeof fields.device !== 'string') {
      throw new SenmlError(index, 'device', `must be a string, got ${describe(fields.device)}`);
    }
    const t = readTimestamp(fields.ts, index, limits.now);
    checkTimeWindow(t, index, 'ts', limits);
    let measurements = 0;
    for (const [field, value] of Object.entries(fields)) {
      if (RESERVED_FIELDS.has(field)) continue;
      if (typeof value !== 'number') {
        throw new SenmlError(index, field, `measurements are numbers (only "device" and "ts" are reserved), got ${describe(value)}`);
      }
      checkFiniteNumber(value, index, field);
      checkResolvedName(field, index, field, limits.maxNameLength);
      result.records.push({ n: field, t, value: { kind: 'v', value } });
      result.sourceIndex.push(index);
      measurements += 1;
    }
    if (measurements === 0) throw new SenmlError(index, undefined, 'the reading has no numeric measurement fields');
    if (result.records.length > limits.maxRecords) {
      throw new SenmlError(index, undefined, `the batch has more than ${limits.maxRecords} measurements; split it`);
    }
    result.devices.push(fields.device as string | undefined);
  });
  return result;
}
