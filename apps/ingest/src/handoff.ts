// Hand-off to the components downstream of ingest, by Spin service chaining:
// after a batch is durably stored, inference is asked to score the series it
// touched and alerting evaluates its numeric readings. Both calls are best effort
// and do not delay the device's answer: the data is already safe. Inference
// scores from its own stored frontier, so a missed nudge (inference down, no
// admin token) is caught up by the next one or by the periodic
// POST /api/v1/inference/process; alerting's time-based rules (heartbeat, `for`)
// run on the scheduler's POST /api/v1/alerts/evaluate.
import type { Reading as AlertReading } from '@edgewatch/alerts';
import type { ResolvedRecord } from '@edgewatch/senml';

export const INFERENCE_PROCESS_URL = 'http://inference.spin.internal/api/v1/inference/process';
export const ALERTING_EVALUATE_URL = 'http://alerting.spin.internal/api/v1/alerts/evaluate';

/**
 * How components reach each other: `chaining` (Spin's `*.spin.internal`, the
 * default) or `self` (requests to the app's own public routes, for hosts without
 * local service chaining such as Fermyon Cloud; set by the Spin variable
 * `internal_call_mode` in deploy/fermyon-cloud/spin.toml), or `none` (ingest only: no
 * hand-off, e.g. for ingest load tests or an app without inference and alerting).
 */
export type InternalCallMode = 'chaining' | 'self' | 'none';

/** The URL of a downstream endpoint in the given mode. */
export function downstreamUrl(chainingUrl: string, mode: InternalCallMode): string {
  if (mode === 'chaining') return chainingUrl;
  const url = new URL(chainingUrl);
  return `http://self${url.pathname}${url.search}`;
}


/** What ingest tells the components downstream about an accepted batch. */
export interface AcceptedBatch {
  device: string;
  records: ResolvedRecord[];
}

/** Calls downstream components about an accepted batch; never throws. */
export type Handoff = (batch: AcceptedBatch) => Promise<void>;

/** Names of the numeric series a batch touched, once each. */
export function numericSeries(records: ResolvedRecord[]): string[] {
  return [...new Set(records.filter((r) => r.value?.kind === 'v').map((r) => r.n))];
}

/** The numeric readings of a batch in alerting's form. */
export function alertReadings(device: string, records: ResolvedRecord[]): AlertReading[] {
  return records.flatMap((r) =>
    r.value?.kind === 'v' ? [{ device, name: r.n, t: r.t, v: r.value.value, ...(r.u ? { unit: r.u } : {}), ...(r.ut !== undefined ? { ut: r.ut } : {}) }] : [],
  );
}

/** A hand-off that authenticates with the admin token and reports failures to `log`. */
export function createHandoff(
  adminToken: () => string | undefined,
  fetchImpl: typeof fetch = fetch,
  log: (line: string) => void = console.error,
  mode: () => InternalCallMode = () => 'chaining',
): Handoff {
  const post = async (url: string, what: string, body: unknown, token: string) => {
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) log(`${what}: ${response.status}; it catches up on the next batch or scheduled run`);
      await response.body?.cancel();
    } catch (error) {
      log(`${what} failed (${(error as Error).message}); it catches up on the next batch or scheduled run`);
    }
  };
  return async ({ device, records }) => {
    const names = numericSeries(records);
    const token = adminToken();
    if (names.length === 0 || !token || mode() === 'none') return;
    // Alerting first: on a host that runs chained requests one after the other (the local
    // runner, in the caller's worker) its latency to a webhook should not include scoring.
    await Promise.all([
      post(downstreamUrl(ALERTING_EVALUATE_URL, mode()), `alerting hand-off for ${device}`, { readings: alertReadings(device, records) }, token),
      post(downstreamUrl(INFERENCE_PROCESS_URL, mode()), `inference hand-off for ${device}`, { device, names }, token),
    ]);
  };
}
