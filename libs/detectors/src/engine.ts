// The batch scoring contract shared by the TS detectors (here) and the Rust ones in the
// `anomaly` wasm component (@edgewatch/kernels): one call per batch, state as bytes.
// Each engine's state is its own format; a state from the other engine is refused.
import { checkPoint } from './detector.ts';
import type { DetectorKernels } from './kernels.ts';
import { detectorByName } from './registry.ts';

/** Scores of one batch and the detector state after it. */
export interface ScoredBatch {
  /** One score in [0, 1] per point, in input order. */
  scores: Float64Array;
  /** Pass back with the next batch of the same series (≤ 16 KiB). */
  state: Uint8Array;
}

/** Something that runs the registered detectors over batches of points. */
export interface DetectorEngine {
  /** `ts` or `wasm`: stored with a series' state, because states are engine-specific. */
  readonly name: string;
  /**
   * Score `values` (epoch-ms `timestampsMs`) in order with detector `detector`, continuing
   * from `state` (undefined: fresh). Throws a RangeError, having scored nothing, for an
   * unknown detector, lengths that differ, a non-finite value or timestamp (naming its
   * row in the batch) or a state this engine's detector did not write.
   */
  scoreBatch(detector: string, state: Uint8Array | undefined, values: Float64Array, timestampsMs: Float64Array): ScoredBatch;
}

/** The reference engine: the TS detectors, hot loops on `kernels` (TS reference by default). */
export function tsDetectorEngine(kernels?: DetectorKernels): DetectorEngine {
  return {
    name: 'ts',
    scoreBatch(detector, state, values, timestampsMs) {
      if (values.length !== timestampsMs.length) throw new RangeError(`${values.length} values but ${timestampsMs.length} timestamps`);
      // Check every point first so a bad one leaves nothing half-scored, as in the wasm engine.
      for (let i = 0; i < values.length; i++) checkPoint(values[i]!, timestampsMs[i]!, i);
      const factory = detectorByName(detector);
      const d = state ? factory.deserialize(state, kernels) : factory.create(kernels);
      const scores = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) scores[i] = d.update(values[i]!, timestampsMs[i]!);
      return { scores, state: d.serialize() };
    },
  };
}
