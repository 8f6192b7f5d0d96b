import { describe, expect, it } from 'vitest';
import { referenceKernels } from './index.ts';

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
