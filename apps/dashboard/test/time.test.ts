import { describe, expect, it } from 'vitest';
import { ago, alertPeriods, customBounds, deviceStatus, presetBounds, rangeFromQuery, STALE_AFTER_S, stepFor, toColumns } from '../web/time.ts';

describe('stepFor', () => {
  it('gives_at_most_one_window_per_pixel', () => {
    for (const [span, width] of [[3600, 900], [86_400, 1200], [604_800, 1000], [2_592_000, 640]] as const) {
      const step = stepFor(0, span, width);
      expect(span / step).toBeLessThanOrEqual(width);
      // ...and not absurdly fewer: within the gap between two nice steps (≤ 3×).
      expect(span / step).toBeGreaterThan(width / 3);
    }
  });
  it('never_goes_below_one_second', () => {
    expect(stepFor(0, 10, 2000)).toBe(1);
  });
  it('a_week_of_minute_data_on_a_1000px_chart_needs_10_minute_windows', () => {
    expect(stepFor(0, 604_800, 1000)).toBe(900);
  });
});

describe('ranges', () => {
  it('ends_presets_now', () => {
    expect(presetBounds('7d', 1_000_000)).toEqual({ from: 1_000_000 - 604_800, to: 1_000_000 });
  });
  it('parses_custom_ranges_and_names_the_problem', () => {
    expect(customBounds('2026-01-01T00:00Z', '2026-01-02T00:00Z')).toEqual({ from: 1767225600, to: 1767312000 });
    expect(customBounds('2026-01-02T00:00Z', '2026-01-01T00:00Z')).toEqual({ error: 'The end must be after the start.' });
    expect(customBounds('', '2026-01-01T00:00Z')).toHaveProperty('error');
  });
});

describe('deviceStatus', () => {
  it('is_alerting_before_stale_before_ok', () => {
    expect(deviceStatus(1000, 1000, 1)).toBe('alerting');
    expect(deviceStatus(1000, 1000 + STALE_AFTER_S + 1, 0)).toBe('stale');
    expect(deviceStatus(undefined, 1000, 0)).toBe('stale');
    expect(deviceStatus(1000, 1060, 0)).toBe('ok');
    expect(ago(1000, 1090)).toBe('2 min ago');
  });
});

describe('alertPeriods', () => {
  const at = (s: number) => new Date(s * 1000).toISOString();
  it('clips_to_the_range_runs_open_alerts_to_now_and_drops_others', () => {
    const alerts = [
      { state: 'resolved', startsAt: at(100), endsAt: at(200), labels: { alertname: 'A' } },
      { state: 'firing', startsAt: at(900), endsAt: null, labels: { alertname: 'B' } },
      { state: 'resolved', startsAt: at(10), endsAt: at(20), labels: { alertname: 'C' } },
      { state: 'pending', startsAt: null, endsAt: null, labels: {} as Record<string, string> },
    ];
    expect(alertPeriods(alerts, { from: 150, to: 1000 }, 950)).toEqual([
      { from: 150, to: 200, state: 'resolved', name: 'A' },
      { from: 900, to: 950, state: 'firing', name: 'B' },
    ]);
  });
});

it('toColumns_splits_points_for_uplot', () => {
  expect(toColumns([[1, 2], [3, null]])).toEqual([[1, 3], [2, null]]);
});

describe('rangeFromQuery', () => {
  const q = (s: string) => new URLSearchParams(s);
  it('reads_presets_custom_ranges_and_falls_back_to_24h', () => {
    expect(rangeFromQuery(q('range=7d'))).toEqual({ range: '7d' });
    expect(rangeFromQuery(q('from=100&to=200'))).toEqual({ range: 'custom', from: 100, to: 200 });
    expect(rangeFromQuery(q('from=2026-01-01T00:00Z&to=2026-01-02T00:00Z'))).toEqual({ range: 'custom', from: 1767225600, to: 1767312000 });
    expect(rangeFromQuery(q('from=200&to=100'))).toEqual({ range: '24h' });
    expect(rangeFromQuery(q('range=bogus'))).toEqual({ range: '24h' });
  });
});
