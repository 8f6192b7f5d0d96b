import { describe, expect, it } from 'vitest';
import { demoAnomalyRule } from './replay.ts';
import { parseNabCsv, shiftToNow, syntheticSeries } from './series.ts';

describe('demo series', () => {
  it('parses_nab_csv_as_utc_epoch_seconds', () => {
    expect(parseNabCsv('timestamp,value\n2014-02-19 15:20:00,98.5\n2014-02-19 15:25:00,96.9\n')).toEqual([
      [1392823200, 98.5],
      [1392823500, 96.9],
    ]);
  });

  it('names_the_first_bad_line', () => {
    expect(() => parseNabCsv('timestamp,value\n2014-02-19 15:20:00,98.5\n2014-02-19 15:25:00,\n', 'x.csv')).toThrow('x.csv line 3');
    expect(() => parseNabCsv('timestamp,value\n', 'x.csv')).toThrow('x.csv holds no points');
  });

  it('keeps_the_last_days_and_ends_them_at_now', () => {
    const points = syntheticSeries(3);
    const shifted = shiftToNow(points, 1_800_000_030, 1);
    expect(shifted.at(-1)![0]).toBe(1_800_000_000); // a whole minute, never in the future
    expect(shifted.length).toBe(288); // one day of 5-minute readings
    expect(shifted.at(-1)![1]).toBe(points.at(-1)![1]);
    expect(shiftToNow(points, 1_800_000_000, 0).length).toBe(points.length);
  });

  it('injects_a_fault_into_the_synthetic_machine', () => {
    const values = syntheticSeries(14).map(([, v]) => v);
    const normal = values.slice(0, 1000);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const start = Math.round(values.length * 0.8);
    expect(Math.min(...normal)).toBeGreaterThan(75);
    expect(mean(values.slice(start + 72, start + 144))).toBeGreaterThan(mean(normal) + 5); // overheating first
    expect(Math.min(...values)).toBeLessThan(35); // then the machine stops
  });

  it('is_deterministic_for_a_seed', () => {
    expect(syntheticSeries(1)).toEqual(syntheticSeries(1));
    expect(syntheticSeries(1, 7)).not.toEqual(syntheticSeries(1));
  });
});

describe('demoAnomalyRule', () => {
  it('gives_each_device_its_own_valid_rule_id_and_matcher', () => {
    const rule = demoAnomalyRule('Lab.Machine 1');
    expect(rule.id).toBe('demo-anomaly-lab-machine-1');
    expect(rule.id).toMatch(/^[a-z0-9][a-z0-9_-]{0,62}$/);
    expect(rule.matchers).toEqual([{ name: 'device', value: 'Lab.Machine 1' }]);
  });
});
