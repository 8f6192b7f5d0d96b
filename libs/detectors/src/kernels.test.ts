import { describe, expect, it } from 'vitest';
import { referenceDetectorKernels as k } from './kernels.ts';
import { prng } from './test-series.ts';

describe('reference detector kernels', () => {
  it('computes_sliding_squared_distances_by_hand', () => {
    const out = new Float64Array(3);
    k.slidingSqDistances(Float64Array.from([0, 1, 2, 3]), Float64Array.from([1, 1]), 3, out);
    expect(Array.from(out)).toEqual([1, 1, 5]);
  });

  it('advances_lag_distances_to_what_a_full_recomputation_gives', () => {
    const rand = prng(3);
    const s = Float64Array.from({ length: 200 }, () => Math.fround(rand() * 10));
    const m = 6;
    const lags = 40;
    const exact = (t: number) => {
      const d = new Float64Array(lags);
      for (let i = 0; i < lags; i++) {
        let sum = 0;
        for (let j = 0; j < m; j++) sum += (s[t - j]! - s[t - m - i - j]!) ** 2;
        d[i] = sum;
      }
      return d;
    };
    const d = exact(100);
    for (let t = 101; t < 200; t++) k.advanceLagDistances(s, t, m, m, d);
    const want = exact(199);
    for (let i = 0; i < lags; i++) expect(d[i]!).toBeCloseTo(want[i]!, 9);
  });

  it('refuses_lags_that_reach_before_the_series', () => {
    expect(() => k.advanceLagDistances(new Float64Array(10), 5, 2, 2, new Float64Array(4))).toThrow(RangeError);
  });
});
