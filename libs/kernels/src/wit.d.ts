// Types of the WIT import as componentize-js exposes it.
declare module 'edgewatch:kernels/anomaly@0.1.0' {
  export function dot(a: Float32Array, b: Float32Array): number;
}
