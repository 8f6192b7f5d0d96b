import { describe, expect, it } from 'vitest';
import { ensemble } from './ensemble.ts';
import { scoreSeries } from './detector.ts';
import { RangeBreakout } from './range-breakout.ts';
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

  it('restores_to_identical_behaviour', () => {
    const a = new SeasonalResidual({ hours: 24, span: 3 });
    for (let i = 0; i < 100; i++) a.next(i % 7, T0 + i * HOUR);
    const w = new StateWriter('t');
    a.write(w);
    const b = new SeasonalResidual({ hours: 24, span: 3 });
    const r = new StateReader(w.finish(), 't');
    b.read(r);
    r.end();
    for (let i = 100; i < 200; i++) expect(b.next(i % 5, T0 + i * HOUR)).toBe(a.next(i % 5, T0 + i * HOUR));
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
