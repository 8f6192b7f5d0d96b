// RFC 8428 §5's own examples, resolved by `resolveSenmlRecords`, compared with
// the records the RFC lists (§5.1.4 gives the resolved form of §5.1.3).
import { describe, expect, it } from 'vitest';
import { permissiveLimits, resolveSenmlRecords, type ResolvedRecord } from './index.ts';

const NOW = 1_800_000_000;
const resolve = (pack: unknown) => resolveSenmlRecords(pack, permissiveLimits(NOW));

/** Compare with float tolerance on times (the RFC prints them to the millisecond). */
function expectRecords(actual: ResolvedRecord[], expected: ResolvedRecord[]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((record, i) => {
    const { t, ...rest } = record;
    const { t: expectedT, ...expectedRest } = expected[i]!;
    expect(rest, `record ${i}`).toEqual(expectedRest);
    expect(t, `record ${i} time`).toBeCloseTo(expectedT, 3);
  });
}

describe('RFC 8428 examples', () => {
  it('resolves_a_single_datapoint_taken_now (§5.1.1)', () => {
    const records = resolve([{ n: 'urn:dev:ow:10e2073a01080063', u: 'Cel', v: 23.1 }]);
    expectRecords(records, [{ n: 'urn:dev:ow:10e2073a01080063', u: 'Cel', value: { kind: 'v', value: 23.1 }, t: NOW }]);
  });

  it('applies_the_base_name_to_multiple_datapoints (§5.1.2)', () => {
    const records = resolve([
      { bn: 'urn:dev:ow:10e2073a01080063:', n: 'voltage', u: 'V', v: 120.1 },
      { n: 'current', u: 'A', v: 1.2 },
    ]);
    expectRecords(records, [
      { n: 'urn:dev:ow:10e2073a01080063:voltage', u: 'V', value: { kind: 'v', value: 120.1 }, t: NOW },
      { n: 'urn:dev:ow:10e2073a01080063:current', u: 'A', value: { kind: 'v', value: 1.2 }, t: NOW },
    ]);
  });

  it('resolves_multiple_measurements_to_the_records_of_section_5_1_4', () => {
    const pack = [
      { bn: 'urn:dev:ow:10e2073a0108006:', bt: 1.276020076001e9, bu: 'A', bver: 5, n: 'voltage', u: 'V', v: 120.1 },
      { n: 'current', t: -5, v: 1.2 },
      { n: 'current', t: -4, v: 1.3 },
      { n: 'current', t: -3, v: 1.4 },
      { n: 'current', t: -2, v: 1.5 },
      { n: 'current', t: -1, v: 1.6 },
      { n: 'current', v: 1.7 },
    ];
    const current = (v: number, t: number): ResolvedRecord => ({ n: 'urn:dev:ow:10e2073a0108006:current', u: 'A', value: { kind: 'v', value: v }, t });
    expectRecords(resolve(pack), [
      { n: 'urn:dev:ow:10e2073a0108006:voltage', u: 'V', value: { kind: 'v', value: 120.1 }, t: 1.276020076001e9 },
      current(1.2, 1.276020071001e9),
      current(1.3, 1.276020072001e9),
      current(1.4, 1.276020073001e9),
      current(1.5, 1.276020074001e9),
      current(1.6, 1.276020075001e9),
      current(1.7, 1.276020076001e9),
    ]);
  });

  it('keeps_the_base_unit_per_record_when_the_unit_changes (§5.1.5 multiple data types over time)', () => {
    const bn = 'urn:dev:ow:10e2073a01080063:';
    const records = resolve([
      { bn, bt: 1.320067464e9, bu: '%RH', v: 20 },
      { u: 'lon', v: 24.30621 },
      { u: 'lat', v: 60.07965 },
      { t: 60, v: 20.3 },
      { u: 'lon', t: 60, v: 24.30622 },
      { u: 'lat', t: 60, v: 60.07965 },
      { t: 120, v: 20.7 },
      { u: 'lon', t: 120, v: 24.30623 },
      { u: 'lat', t: 120, v: 60.07966 },
      { u: '%EL', t: 150, v: 98 },
      { t: 180, v: 21.2 },
      { u: 'lon', t: 180, v: 24.30628 },
      { u: 'lat', t: 180, v: 60.07967 },
    ]);
    const r = (u: string, v: number, dt: number): ResolvedRecord => ({ n: bn, u, value: { kind: 'v', value: v }, t: 1.320067464e9 + dt });
    expectRecords(records, [
      r('%RH', 20, 0), r('lon', 24.30621, 0), r('lat', 60.07965, 0),
      r('%RH', 20.3, 60), r('lon', 24.30622, 60), r('lat', 60.07965, 60),
      r('%RH', 20.7, 120), r('lon', 24.30623, 120), r('lat', 60.07966, 120),
      r('%EL', 98, 150),
      r('%RH', 21.2, 180), r('lon', 24.30628, 180), r('lat', 60.07967, 180),
    ]);
  });

  it('resolves_string_boolean_and_data_values (§5.1.6)', () => {
    const bn = 'urn:dev:ow:10e2073a01080063:';
    const records = resolve([
      { bn, n: 'temp', u: 'Cel', v: 23.1 },
      { n: 'label', vs: 'Machine Room' },
      { n: 'open', vb: false },
      { n: 'nfc-reader', vd: 'aGkgCg' },
    ]);
    expectRecords(records, [
      { n: `${bn}temp`, u: 'Cel', value: { kind: 'v', value: 23.1 }, t: NOW },
      { n: `${bn}label`, value: { kind: 'vs', value: 'Machine Room' }, t: NOW },
      { n: `${bn}open`, value: { kind: 'vb', value: false }, t: NOW },
      { n: `${bn}nfc-reader`, value: { kind: 'vd', value: 'aGkgCg' }, t: NOW },
    ]);
  });

  it('resolves_a_collection_of_resources_with_an_ip_base_name (§5.1.7)', () => {
    const records = resolve([
      { bn: '2001:db8::2/', n: 'temperature', u: 'Cel', v: 27.2 },
      { n: 'humidity', u: '%RH', v: 80 },
    ]);
    expect(records.map((r) => r.n)).toEqual(['2001:db8::2/temperature', '2001:db8::2/humidity']);
  });
});

