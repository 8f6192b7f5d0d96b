// The `anomaly` component (edgewatch:kernels WIT) from Node: transpiled with
// jco into rust-kernels/target/transpiled/<name>/ and imported, so calls go
// through the canonical ABI exactly as a JS host's would (lists copied in and
// out, results lifted).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TRANSPILE_DIR } from '../paths.ts';

/** Welford running state as the WIT record (count is a u64 → bigint). */
export interface RunningStatsWit {
  count: bigint;
  mean: number;
  m2: number;
}

/** The exported interfaces as jco lifts them. Errors (`result::err`) are thrown. */
export interface KernelsComponent {
  anomaly: {
    dot(a: Float32Array, b: Float32Array): number;
    meanVariance(xs: Float32Array): { mean: number; variance: number };
    welfordUpdate(state: RunningStatsWit, xs: Float32Array): RunningStatsWit;
    windowStats(xs: Float32Array, window: number): { means: Float32Array; variances: Float32Array };
    sqDistances(query: Float32Array, points: Float32Array): Float32Array;
    dense(x: Float32Array, weights: Float32Array, bias: Float32Array, activation: 'linear' | 'relu'): Float32Array;
    slidingSqDistances(series: Float64Array, query: Float64Array, count: number): Float64Array;
    advanceLagDistances(s: Float64Array, t: number, m: number, firstLag: number, d: Float64Array): Float64Array;
  };
  linalg: { matmul(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array };
  digest: { sha256(data: Uint8Array): Uint8Array };
  image: { resizeBilinear(src: Uint8Array, sw: number, sh: number, dw: number, dh: number): Uint8Array };
}

/** Transpiles (when the bytes changed) and imports the component at `wasmPath`. */
export async function loadComponent(wasmPath: string, name: string): Promise<KernelsComponent> {
  const bytes = readFileSync(wasmPath);
  const stamp = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  // A new folder per build: Node caches imported modules by URL.
  const dir = join(TRANSPILE_DIR, `${name}-${stamp}`);
  const entry = join(dir, `${name}.js`);
  if (!existsSync(entry)) {
    const { transpile } = await import('@bytecodealliance/jco');
    const { files } = await transpile(bytes, { name, quiet: true });
    rmSync(dir, { recursive: true, force: true });
    for (const [file, data] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), data);
    }
  }
  return (await import(pathToFileURL(entry).href)) as KernelsComponent;
}
