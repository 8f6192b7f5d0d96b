import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { deviceActivity, downsample, latestForDevice, writeBatch, type SeriesPoint } from './index.ts';
import { rec } from './test-helpers.ts';

describe('downsample', () => {
  const points: SeriesPoint[] = [[0, 4], [10, 2], [59, 'text'], [60, 7], [130, null, 5], [150, 1]];
  it.each([
    ['min', [[0, 2], [60, 7], [120, 1]]],
    ['max', [[0, 4], [60, 7], [120, 1]]],
    ['avg', [[0, 3], [60, 7], [120, 1]]],
    ['last', [[0, 2], [60, 7], [120, 1]]],
    ['count', [[0, 3], [60, 1], [120, 2]]],
  ] as const)('aggregates_%s_per_epoch_aligned_window', (agg, expected) => {
    expect(downsample(points, 60, agg)).toEqual(expected);
  });

  it('answers_null_for_windows_without_numbers', () => {
    expect(downsample([[5, 'a']], 60, 'avg')).toEqual([[0, null]]);
  });
});

describe('device views', () => {
  it('reports_the_newest_point_per_series_and_batch_counts', () => {
    const store = createMemoryStore();
    writeBatch(store, { device: 'd1', batch: 'a', bodyHash: 'h', records: [rec('d1/t', 100, 1, 'Cel'), rec('d1/h', 100, 40)], nowMs: 1_000_000 });
    writeBatch(store, { device: 'd1', batch: 'b', bodyHash: 'h', records: [rec('d1/t', 7300, 2, 'Cel'), rec('d1/t', 50, 0, 'Cel')], nowMs: 2_000_000 });
    writeBatch(store, { device: 'd2', batch: 'c', bodyHash: 'h', records: [rec('d2/t', 100, 9)], nowMs: 3_000_000 });
    expect(latestForDevice(store, 'd1')).toEqual([
      { name: 'd1/h', t: 100, v: 40 },
      { name: 'd1/t', unit: 'Cel', t: 7300, v: 2 },
    ]);
    expect(deviceActivity(store, 'd1')).toEqual({ batches: 2, points: 4, lastSeen: 2000 });
    expect(deviceActivity(store, 'nobody')).toEqual({ batches: 0, points: 0 });
  });

  it('keeps_derived_batches_out_of_activity_and_last_seen', () => {
    const store = createMemoryStore();
    writeBatch(store, { device: 'd1', batch: 'a', bodyHash: 'h', records: [rec('d1/t', 100, 1)], nowMs: 1_000_000 });
    // Anomaly scores written later by inference: readable as a series, but not the device's readings.
    writeBatch(store, { device: 'd1', batch: 's', bodyHash: 's', records: [rec('d1/t/anomaly_score', 100, 0.2)], nowMs: 5_000_000, derived: true });
    expect(deviceActivity(store, 'd1')).toEqual({ batches: 1, points: 1, lastSeen: 1000 });
    expect(latestForDevice(store, 'd1').map((p) => p.name)).toContain('d1/t/anomaly_score');
  });
});
