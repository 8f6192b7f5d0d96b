// Kernels whose outputs must agree bit for bit across wasm+SIMD, wasm scalar,
// native and JS: SHA-256 (FIPS 180-4 vectors and seeded lengths), resize (the
// fixed-point design), and matmul between the three Rust builds (same
// per-slab summation order, no fused multiply-add).
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Flavours, closeTo, loadFlavours } from './fixtures.ts';
import { bytes, floats, hex } from './inputs.ts';
import { matmulJs } from './js/matmul.ts';
import { resizeBilinearJs } from './js/resize.ts';
import { sha256Js } from './js/sha256.ts';
import { runNativeCheck } from './native.ts';
import { coreMatmul, coreResize, coreSha256 } from './wasm/core-kernels.ts';

let f: Flavours;
beforeAll(async () => {
  f = await loadFlavours();
}, 120_000);

const FIPS: Array<[string, number, string]> = [
  ['abc', 1, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['', 0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 1, '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  ['abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu', 1,
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1'],
  ['a', 1_000_000, 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

describe('sha256', () => {
  it('gives_the_fips_180_4_digests_in_every_flavour', () => {
    const native = runNativeCheck(f.native, FIPS.map(([text, count]) => `sha256-repeat ${count} ${text}`));
    FIPS.forEach(([text, count, want], i) => {
      const msg = new TextEncoder().encode(text.repeat(count));
      const got = {
        js: hex(sha256Js(msg)),
        simd: hex(coreSha256(f.simd, msg)),
        scalar: hex(coreSha256(f.scalar, msg)),
        component: hex(f.component.digest.sha256(msg)),
        native: native[i],
      };
      expect(got, `${count} × "${text.slice(0, 8)}"`).toEqual({ js: want, simd: want, scalar: want, component: want, native: want });
    });
  });

  it('agrees_with_node_crypto_on_seeded_lengths_around_block_boundaries', () => {
    const lengths = [1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 1000, 1 << 20];
    const native = runNativeCheck(f.native, lengths.map((n) => `sha256 7 ${n}`));
    lengths.forEach((n, i) => {
      const data = bytes(7, n);
      const want = createHash('sha256').update(data).digest('hex');
      const all = [hex(sha256Js(data)), hex(coreSha256(f.simd, data)), hex(coreSha256(f.scalar, data)), native[i]];
      expect(all, `length ${n}`).toEqual([want, want, want, want]);
    });
  });
});

describe('resize_bilinear', () => {
  const cases: Array<[number, number, number, number]> = [
    [7, 5, 3, 2], [5, 3, 11, 7], [1, 1, 3, 3], [1, 4, 3, 2], [8, 8, 4, 4], [13, 9, 13, 9], [101, 67, 37, 23], [3840, 2160, 1920, 1080],
  ];

  it('gives_identical_bytes_in_js_wasm_simd_wasm_scalar_and_native', () => {
    const native = runNativeCheck(f.native, cases.map(([sw, sh, dw, dh]) => `resize 9 ${sw} ${sh} ${dw} ${dh}`));
    cases.forEach(([sw, sh, dw, dh], i) => {
      const src = bytes(9, sw * sh * 4);
      const digest = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
      const js = resizeBilinearJs(src, sw, sh, dw, dh);
      const all = [digest(coreResize(f.simd, src, sw, sh, dw, dh)), digest(coreResize(f.scalar, src, sw, sh, dw, dh)), native[i]];
      expect(all, `${sw}x${sh} -> ${dw}x${dh}`).toEqual([digest(js), digest(js), digest(js)]);
    });
  });

  it('is_exposed_through_the_component_with_shape_errors', () => {
    const src = bytes(10, 7 * 5 * 4);
    expect(f.component.image.resizeBilinear(src, 7, 5, 3, 2)).toEqual(resizeBilinearJs(src, 7, 5, 3, 2));
    expect(() => f.component.image.resizeBilinear(src, 7, 6, 3, 2)).toThrow(/src: expected 168 elements, got 140/);
  });
});

describe('matmul', () => {
  // Odd shapes (not multiples of the 4×8 tile) and k > 256 (several slabs).
  const shapes: Array<[number, number, number]> = [[1, 1, 1], [3, 5, 7], [17, 33, 9], [37, 29, 41], [9, 700, 11], [64, 300, 70]];

  it('is_bit_identical_between_wasm_simd_wasm_scalar_and_native', () => {
    const native = runNativeCheck(f.native, shapes.map(([m, k, n]) => `matmul 11 ${m} ${k} ${n}`));
    shapes.forEach(([m, k, n], i) => {
      const [a, b] = [floats(11, m * k), floats(12, k * n)];
      const simd = coreMatmul(f.simd, a, b, m, k, n);
      expect(simd, `${m}x${k}x${n} scalar`).toEqual(coreMatmul(f.scalar, a, b, m, k, n));
      expect(simd, `${m}x${k}x${n} native`).toEqual(Float32Array.from(native[i] as number[]));
      expect(simd, `${m}x${k}x${n} component`).toEqual(f.component.linalg.matmul(a, b, m, k, n));
    });
  });

  it('is_close_to_the_js_baseline', () => {
    for (const [m, k, n] of shapes) {
      const [a, b] = [floats(11, m * k), floats(12, k * n)];
      const [simd, js] = [coreMatmul(f.simd, a, b, m, k, n), matmulJs(a, b, m, k, n)];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let abs = 0;
          for (let p = 0; p < k; p++) abs += Math.abs(a[i * k + p]! * b[p * n + j]!);
          closeTo(simd[i * n + j]!, js[i * n + j]!, abs, `${m}x${k}x${n} [${i},${j}]`);
        }
      }
    }
  });

  it('rejects_a_wrong_shape_through_the_component', () => {
    expect(() => f.component.linalg.matmul(new Float32Array(5), new Float32Array(6), 2, 3, 2)).toThrow(/a: expected 6 elements, got 5/);
  });
});
