// Corpus scoring as NAB does it: one threshold for all files, chosen by sweeping every
// distinct anomaly score, then normalised against the null and perfect detectors.
import type { CostProfile } from './profiles.ts';
import { OUTSIDE, PROBATION, rowWeights } from './sweep.ts';
import type { RowWindow } from './windows.ts';

/** One file's detector output with its windows as row ranges. */
export interface ScoredFile {
  readonly name: string;
  readonly scores: ArrayLike<number>;
  readonly windows: readonly RowWindow[];
}

/** The outcome of scoring a corpus at one threshold. */
export interface CorpusScore {
  readonly threshold: number;
  readonly raw: number;
  readonly normalized: number;
  /** Windows with at least one detection / without any, and false-positive rows. */
  readonly windowsHit: number;
  readonly windowsMissed: number;
  readonly falsePositives: number;
}

/** 100·(raw − null)/(perfect − null): 0 for a detector that never fires, 100 for a perfect one. */
export function normalizeScore(raw: number, windowCount: number, profile: CostProfile): number {
  const nullScore = -profile.fnWeight * windowCount;
  const perfect = profile.tpWeight * windowCount;
  if (perfect === nullScore) return 0;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

interface Flattened {
  score: Float64Array;
  weight: Float64Array;
  /** Corpus-wide window id, OUTSIDE or PROBATION. */
  group: Int32Array;
  windowCount: number;
}

function flatten(files: readonly ScoredFile[], profile: CostProfile): Flattened {
  const total = files.reduce((n, f) => n + f.scores.length, 0);
  const score = new Float64Array(total);
  const weight = new Float64Array(total);
  const group = new Int32Array(total);
  let at = 0;
  let windowBase = 0;
  for (const file of files) {
    const rw = rowWeights(file.scores.length, file.windows, profile);
    for (let i = 0; i < file.scores.length; i++, at++) {
      const s = file.scores[i]!;
      if (!Number.isFinite(s)) throw new RangeError(`${file.name}: anomaly score of row ${i} is ${s}, not a finite number`);
      score[at] = s;
      weight[at] = rw.weight[i]!;
      group[at] = rw.window[i]! >= 0 ? windowBase + rw.window[i]! : rw.window[i]!;
    }
    windowBase += file.windows.length;
  }
  return { score, weight, group, windowCount: windowBase };
}

/** Score the corpus with detections where score ≥ threshold. */
export function scoreAtThreshold(files: readonly ScoredFile[], profile: CostProfile, threshold: number): CorpusScore {
  const { score, weight, group, windowCount } = flatten(files, profile);
  const best = new Float64Array(windowCount).fill(-profile.fnWeight);
  const hit = new Uint8Array(windowCount);
  let fpCost = 0;
  let fp = 0;
  for (let i = 0; i < score.length; i++) {
    if (score[i]! < threshold) continue;
    const g = group[i]!;
    if (g === OUTSIDE) {
      fpCost += weight[i]!;
      fp++;
    } else if (g !== PROBATION) {
      hit[g] = 1;
      if (weight[i]! > best[g]!) best[g] = weight[i]!;
    }
  }
  let raw = fpCost;
  for (const b of best) raw += b;
  const windowsHit = hit.reduce((n, h) => n + h, 0);
  return { threshold, raw, normalized: normalizeScore(raw, windowCount, profile), windowsHit, windowsMissed: windowCount - windowsHit, falsePositives: fp };
}

/**
 * NAB's threshold optimiser: try every distinct score as the threshold (highest first)
 * and keep the one with the best raw score over all files together. Ties in raw score
 * keep the higher threshold, as NAB's stable sort does.
 */
export function optimizeThreshold(files: readonly ScoredFile[], profile: CostProfile): CorpusScore {
  return optimizeThresholds(files, [profile])[0]!;
}

/** `optimizeThreshold` for several profiles, sorting the scores once. */
export function optimizeThresholds(files: readonly ScoredFile[], profiles: readonly CostProfile[]): CorpusScore[] {
  let order: Uint32Array | undefined;
  return profiles.map((profile) => {
    const flat = flatten(files, profile);
    if (flat.score.length === 0) throw new RangeError('cannot optimise a threshold over an empty corpus');
    order ??= descendingOrder(flat.score);
    return sweepThresholds(files, profile, flat, order);
  });
}

function descendingOrder(score: Float64Array): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => score[b]! - score[a]!);
}

function sweepThresholds(files: readonly ScoredFile[], profile: CostProfile, flat: Flattened, order: Uint32Array): CorpusScore {
  const { score, weight, group, windowCount } = flat;
  const best = new Float64Array(windowCount).fill(-profile.fnWeight);
  let raw = -profile.fnWeight * windowCount;
  let top = { threshold: score[order[0]!]!, raw: -Infinity, at: 0 };
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const g = group[i]!;
    if (g === OUTSIDE) raw += weight[i]!;
    else if (g !== PROBATION && weight[i]! > best[g]!) {
      raw += weight[i]! - best[g]!;
      best[g] = weight[i]!;
    }
    const last = k + 1 === order.length || score[order[k + 1]!]! !== score[i]!;
    if (last && raw > top.raw) top = { threshold: score[i]!, raw, at: k };
  }
  // Recount at the chosen threshold so hit/miss/FP counts come from one code path.
  return scoreAtThreshold(files, profile, top.threshold);
}
