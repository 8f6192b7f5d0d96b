import { describe, expect, it } from 'vitest';
import { advance, acknowledge, renderAnnotations, type AlertRecord } from './lifecycle.ts';
import { crossesThreshold, heartbeatObservation, ratePerSecond, slideWindow } from './conditions.ts';
import { parseRule } from './rules.ts';

const rule = (extra: Record<string, unknown> = {}) => parseRule({ id: 'hot', kind: 'threshold', series: 'temperature', above: 80, recover: 75, ...extra });
const labels = { alertname: 'hot', device: 'd1' };

/** Feed values through threshold + lifecycle, one per second, returning the state after each. */
function run(r: ReturnType<typeof rule>, values: (number | null)[], stepMs = 1000): AlertRecord['state'][] {
  let prev: AlertRecord | undefined;
  let now = 0;
  return values.map((v) => {
    now += stepMs;
    const obs = v === null ? undefined : { active: crossesThreshold(r, v, prev?.conditionActive ?? false), value: v };
    prev = advance(prev, r, labels, 'fp', obs, now) ?? prev;
    return prev?.state ?? 'inactive';
  });
}

describe('threshold with hysteresis', () => {
  it('fires_above_80_stays_firing_between_75_and_80_and_resolves_below_75', () => {
    expect(run(rule(), [79, 81, 78, 76, 74.9, 79])).toEqual(['inactive', 'firing', 'firing', 'firing', 'resolved', 'resolved']);
  });

  it('without_recover_clears_as_soon_as_the_value_is_back_at_the_threshold', () => {
    const r = parseRule({ id: 'hot', kind: 'threshold', series: 't', above: 80 });
    expect(run(r, [81, 80])).toEqual(['firing', 'resolved']);
  });

  it('below_rules_fire_under_the_threshold_and_clear_above_recover', () => {
    const r = parseRule({ id: 'cold', kind: 'threshold', series: 't', below: 0, recover: 2 });
    expect(run(r, [1, -1, 1, 2.5])).toEqual(['inactive', 'firing', 'firing', 'resolved']);
  });
});

describe('for and keepFiringFor', () => {
  it('stays_pending_until_the_condition_has_held_for_the_duration', () => {
    // One value per second, for 3 s: pending at 1 s and 2 s, firing once 3 s have passed.
    expect(run(rule({ for: '3s' }), [81, 82, 83, 84, 85])).toEqual(['pending', 'pending', 'pending', 'firing', 'firing']);
  });

  it('promotes_pending_on_a_time_check_without_new_readings', () => {
    expect(run(rule({ for: '2s' }), [81, null, null])).toEqual(['pending', 'pending', 'firing']);
  });

  it('drops_a_pending_alert_whose_condition_clears_before_for_elapses', () => {
    expect(run(rule({ for: '5s' }), [81, 70, 81])).toEqual(['pending', 'inactive', 'pending']);
  });

  it('keeps_firing_through_a_short_dip_and_resolves_after_keep_firing_for', () => {
    expect(run(rule({ keepFiringFor: '3s' }), [81, 70, 81, 70, null, null, null])).toEqual(['firing', 'firing', 'firing', 'firing', 'firing', 'firing', 'resolved']);
  });
});

describe('episodes and acknowledgement', () => {
  it('starts_a_new_episode_and_clears_the_ack_when_a_resolved_alert_fires_again', () => {
    const r = rule();
    const fired = advance(undefined, r, labels, 'fp', { active: true, value: 81 }, 1)!;
    const acked = acknowledge(fired, 'ops', 'looking', 2)!;
    expect(acked.acknowledged).toEqual({ at: 2, by: 'ops', comment: 'looking' });
    expect(acknowledge(acked, 'other', undefined, 3)).toBeUndefined();
    const resolved = advance(acked, r, labels, 'fp', { active: false, value: 70 }, 4)!;
    expect(acknowledge(resolved, 'ops', undefined, 5)).toBeUndefined();
    const again = advance(resolved, r, labels, 'fp', { active: true, value: 90 }, 6)!;
    expect(again).toMatchObject({ state: 'firing', episode: 2, startsAt: 6 });
    expect(again.acknowledged).toBeUndefined();
    expect(again.endsAt).toBeUndefined();
  });

  it('returns_undefined_when_nothing_changes_so_repeats_write_nothing', () => {
    const r = rule();
    const fired = advance(undefined, r, labels, 'fp', { active: true, value: 81 }, 1)!;
    expect(advance(fired, r, labels, 'fp', { active: true, value: 85 }, 2)).toBeUndefined();
    expect(advance(fired, r, labels, 'fp', undefined, 3)).toBeUndefined();
  });

  it('renders_value_and_label_templates_in_annotations', () => {
    expect(renderAnnotations({ summary: '{{ $labels.device }} at {{$value}}' }, labels, 85.5)).toEqual({ summary: 'd1 at 85.5' });
  });
});

describe('rate and heartbeat conditions', () => {
  it('measures_change_per_second_across_the_window_only', () => {
    const r = parseRule({ id: 'climb', kind: 'rate', series: 't', window: '60s', above: 0.5 });
    let samples = slideWindow(r, [], [0, 10]);
    samples = slideWindow(r, samples, [30, 20]);
    samples = slideWindow(r, samples, [100, 80]);
    // The sample at t=0 left the window (100 − 60 = 40): rate is (80 − 20) / (100 − 30).
    expect(samples).toEqual([[100, 80]]);
    expect(ratePerSecond([[30, 20], [100, 80]])).toBeCloseTo(60 / 70);
    expect(ratePerSecond([[5, 1]])).toBeUndefined();
  });

  it('fires_when_a_device_is_silent_past_silent_for_or_its_own_ut', () => {
    const fixed = parseRule({ id: 'hb', kind: 'heartbeat', silentFor: '5m' });
    expect(heartbeatObservation(fixed, { t: 1000 }, 1000_000 + 299_000)?.active).toBe(false);
    expect(heartbeatObservation(fixed, { t: 1000 }, 1000_000 + 301_000)?.active).toBe(true);
    const byUt = parseRule({ id: 'hb2', kind: 'heartbeat' });
    expect(heartbeatObservation(byUt, { t: 1000, ut: 60 }, 1000_000 + 61_000)?.active).toBe(true);
    expect(heartbeatObservation(byUt, { t: 1000 }, 9e12)).toBeUndefined();
  });
});
