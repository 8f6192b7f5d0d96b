// Float kernels across flavours. wasm scalar runs the same code as native and
// must match it bit for bit; wasm+SIMD sums in other lanes, so it is held to
// an f64 reference within 2⁻²⁰ of Σ|terms| (sq-distances and window-stats
// keep the scalar order and must match exactly). The component must return
// exactly what the SIMD core module does: same build, same code path.
// Lengths cover tails that are not a multiple of the vector width.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Flavours, closeTo, loadFlavours } from './fixtures.ts';
import { floats } from './inputs.ts';
import { denseJs, meanVarianceJs, sqDistancesJs, welfordUpdateJs, windowStatsJs } from './js/vector.ts';
import { runNativeCheck } from './native.ts';
import { coreDense, coreDot, coreMeanVariance, coreSqDistances, coreWelford, coreWindowStats } from './wasm/core-kernels.ts';

let f: Flavours;
beforeAll(async () => {
  f = await loadFlavours();
}, 120_000);

const LENGTHS = [0, 1, 3, 5, 7, 15, 16, 17, 31, 33, 1001, 65_537];
const f32 = (v: unknown) => Math.fround(v as number);

describe('dot', () => {
  it('matches_native_exactly_on_wasm_scalar_and_within_tolerance_on_simd', () => {
    const native = runNativeCheck(f.native, LENGTHS.map((n) => `dot 31 ${n}`));
    LENGTHS.forEach((n, i) => {
      const [a, b] = [floats(31, n), floats(32, n)];
      let exact = 0, abs = 0;
      for (let j = 0; j < n; j++) (exact += a[j]! * b[j]!), (abs += Math.abs(a[j]! * b[j]!));
      expect(coreDot(f.scalar, a, b), `n=${n} scalar vs native`).toBe(f32(native[i]));
      const simd = coreDot(f.simd, a, b);
      closeTo(simd, exact, abs, `dot n=${n} simd`);
      expect(f.component.anomaly.dot(a, b), `n=${n} component`).toBe(simd);
    });
  });
});

describe('mean_variance and welford', () => {
  it('agree_across_flavours', () => {
    const native = runNativeCheck(f.native, LENGTHS.map((n) => `mean-variance 41 ${n}`)) as number[][];
    LENGTHS.forEach((n, i) => {
      const xs = floats(41, n);
      const scalar = coreMeanVariance(f.scalar, xs);
      expect([scalar.mean, scalar.variance], `n=${n} scalar vs native`).toEqual(native[i]!.map(f32));
      const [simd, js] = [coreMeanVariance(f.simd, xs), meanVarianceJs(xs)];
      closeTo(simd.mean, js.mean, 1, `mean n=${n}`);
      closeTo(simd.variance, js.variance, 1, `variance n=${n}`);
      expect(f.component.anomaly.meanVariance(xs)).toEqual(simd);
    });
  });

  it('folds_batches_like_the_per_sample_recurrence', () => {
    const xs = floats(42, 10_007);
    const native = runNativeCheck(f.native, ['welford 42 10007 333'])[0] as number[];
    let simd = { count: 0, mean: 0, m2: 0 };
    let scalar = { ...simd };
    let wit = { count: 0n, mean: 0, m2: 0 };
    for (let at = 0; at < xs.length; at += 333) {
      const batch = xs.subarray(at, at + 333);
      [simd, scalar, wit] = [coreWelford(f.simd, simd, batch), coreWelford(f.scalar, scalar, batch), f.component.anomaly.welfordUpdate(wit, batch)];
    }
    expect([scalar.count, scalar.mean, scalar.m2]).toEqual(native);
    const js = welfordUpdateJs({ count: 0, mean: 0, m2: 0 }, xs);
    expect(simd.count).toBe(10_007);
    closeTo(simd.mean, js.mean, 1, 'welford mean');
    closeTo(simd.m2 / simd.count, js.m2 / js.count, 1, 'welford variance');
    expect(wit).toEqual({ count: 10_007n, mean: simd.mean, m2: simd.m2 });
  });
});

