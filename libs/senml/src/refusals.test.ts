// Every must-refuse case of the data model and the ingest limits, each pointing
// at the first bad record and the field at fault.
import { describe, expect, it } from 'vitest';
import { resolveSenmlRecords, SenmlError, type RecordLimits } from './index.ts';

const NOW = 1_800_000_000;
const LIMITS: RecordLimits = { now: NOW, maxRecords: 5, maxNameLength: 32, maxFutureSeconds: 300, maxPastSeconds: 86_400 };

function refusal(pack: unknown, limits = LIMITS): SenmlError {
  try {
    resolveSenmlRecords(pack, limits);
  } catch (error) {
    if (error instanceof SenmlError) return error;
    throw error;
  }
  throw new Error('expected the pack to be refused');
}

const ok = { n: 'd1/ok', v: 1 };

describe('refuses', () => {
  it.each([
    ['a pack that is not an array', { n: 'x', v: 1 }, 0, undefined, /JSON array/],
    ['a record that is not an object', [ok, 'x'], 1, undefined, /JSON object/],
    ['two values in one record', [ok, { n: 'd1/a', v: 1, vs: 'x' }], 1, 'vs', /exactly one value/],
    ['a record without value or sum', [ok, ok, { n: 'd1/a' }], 2, undefined, /no value/],
    ['a base-only record', [{ bn: 'd1/', bt: 5 }], 0, undefined, /no value/],
    ['an empty resolved name', [{ v: 1 }], 0, 'bn', /empty/],
    ['a name with a space', [{ n: 'd1/a b', v: 1 }], 0, 'n', /contains " "/],
    ['a name starting with a dash', [{ bn: '-d1', v: 1 }], 0, 'bn', /must start with a letter or digit/],
    ['a name starting with an underscore after base resolution', [{ bn: '', n: '_x', v: 1 }], 0, 'n', /must start/],
    ['a name over the length limit', [{ n: `d1/${'x'.repeat(40)}`, v: 1 }], 0, 'n', /limit is 32/],
    ['an unknown must-understand field', [ok, { n: 'd1/a', v: 1, foo_: 1 }], 1, 'foo_', /must-understand/],
    ['a SenML version above 10', [{ bver: 11, n: 'd1/a', v: 1 }], 0, 'bver', /not supported/],
    ['a non-integer version', [{ bver: 2.5, n: 'd1/a', v: 1 }], 0, 'bver', /positive integer/],
    ['a string where v must be a number', [{ n: 'd1/a', v: '1' }], 0, 'v', /must be a number/],
    ['a number where vb must be a boolean', [{ n: 'd1/a', vb: 1 }], 0, 'vb', /boolean/],
    ['a non-finite value', [ok, { n: 'd1/a', v: Infinity }], 1, 'v', /finite/],
    ['a NaN base time', [{ bt: NaN, n: 'd1/a', v: 1 }], 0, 'bt', /finite/],
    ['a base value that overflows the value', [{ bv: 1.7e308, n: 'd1/a', v: 1.7e308 }], 0, 'v', /finite/],
    ['vd that is not base64url', [{ n: 'd1/a', vd: 'aGk=+/' }], 0, 'vd', /base64url/],
    ['a negative update time', [{ n: 'd1/a', v: 1, ut: -1 }], 0, 'ut', /negative/],
    ['a time too far in the future', [ok, { n: 'd1/a', v: 1, t: NOW + 301 }], 1, 't', /future/],
    ['a relative time too far in the future', [{ n: 'd1/a', v: 1, t: 400 }], 0, 't', /future/],
    ['a base time too far in the past', [{ bt: NOW - 90_000, n: 'd1/a', v: 1 }], 0, 'bt', /past/],
    ['more records than allowed', Array.from({ length: 6 }, () => ok), 5, undefined, /limit is 5 per batch/],
  ])('%s', (_case, pack, index, field, message) => {
    const error = refusal(pack);
    expect(error.index).toBe(index);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('accepts_the_edges_of_the_time_window', () => {
    const records = resolveSenmlRecords([{ n: 'd1/a', v: 1, t: NOW + 300 }, { n: 'd1/a', v: 1, t: NOW - 86_400 }], LIMITS);
    expect(records.map((r) => r.t)).toEqual([NOW + 300, NOW - 86_400]);
  });
});
