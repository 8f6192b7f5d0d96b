#!/usr/bin/env node
// `npm run bench:detectors`: points/s of one detector over the whole public NAB subset,
// through the wasm engine (Rust detectors in rust-kernels/dist/anomaly.wasm, via jco in
// Node) against the TS engine (V8 JIT), one core each, plus the state sizes. Also checks
// that both engines gave the same scores, so a fast wrong engine cannot pass unnoticed.
//
//   node tools/bench/src/detectors/bench-detectors.ts [--data DIR] [--detector NAME] [--runs N] [--json]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_DETECTOR, tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { witDetectorEngine, type WitScoreBatch } from '@edgewatch/kernels';
import { loadComponent } from '../kernels/wasm/component.ts';
import { ARTIFACTS, REPO_ROOT } from '../kernels/paths.ts';
import { loadNabSeries, type BenchSeries } from './nab-series.ts';

interface Row {
  engine: string;
  /** Median wall time of one pass over every file, seconds. */
  seconds: number;
  pointsPerSecond: number;
  /** Largest state after a file, bytes. */
  maxStateBytes: number;
}

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Score every file, `batch` points per call (0: a file per call) with the state passed along. */
function pass(engine: DetectorEngine, detector: string, corpus: BenchSeries[], batch: number): { seconds: number; scores: Float64Array[]; maxState: number } {
  const scores: Float64Array[] = [];
  let maxState = 0;
  const t0 = performance.now();
  for (const { values, timestamps } of corpus) {
    const out = new Float64Array(values.length);
    const step = batch > 0 ? batch : values.length;
    let state: Uint8Array | undefined;
    for (let from = 0; from < values.length; from += step) {
      const to = Math.min(from + step, values.length);
      const scored = engine.scoreBatch(detector, state, values.subarray(from, to), timestamps.subarray(from, to));
      out.set(scored.scores, from);
      state = scored.state;
    }
    maxState = Math.max(maxState, state?.byteLength ?? 0);
    scores.push(out);
  }
  return { seconds: (performance.now() - t0) / 1000, scores, maxState };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const data = flag('--data', join(REPO_ROOT, '..', 'shared', 'nab', 'data'));
  const detector = flag('--detector', DEFAULT_DETECTOR);
  const runs = Number(flag('--runs', '3'));
  const json = process.argv.includes('--json');
  if (!existsSync(ARTIFACTS.simdComponent)) throw new Error(`${ARTIFACTS.simdComponent} is not built; run: node rust-kernels/scripts/build.mjs anomaly`);
  const component = (await loadComponent(ARTIFACTS.simdComponent, 'anomaly')) as unknown as { detectors?: { scoreBatch: WitScoreBatch } };
  if (!component.detectors) throw new Error('rust-kernels/dist/anomaly.wasm predates the detectors interface; run: node rust-kernels/scripts/build.mjs anomaly');
  const corpus = loadNabSeries(data);
  const points = corpus.reduce((n, s) => n + s.values.length, 0);

  const engines: [string, DetectorEngine, number][] = [
    ['wasm (a file per call)', witDetectorEngine(component.detectors.scoreBatch), 0],
    ['wasm (1000-point calls + state)', witDetectorEngine(component.detectors.scoreBatch), 1000],
    ['ts, V8 (a file per call)', tsDetectorEngine(), 0],
  ];
  const rows: Row[] = [];
  const reference: Float64Array[][] = [];
  for (const [name, engine, batch] of engines) {
    pass(engine, detector, corpus, batch); // warm-up: V8 tiers up JS and the wasm
    const times: number[] = [];
    let last!: ReturnType<typeof pass>;
    for (let r = 0; r < runs; r++) {
      last = pass(engine, detector, corpus, batch);
      times.push(last.seconds);
    }
    reference.push(last.scores);
    const seconds = median(times);
    rows.push({ engine: name, seconds, pointsPerSecond: points / seconds, maxStateBytes: last.maxState });
  }
  let mismatches = 0;
  for (let f = 0; f < corpus.length; f++) for (let i = 0; i < corpus[f]!.values.length; i++) {
    if (reference.some((r) => r[f]![i] !== reference[2]![f]![i])) mismatches++;
  }

  if (json) {
    console.log(JSON.stringify({ detector, files: corpus.length, points, runs, mismatches, rows }));
    return;
  }
  console.log(`${detector}: ${corpus.length} NAB files, ${points} points; median of ${runs} runs after a warm-up, one core`);
  console.log('| engine                          | seconds |   points/s | µs/point | vs TS | max state |');
  console.log('|---------------------------------|--------:|-----------:|---------:|------:|----------:|');
  const ts = rows[rows.length - 1]!;
  for (const r of rows) {
    console.log(
      `| ${r.engine.padEnd(31)} | ${r.seconds.toFixed(2).padStart(7)} | ${Math.round(r.pointsPerSecond).toString().padStart(10)} | ` +
        `${((1e6 * r.seconds) / points).toFixed(2).padStart(8)} | ${(ts.seconds / r.seconds).toFixed(2).padStart(4)}× | ${`${(r.maxStateBytes / 1024).toFixed(1)} KiB`.padStart(9)} |`,
    );
  }
  console.log(mismatches === 0 ? 'parity: every engine gave the TS scores bit for bit' : `parity: ${mismatches} points differ between engines`);
  const wasm = rows[0]!;
  console.log(`target (whole subset under 10 s through the wasm engine): ${wasm.seconds < 10 ? 'met' : 'NOT met'} (${wasm.seconds.toFixed(2)} s)`);
  if (mismatches > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`bench-detectors: ${(e as Error).message}`);
  process.exit(1);
});
