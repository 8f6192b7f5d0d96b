// The wasm engine (Rust detectors in rust-kernels/dist/anomaly.wasm, run through jco)
// against the TS reference engine: per point within 1e-6 (the contract) and in fact bit
// for bit, on generated series that hit the odd cases and on the public NAB files, whose
// standard score must come out the same. Needs the built component (nx builds it first;
// by hand: node rust-kernels/scripts/build.mjs anomaly) and, for the NAB part, the data
// in ../shared/nab next to the repository.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DETECTORS, tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { BUILD_COMMAND, loadWasmDetectorEngine, WasmEngineUnavailable } from './wasm-engine.ts';
import { NAB_PROFILES, optimizeThresholds, windowsToRows, type LabelledWindow, type ScoredFile } from '@edgewatch/nab';
import { parseNabCsv } from './csv.ts';
import { findCsvFiles } from './run.ts';

const TOLERANCE = 1e-6;
const NAB = path.resolve(import.meta.dirname, '../../../../shared/nab');
const ts = tsDetectorEngine();
let wasm: DetectorEngine;

beforeAll(async () => {
  wasm = (await loadWasmDetectorEngine()).engine;
});

/** mulberry32, so the series do not depend on Math.random. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Series {
  values: Float64Array;
  timestamps: Float64Array;
}

function make(n: number, value: (i: number, r: () => number) => number, step = 300_000, time?: (i: number) => number): Series {
  const r = prng(n);
  const t0 = Date.UTC(2024, 0, 1);
  return {
    values: Float64Array.from({ length: n }, (_, i) => value(i, r)),
    timestamps: Float64Array.from({ length: n }, (_, i) => (time ? time(i) : t0 + i * step)),
  };
}

/** Series that reach every member and every guard: seasons, spikes, flat, huge, tiny, odd clocks. */
const GENERATED: Record<string, Series> = {
  daily_sine_with_spikes: make(3000, (i, r) => 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + 2 * (r() - 0.5) + (i === 2200 || i === 2700 ? 60 : 0)),
  weekly_half_hourly_with_a_holiday: make(48 * 7 * 9, (i, r) => {
    const day = Math.floor(i / 48);
    const h = (i % 48) / 2;
    const weekend = day % 7 >= 5 || day === 51;
    return (weekend ? 10 + 4 * Math.sin((Math.PI * h) / 24) : 10 + 12 * Math.exp(-((h - 8) ** 2) / 4)) + 0.5 * (r() - 0.5);
  }, 1_800_000),
  flat: make(1200, () => 5),
  huge_offset: make(1200, (i) => 1e12 + (i % 7)),
  tiny: make(1200, (i) => 1e-12 * (i % 3)),
  one_step: make(1200, (i) => (i === 900 ? 1 : 0), 1, (i) => i),
  random_walk_with_jumps_and_signed_zeros: make(4000, (i, r) => {
    if (i % 500 === 3) return -0;
    return Math.round(100 * Math.sin(i / 97) + 1e6 * (r() < 0.002 ? r() - 0.5 : 0)) / 7;
  }),
  duplicate_backward_and_gappy_times: make(2500, (i, r) => 20 + Math.sin(i / 30) + r(), 0, (i) =>
    Date.UTC(2024, 0, 1) + (i < 1000 ? i : i < 1500 ? i - 200 : i + 5000) * 600_000 - (i % 97 === 0 ? 600_000 : 0)),
};

function maxDiff(a: Float64Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe.each(DETECTORS.map((d) => [d.name] as const))('%s on generated series', (detector) => {
  it.each(Object.keys(GENERATED))('%s_agrees_within_1e-6_per_point_and_bit_for_bit', (name) => {
    const { values, timestamps } = GENERATED[name]!;
    const a = wasm.scoreBatch(detector, undefined, values, timestamps).scores;
    const b = ts.scoreBatch(detector, undefined, values, timestamps).scores;
    expect(maxDiff(a, b)).toBeLessThanOrEqual(TOLERANCE);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.every((s) => s >= 0 && s <= 1)).toBe(true);
  });

  it('continues_bit_for_bit_across_37_wasm_state_round_trips', () => {
    const { values, timestamps } = GENERATED.weekly_half_hourly_with_a_holiday!;
    const whole = wasm.scoreBatch(detector, undefined, values, timestamps).scores;
    const chunked = new Float64Array(values.length);
    let state: Uint8Array | undefined;
    const size = Math.ceil(values.length / 37);
    for (let from = 0; from < values.length; from += size) {
      const to = Math.min(from + size, values.length);
      const out = wasm.scoreBatch(detector, state, values.subarray(from, to), timestamps.subarray(from, to));
      chunked.set(out.scores, from);
      state = out.state;
      expect(state.byteLength).toBeLessThanOrEqual(16 * 1024);
    }
    expect(Array.from(chunked)).toEqual(Array.from(whole));
  });
});

