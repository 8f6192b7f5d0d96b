// Ingest benchmark: records/s accepted end to end (HTTP → wasm → SQLite
// key-value) for SenML batches of 1, 100 and 1000 records, with p50/p99, next to
// a plain Node server doing the same parsing and SQLite writes, in one run.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '@edgewatch/runner';
import { runLoad, type LoadResult } from '../load.ts';
import { startIngestBaseline } from './baseline-ingest-server.ts';
import { senmlPack } from './senml-bodies.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const ADMIN = 'bench-admin';

export interface IngestBenchRow {
  batch: number;
  connections: number;
  baseline: LoadResult;
  runner: LoadResult;
}

/** Register a device (admin token on), then restart without the token so no inference hand-off runs. */
async function prepareApp(stateDir: string): Promise<string> {
  const setup = await startApp({ from: REPO_ROOT, listen: '127.0.0.1:0', stateDir, quiet: true, variables: { admin_token: ADMIN } });
  try {
    const created = await setup.fetch('/api/v1/devices', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'bench-1' }) });
    if (created.status !== 201) throw new Error(`creating the bench device failed: ${created.status} ${await created.text()}`);
    return ((await created.json()) as { token: string }).token;
  } finally {
    await setup.close();
  }
}

/** Measure each batch size against the baseline and the runner. */
export async function benchIngest(seconds: number): Promise<IngestBenchRow[]> {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-bench-ingest-'));
  const token = await prepareApp(stateDir);
  const baseline = await startIngestBaseline(path.join(stateDir, 'baseline.db'), 'bench-1');
  const app = await startApp({ from: REPO_ROOT, listen: '127.0.0.1:0', stateDir, quiet: true });
  const rows: IngestBenchRow[] = [];
  try {
    // Batch 1 runs twice: at 32 connections (throughput; p99 is mostly queueing on 2 cores) and
    // at 1 connection (the latency one sensor sees when the app is not saturated).
    for (const [batch, connections] of [[1, 32], [1, 1], [100, 16], [1000, 8]] as const) {
      const body = senmlPack('bench-1', batch);
      const headers = { 'content-type': 'application/senml+json', authorization: `Bearer ${token}` };
      const load = (url: string, secs: number) => runLoad({ url: `${url}/api/v1/ingest/senml`, method: 'POST', body, headers, connections, seconds: secs });
      await load(baseline.url, 1);
      await load(app.url!, 1);
      rows.push({ batch, connections, baseline: await load(baseline.url, seconds), runner: await load(app.url!, seconds) });
    }
  } finally {
    await app.close();
    await baseline.close();
  }
  return rows;
}

/** Render the table `npm run bench` prints. */
export function formatIngestBench(rows: IngestBenchRow[], seconds: number): string {
  const lines = [`Ingest (SenML JSON → SQLite key-value): ${seconds} s per cell; records/s = requests/s × batch`];
  lines.push('batch conns | baseline rec/s  p50 ms  p99 ms | runner rec/s  p50 ms  p99 ms errors | runner/baseline');
  for (const r of rows) {
    const b = r.baseline;
    const w = r.runner;
    lines.push(
      `${String(r.batch).padStart(5)} ${String(r.connections).padStart(5)} | ${(b.rps * r.batch).toFixed(0).padStart(14)} ${b.p50.toFixed(1).padStart(7)} ${b.p99.toFixed(1).padStart(7)} | ` +
        `${(w.rps * r.batch).toFixed(0).padStart(12)} ${w.p50.toFixed(1).padStart(7)} ${w.p99.toFixed(1).padStart(7)} ${String(w.errors + w.non2xx).padStart(6)} | ${(w.rps / b.rps).toFixed(3)}`,
    );
  }
  const big = rows.find((r) => r.batch === 1000);
  const single = rows.find((r) => r.batch === 1 && r.connections === 1);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  if (big) {
    const recs = big.runner.rps * big.batch;
    lines.push(`target ≥ 50,000 rec/s at batch 1000: ${recs.toFixed(0)} rec/s (${verdict(recs >= 50_000)})`);
  }
  if (single) lines.push(`target p99 < 20 ms for single records (1 connection): ${single.runner.p99.toFixed(1)} ms (${verdict(single.runner.p99 < 20)})`);
  return lines.join('\n');
}
