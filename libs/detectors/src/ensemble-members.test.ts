import { describe, expect, it } from 'vitest';
import { ENSEMBLE_SETTINGS, ensemble, ensembleFactory } from './ensemble.ts';
import { KnnDistance } from './knn-distance.ts';
import { LevelCusum } from './level-cusum.ts';
import { referenceDetectorKernels } from './kernels.ts';
import { scoreSeries } from './detector.ts';
import { RangeBreakout } from './range-breakout.ts';
import { RestPeriod } from './rest-period.ts';
import { SeasonalResidual } from './seasonal-residual.ts';
import { StateReader, StateWriter } from './state-codec.ts';
import { prng } from './test-series.ts';

const HOUR = 3_600_000;
const STEP = 1_800_000; // 30 minutes, like nyc_taxi
const T0 = Date.UTC(2024, 0, 1);

/** Weekly-periodic demand: a weekday and a weekend day shape, plus noise; `holiday` days take the weekend shape. */
function weeklySeries(days: number, holiday: number[] = []): { values: Float64Array; timestamps: Float64Array } {
  const rand = prng(3);
  const n = days * 48;
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const day = Math.floor(i / 48);
    const h = (i % 48) / 2;
    const weekend = day % 7 >= 5 || holiday.includes(day);
    const shape = weekend ? 10 + 4 * Math.sin((Math.PI * h) / 24) : 10 + 12 * Math.exp(-((h - 8) ** 2) / 4) + 12 * Math.exp(-((h - 18) ** 2) / 4);
    values[i] = shape + 0.5 * (rand() - 0.5);
    timestamps[i] = T0 + i * STEP;
  }
  return { values, timestamps };
}

describe('SeasonalResidual', () => {
  it('waits_until_the_same_hour_one_season_ago_has_been_seen', () => {
    const s = new SeasonalResidual({ hours: 24, span: 3 });
    for (let i = 0; i < 24; i++) expect(s.next(i, T0 + i * HOUR)).toBe(-1);
    expect(s.next(0, T0 + 24 * HOUR)).toBeGreaterThanOrEqual(0);
  });

  it('sees_no_residual_on_an_exactly_repeating_season', () => {
    const s = new SeasonalResidual({ hours: 24, span: 3 });
    let last = -1;
    for (let i = 0; i < 24 * 4 * 2; i++) last = s.next(Math.sin((2 * Math.PI * (i % 48)) / 48), T0 + i * (HOUR / 2));
    expect(last).toBe(0);
  });

  it('reports_a_level_change_against_the_same_hour_last_season', () => {
    const s = new SeasonalResidual({ hours: 24, span: 0 });
    for (let i = 0; i < 48; i++) s.next(5, T0 + i * HOUR);
    expect(s.next(8, T0 + 48 * HOUR)).toBe(3);
  });

  it('says_when_its_residual_leans_on_an_hour_alarmed_one_season_ago', () => {
    const s = new SeasonalResidual({ hours: 24, span: 3 });
    const echoes: number[] = [];
    for (let h = 0; h < 60; h++) {
      s.next(h === 24 ? 9 : 5, T0 + h * HOUR);
      if (h === 24) s.markAlarm();
      if (s.leansOnAlarm()) echoes.push(h);
    }
    // Hour 48 is measured against alarmed hour 24; 49–51 smooth hour 48's residual in.
    expect(echoes).toEqual([48, 49, 50, 51]);
  });

  it('forgets_an_alarm_whose_hour_a_gap_left_stale', () => {
    const s = new SeasonalResidual({ hours: 24, span: 0 });
    for (let h = 0; h < 30; h++) {
      s.next(5, T0 + h * HOUR);
      if (h === 24) s.markAlarm();
    }
    s.next(5, T0 + 72 * HOUR); // slot of hour 24 still holds hour 24, two seasons back
    expect(s.leansOnAlarm()).toBe(false);
  });

  it('restores_to_identical_behaviour', () => {
    const a = new SeasonalResidual({ hours: 24, span: 3 });
    for (let i = 0; i < 100; i++) {
      a.next(i % 7, T0 + i * HOUR);
      if (i % 11 === 0) a.markAlarm();
    }
    const w = new StateWriter('t');
    a.write(w);
    const b = new SeasonalResidual({ hours: 24, span: 3 });
    const r = new StateReader(w.finish(), 't');
    b.read(r);
    r.end();
    for (let i = 100; i < 200; i++) {
      expect(b.next(i % 5, T0 + i * HOUR)).toBe(a.next(i % 5, T0 + i * HOUR));
      expect(b.leansOnAlarm()).toBe(a.leansOnAlarm());
      if (i % 11 === 0) [a, b].forEach((x) => x.markAlarm());
    }
  });
});

