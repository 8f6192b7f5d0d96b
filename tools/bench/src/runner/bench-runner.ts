// Runner benchmark: requests/s and latency for (a) a plain node:http server,
// (b) the runner serving the TS health component with a fresh instance per
// request, (c) the runner serving the Rust /sensor component; plus the time to
// create one fresh instance of each component. One run, one machine: the ratios
// are what to compare.
import path from 'node:path';
import { startApp } from '@edgewatch/runner';
import { median, runLoad, type LoadResult } from '../load.ts';
import { startBaseline } from './baseline-server.ts';

export interface RunnerBenchOptions {
  seconds: number;
  connections: number;
}

export interface RunnerBenchResult {
  rows: { target: string; load: LoadResult }[];
  instanceMs: Record<string, number>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const SENSOR_BODY = JSON.stringify({ device: 'bench-1', temperature: 21.5, humidity: 40 });

/** Measure the three targets one after the other on loopback. */
export async function benchRunner(options: RunnerBenchOptions): Promise<RunnerBenchResult> {
  const rows: RunnerBenchResult['rows'] = [];
  const baseline = await startBaseline();
  try {
    await runLoad({ url: `${baseline.url}/api/v1/alerts/health`, connections: options.connections, seconds: 1 });
    rows.push({ target: '(a) node:http, same work', load: await runLoad({ url: `${baseline.url}/api/v1/alerts/health`, ...options }) });
  } finally {
    await baseline.close();
  }

  const app = await startApp({ from: REPO_ROOT, listen: '127.0.0.1:0', keyValue: 'memory', quiet: true });
  try {
    const health = `${app.url}/api/v1/alerts/health`;
    const sensor = { url: `${app.url}/sensor`, method: 'POST', body: SENSOR_BODY, headers: { 'content-type': 'application/json' } };
    await runLoad({ url: health, connections: options.connections, seconds: 1 });
    await runLoad({ ...sensor, connections: options.connections, seconds: 1 });
    rows.push({ target: '(b) runner, TS health component', load: await runLoad({ url: health, ...options }) });
    rows.push({ target: '(c) runner, Rust /sensor component', load: await runLoad({ ...sensor, ...options }) });
    // Only the components under load: the others' few instances were made at start-up, cold.
    const measured = ['alerting', 'sensor-handler'];
    const instanceMs = Object.fromEntries(measured.map((id) => [id, median((app.instanceTimes[id] ?? []).slice(-500))]));
    return { rows, instanceMs };
  } finally {
    await app.close();
  }
}

/** Render the result as the table `npm run bench` prints. */
export function formatRunnerBench(result: RunnerBenchResult, options: RunnerBenchOptions): string {
  const lines = [`Runner: ${options.connections} connections, ${options.seconds} s per target, autocannon in a separate process`];
  lines.push('target                               req/s    p50 ms   p99 ms  errors');
  for (const { target, load } of result.rows) {
    lines.push(`${target.padEnd(36)} ${load.rps.toFixed(0).padStart(6)} ${load.p50.toFixed(1).padStart(8)} ${load.p99.toFixed(1).padStart(8)} ${String(load.errors + load.non2xx).padStart(7)}`);
  }
  const [a, b, c] = result.rows.map((r) => r.load.rps);
  lines.push(`ratio (b)/(a) req/s: ${(b! / a!).toFixed(3)}   (c)/(a): ${(c! / a!).toFixed(3)}`);
  lines.push(`fresh instance creation (median, ms): ${Object.entries(result.instanceMs).map(([id, ms]) => `${id} ${ms.toFixed(2)}`).join(', ')}`);
  return lines.join('\n');
}
