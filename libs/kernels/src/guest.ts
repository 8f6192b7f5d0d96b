// Guest-only entry (`@edgewatch/kernels/guest`): the Rust SIMD kernels imported
// through WIT (`edgewatch:kernels/anomaly`). In Spin the import is satisfied by
// the component dependency declared in spin.toml; the runner links it the same way.
import { dot, slidingSqDistances } from 'edgewatch:kernels/anomaly@0.1.0';
import type { DetectorKernels } from '@edgewatch/detectors';
import { referenceDetectorKernels } from '@edgewatch/detectors';
import type { Kernels } from './index.ts';

/** Kernels backed by the linked `anomaly` wasm component. */
export const wasmKernels: Kernels = { dot: (a, b) => dot(a, b) };

/**
 * The detectors' hot loops on the wasm kernels. `slidingSqDistances` (the kNN
 * distances, O(windows × length) per point) runs in Rust with the same summation
 * order as the TS reference, so scores are bit-identical. `advanceLagDistances`
 * stays in TS: it is O(lags) per point and would copy the whole series per call.
 */
export const wasmDetectorKernels: DetectorKernels = {
  dot: (a, b) => dot(a, b),
  slidingSqDistances(series, query, count, out) {
    try {
      out.set(slidingSqDistances(series, query, count));
    } catch (thrown) {
      throw new RangeError(String((thrown as { payload?: unknown }).payload ?? thrown));
    }
  },
  advanceLagDistances: referenceDetectorKernels.advanceLagDistances,
};
