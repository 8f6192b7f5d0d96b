import { describe, expect, it } from 'vitest';
import {
  NAB_PROFILES,
  normalizeScore,
  optimizeThreshold,
  parseNabTimestamp,
  probationaryLength,
  profileByName,
  rowWeights,
  scaledSigmoid,
  scoreAtThreshold,
  windowsToRows,
  type ScoredFile,
} from './index.ts';

const standard = profileByName('standard');
const lowFp = profileByName('reward_low_FP_rate');
const lowFn = profileByName('reward_low_FN_rate');

// 1000 rows → probation 150; one window of width 100 on rows 500..599.
const ROWS = 1000;
const WINDOW = { start: 500, end: 599 };

function fileFiringAt(rows: number[], windows = [WINDOW], n = ROWS): ScoredFile {
  const scores = new Float64Array(n);
  for (const r of rows) scores[r] = 1;
  return { name: 'f.csv', scores, windows };
}

describe('scaled sigmoid and probation (NAB README figures)', () => {
  it('matches_the_readme_values', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.9866, 4);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3)).toBeCloseTo(-1, 5);
    expect(scaledSigmoid(3.0001)).toBe(-1);
  });

  it('ignores_min_of_15_percent_and_750_rows', () => {
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(1624)).toBe(243);
    expect(probationaryLength(22695)).toBe(750);
  });
});

describe('single window, detection position', () => {
  // f(y) = 2/(1+e^(5y)) − 1 = tanh(−5y/2): an independent form of the same curve.
  const f = (y: number) => Math.tanh((-5 * y) / 2);

  it('earns_full_credit_on_the_first_window_row', () => {
    const s = scoreAtThreshold([fileFiringAt([500])], standard, 0.5);
    expect(s.raw).toBeCloseTo(1, 12);
    expect(s.normalized).toBeCloseTo(100, 10);
  });

  it('earns_little_on_the_last_window_row', () => {
    const s = scoreAtThreshold([fileFiringAt([599])], standard, 0.5);
    expect(s.raw).toBeCloseTo(f(-1 / 100) / f(-1), 12);
    expect(s.raw).toBeGreaterThan(0);
    expect(s.raw).toBeLessThan(0.03);
  });

  it('counts_only_the_earliest_detection_in_a_window', () => {
    const early = scoreAtThreshold([fileFiringAt([550])], standard, 0.5).raw;
    const both = scoreAtThreshold([fileFiringAt([550, 560, 599])], standard, 0.5).raw;
    expect(both).toBe(early);
    expect(early).toBeCloseTo(f(-50 / 100) / f(-1), 12);
  });

  it('charges_a_detection_after_the_window_by_distance', () => {
    // 99 rows past the end of a width-100 window: y = 99/99 = 1.
    const s = scoreAtThreshold([fileFiringAt([698])], standard, 0.5);
    expect(s.raw).toBeCloseTo(-1 + 0.11 * f(1), 12);
    expect(s.falsePositives).toBe(1);
    const near = scoreAtThreshold([fileFiringAt([600])], standard, 0.5).raw;
    expect(near).toBeGreaterThan(s.raw);
    expect(near).toBeCloseTo(-1 + 0.11 * f(1 / 99), 12);
  });

  it('charges_the_full_fp_weight_before_the_first_window_and_nothing_in_probation', () => {
    expect(scoreAtThreshold([fileFiringAt([300])], standard, 0.5).raw).toBeCloseTo(-1.11, 12);
    expect(scoreAtThreshold([fileFiringAt([300])], lowFp, 0.5).raw).toBeCloseTo(-1.22, 12);
    expect(scoreAtThreshold([fileFiringAt([100])], standard, 0.5).raw).toBe(-1);
  });

  it('costs_a_missed_window_the_fn_weight', () => {
    expect(scoreAtThreshold([fileFiringAt([])], lowFn, 0.5).raw).toBe(-2);
    expect(scoreAtThreshold([fileFiringAt([])], lowFn, 0.5).normalized).toBe(0);
  });
});

