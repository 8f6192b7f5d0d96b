import { describe, expect, it } from 'vitest';
import { Encoder } from 'cbor-x';
import { decodeSenmlCbor, permissiveLimits, resolveSenmlRecords, SenmlDecodeError, SenmlError } from './index.ts';

const encoder = new Encoder({ useRecords: false, mapsAsObjects: false });
const NOW = 1_800_000_000;

describe('CBOR SenML', () => {
  it('maps_integer_labels_to_json_labels_and_resolves_like_json', () => {
    const pack = [
      new Map<number, unknown>([[-2, 'urn:dev:ow:10e2073a01080063:'], [-3, 1.276020076001e9], [0, 'voltage'], [1, 'V'], [2, 120.1]]),
      new Map<number, unknown>([[0, 'current'], [6, -5], [2, 1.2], [1, 'A']]),
      new Map<number, unknown>([[0, 'raw'], [8, new Uint8Array([0xfb, 0xff, 0x01])]]),
    ];
    const records = resolveSenmlRecords(decodeSenmlCbor(encoder.encode(pack)), permissiveLimits(NOW));
    expect(records.map((r) => [r.n, r.u, r.value, r.t])).toEqual([
      ['urn:dev:ow:10e2073a01080063:voltage', 'V', { kind: 'v', value: 120.1 }, 1.276020076001e9],
      ['urn:dev:ow:10e2073a01080063:current', 'A', { kind: 'v', value: 1.2 }, 1.276020076001e9 - 5],
      ['urn:dev:ow:10e2073a01080063:raw', undefined, { kind: 'vd', value: '-_8B' }, 1.276020076001e9],
    ]);
  });

  it('refuses_string_must_understand_labels_and_non_finite_floats_by_index', () => {
    const bad = [new Map<unknown, unknown>([[0, 'd1/a'], [2, 1]]), new Map<unknown, unknown>([[0, 'd1/a'], [2, NaN]])];
    expect(() => resolveSenmlRecords(decodeSenmlCbor(encoder.encode(bad)), permissiveLimits(NOW))).toThrow(SenmlError);
    const understood = [new Map<unknown, unknown>([[0, 'd1/a'], [2, 1], ['x_', 1]])];
    expect(() => resolveSenmlRecords(decodeSenmlCbor(encoder.encode(understood)), permissiveLimits(NOW))).toThrow(/must-understand/);
  });

  it('refuses_bodies_that_are_not_cbor_arrays', () => {
    expect(() => decodeSenmlCbor(new Uint8Array([0xff, 0x00]))).toThrow(SenmlDecodeError);
    expect(() => decodeSenmlCbor(encoder.encode({ n: 'x' }))).toThrow(/array of maps/);
  });
});