describe('KnnDistance', () => {
  const settings = { lengths: [4], history: 16, refresh: 8, startLags: 3 };
  /** Nearest RMS distance of the last m values to the windows ending ≥ m and ≤ m+history−1 earlier. */
  function bruteForce(xs: number[], m: number, history: number): number {
    const t = xs.length - 1;
    let best = Infinity;
    for (let lag = m; lag < m + history && t - lag - m + 1 >= 0; lag++) {
      let sum = 0;
      for (let k = 0; k < m; k++) sum += (xs[t - k]! - xs[t - lag - k]!) ** 2;
      best = Math.min(best, sum);
    }
    return Math.sqrt(best / m);
  }

  it('searches_the_lags_that_exist_while_the_history_fills', () => {
    const knn = new KnnDistance(settings, referenceDetectorKernels);
    const rand = prng(7);
    const xs: number[] = [];
    const out = new Float64Array(1);
    for (let i = 0; i < 80; i++) {
      xs.push(Math.round(100 * rand()) / 4); // exact in f32, so the buffer's rounding does not matter
      knn.next(xs[i]!, out);
      // The first distance needs 2m − 1 + startLags points; from then on it is the exact nearest.
      if (xs.length < 2 * 4 - 1 + settings.startLags) expect(out[0]).toBe(-1);
      else expect(out[0]).toBeCloseTo(bruteForce(xs, 4, settings.history), 9);
    }
  });
});

describe('RestPeriod', () => {
  it('reports_only_scores_that_beat_the_previous_period', () => {
    const r = new RestPeriod(3);
    expect([0.2, 0.1, 0.3, 0.25, 0.2, 0.1, 0.05, 0.04, 0.12].map((s) => r.next(s))).toEqual([0.2, 0, 0.3, 0, 0, 0, 0, 0, 0.12]);
  });

  it('needs_a_follow_up_alarm_within_the_period_to_beat_the_last_alarm_by_the_margin', () => {
    const r = new RestPeriod(5, { alarm: 0.5, margin: 0.1 });
    // 0.55 is an alarm; 0.6 beats the recent scores but not 0.55 + 0.1; 0.7 does; after five
    // quiet points a new event needs only to beat the recent scores again.
    const out = [0.3, 0.55, 0.6, 0.7, 0, 0, 0, 0, 0, 0.52].map((s) => r.next(s));
    expect(out).toEqual([0.3, 0.55, 0, 0.7, 0, 0, 0, 0, 0, 0.52]);
  });

  it('restores_its_last_alarm', () => {
    const a = new RestPeriod(5, { alarm: 0.5, margin: 0.1 });
    [0.3, 0.55].forEach((s) => a.next(s));
    const w = new StateWriter('t');
    a.write(w);
    const b = new RestPeriod(5, { alarm: 0.5, margin: 0.1 });
    b.read(new StateReader(w.finish(), 't'));
    expect(b.next(0.6)).toBe(0);
    expect(b.next(0.7)).toBe(0.7);
  });
});

describe('LevelCusum', () => {
  const settings = { horizon: 8000, slack: 2 };
  /** ±1 around 10 (scale ≈ 1.25, so every point is within 1 scale), then `shifted` points 3 higher. */
  const noiseThenShift = (quiet: number, shifted: number) =>
    Array.from({ length: quiet + shifted }, (_, i) => 10 + (i % 2 === 0 ? 1 : -1) + (i >= quiet ? 3 : 0));

  it('waits_16_points_then_stays_at_zero_on_noise_within_the_slack', () => {
    const c = new LevelCusum(settings);
    const out = noiseThenShift(500, 0).map((v) => c.next(v));
    expect(out.slice(0, 16).every((x) => x === -1)).toBe(true);
    expect(out.slice(16).every((x) => x === 0)).toBe(true);
  });

  it('builds_up_on_a_shift_that_no_single_point_makes_remarkable', () => {
    const c = new LevelCusum(settings);
    const out = noiseThenShift(500, 20).map((v) => c.next(v));
    const shifted = out.slice(500);
    // The shifted points sit 1.6 and 3.2 scales out in turn, +0.8 past the slack per pair: one
    // is unremarkable, twenty add up.
    expect(shifted[0]!).toBeLessThan(1.5);
    for (let i = 2; i < shifted.length; i++) expect(shifted[i]!).toBeGreaterThan(shifted[i - 2]!);
    expect(shifted.at(-1)!).toBeGreaterThan(5);
  });

  it('restores_to_identical_behaviour', () => {
    const values = noiseThenShift(300, 30);
    const a = new LevelCusum(settings);
    values.slice(0, 310).forEach((v) => a.next(v));
    const w = new StateWriter('t');
    a.write(w);
    const b = new LevelCusum(settings);
    b.read(new StateReader(w.finish(), 't'));
    for (const v of values.slice(310)) expect(b.next(v)).toBe(a.next(v));
  });
});

