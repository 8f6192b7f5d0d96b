import { describe, expect, it } from 'vitest';
import { referenceKernels, referenceVectorKernels } from './index.ts';

describe('reference kernels', () => {
  it('computes_dot_over_the_shorter_length', () => {
    expect(referenceKernels.dot(new Float32Array([1, 2, 3]), new Float32Array([4, 5, 6, 7]))).toBe(32);
    expect(referenceKernels.dot(new Float32Array([]), new Float32Array([1]))).toBe(0);
  });

  it('accumulates_in_f32_like_the_wasm_kernel', () => {
    const a = new Float32Array([1e8, 1, -1e8]);
    const b = new Float32Array([1, 1, 1]);
    // f32 loses the 1 next to 1e8; f64 would keep it.
    expect(referenceKernels.dot(a, b)).toBe(0);
  });
});

describe('reference vector kernels', () => {
  const v = referenceVectorKernels;
  const xs = new Float32Array([2, 4, 4, 4, 5, 5, 7, 9]);

  it('computes_population_mean_and_variance', () => {
    expect(v.meanVariance(xs)).toEqual({ mean: 5, variance: 4 });
    expect(v.meanVariance(new Float32Array())).toEqual({ mean: 0, variance: 0 });
  });

  it('welford_in_batches_matches_the_batch_moments', () => {
    let s = { count: 0, mean: 0, m2: 0 };
    for (const batch of [xs.subarray(0, 3), xs.subarray(3, 4), xs.subarray(4)]) s = v.welfordUpdate(s, batch);
    expect(s.count).toBe(8);
    expect(s.mean).toBeCloseTo(5, 12);
    expect(s.m2 / s.count).toBeCloseTo(4, 12);
  });

  it('slides_windows_over_the_series', () => {
    const w = v.windowStats(xs, 3);
    expect(Array.from(w.means)).toEqual([10 / 3, 4, 13 / 3, 14 / 3, 17 / 3, 7].map(Math.fround));
    expect(w.variances[1]).toBe(0); // 4, 4, 4
    expect(v.windowStats(xs, 9).means).toHaveLength(0);
    expect(v.windowStats(xs, 0).means).toHaveLength(0);
  });

  it('scores_squared_distances_to_each_stored_row', () => {
    const q = new Float32Array([1, 2]);
    expect(Array.from(v.sqDistances(q, new Float32Array([1, 2, 4, 6, 0, 0])))).toEqual([0, 25, 5]);
    expect(() => v.sqDistances(q, new Float32Array(3))).toThrow(/^points/);
  });

  it('applies_a_dense_layer_with_relu', () => {
    const x = new Float32Array([1, -2]);
    const w = new Float32Array([1, 1, 3, 0]);
    const b = new Float32Array([0, -5]);
    expect(Array.from(v.dense(x, w, b, 'linear'))).toEqual([-1, -2]);
    expect(Array.from(v.dense(x, w, b, 'relu'))).toEqual([0, 0]);
    expect(() => v.dense(x, w.subarray(1), b, 'linear')).toThrow(/^weights/);
  });
});
