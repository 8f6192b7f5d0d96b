// The NAB harness: score every CSV under --data with a detector on an engine (the Rust
// wasm component or the TS reference), optionally write result files, and with --labels
// print NAB scores for the three profiles.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_DETECTOR, detectorByName, type DetectorEngine } from '@edgewatch/detectors';
import { NAB_PROFILES, optimizeThresholds, windowsToRows, type CorpusScore, type LabelledWindow, type ScoredFile } from '@edgewatch/nab';
import { formatResultCsv, parseNabCsv } from './csv.ts';
import { UsageError, type NabOptions } from './args.ts';

/** Corpus results: one line per profile, and per-file rows for --verbose. */
export interface NabReport {
  detector: string;
  engine: string;
  files: number;
  rows: number;
  seconds: number;
  /** Of `seconds`, the time spent inside the engine (scoring only, for points/s). */
  scoringSeconds: number;
  profiles?: { profile: string; score: CorpusScore }[];
}

/** CSV files under `dir`, as sorted paths relative to it (forward slashes, like NAB's keys). */
export function findCsvFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.csv')) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

function readLabels(file: string): Record<string, LabelledWindow[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--labels ${file}: cannot read JSON (${(e as Error).message.split('\n')[0]}); pass NAB's labels/combined_windows.json`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`--labels ${file}: expected an object mapping "<category>/<file>.csv" to [[start, end], ...]`);
  }
  return parsed as Record<string, LabelledWindow[]>;
}

/** Run the harness with `engine` (one batch per file); `log` receives the lines to print. */
export function runNab(opts: NabOptions, engine: DetectorEngine, log: (line: string) => void): NabReport {
  const factory = detectorByNameOrUsage(opts.detector ?? DEFAULT_DETECTOR);
  if (!existsDir(opts.data)) throw new UsageError(`--data ${opts.data}: not a directory; point it at a folder of NAB-style CSVs`);
  const files = findCsvFiles(opts.data);
  if (files.length === 0) throw new UsageError(`--data ${opts.data}: no .csv files found below it`);
  const labels = opts.labels ? readLabels(opts.labels) : undefined;
  const started = performance.now();
  const scored: ScoredFile[] = [];
  let rows = 0;
  let scoring = 0;
  for (const rel of files) {
    const series = parseNabCsv(readFileSync(path.join(opts.data, rel), 'utf8'), rel);
    const t0 = performance.now();
    const { scores } = engine.scoreBatch(factory.name, undefined, series.values, series.timestamps);
    scoring += performance.now() - t0;
    rows += scores.length;
    if (opts.out) {
      const target = path.join(opts.out, rel);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, formatResultCsv(series, scores));
    }
    if (labels) {
      const windows = labels[rel];
      if (!windows) throw new UsageError(`--labels ${opts.labels}: no entry for "${rel}"; add it (an empty list if it has no anomaly) or remove the file from --data`);
      try {
        scored.push({ name: rel, scores, windows: windowsToRows(series.timestamps, windows) });
      } catch (e) {
        throw new UsageError(`--labels ${opts.labels}: "${rel}": ${(e as Error).message}; fix the window timestamps`);
      }
    }
  }
  const report: NabReport = { detector: factory.name, engine: engine.name, files: files.length, rows, seconds: 0, scoringSeconds: scoring / 1000 };
  if (labels) {
    const best = optimizeThresholds(scored, NAB_PROFILES);
    report.profiles = NAB_PROFILES.map((profile, i) => ({ profile: profile.name, score: best[i]! }));
    if (opts.verbose) for (const line of perFileLines(scored, report.profiles)) log(line);
  }
  report.seconds = (performance.now() - started) / 1000;
  const perSecond = Math.round(rows / Math.max(report.scoringSeconds, 1e-9));
  log(
    `${factory.name} (${engine.name} engine): ${files.length} files, ${rows} rows in ${report.seconds.toFixed(2)} s ` +
      `(scoring ${report.scoringSeconds.toFixed(2)} s, ${perSecond} points/s)${opts.out ? `, results in ${opts.out}` : ''}`,
  );
  for (const { profile, score } of report.profiles ?? []) {
    log(
      `${profile.padEnd(19)} score ${score.normalized.toFixed(2).padStart(7)}  threshold ${score.threshold.toPrecision(6)}  ` +
        `windows hit ${score.windowsHit}/${score.windowsHit + score.windowsMissed}  false positives ${score.falsePositives}`,
    );
  }
  return report;
}

function perFileLines(files: readonly ScoredFile[], profiles: NonNullable<NabReport['profiles']>): string[] {
  const standard = profiles[0]!;
  const lines = [`per file at the standard threshold ${standard.score.threshold.toPrecision(6)}:`];
  for (const file of files) {
    const hits = file.windows.map((w) => {
      for (let i = w.start; i <= w.end; i++) if (file.scores[i]! >= standard.score.threshold) return i - w.start;
      return -1;
    });
    let fp = 0;
    const inWindow = (i: number) => file.windows.some((w) => i >= w.start && i <= w.end);
    const probation = Math.min(Math.floor(0.15 * file.scores.length), 750);
    for (let i = probation; i < file.scores.length; i++) if (file.scores[i]! >= standard.score.threshold && !inWindow(i)) fp++;
    const windowText = hits.map((h) => (h < 0 ? 'miss' : `+${h}`)).join(' ');
    lines.push(`  ${file.name.padEnd(58)} fp ${String(fp).padStart(4)}  windows ${windowText || '-'}`);
  }
  return lines;
}

function detectorByNameOrUsage(name: string) {
  try {
    return detectorByName(name);
  } catch (e) {
    throw new UsageError(`--detector: ${(e as Error).message}`);
  }
}

function existsDir(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
