// The detectors' f64 loops (libs/detectors `slidingSqDistances`,
// `advanceLagDistances`) must give the same bits in JS, wasm+SIMD, wasm
// scalar, native and through the component: SIMD runs across outputs only.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Flavours, loadFlavours } from './fixtures.ts';
import { floats } from './inputs.ts';
import { advanceLagDistancesJs, slidingSqDistancesJs } from './js/sliding.ts';
import { runNativeCheck } from './native.ts';
import { coreAdvanceLag, coreSlidingSqDistances } from './wasm/core-kernels.ts';

let f: Flavours;
beforeAll(async () => {
  f = await loadFlavours();
}, 120_000);

// Same construction as kernel-bench's check cases: 10 · floats, widened to f64.
const series = (seed: number, n: number) => Float64Array.from(floats(seed, n), (x) => x * 10);

describe('detector f64 kernels', () => {
  it('sliding_sq_distances_is_bit_identical_everywhere', () => {
    const cases: Array<[number, number, number]> = [[1, 1, 1], [20, 4, 5], [20, 4, 17], [301, 64, 238], [1000, 7, 993]];
    const native = runNativeCheck(f.native, cases.map(([n, m, c]) => `sliding 81 ${n} ${m} ${c}`));
    cases.forEach(([n, m, count], i) => {
      const [s, q] = [series(81, n), series(82, m)];
      const want = slidingSqDistancesJs(s, q, count);
      expect(Float64Array.from(native[i] as number[]), `native ${n}/${m}/${count}`).toEqual(want);
      expect(coreSlidingSqDistances(f.simd, s, q, count), `simd ${n}/${m}/${count}`).toEqual(want);
      expect(coreSlidingSqDistances(f.scalar, s, q, count), `scalar ${n}/${m}/${count}`).toEqual(want);
      expect(f.component.anomaly.slidingSqDistances(s, q, count)).toEqual(want);
    });
    expect(() => f.component.anomaly.slidingSqDistances(series(1, 10), series(2, 4), 8)).toThrow(/series: expected 11/);
  });

  it('advance_lag_distances_is_bit_identical_everywhere_for_odd_lag_counts', () => {
    const cases: Array<[number, number, number, number]> = [[40, 5, 3, 7], [40, 5, 3, 8], [200, 16, 2, 1], [200, 16, 2, 101]];
    const native = runNativeCheck(f.native, cases.map(([t, m, fl, lags]) => `advance-lag 91 210 ${t} ${m} ${fl} ${lags}`));
    cases.forEach(([t, m, firstLag, lags], i) => {
      const s = series(91, 210);
      const d = Float64Array.from(floats(92, lags), (x) => x + 5);
      const want = advanceLagDistancesJs(s, t, m, firstLag, d);
      expect(Float64Array.from(native[i] as number[]), `native t=${t} lags=${lags}`).toEqual(want);
      expect(coreAdvanceLag(f.simd, s, t, m, firstLag, d), `simd t=${t} lags=${lags}`).toEqual(want);
      expect(coreAdvanceLag(f.scalar, s, t, m, firstLag, d), `scalar t=${t} lags=${lags}`).toEqual(want);
      expect(f.component.anomaly.advanceLagDistances(s, t, m, firstLag, d)).toEqual(want);
    });
    expect(() => f.component.anomaly.advanceLagDistances(series(1, 50), 10, 5, 3, new Float64Array(4))).toThrow(/^t: /);
  });
});
