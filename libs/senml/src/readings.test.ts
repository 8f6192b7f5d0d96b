import { describe, expect, it } from 'vitest';
import { resolveReadings, SenmlError, type RecordLimits } from './index.ts';

const NOW = Date.parse('2026-11-24T10:05:00Z') / 1000;
const LIMITS: RecordLimits = { now: NOW, maxRecords: 4, maxNameLength: 16, maxFutureSeconds: 60, maxPastSeconds: 86_400 };

function refusal(body: unknown): SenmlError {
  try {
    resolveReadings(body, LIMITS);
  } catch (error) {
    if (error instanceof SenmlError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('simple readings', () => {
  it('turns_every_numeric_field_into_a_record_named_after_the_field', () => {
    const result = resolveReadings({ device: 'd1', ts: '2026-11-24T10:00:00Z', temperature: 21.5, humidity: 40 }, LIMITS);
    expect(result.records).toEqual([
      { n: 'temperature', t: NOW - 300, value: { kind: 'v', value: 21.5 } },
      { n: 'humidity', t: NOW - 300, value: { kind: 'v', value: 40 } },
    ]);
    expect(result.devices).toEqual(['d1']);
  });

  it('accepts_arrays_epoch_seconds_offsets_and_a_missing_ts_as_now', () => {
    const result = resolveReadings([{ device: 'd1', ts: NOW - 10, t1: 1 }, { ts: '2026-11-24T11:00:00+01:00', t1: 2 }, { t1: 3 }], LIMITS);
    expect(result.records.map((r) => r.t)).toEqual([NOW - 10, NOW - 300, NOW]);
    expect(result.sourceIndex).toEqual([0, 1, 2]);
    expect(result.devices).toEqual(['d1', undefined, undefined]);
  });

  it.each([
    ['a non-numeric measurement', [{ t1: 1 }, { t1: 'hot' }], 1, 't1', /measurements are numbers/],
    ['a reading without measurements', [{ device: 'd1' }], 0, undefined, /no numeric measurement/],
    ['a timestamp without offset', { ts: '2026-11-24T10:00:00', t1: 1 }, 0, 'ts', /RFC 3339/],
    ['a timestamp in the future', { ts: NOW + 120, t1: 1 }, 0, 'ts', /future/],
    ['a field name breaking the name rules', { 'temp C': 1 }, 0, 'temp C', /contains " "/],
    ['a non-string device', { device: 7, t1: 1 }, 0, 'device', /string/],
    ['too many measurements', [{ a: 1, b: 2 }, { a: 1, b: 2 }, { c: 3 }], 2, undefined, /more than 4/],
    ['a reading that is not an object', [{ a: 1 }, 5], 1, undefined, /JSON object/],
  ])('refuses %s', (_case, body, index, field, message) => {
    const error = refusal(body);
    expect([error.index, error.field]).toEqual([index, field]);
    expect(error.message).toMatch(message);
  });
});
