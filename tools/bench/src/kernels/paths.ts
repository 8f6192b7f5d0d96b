// Where the build flavours live; one place so the build step, the benchmark
// and the parity test agree.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is tools/bench/src/kernels/paths.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The Rust workspace. */
export const RUST_ROOT = join(REPO_ROOT, 'rust-kernels');

/** Build outputs per flavour. */
export const ARTIFACTS = {
  simdCore: join(RUST_ROOT, 'dist', 'core', 'kernels-core.core.wasm'),
  scalarCore: join(RUST_ROOT, 'dist', 'scalar', 'core', 'kernels-core.core.wasm'),
  simdComponent: join(RUST_ROOT, 'dist', 'anomaly.wasm'),
  scalarComponent: join(RUST_ROOT, 'dist', 'scalar', 'anomaly.wasm'),
  native: join(RUST_ROOT, 'target', 'native', 'release', 'kernel-bench'),
  nativeCpu: join(RUST_ROOT, 'target', 'native-cpu', 'release', 'kernel-bench'),
} as const;

/** Scratch space for transpiled components (inside the ignored target/ dir). */
export const TRANSPILE_DIR = join(RUST_ROOT, 'target', 'transpiled');