describe('RangeBreakout', () => {
  const settings = { tolerance: 0.02, warmup: 10, score: 0.9 };

  it('stays_silent_inside_the_range_and_during_warm_up', () => {
    const b = new RangeBreakout(settings);
    for (let i = 0; i < 10; i++) expect(b.next(i * 10)).toBe(0);
    expect(b.next(50)).toBe(0);
    expect(b.next(91)).toBe(0); // within 2 % of the range above the maximum
  });

  it('scores_a_new_extreme_and_ranks_a_farther_one_higher', () => {
    const b = new RangeBreakout(settings);
    for (let i = 0; i <= 10; i++) b.next(i * 10);
    const near = new RangeBreakout(settings);
    for (let i = 0; i <= 10; i++) near.next(i * 10);
    const far = b.next(180);
    expect(near.next(-5)).toBeGreaterThanOrEqual(0.9);
    expect(far).toBeGreaterThan(0.95);
    expect(far).toBeLessThanOrEqual(0.99);
  });
});

describe('ensemble on a weekly-periodic series', () => {
  const weeks = 9;
  const holiday = 7 * 7 + 2; // a Wednesday in week 8 that looks like a Sunday
  const series = weeklySeries(weeks * 7, [holiday]);

  it('flags_a_weekday_that_takes_the_weekend_shape', () => {
    const scores = scoreSeries(ensemble.create(), series.values, series.timestamps);
    const inHoliday = Math.max(...scores.subarray(holiday * 48, (holiday + 1) * 48));
    const weekBefore = Math.max(...scores.subarray((holiday - 7) * 48, holiday * 48));
    expect(inHoliday).toBeGreaterThan(0.5);
    expect(inHoliday).toBeGreaterThan(weekBefore);
  });

  it('does_not_alarm_again_one_week_later_on_the_echo_of_that_day', () => {
    const longer = weeklySeries((weeks + 1) * 7, [holiday]);
    const weekAfter = (scores: Float64Array) => Math.max(...scores.subarray((holiday + 7) * 48, (holiday + 8) * 48));
    const withoutRule = ensembleFactory('ensemble', { ...ENSEMBLE_SETTINGS, seasonalEchoes: false });
    expect(weekAfter(scoreSeries(withoutRule.create(), longer.values, longer.timestamps))).toBeGreaterThan(0.5);
    expect(weekAfter(scoreSeries(ensemble.create(), longer.values, longer.timestamps))).toBeLessThan(0.5);
  });

  it('continues_bit_for_bit_across_chunks_spanning_several_seasons', () => {
    const full = scoreSeries(ensemble.create(), series.values, series.timestamps);
    const out = new Float64Array(full.length);
    let state: Uint8Array | undefined;
    const size = Math.ceil(full.length / 50);
    for (let from = 0; from < full.length; from += size) {
      const d = state ? ensemble.deserialize(state) : ensemble.create();
      for (let i = from; i < Math.min(from + size, full.length); i++) out[i] = d.update(series.values[i]!, series.timestamps[i]!);
      state = d.serialize();
    }
    expect(Array.from(out)).toEqual(Array.from(full));
  });

  it('keeps_state_within_16_KiB_after_a_long_series', () => {
    const long = weeklySeries(7 * 60);
    const d = ensemble.create();
    scoreSeries(d, long.values, long.timestamps);
    expect(d.serialize().byteLength).toBeLessThanOrEqual(16 * 1024);
  });
});
