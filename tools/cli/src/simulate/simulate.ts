// `simulate()`: one whole simulator run — build the signals, register the
// fleet, send for the duration, summarize. The CLI command and benchmarks both
// call this; it prints nothing unless given a progress stream.
import { registerFleet } from './fleet.ts';
import { emptyStats, runLoad } from './load.ts';
import type { SimulateOptions } from './options.ts';
import { startProgress, type ProgressStream } from './progress.ts';
import { summarize, type SimulateSummary } from './report.ts';
import { csvSource, loadCsvSeries, syntheticSource, type ReadingSource } from './signal.ts';

export type { SimulateOptions } from './options.ts';
/** Build SimulateOptions from flag-like strings (`rate: '500/s'`, `duration: '10s'`), with the CLI's defaults and checks. */
export { resolveSimulateOptions } from './options.ts';
export type { SimulateSummary } from './report.ts';

/** Run the simulator against a running app and return what happened. Throws one-line errors (bad CSV, unreachable app, refused token). */
export async function simulate(options: SimulateOptions, progress?: ProgressStream): Promise<SimulateSummary> {
  const csv = options.from === undefined ? undefined : loadCsvSeries(options.from);
  const sources: ReadingSource[] = Array.from({ length: options.devices }, (_, i) =>
    csv ? csvSource(csv, i, options.devices) : syntheticSource(options.seed, i, options.anomalies),
  );
  const devices = await registerFleet(options, options.devicePrefix, sources, options.concurrency);
  const stats = emptyStats(devices);
  const stopProgress = progress ? startProgress(stats, progress) : () => {};
  try {
    await runLoad({ url: options.url, devices, rate: options.rate, durationMs: options.durationMs, batch: options.batch, concurrency: options.concurrency }, stats);
  } finally {
    stopProgress();
  }
  return summarize(stats, {
    url: options.url,
    seed: options.seed,
    source: options.from ? `replay of ${options.from}` : options.anomalies ? 'synthetic with faults' : 'synthetic',
    series: csv ? ['value'] : ['temperature', 'humidity'],
    faultsInjected: sources.reduce((n, s) => n + s.faults, 0),
  });
}
