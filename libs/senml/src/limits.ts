// Ingest limits applied while records are resolved, so a refusal names the
// first bad record rather than failing somewhere downstream.
import { SenmlError } from './model.ts';

/** Limits every batch is checked against; all times are epoch seconds. */
export interface RecordLimits {
  /** "Now" for relative times and the time window, in epoch seconds. */
  now: number;
  maxRecords: number;
  maxNameLength: number;
  /** How far past `now` a record's time may lie. */
  maxFutureSeconds: number;
  /** How far before `now` a record's time may lie. */
  maxPastSeconds: number;
}

/** Generous limits for callers that only want RFC validation (e.g. tests of the data model). */
export function permissiveLimits(now: number): RecordLimits {
  return { now, maxRecords: Number.MAX_SAFE_INTEGER, maxNameLength: 1024, maxFutureSeconds: Infinity, maxPastSeconds: Infinity };
}

/** Refuse a batch with more records than allowed; the index is the first record over the limit. */
export function checkRecordCount(count: number, limits: RecordLimits): void {
  if (count > limits.maxRecords) {
    throw new SenmlError(limits.maxRecords, undefined, `the batch has ${count} records; the limit is ${limits.maxRecords} per batch`);
  }
}

/** Refuse an absolute time outside [now - maxPast, now + maxFuture]. */
export function checkTimeWindow(t: number, index: number, field: string, limits: RecordLimits): void {
  if (t > limits.now + limits.maxFutureSeconds) {
    throw new SenmlError(index, field, `time ${isoOrNumber(t)} is more than ${limits.maxFutureSeconds} s in the future`);
  }
  if (t < limits.now - limits.maxPastSeconds) {
    throw new SenmlError(index, field, `time ${isoOrNumber(t)} is more than ${limits.maxPastSeconds} s in the past`);
  }
}

function isoOrNumber(t: number): string {
  const date = new Date(t * 1000);
  return Number.isNaN(date.getTime()) ? String(t) : date.toISOString();
}

/** Refuse NaN and infinities (CBOR can carry them; JSON cannot, but a decoder may still produce them). */
export function checkFiniteNumber(value: unknown, index: number, field: string): number {
  if (typeof value !== 'number') throw new SenmlError(index, field, `must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) throw new SenmlError(index, field, `must be a finite number, got ${value}`);
  return value;
}

/** A short description of a JSON value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'a byte string';
  return typeof value === 'string' ? `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}` : `${typeof value} ${String(value)}`;
}