describe('window_stats', () => {
  it('is_identical_in_wasm_simd_scalar_and_native_and_close_to_js', () => {
    const cases: Array<[number, number]> = [[1, 1], [10, 3], [203, 7], [1001, 64], [4096, 4096]];
    const native = runNativeCheck(f.native, cases.map(([n, w]) => `window-stats 51 ${n} ${w}`)) as Array<{ means: number[]; variances: number[] }>;
    cases.forEach(([n, w], i) => {
      const xs = floats(51, n);
      const simd = coreWindowStats(f.simd, xs, w);
      const want = { means: Float32Array.from(native[i]!.means), variances: Float32Array.from(native[i]!.variances) };
      expect(simd, `n=${n} w=${w} simd vs native`).toEqual(want);
      expect(coreWindowStats(f.scalar, xs, w), `n=${n} w=${w} scalar`).toEqual(want);
      expect(f.component.anomaly.windowStats(xs, w)).toEqual(want);
      const js = windowStatsJs(xs, w);
      js.means.forEach((m, j) => closeTo(simd.means[j]!, m, 1, `mean n=${n} w=${w} [${j}]`));
      js.variances.forEach((v, j) => closeTo(simd.variances[j]!, v, 1, `var n=${n} w=${w} [${j}]`));
    });
    expect(f.component.anomaly.windowStats(floats(1, 3), 4).means).toHaveLength(0);
  });
});

describe('sq_distances and dense', () => {
  it('sq_distances_is_identical_in_every_rust_flavour_and_close_to_js', () => {
    const dims = [1, 3, 4, 5, 13, 32];
    const native = runNativeCheck(f.native, dims.map((d) => `sq-distances 61 ${d} 57`));
    dims.forEach((dim, i) => {
      const [q, pts] = [floats(61, dim), floats(62, dim * 57)];
      const simd = coreSqDistances(f.simd, q, pts);
      expect(simd, `dim=${dim}`).toEqual(Float32Array.from(native[i] as number[]));
      expect(coreSqDistances(f.scalar, q, pts)).toEqual(simd);
      expect(f.component.anomaly.sqDistances(q, pts)).toEqual(simd);
      sqDistancesJs(q, pts).forEach((d, r) => closeTo(simd[r]!, d, 4 * dim, `dim=${dim} row ${r}`));
    });
    expect(() => f.component.anomaly.sqDistances(floats(1, 3), floats(2, 7))).toThrow(/points/);
  });

  it('dense_agrees_across_flavours_with_relu_applied', () => {
    const shapes: Array<[number, number]> = [[1, 1], [13, 9], [64, 33], [1024, 256]];
    const native = runNativeCheck(f.native, shapes.map(([i, o]) => `dense 71 ${i} ${o} 1`));
    shapes.forEach(([ins, outs], s) => {
      const [x, w, b] = [floats(71, ins), floats(72, outs * ins), floats(73, outs)];
      expect(coreDense(f.scalar, x, w, b, true), `${ins}x${outs} scalar vs native`).toEqual(Float32Array.from(native[s] as number[]));
      const simd = coreDense(f.simd, x, w, b, true);
      expect(f.component.anomaly.dense(x, w, b, 'relu')).toEqual(simd);
      denseJs(x, w, b, true).forEach((v, o) => closeTo(simd[o]!, v, ins, `${ins}x${outs} out ${o}`));
      expect(simd.every((v) => v >= 0)).toBe(true);
    });
    const linear = f.component.anomaly.dense(floats(71, 13), floats(72, 9 * 13), floats(73, 9), 'linear');
    expect(linear.some((v) => v < 0)).toBe(true);
    expect(() => f.component.anomaly.dense(floats(1, 3), floats(2, 5), floats(3, 2), 'linear')).toThrow(/weights: expected 6/);
  });
});
