// The simulator's numbers: latency percentiles, the end-of-run summary (the
// value benchmarks get back) and its two renderings, text and --json.
import type { LoadStats } from './load.ts';

/** Nearest-rank percentile of unsorted samples; 0 for none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** What one run did. Counts are exact; times are this machine's. */
export interface SimulateSummary {
  url: string;
  seed: number;
  source: string;
  devices: string[];
  /** Series every device wrote (one per measurement field). */
  series: string[];
  elapsedMs: number;
  requests: { sent: number; accepted: number; refused: number; unsent: number };
  readings: { sent: number; accepted: number };
  recordsAccepted: number;
  refusedByStatus: Record<string, number>;
  acceptedByDevice: Record<string, number>;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  throughput: { requestsPerSecond: number; readingsPerSecond: number; recordsPerSecond: number };
  faultsInjected: number;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Build the summary from a finished run's counters. */
export function summarize(stats: LoadStats, run: { url: string; seed: number; source: string; series: string[]; faultsInjected: number }): SimulateSummary {
  const elapsedMs = Date.now() - stats.startedAt;
  const refused = Object.values(stats.refused).reduce((a, b) => a + b, 0);
  const perSecond = (n: number) => round(n / Math.max(elapsedMs / 1000, 0.001));
  return {
    ...run,
    devices: Object.keys(stats.acceptedByDevice),
    elapsedMs,
    requests: { sent: stats.requests, accepted: stats.requestsAccepted, refused, unsent: stats.unsent },
    readings: { sent: stats.readingsSent, accepted: stats.readingsAccepted },
    recordsAccepted: stats.recordsAccepted,
    refusedByStatus: stats.refused,
    acceptedByDevice: stats.acceptedByDevice,
    latencyMs: {
      p50: round(percentile(stats.latenciesMs, 50)),
      p90: round(percentile(stats.latenciesMs, 90)),
      p99: round(percentile(stats.latenciesMs, 99)),
      max: round(stats.latenciesMs.reduce((a, b) => Math.max(a, b), 0)),
    },
    throughput: { requestsPerSecond: perSecond(stats.requests), readingsPerSecond: perSecond(stats.readingsAccepted), recordsPerSecond: perSecond(stats.recordsAccepted) },
    faultsInjected: run.faultsInjected,
  };
}

/** The progress line: what has happened so far. */
export function progressLine(stats: LoadStats): string {
  const refused = Object.values(stats.refused).reduce((a, b) => a + b, 0);
  const seconds = ((Date.now() - stats.startedAt) / 1000).toFixed(0);
  return `${seconds}s  sent ${stats.requests}  accepted ${stats.requestsAccepted}  refused ${refused}  p99 ${percentile(stats.latenciesMs, 99).toFixed(0)} ms`;
}

/** The summary for people: a few aligned lines. */
export function formatSummary(s: SimulateSummary): string {
  const refusedDetail = Object.entries(s.refusedByStatus)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  return [
    `simulated ${s.devices.length} devices (${s.source}, seed ${s.seed}) against ${s.url} for ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  requests   sent ${s.requests.sent}  accepted ${s.requests.accepted}  refused ${s.requests.refused}${refusedDetail ? ` (${refusedDetail})` : ''}${s.requests.unsent ? `  not sent (app behind) ${s.requests.unsent}` : ''}`,
    `  readings   sent ${s.readings.sent}  accepted ${s.readings.accepted}  records stored ${s.recordsAccepted} in series ${s.series.join(', ')}`,
    `  latency    p50 ${s.latencyMs.p50} ms  p90 ${s.latencyMs.p90} ms  p99 ${s.latencyMs.p99} ms  max ${s.latencyMs.max} ms`,
    `  throughput ${s.throughput.requestsPerSecond} req/s  ${s.throughput.readingsPerSecond} readings/s  ${s.throughput.recordsPerSecond} records/s`,
    ...(s.faultsInjected ? [`  faults     ${s.faultsInjected} injected (spikes, level shifts, stuck values)`] : []),
  ].join('\n');
}
