import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import { readSeries, writeBatch } from '@edgewatch/series-store';
import { detectorByName, DEFAULT_DETECTOR, tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { frontierAfter, parsePoints, parseScoringConfig, processSeries, scorePoints, writeScoringConfig } from './index.ts';
import { decodeState, encodeState } from './state-codec.ts';
import { stateKey } from './keys.ts';

const T0 = 1_764_000_000;
let batchNo = 0;

/** Store points of series `temp` of device d1 the way ingest does. */
function ingest(store: KeyValueStore, points: [number, number][]): void {
  batchNo += 1;
  const records = points.map(([t, v]) => ({ n: 'temp', t, value: { kind: 'v' as const, value: v } }));
  writeBatch(store, { device: 'd1', batch: `b${String(batchNo).padStart(23, '0')}`, bodyHash: `h${batchNo}`, records, nowMs: T0 * 1000 });
}

const series = (n: number, from = 0): [number, number][] =>
  Array.from({ length: n }, (_, i) => [T0 + (from + i) * 60, 20 + Math.sin((from + i) / 10) + ((from + i) === 150 ? 15 : 0)]);

const scores = (store: KeyValueStore) =>
  readSeries(store, { device: 'd1', name: 'temp/anomaly_score', limit: 10_000 }).points.map(([t, v]) => [t, v as number]);

const run = (store: KeyValueStore, maxPoints = 10_000, engine?: DetectorEngine) => processSeries(store, { device: 'd1', name: 'temp', nowMs: T0 * 1000, maxPoints, engine });

/** The TS engine under another name, counting its calls: what a second engine looks like to processSeries. */
function countingEngine(name: string): DetectorEngine & { calls: number } {
  const inner = tsDetectorEngine();
  const engine = {
    name,
    calls: 0,
    scoreBatch: (...args: Parameters<DetectorEngine['scoreBatch']>) => {
      engine.calls++;
      return inner.scoreBatch(...args);
    },
  };
  return engine;
}

describe('processSeries', () => {
  it('scores_new_points_into_the_anomaly_score_series', async () => {
    const store = createMemoryStore();
    ingest(store, series(200));
    const report = await run(store);
    expect(report).toMatchObject({ scored: 200, detector: DEFAULT_DETECTOR, more: false });
    const stored = scores(store);
    expect(stored).toHaveLength(200);
    expect(stored.every(([, s]) => s !== undefined && s >= 0 && s <= 1)).toBe(true);
  });

  it('continues_from_its_frontier_with_the_same_scores_as_one_pass', async () => {
    const store = createMemoryStore();
    ingest(store, series(120));
    await run(store);
    ingest(store, series(80, 120));
    const second = await run(store);
    expect(second.scored).toBe(80);
    const detector = detectorByName(DEFAULT_DETECTOR).create();
    const onePass = series(200).map(([t, v]) => [t, detector.update(v, t * 1000)]);
    expect(scores(store)).toEqual(onePass);
  });

  it('does_nothing_when_no_point_arrived', async () => {
    const store = createMemoryStore();
    ingest(store, series(50));
    await run(store);
    expect((await run(store)).scored).toBe(0);
    expect(scores(store)).toHaveLength(50);
  });

  it('stores_scores_once_when_two_instances_process_the_same_series_at_once', async () => {
    const store = createMemoryStore();
    ingest(store, series(100));
    await Promise.all([run(store), run(store)]);
    expect(scores(store)).toHaveLength(100);
  });

  it('scores_points_that_arrive_while_another_run_holds_the_series_exactly_once', async () => {
    const store = createMemoryStore();
    ingest(store, series(100));
    const first = run(store);
    ingest(store, series(60, 100));
    const second = run(store);
    await Promise.all([first, second]);
    expect(scores(store).map(([t]) => t)).toEqual(series(160).map(([t]) => t));
  });

  it('takes_over_a_lease_whose_holder_died', async () => {
    const store = createMemoryStore();
    store.set('inference|lease|d1|temp', new TextEncoder().encode(JSON.stringify({ owner: 'crashed', until: Date.now() - 1 })));
    ingest(store, series(20));
    expect((await run(store)).scored).toBe(20);
    expect(store.exists('inference|lease|d1|temp')).toBe(false);
  });

  it('reports_busy_instead_of_waiting_forever_on_a_live_lease', async () => {
    const store = createMemoryStore();
    store.set('inference|lease|d1|temp', new TextEncoder().encode(JSON.stringify({ owner: 'other', until: Date.now() + 60_000 })));
    ingest(store, series(20));
    const sleeps: number[] = [];
    const fastClock = { value: Date.now() };
    const report = await processSeries(store, {
      device: 'd1',
      name: 'temp',
      nowMs: 0,
      maxPoints: 100,
      sleep: async (ms) => void sleeps.push(ms),
      clock: () => (fastClock.value += 1000),
    });
    expect(report.busy).toBe(true);
    expect(sleeps.length).toBeGreaterThan(0);
    expect(scores(store)).toHaveLength(0);
  });

  it('catches_up_in_bounded_steps', async () => {
    const store = createMemoryStore();
    ingest(store, series(250));
    const first = await run(store, 100);
    expect(first.more).toBe(true);
    await run(store, 100);
    await run(store, 100);
    expect(scores(store).map(([t]) => t)).toEqual(series(250).map(([t]) => t));
  });

  it('uses_the_configured_detector_and_starts_fresh_when_it_changes', async () => {
    const store = createMemoryStore();
    writeScoringConfig(store, 'd1', 'temp', parseScoringConfig({ detector: 'windowed-gaussian' }));
    ingest(store, series(60));
    expect((await run(store)).detector).toBe('windowed-gaussian');
  });

  it('scores_a_run_in_one_engine_call_and_records_the_engine_with_the_state', async () => {
    const store = createMemoryStore();
    ingest(store, series(2500));
    const engine = countingEngine('wasm');
    expect((await run(store, 10_000, engine)).scored).toBe(2500);
    expect(engine.calls).toBe(1);
    expect(decodeState(store.get(stateKey('d1', 'temp')))?.engine).toBe('wasm');
  });

  it('starts_fresh_at_its_frontier_when_the_state_was_written_by_another_engine', async () => {
    const store = createMemoryStore();
    ingest(store, series(120));
    await run(store, 10_000, countingEngine('other'));
    ingest(store, series(80, 120));
    expect((await run(store)).scored).toBe(80);
    // The TS engine cannot read the other engine's bytes, so the last 80 are a fresh detector's scores.
    const detector = detectorByName(DEFAULT_DETECTOR).create();
    const fresh = series(80, 120).map(([t, v]) => [t, detector.update(v, t * 1000)]);
    expect(scores(store).slice(120)).toEqual(fresh);
  });

  it('restarts_the_warm_up_when_the_saved_state_no_longer_loads', async () => {
    const store = createMemoryStore();
    ingest(store, series(120));
    await run(store);
    // What an older detector version's state looks like to the current one: bytes it cannot read.
    const saved = decodeState(store.get(stateKey('d1', 'temp')))!;
    store.set(stateKey('d1', 'temp'), encodeState({ ...saved, bytes: Uint8Array.of(1, 2, 3) }));
    ingest(store, series(80, 120));
    expect((await run(store)).scored).toBe(80);
    const detector = detectorByName(DEFAULT_DETECTOR).create();
    const fresh = series(80, 120).map(([t, v]) => [t, detector.update(v, t * 1000)]);
    expect(scores(store).slice(120)).toEqual(fresh);
  });

  it('reads_state_stored_before_engines_existed_as_ts_state', () => {
    const legacy = encodeState({ detector: 'ensemble', engine: 'ts', cursor: '5~1', bytes: Uint8Array.of(1, 2) });
    const header = JSON.stringify({ detector: 'ensemble', cursor: '5~1' });
    const old = new Uint8Array(8 + header.length + 2);
    old.set(legacy.subarray(0, 4));
    new DataView(old.buffer).setUint32(4, header.length);
    old.set(new TextEncoder().encode(header), 8);
    old.set([1, 2], 8 + header.length);
    expect(decodeState(old)).toEqual({ detector: 'ensemble', engine: 'ts', cursor: '5~1', bytes: Uint8Array.of(1, 2) });
  });

  it('refuses_to_score_a_score_series', async () => {
    await expect(processSeries(createMemoryStore(), { device: 'd1', name: 'temp/anomaly_score', nowMs: 0, maxPoints: 10 })).rejects.toThrow(/score series/);
  });
});

describe('frontierAfter', () => {
  it('counts_points_at_the_last_time_and_accumulates_on_the_same_time', () => {
    expect(frontierAfter(undefined, [1, 2, 2])).toBe('2~2');
    expect(frontierAfter('2~2', [2, 2])).toBe('2~4');
    expect(frontierAfter('2~4', [2, 3])).toBe('3~1');
  });
});

describe('ad-hoc scoring and config parsing', () => {
  it('scores_points_and_names_the_first_bad_one', () => {
    const points = parsePoints(series(30));
    const scored = scorePoints(points, 'windowed-gaussian');
    expect(scored).toHaveLength(30);
    const detector = detectorByName('windowed-gaussian').create();
    expect(scored).toEqual(points.map(([t, v]) => [t, detector.update(v, t * 1000)]));
    const engine = countingEngine('other');
    expect(scorePoints(points, 'windowed-gaussian', engine)).toEqual(scored);
    expect(engine.calls).toBe(1);
    expect(() => parsePoints([[1, 2], [3, 'x']])).toThrow(/points\[1\]/);
    expect(() => parsePoints([[1, 2], [3, Number.NaN]])).toThrow(/points\[1\].*finite/);
    expect(() => parsePoints({})).toThrow(/array/);
  });

  it('validates_configuration_fields', () => {
    expect(parseScoringConfig({})).toEqual({ detector: DEFAULT_DETECTOR, sensitivity: 0.5 });
    expect(() => parseScoringConfig({ detector: 'nope' })).toThrow(/unknown detector/);
    expect(() => parseScoringConfig({ sensitivity: 0 })).toThrow(/sensitivity/);
    expect(() => parseScoringConfig({ extra: 1 })).toThrow(/unknown field "extra"/);
  });
});