describe('engine errors', () => {
  const one = Float64Array.of(1);
  it('names_the_build_command_when_the_component_is_not_built', async () => {
    const missing = loadWasmDetectorEngine('/nonexistent/anomaly.wasm');
    await expect(missing).rejects.toBeInstanceOf(WasmEngineUnavailable);
    await expect(missing).rejects.toThrow(`/nonexistent/anomaly.wasm is not built; run: ${BUILD_COMMAND}`);
  });

  it('refuses_the_same_inputs_with_the_same_messages', () => {
    for (const engine of [ts, wasm]) {
      expect(() => engine.scoreBatch('nope', undefined, one, one)).toThrow(/unknown detector "nope" \(use one of: windowed-gaussian, robust-z, ensemble\)/);
      expect(() => engine.scoreBatch('ensemble', undefined, Float64Array.of(1, Number.NaN), Float64Array.of(0, 1))).toThrow(/^value NaN at row 1 is not a finite number$/);
      expect(() => engine.scoreBatch('ensemble', undefined, one, Float64Array.of(Number.POSITIVE_INFINITY))).toThrow(/^timestamp Infinity at row 0 is not a finite epoch-ms number$/);
      expect(() => engine.scoreBatch('ensemble', undefined, one, new Float64Array(2))).toThrow(/1 values but 2 timestamps/);
    }
  });

  it('refuses_state_from_the_other_engine_or_detector_instead_of_misreading_it', () => {
    const fromTs = ts.scoreBatch('ensemble', undefined, one, one).state;
    const fromWasm = wasm.scoreBatch('ensemble', undefined, one, one).state;
    expect(() => wasm.scoreBatch('ensemble', fromTs, one, one)).toThrow(/detector state: not an edgewatch state blob/);
    expect(() => ts.scoreBatch('ensemble', fromWasm, one, one)).toThrow(/detector state: not an edgewatch state blob/);
    expect(() => wasm.scoreBatch('robust-z', fromWasm, one, one)).toThrow(/written by "ensemble", cannot restore as "robust-z"/);
    expect(() => wasm.scoreBatch('ensemble', fromWasm.subarray(0, fromWasm.length - 3), one, one)).toThrow(/truncated|trailing/);
  });
});

describe.skipIf(!existsSync(path.join(NAB, 'data')))('public NAB files (../shared/nab)', () => {
  const files = existsSync(path.join(NAB, 'data')) ? findCsvFiles(path.join(NAB, 'data')) : [];
  const read = (rel: string) => parseNabCsv(readFileSync(path.join(NAB, 'data', rel), 'utf8'), rel);

  it.each(['artificialWithAnomaly/art_daily_jumpsdown.csv', 'realKnownCause/nyc_taxi.csv'])('%s_agrees_for_every_detector', (rel) => {
    const series = read(rel);
    for (const { name } of DETECTORS) {
      const a = wasm.scoreBatch(name, undefined, series.values, series.timestamps).scores;
      const b = ts.scoreBatch(name, undefined, series.values, series.timestamps).scores;
      expect(maxDiff(a, b), name).toBeLessThanOrEqual(TOLERANCE);
      expect(Array.from(a), name).toEqual(Array.from(b));
    }
  });

  it('gives_the_same_ensemble_scores_on_all_files_and_the_same_nab_standard_score_79_32', () => {
    const labels = JSON.parse(readFileSync(path.join(NAB, 'labels', 'combined_windows.json'), 'utf8')) as Record<string, LabelledWindow[]>;
    const byEngine: ScoredFile[][] = [[], []];
    for (const rel of files) {
      const series = read(rel);
      const windows = windowsToRows(series.timestamps, labels[rel]!);
      const [a, b] = [wasm, ts].map((e) => e.scoreBatch('ensemble', undefined, series.values, series.timestamps).scores);
      expect(maxDiff(a!, b!), rel).toBeLessThanOrEqual(TOLERANCE);
      byEngine[0]!.push({ name: rel, scores: a!, windows });
      byEngine[1]!.push({ name: rel, scores: b!, windows });
    }
    expect(files).toHaveLength(41);
    const [wasmBest, tsBest] = byEngine.map((scored) => optimizeThresholds(scored, NAB_PROFILES)[0]!);
    expect(wasmBest!.normalized).toBe(tsBest!.normalized);
    expect(wasmBest!.normalized.toFixed(2)).toBe('79.32');
  });
});
