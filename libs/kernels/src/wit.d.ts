// Types of the WIT import as componentize-js exposes it (err results are thrown).
declare module 'edgewatch:kernels/anomaly@0.1.0' {
  export function dot(a: Float32Array, b: Float32Array): number;
  export function slidingSqDistances(series: Float64Array, query: Float64Array, count: number): Float64Array;
}
