// Types of the WIT imports as componentize-js exposes them (err results are thrown).
declare module 'edgewatch:kernels/anomaly@0.1.0' {
  export function dot(a: Float32Array, b: Float32Array): number;
}

declare module 'edgewatch:kernels/detectors@0.1.0' {
  export function names(): string[];
  export function scoreBatch(
    detector: string,
    state: Uint8Array | undefined,
    values: Float64Array,
    timestampsMs: Float64Array,
  ): { scores: Float64Array; state: Uint8Array };
}
