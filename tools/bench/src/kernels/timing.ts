// One timing protocol for every column (the native binary follows the same):
// `warmup` untimed runs, then `runs` timed ones; report median, min and max.
// Warm-up also lasts at least WARMUP_MS: V8 first runs wasm in its baseline
// compiler (Liftoff) and JS in its interpreter, and swaps in optimised code
// only after a function got hot; short kernels would otherwise be timed cold.
// Ratios come from numbers measured in the same process run, never from
// stored baselines, and nothing here asserts on speed.

/** Median/min/max of one task's timed runs, in ms. */
export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Minimum warm-up time per task and column. */
export const WARMUP_MS = 300;

/** Times `run` after ≥ `warmup` untimed calls (and ≥ WARMUP_MS of them); `runs` must be ≥ 1. */
export function measure(run: () => unknown, runs: number, warmup: number): Timing {
  const start = performance.now();
  for (let i = 0; i < warmup || (warmup > 0 && performance.now() - start < WARMUP_MS); i++) run();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return summarize(ms);
}

/** Median/min/max of raw samples (ms). */
export function summarize(samples: number[]): Timing {
  const ms = [...samples].sort((a, b) => a - b);
  const n = ms.length;
  const median = n % 2 ? ms[(n - 1) / 2]! : (ms[n / 2 - 1]! + ms[n / 2]!) / 2;
  return { median, min: ms[0]!, max: ms[n - 1]!, runs: n };
}
