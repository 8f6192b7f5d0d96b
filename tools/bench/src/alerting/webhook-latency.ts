// Part (b) of the alerting benchmark: ingest → webhook latency. Devices post a
// reading that crosses the default high-temperature rule (> 80) to
// POST /api/v1/ingest/readings, one after the other; ingest stores it and
// chains to alerting, which fires a new alert (one device each), queues its
// group notification and delivers it to a real receiver on loopback.
// Latency is measured twice: from the start of the post, and from the ingest
// acknowledgement (the device has its 201) — the target is the latter.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp } from '@edgewatch/runner';
import { startBenchReceiver } from './webhook-receiver.ts';

export interface WebhookLatency {
  samples: number;
  /** Runner worker threads (each runs one request at a time); undefined: the runner's default, as `npm start`. */
  workers: number | undefined;
  /** Notifications that arrived for the measured devices (must equal samples, one each). */
  arrived: number;
  duplicates: number;
  latencyMs: number[];
  /** Receiver arrival − ingest's answer (the hand-off runs after the device has its answer). */
  afterAckMs: number[];
  ingestMs: number[];
  groupWait: string;
}

const WARMUP = 3;
const ARRIVAL_TIMEOUT_MS = 15_000;

/** Measure `samples` sequential alerts (after a few unmeasured warm-up ones), optionally with `workers` runner worker threads. */
export async function measureWebhookLatency(from: string, samples: number, adminToken: string, workers?: number): Promise<WebhookLatency> {
  const receiver = await startBenchReceiver();
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-bench-alerting-'));
  // The default SQLite store, as `npm start` runs: ingest answers only once the reading is durable.
  const app = await startApp({ from, listen: '127.0.0.1:0', stateDir, quiet: true, workers, variables: { admin_token: adminToken, webhook_allowed_host: receiver.origin } });
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const post = async (url: string, body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${app.url}${url}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const text = await response.text();
    if (response.status !== 201) throw new Error(`POST ${url}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  try {
    // group_wait 0s (the API's smallest, and its default): Alertmanager's group_wait delays a new group's first
    // notification on purpose; this measures the pipeline itself. Each device is its own group (groupBy device).
    const groupWait = '0s';
    await post('/api/v1/alerts/receivers', { name: 'bench', type: 'alertmanager-webhook', url: `${receiver.origin}/hook`, groupWait }, admin);
    const devices: { id: string; token: string }[] = [];
    for (let i = 0; i < WARMUP + samples; i++) {
      const id = `lat-${i}`;
      devices.push({ id, token: String((await post('/api/v1/devices', { id }, admin)).token) });
    }
    const latencyMs: number[] = [];
    const afterAckMs: number[] = [];
    const ingestMs: number[] = [];
    for (const [i, device] of devices.entries()) {
      const start = performance.now();
      await post('/api/v1/ingest/readings', [{ ts: Math.floor(Date.now() / 1000), temperature: 85 }], { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' });
      const answered = performance.now();
      const arrived = await receiver.waitFor(device.id, ARRIVAL_TIMEOUT_MS);
      if (i < WARMUP) continue;
      ingestMs.push(answered - start);
      latencyMs.push(arrived.at - start);
      afterAckMs.push(arrived.at - answered);
    }
    // Late duplicates would show up after the last wait: give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const measured = new Set(devices.slice(WARMUP).map((d) => d.id));
    const forMeasured = receiver.arrivals.filter((n) => n.body.alerts.some((a) => measured.has(a.labels.device ?? '')));
    const notified = new Set(forMeasured.flatMap((n) => n.body.alerts.map((a) => a.labels.device)));
    return { samples, workers, arrived: notified.size, duplicates: forMeasured.length - notified.size, latencyMs, afterAckMs, ingestMs, groupWait };
  } finally {
    await app.close();
    await receiver.close();
  }
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