describe('base fields', () => {
  it('adds_base_value_and_base_sum_and_carries_them_forward_until_replaced', () => {
    const records = resolve([
      { bn: 'd1/', bv: 100, bs: 10, n: 'a', v: 1, s: 2, t: 1.7e9 },
      { n: 'a', v: 2, t: 1.7e9 + 1 },
      { bv: 0, n: 'a', v: 3, t: 1.7e9 + 2 },
      { n: 'e', s: 5, t: 1.7e9 + 3 },
    ]);
    expect(records.map((r) => [r.value?.value, r.s])).toEqual([[101, 12], [102, undefined], [3, undefined], [undefined, 15]]);
  });

  it('treats_times_below_2_pow_28_as_relative_to_now_including_base_time', () => {
    const records = resolve([{ bn: 'd1/', bt: -60, n: 'x', v: 1 }, { n: 'x', t: 30, v: 2 }, { bt: 0, n: 'x', t: 2 ** 28, v: 3 }]);
    expect(records.map((r) => r.t)).toEqual([NOW - 60, NOW - 30, 2 ** 28]);
  });

  it('keeps_update_time_and_ignores_unknown_extension_fields', () => {
    const [record] = resolve([{ n: 'd1/x', v: 1, ut: 30, hint: 'ignored' }]);
    expect(record).toEqual({ n: 'd1/x', value: { kind: 'v', value: 1 }, ut: 30, t: NOW });
  });
});
