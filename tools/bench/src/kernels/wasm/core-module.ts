// The kernels-core module (extern "C" exports over linear memory) from Node:
// copy inputs in with `ek_alloc`, call, read outputs. Used to time kernels
// without the component model's list copies, and by the parity test.
import { readFileSync } from 'node:fs';

/** The raw exports of kernels-core (see rust-kernels/kernels-core/src/lib.rs). */
export interface CoreExports {
  memory: WebAssembly.Memory;
  ek_alloc(bytes: number): number;
  ek_free(ptr: number, bytes: number): void;
  ek_simd(): number;
  ek_dot(a: number, b: number, n: number): number;
  ek_matmul(a: number, b: number, c: number, m: number, k: number, n: number): void;
  ek_sha256(data: number, len: number, out: number): void;
  ek_resize(src: number, sw: number, sh: number, dst: number, dw: number, dh: number): void;
  ek_mean_variance(xs: number, n: number, out: number): void;
  ek_welford_update(state: number, xs: number, n: number): void;
  ek_window_stats(xs: number, n: number, window: number, means: number, variances: number): void;
  ek_sq_distances(query: number, dim: number, points: number, rows: number, out: number): void;
  ek_dense(x: number, ins: number, w: number, bias: number, outs: number, relu: number, out: number): void;
  ek_sliding_sq_distances(series: number, query: number, m: number, count: number, out: number): void;
  ek_advance_lag_distances(s: number, n: number, t: number, m: number, firstLag: number, d: number, lags: number): number;
}

/** A block of linear memory from `ek_alloc`. */
export interface Block {
  ptr: number;
  bytes: number;
}

/** One instance of the module plus copy helpers. */
export class CoreModule {
  readonly x: CoreExports;

  constructor(x: CoreExports) {
    this.x = x;
  }

  /** Whether this build runs the simd128 paths. */
  get simd(): boolean {
    return this.x.ek_simd() === 1;
  }

  /** Allocates `bytes` (zeroed); at least 1 byte so the pointer is real. */
  alloc(bytes: number): Block {
    const ptr = this.x.ek_alloc(Math.max(bytes, 1));
    if (ptr === 0) throw new Error(`kernels-core: ek_alloc(${bytes}) failed`);
    return { ptr, bytes: Math.max(bytes, 1) };
  }

  /** Allocates and copies `data` in. */
  put(data: Float32Array | Float64Array | Uint8Array): Block {
    const block = this.alloc(data.byteLength);
    new Uint8Array(this.x.memory.buffer, block.ptr, data.byteLength).set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return block;
  }

  /** A fresh f32 view (views detach when memory grows, so never keep one). */
  f32(block: Block, n: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, block.ptr, n);
  }

  /** A fresh byte view. */
  u8(block: Block, n: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, block.ptr, n);
  }

  /** A fresh f64 view. */
  f64(block: Block, n: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, block.ptr, n);
  }

  /** Frees blocks from `alloc`/`put`. */
  free(...blocks: Block[]): void {
    for (const b of blocks) this.x.ek_free(b.ptr, b.bytes);
  }
}

const compiled = new Map<string, WebAssembly.Module>();

/** Instantiates the core module at `path` (compiled once per path). */
export function loadCore(path: string): CoreModule {
  let module = compiled.get(path);
  if (!module) {
    module = new WebAssembly.Module(readFileSync(path));
    compiled.set(path, module);
  }
  return new CoreModule(new WebAssembly.Instance(module, {}).exports as unknown as CoreExports);
}
