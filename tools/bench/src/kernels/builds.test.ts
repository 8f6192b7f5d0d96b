// The flavours are what they claim: the SIMD core module contains v128 code
// and says so, the scalar one contains none (the RUSTFLAGS override reached
// std too), and the component exports the four kernel interfaces and imports
// nothing.
import { readFileSync } from 'node:fs';
import { componentWit, print } from '@bytecodealliance/jco';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Flavours, loadFlavours } from './fixtures.ts';
import { ARTIFACTS } from './paths.ts';

let f: Flavours;
beforeAll(async () => {
  f = await loadFlavours();
}, 120_000);

const v128Ops = (wat: string) => (wat.match(/\b(v128|[fi](8x16|16x8|32x4|64x2))\.\w+/g) ?? []).length;

describe('build flavours', () => {
  it('simd_core_uses_v128_and_scalar_core_has_none', async () => {
    const [simdWat, scalarWat] = await Promise.all([print(readFileSync(ARTIFACTS.simdCore)), print(readFileSync(ARTIFACTS.scalarCore))]);
    expect(f.simd.simd).toBe(true);
    expect(f.scalar.simd).toBe(false);
    expect(v128Ops(simdWat)).toBeGreaterThan(50);
    expect(simdWat).toMatch(/i32x4\.dot_i16x8_s/); // resize's horizontal blend
    expect(v128Ops(scalarWat)).toBe(0);
  });

  it('component_exports_the_kernel_interfaces_and_imports_nothing', async () => {
    for (const path of [ARTIFACTS.simdComponent, ARTIFACTS.scalarComponent]) {
      const wit = await componentWit(readFileSync(path));
      for (const iface of ['anomaly', 'linalg', 'digest', 'image']) {
        expect(wit, path).toMatch(new RegExp(`export edgewatch:kernels/${iface}@0\\.1\\.0;`));
      }
      expect(wit, path).not.toMatch(/^\s*import /m);
    }
  });
});
