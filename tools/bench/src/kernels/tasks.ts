// The benchmark rows: names, sizes and seeds match
// rust-kernels/kernel-bench/src/tasks.rs. Each task prepares its inputs once
// per column (in JS arrays, or resident in the wasm module's memory) and
// returns the body to time, so every column times the kernel alone.
import { createHash } from 'node:crypto';
import { matmulJs } from './js/matmul.ts';
import { resizeBilinearJs } from './js/resize.ts';
import { sha256Js } from './js/sha256.ts';
import { slidingSqDistancesJs } from './js/sliding.ts';
import { denseJs, dotJs, meanVarianceJs, sqDistancesJs, windowStatsJs } from './js/vector.ts';
import { bytes, floats } from './inputs.ts';
import type { CoreModule } from './wasm/core-module.ts';

/** One row: how to run it in plain JS and on a kernels-core instance. */
export interface TaskSpec {
  name: string;
  /** Prepares inputs, returns one run of the JS baseline. */
  js: () => () => unknown;
  /** Prepares inputs in `m`'s memory, returns one run of the wasm kernel. */
  core: ((m: CoreModule) => () => unknown) | null;
}

const M = 1 << 20;

/** Every row, in table order (the native binary knows the same names). */
export const TASKS: TaskSpec[] = [
  {
    name: 'matmul-1024',
    js: () => {
      const [a, b] = [floats(1, 1024 * 1024), floats(2, 1024 * 1024)];
      return () => matmulJs(a, b, 1024, 1024, 1024);
    },
    core: (m) => {
      const [a, b, c] = [m.put(floats(1, 1024 * 1024)), m.put(floats(2, 1024 * 1024)), m.alloc(4 * 1024 * 1024)];
      return () => m.x.ek_matmul(a.ptr, b.ptr, c.ptr, 1024, 1024, 1024);
    },
  },
  {
    name: 'sha256-1mb',
    js: () => {
      const data = bytes(3, M);
      return () => sha256Js(data);
    },
    core: (m) => {
      const [d, out] = [m.put(bytes(3, M)), m.alloc(32)];
      return () => m.x.ek_sha256(d.ptr, M, out.ptr);
    },
  },
  {
    name: 'resize-4k',
    js: () => {
      const src = bytes(4, 3840 * 2160 * 4);
      return () => resizeBilinearJs(src, 3840, 2160, 1920, 1080);
    },
    core: (m) => {
      const [src, dst] = [m.put(bytes(4, 3840 * 2160 * 4)), m.alloc(1920 * 1080 * 4)];
      return () => m.x.ek_resize(src.ptr, 3840, 2160, dst.ptr, 1920, 1080);
    },
  },
  {
    name: 'dot-1m',
    js: () => {
      const [a, b] = [floats(5, M), floats(6, M)];
      return () => dotJs(a, b);
    },
    core: (m) => {
      const [a, b] = [m.put(floats(5, M)), m.put(floats(6, M))];
      return () => m.x.ek_dot(a.ptr, b.ptr, M);
    },
  },
  {
    name: 'mean-variance-1m',
    js: () => {
      const xs = floats(7, M);
      return () => meanVarianceJs(xs);
    },
    core: (m) => {
      const [xs, out] = [m.put(floats(7, M)), m.alloc(8)];
      return () => m.x.ek_mean_variance(xs.ptr, M, out.ptr);
    },
  },
  {
    name: 'window-stats-1m',
    js: () => {
      const xs = floats(8, M);
      return () => windowStatsJs(xs, 64);
    },
    core: (m) => {
      const [xs, means, vars] = [m.put(floats(8, M)), m.alloc((M - 63) * 4), m.alloc((M - 63) * 4)];
      return () => m.x.ek_window_stats(xs.ptr, M, 64, means.ptr, vars.ptr);
    },
  },
  {
    name: 'sq-distances-10kx32',
    js: () => {
      const [q, pts] = [floats(9, 32), floats(10, 10_000 * 32)];
      return () => sqDistancesJs(q, pts);
    },
    core: (m) => {
      const [q, pts, out] = [m.put(floats(9, 32)), m.put(floats(10, 10_000 * 32)), m.alloc(10_000 * 4)];
      return () => m.x.ek_sq_distances(q.ptr, 32, pts.ptr, 10_000, out.ptr);
    },
  },
  {
    name: 'dense-1024x256',
    js: () => {
      const [x, w, b] = [floats(11, 1024), floats(12, 256 * 1024), floats(13, 256)];
      return () => denseJs(x, w, b, true);
    },
    core: (m) => {
      const [x, w, b, out] = [m.put(floats(11, 1024)), m.put(floats(12, 256 * 1024)), m.put(floats(13, 256)), m.alloc(256 * 4)];
      return () => m.x.ek_dense(x.ptr, 1024, w.ptr, b.ptr, 256, 1, out.ptr);
    },
  },
  {
    name: 'sliding-sq-distances-64kx64',
    js: () => {
      const [series, query] = [Float64Array.from(floats(14, 65_536)), Float64Array.from(floats(15, 64))];
      return () => slidingSqDistancesJs(series, query, 65_536 - 63);
    },
    core: (m) => {
      const [series, query] = [m.put(Float64Array.from(floats(14, 65_536))), m.put(Float64Array.from(floats(15, 64)))];
      const out = m.alloc((65_536 - 63) * 8);
      return () => m.x.ek_sliding_sq_distances(series.ptr, query.ptr, 64, 65_536 - 63, out.ptr);
    },
  },
];

/** Reference rows with a JS column only (not part of the JSON output). */
export const REFERENCE_TASKS: TaskSpec[] = [
  {
    name: 'sha256-1mb (node:crypto)',
    js: () => {
      const data = bytes(3, M);
      return () => createHash('sha256').update(data).digest();
    },
    core: null,
  },
];