describe('normalisation', () => {
  it('gives_0_for_the_null_detector_and_100_for_the_perfect_one_in_every_profile', () => {
    const windows = [
      { start: 200, end: 299 },
      { start: 700, end: 749 },
    ];
    for (const profile of NAB_PROFILES) {
      const perfect = scoreAtThreshold([fileFiringAt([200, 700], windows)], profile, 0.5);
      const nothing = scoreAtThreshold([fileFiringAt([], windows)], profile, 0.5);
      expect(perfect.normalized).toBeCloseTo(100, 10);
      expect(nothing.normalized).toBe(0);
    }
  });

  it('is_negative_for_a_detector_that_fires_on_every_row', () => {
    const all = Array.from({ length: ROWS }, (_, i) => i);
    const s = scoreAtThreshold([fileFiringAt(all)], standard, 0.5);
    // 350 rows before the window cost 0.11 each; the window itself is a full hit.
    expect(s.raw).toBeLessThan(1 - 0.11 * 350);
    expect(s.normalized).toBeLessThan(0);
    expect(normalizeScore(s.raw, 1, standard)).toBe(s.normalized);
  });
});

describe('threshold optimisation over the corpus', () => {
  it('picks_one_threshold_for_all_files_that_maximises_the_total', () => {
    // File A: the window start scores 0.9, noise at 0.8 outside windows.
    // File B: the window start scores 0.7. Lowering the threshold to 0.7 gains B's
    // window (+2) at the cost of A's false positives (3 × 0.11), so 0.7 wins.
    const a = fileFiringAt([]);
    const aScores = a.scores as Float64Array;
    aScores[500] = 0.9;
    aScores[300] = aScores[310] = aScores[320] = 0.8;
    const b = fileFiringAt([]);
    (b.scores as Float64Array)[500] = 0.7;
    const best = optimizeThreshold([a, { ...b, name: 'b.csv' }], standard);
    expect(best.threshold).toBe(0.7);
    expect(best.raw).toBeCloseTo(2 - 0.33, 12);
    expect(best.windowsHit).toBe(2);
    expect(best.falsePositives).toBe(3);
  });

  it('keeps_the_higher_threshold_when_lower_ones_only_add_false_positives', () => {
    const a = fileFiringAt([]);
    const s = a.scores as Float64Array;
    s[500] = 0.9;
    s[300] = 0.5;
    const best = optimizeThreshold([a], standard);
    expect(best.threshold).toBe(0.9);
    expect(best.normalized).toBeCloseTo(100, 10);
  });

  it('rejects_non_finite_scores', () => {
    const a = fileFiringAt([]);
    (a.scores as Float64Array)[10] = Number.NaN;
    expect(() => optimizeThreshold([a], standard)).toThrow(/row 10/);
  });
});

describe('windows and timestamps', () => {
  it('maps_labelled_windows_to_the_first_matching_rows', () => {
    const ts = ['2015-01-01 00:00:00', '2015-01-01 00:05:00', '2015-01-01 00:05:00', '2015-01-01 00:10:00'].map((t) =>
      parseNabTimestamp(t),
    );
    expect(windowsToRows(ts, [['2015-01-01 00:05:00.000000', '2015-01-01 00:10:00.000000']])).toEqual([{ start: 1, end: 3 }]);
    expect(() => windowsToRows(ts, [['2015-01-01 00:01:00', '2015-01-01 00:10:00']])).toThrow(/does not match/);
  });

  it('rejects_malformed_timestamps', () => {
    expect(() => parseNabTimestamp('2015-02-30 00:00:00')).toThrow(/calendar/);
    expect(() => parseNabTimestamp('yesterday')).toThrow(/YYYY/);
    expect(parseNabTimestamp('1970-01-01 00:00:01.500000')).toBe(1500);
  });

  it('weights_rows_like_the_nab_sweeper', () => {
    const rw = rowWeights(ROWS, [WINDOW], standard);
    expect(rw.window[100]).toBe(-2);
    expect(rw.window[300]).toBe(-1);
    expect(rw.window[550]).toBe(0);
    expect(rw.weight[500]).toBeCloseTo(1, 12);
  });
});
