// Per-row NAB weights: what a detection on each row would earn or cost under one profile.
// Mirrors NAB's Sweeper.calcSweepScore, so threshold sweeps and fixed-threshold scoring
// share one definition of the rules.
import { probationaryLength, scaledSigmoid, type CostProfile } from './profiles.ts';
import type { RowWindow } from './windows.ts';

/** Row label: inside probation (ignored), outside every window (false positive). */
export const PROBATION = -2;
export const OUTSIDE = -1;

/** What a detection on each row of one file is worth; `window[i]` ≥ 0 names the window. */
export interface RowWeights {
  readonly weight: Float64Array;
  readonly window: Int32Array;
}

/**
 * Weight every row of a file of `rows` rows. Inside a window of width w ending at e a row
 * earns A_TP·f(−(e−i+1)/w)/f(−1); outside it costs A_FP·f((i−e)/(w−1)) relative to the
 * last window, or A_FP·(−1) before any window. Probation rows are marked and never count.
 */
export function rowWeights(rows: number, windows: readonly RowWindow[], profile: CostProfile): RowWeights {
  const weight = new Float64Array(rows);
  const window = new Int32Array(rows);
  const maxTp = scaledSigmoid(-1);
  const probation = probationaryLength(rows);
  let next = 0;
  let prevEnd = -1;
  let prevWidth = 0;
  for (let i = 0; i < rows; ) {
    const w = windows[next];
    if (w && i === w.start) {
      const width = w.end - w.start + 1;
      for (; i <= w.end && i < rows; i++) {
        weight[i] = (profile.tpWeight * scaledSigmoid(-(w.end - i + 1) / width)) / maxTp;
        window[i] = i < probation ? PROBATION : next;
      }
      prevEnd = w.end;
      prevWidth = width;
      next++;
      continue;
    }
    // A one-row window has width−1 = 0: NAB would divide by zero, we treat it as far away.
    const f = prevEnd < 0 ? -1 : prevWidth > 1 ? scaledSigmoid((i - prevEnd) / (prevWidth - 1)) : -1;
    weight[i] = profile.fpWeight * f;
    window[i] = i < probation ? PROBATION : OUTSIDE;
    i++;
  }
  return { weight, window };
}
