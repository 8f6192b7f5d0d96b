// Load the demo device through the public API, the way a real deployment gets
// data: register the device, post its readings as the device, catch up anomaly
// scoring, hand the scores to alerting. The caller supplies the HTTP call, so
// `edgewatch demo` (Node) and the dashboard's button (browser) share this flow.
import type { Point } from './series.ts';

export const DEMO_DEVICE = 'demo-machine';
export const DEMO_SERIES = 'temperature';
const BATCH = 1000;

/** An anomaly rule for one demo device (score > 0.9), so a demo never adds rules for real devices. */
export function demoAnomalyRule(device: string) {
  const slug = device.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').slice(0, 40);
  return {
    id: `demo-anomaly-${slug}`,
    name: 'AnomalyDetected',
    kind: 'anomaly',
    series: DEMO_SERIES,
    above: 0.9,
    severity: 'warning',
    matchers: [{ name: 'device', value: device }],
    annotations: { summary: 'anomaly score {{ $value }} on {{ $labels.device }}' },
  };
}

/**
 * One API call: admin token unless `token` is given; resolves with the parsed
 * JSON; rejects with an Error carrying the HTTP `status` (a 409 is expected on reruns).
 */
export type DemoCall = (method: string, path: string, body?: unknown, token?: string) => Promise<unknown>;

export interface DemoReport {
  readings: number;
  scored: number;
  evaluated: number;
  alerts: number;
}

const conflict = (error: unknown) => (error as { status?: number }).status === 409;

async function deviceToken(call: DemoCall, device: string): Promise<string> {
  try {
    return ((await call('POST', '/api/v1/devices', { id: device })) as { token: string }).token;
  } catch (error) {
    if (!conflict(error)) throw error;
    // Registered by an earlier run: a fresh token replays into the same device.
    return ((await call('POST', `/api/v1/devices/${encodeURIComponent(device)}/token`)) as { token: string }).token;
  }
}

/** Score everything stored: /process handles a bounded number of points per call. */
async function catchUpScoring(call: DemoCall, device: string): Promise<number> {
  let scored = 0;
  for (let round = 0; round < 200; round++) {
    const { reports } = (await call('POST', '/api/v1/inference/process', { device, names: [DEMO_SERIES] })) as { reports: { scored: number; more: boolean; busy?: boolean }[] };
    scored += reports[0]?.scored ?? 0;
    if (reports[0]?.busy) await new Promise((r) => setTimeout(r, 500));
    else if (!reports[0]?.more) return scored;
  }
  throw new Error('inference kept reporting more points after 200 rounds; load the demo again to continue');
}

/** Alerting learns scores only from readings: hand it the stored ones. */
async function evaluateScores(call: DemoCall, device: string, fromS: number): Promise<number> {
  let cursor: string | undefined;
  let sent = 0;
  do {
    const query = new URLSearchParams({ device, name: `${DEMO_SERIES}/anomaly_score`, from: String(fromS), limit: '2000', ...(cursor ? { cursor } : {}) });
    const page = (await call('GET', `/api/v1/series?${query}`)) as { points: [number, number | null][]; next?: string };
    const readings = page.points.flatMap(([t, v]) => (typeof v === 'number' ? [{ device, name: `${DEMO_SERIES}/anomaly_score`, t, v }] : []));
    if (readings.length > 0) await call('POST', '/api/v1/alerts/evaluate', { readings });
    sent += readings.length;
    cursor = page.next;
  } while (cursor);
  return sent;
}

export interface ReplayOptions {
  /** Device id to replay as (default `demo-machine`); registered if new. */
  device?: string;
  /** Called after each posted batch. */
  progress?: (posted: number, total: number) => void;
}

/** Replay `points` (already shifted to end now) as a demo device through the public API. */
export async function replayDemo(call: DemoCall, points: Point[], options: ReplayOptions = {}): Promise<DemoReport> {
  const device = options.device ?? DEMO_DEVICE;
  if (points.length === 0) throw new Error('the demo series is empty');
  const token = await deviceToken(call, device);
  await call('POST', '/api/v1/alerts/rules', demoAnomalyRule(device)).catch((error: unknown) => {
    if (!conflict(error)) throw error; // kept from an earlier run
  });
  // Batch ids make a retried batch store once; the run id keeps runs apart.
  const runId = points[points.length - 1]![0];
  for (let i = 0; i < points.length; i += BATCH) {
    const readings = points.slice(i, i + BATCH).map(([ts, v]) => ({ ts, [DEMO_SERIES]: v }));
    await call('POST', '/api/v1/ingest/readings', { batch: `demo-${runId}-${i / BATCH}`, readings }, token);
    options.progress?.(Math.min(i + BATCH, points.length), points.length);
  }
  const scored = await catchUpScoring(call, device);
  const evaluated = await evaluateScores(call, device, points[0]![0]);
  await call('POST', '/api/v1/alerts/evaluate', {});
  const { alerts } = (await call('GET', `/api/v1/alerts?device=${encodeURIComponent(device)}`)) as { alerts: unknown[] };
  return { readings: points.length, scored, evaluated, alerts: alerts.length };
}
