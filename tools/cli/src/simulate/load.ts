// The load loop: readings posted as each device to /api/v1/ingest/readings,
// open-loop at a fixed rate (request k is due at start + k·interval, so a slow
// app does not slow the schedule down — it shows up as latency and backlog),
// with at most `concurrency` requests in flight. Nothing is retried: every
// answer is counted once, as accepted (201) or refused by its status.
import type { SimulatedDevice } from './fleet.ts';

/** Counters of a run so far; the progress line and the summary read them. */
export interface LoadStats {
  startedAt: number;
  requests: number;
  requestsAccepted: number;
  readingsSent: number;
  readingsAccepted: number;
  /** Records the app stored (its `accepted`: one per measurement field). */
  recordsAccepted: number;
  /** Refused requests by HTTP status, or `network` / `timeout`. */
  refused: Record<string, number>;
  latenciesMs: number[];
  /** Readings accepted per device id: what the series API must return per series. */
  acceptedByDevice: Record<string, number>;
  /** Requests due before the deadline that never started (the app could not keep up). */
  unsent: number;
}

export interface LoadPlan {
  url: string;
  devices: SimulatedDevice[];
  rate: number;
  durationMs: number;
  batch: number;
  concurrency: number;
  requestTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reading body of `batch` readings; times are distinct milliseconds ending now. */
function readingsBody(device: SimulatedDevice, batch: number, nowMs: number): unknown {
  const readings = Array.from({ length: batch }, (_, j) => ({ ts: (nowMs - (batch - 1 - j)) / 1000, ...device.source.next() }));
  return batch === 1 ? readings[0] : readings;
}

async function postReadings(plan: LoadPlan, device: SimulatedDevice, stats: LoadStats): Promise<void> {
  const body = JSON.stringify(readingsBody(device, plan.batch, Date.now()));
  stats.requests += 1;
  stats.readingsSent += plan.batch;
  const began = performance.now();
  let outcome: string;
  try {
    const response = await fetch(new URL('/api/v1/ingest/readings', plan.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${device.token}`, 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(plan.requestTimeoutMs ?? 30_000),
    });
    const answer = (await response.json().catch(() => undefined)) as { accepted?: number } | undefined;
    outcome = String(response.status);
    if (response.status === 201) {
      stats.requestsAccepted += 1;
      stats.readingsAccepted += plan.batch;
      stats.recordsAccepted += answer?.accepted ?? 0;
      stats.acceptedByDevice[device.id] = (stats.acceptedByDevice[device.id] ?? 0) + plan.batch;
    }
  } catch (error) {
    outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
  }
  stats.latenciesMs.push(performance.now() - began);
  if (outcome !== '201') stats.refused[outcome] = (stats.refused[outcome] ?? 0) + 1;
}

/** Fresh counters for a run starting now. */
export function emptyStats(devices: SimulatedDevice[]): LoadStats {
  return {
    startedAt: Date.now(),
    requests: 0,
    requestsAccepted: 0,
    readingsSent: 0,
    readingsAccepted: 0,
    recordsAccepted: 0,
    refused: {},
    latenciesMs: [],
    acceptedByDevice: Object.fromEntries(devices.map((d) => [d.id, 0])),
    unsent: 0,
  };
}

/** Send for `durationMs` at `rate` readings/s (Infinity: back to back); resolves when all answers are in. */
export async function runLoad(plan: LoadPlan, stats: LoadStats): Promise<LoadStats> {
  const intervalMs = Number.isFinite(plan.rate) ? (1000 * plan.batch) / plan.rate : 0;
  // A finite rate fixes the number of requests, so a run's counts do not depend on the machine's speed.
  const due = intervalMs > 0 ? Math.max(1, Math.floor(plan.durationMs / intervalMs)) : Infinity;
  const start = performance.now();
  const deadline = start + plan.durationMs;
  let next = 0;
  const lane = async () => {
    for (;;) {
      const k = next++;
      if (k >= due) return;
      const at = start + k * intervalMs;
      // Every request is due before the deadline; one not started by then is backlog, not sent late.
      if (performance.now() > deadline) {
        if (Number.isFinite(due)) stats.unsent = due - k;
        next = due; // later lanes stop too
        return;
      }
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      await postReadings(plan, plan.devices[k % plan.devices.length]!, stats);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, lane));
  return stats;
}
