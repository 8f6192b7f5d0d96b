// Guest-only entry (`@edgewatch/kernels/guest`): the Rust SIMD kernels and the Rust
// detectors imported through WIT (`edgewatch:kernels/anomaly`, `.../detectors`). In
// Spin the imports are satisfied by the component dependencies declared in spin.toml;
// the runner links them the same way.
import { dot } from 'edgewatch:kernels/anomaly@0.1.0';
import { scoreBatch } from 'edgewatch:kernels/detectors@0.1.0';
import type { DetectorEngine } from '@edgewatch/detectors';
import { witDetectorEngine } from './detector-engine.ts';
import type { Kernels } from './index.ts';

/** Kernels backed by the linked `anomaly` wasm component. */
export const wasmKernels: Kernels = { dot: (a, b) => dot(a, b) };

/**
 * The whole detector in Rust (`edgewatch:kernels/detectors`): one component call per
 * batch instead of interpreted JS per point. Its state bytes are the Rust engine's own.
 */
export const wasmDetectorEngine: DetectorEngine = witDetectorEngine(scoreBatch);
