// Guest-only entry (`@edgewatch/kernels/guest`): the Rust SIMD kernels imported
// through WIT (`edgewatch:kernels/anomaly`). In Spin the import is satisfied by
// the component dependency declared in spin.toml; the runner links it the same way.
import { dot } from 'edgewatch:kernels/anomaly@0.1.0';
import type { Kernels } from './index.ts';

/** Kernels backed by the linked `anomaly` wasm component. */
export const wasmKernels: Kernels = { dot: (a, b) => dot(a, b) };
