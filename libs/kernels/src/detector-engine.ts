// The `detectors` WIT interface (Rust detectors in the `anomaly` component) as a
// DetectorEngine. Shared by the guest import and the Node loader, which differ only
// in where `scoreBatch` comes from; guest-safe.
import type { DetectorEngine } from '@edgewatch/detectors';

/** `detectors.score-batch` as jco / componentize-js lift it (an err result is thrown). */
export type WitScoreBatch = (
  detector: string,
  state: Uint8Array | undefined,
  values: Float64Array,
  timestampsMs: Float64Array,
) => { scores: Float64Array; state: Uint8Array };

/** The message of a thrown WIT err (`ComponentError.payload`), or of any other throw. */
function witErrorMessage(thrown: unknown): string {
  const payload = (thrown as { payload?: unknown } | undefined)?.payload;
  return typeof payload === 'string' ? payload : thrown instanceof Error ? thrown.message : String(thrown);
}

/** Wrap the WIT function as the `wasm` engine; its errors become RangeErrors with the component's message. */
export function witDetectorEngine(scoreBatch: WitScoreBatch): DetectorEngine {
  return {
    name: 'wasm',
    scoreBatch(detector, state, values, timestampsMs) {
      try {
        const { scores, state: next } = scoreBatch(detector, state, values, timestampsMs);
        return { scores, state: next };
      } catch (thrown) {
        throw new RangeError(witErrorMessage(thrown));
      }
    },
  };
}
