import { describe, expect, it } from 'vitest';
import { DETECTORS, detectorByName, scoreSeries, type DetectorFactory } from './index.ts';
import { syntheticSeries } from './test-series.ts';

const N = 3000;
const series = syntheticSeries(N, 7, [2200, 2700]);

function scoreInChunks(factory: DetectorFactory, values: Float64Array, timestamps: Float64Array, chunks: number): Float64Array {
  const out = new Float64Array(values.length);
  let state: Uint8Array | undefined;
  const size = Math.ceil(values.length / chunks);
  for (let from = 0; from < values.length; from += size) {
    const detector = state ? factory.deserialize(state) : factory.create();
    for (let i = from; i < Math.min(from + size, values.length); i++) out[i] = detector.update(values[i]!, timestamps[i]!);
    state = detector.serialize();
  }
  return out;
}

describe.each(DETECTORS.map((d) => [d.name, d] as const))('%s', (_name, factory) => {
  const full = scoreSeries(factory.create(), series.values, series.timestamps);

  it('scores_every_point_in_0_1_without_nan', () => {
    for (const s of full) {
      expect(Number.isFinite(s)).toBe(true);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
    expect(Math.max(...full)).toBeGreaterThan(0);
  });

  it('is_causal_appending_points_does_not_change_earlier_scores', () => {
    const prefix = scoreSeries(factory.create(), series.values.subarray(0, 2000), series.timestamps.subarray(0, 2000));
    expect(Array.from(prefix)).toEqual(Array.from(full.subarray(0, 2000)));
  });

  it('continues_bit_for_bit_across_50_serialise_deserialise_chunks', () => {
    const chunked = scoreInChunks(factory, series.values, series.timestamps, 50);
    expect(Array.from(chunked)).toEqual(Array.from(full));
  });

  it('keeps_state_within_16_KiB_per_series', () => {
    const detector = factory.create();
    scoreSeries(detector, series.values, series.timestamps);
    expect(detector.serialize().byteLength).toBeLessThanOrEqual(16 * 1024);
  });

  it('scores_the_injected_spike_above_everything_before_it_after_warm_up', () => {
    const before = Math.max(...full.subarray(1500, 2200));
    expect(full[2200]!).toBeGreaterThan(before);
  });

  it('refuses_non_finite_values_and_timestamps', () => {
    const detector = factory.create();
    expect(() => detector.update(Number.NaN, 0)).toThrow(RangeError);
    expect(() => detector.update(Number.POSITIVE_INFINITY, 0)).toThrow(/finite/);
    expect(() => detector.update(1, Number.NaN)).toThrow(/timestamp/);
    expect(() => scoreSeries(factory.create(), [1, 2, Number.NaN], [0, 1, 2])).toThrow(/row 2/);
  });

  it('accepts_duplicate_and_backward_timestamps_in_arrival_order', () => {
    const ts = Float64Array.from(series.timestamps);
    ts[1000] = ts[999]!;
    ts[1500] = ts[1400]!;
    const scores = scoreSeries(factory.create(), series.values, ts);
    // Rows before the first odd timestamp are untouched; after it, seasonal members may read
    // the wall clock differently, but every score stays a valid one.
    expect(Array.from(scores.subarray(0, 1000))).toEqual(Array.from(full.subarray(0, 1000)));
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
  });

  it('never_returns_nan_on_flat_huge_or_tiny_series', () => {
    for (const make of [() => 5, (i: number) => 1e12 + (i % 7), (i: number) => 1e-12 * (i % 3), (i: number) => (i === 900 ? 1 : 0)]) {
      const values = Float64Array.from({ length: 1200 }, (_, i) => make(i));
      const scores = scoreSeries(factory.create(), values, Float64Array.from({ length: 1200 }, (_, i) => i));
      for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    }
  });

  it('rejects_state_from_another_detector_or_truncated_state', () => {
    const other = DETECTORS.find((d) => d.name !== factory.name)!;
    expect(() => factory.deserialize(other.create().serialize())).toThrow(/cannot restore/);
    const bytes = factory.create().serialize();
    expect(() => factory.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated|trailing|state/);
  });
});

describe('registry', () => {
  it('names_the_valid_detectors_when_asked_for_an_unknown_one', () => {
    expect(() => detectorByName('nope')).toThrow(/windowed-gaussian/);
  });
});
