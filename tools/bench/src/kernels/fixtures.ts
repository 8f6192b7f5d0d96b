// Loads the built flavours for the parity tests, failing with one line that
// names the build command when something is missing.
import { describe as describeStep, missingSteps } from './build-flavours.ts';
import { ARTIFACTS } from './paths.ts';
import { type KernelsComponent, loadComponent } from './wasm/component.ts';
import { type CoreModule, loadCore } from './wasm/core-module.ts';

/** Every flavour, ready to call. */
export interface Flavours {
  simd: CoreModule;
  scalar: CoreModule;
  component: KernelsComponent;
  /** Path of the native kernel-bench binary (default codegen). */
  native: string;
}

/** Loads all flavours or throws `run <command>`. */
export async function loadFlavours(): Promise<Flavours> {
  const missing = missingSteps()[0];
  if (missing) {
    throw new Error(`${missing.flavour} is not built: run node tools/bench/src/kernels/build-flavours.ts (or cd rust-kernels && ${describeStep(missing)})`);
  }
  return {
    simd: loadCore(ARTIFACTS.simdCore),
    scalar: loadCore(ARTIFACTS.scalarCore),
    component: await loadComponent(ARTIFACTS.simdComponent, 'anomaly'),
    native: ARTIFACTS.native,
  };
}

/** Asserts |got − exact| ≤ 2⁻²⁰ · max(1, scale): f32 sums in a different order, relative to Σ|terms|. */
export function closeTo(got: number, exact: number, scale: number, what: string): void {
  const tol = 2 ** -20 * Math.max(1, scale);
  if (!(Math.abs(got - exact) <= tol)) throw new Error(`${what}: got ${got}, want ${exact} ± ${tol}`);
}
