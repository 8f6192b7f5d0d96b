// Hand-off to the components downstream of ingest, by Spin service chaining:
// after a batch is durably stored, inference is asked to score the series it
// touched. The call is best effort and does not delay the device's answer: the
// data is already safe, and inference scores from its own stored frontier, so a
// missed nudge (inference down, no admin token) is caught up by the next one or
// by the periodic POST /api/v1/inference/process a scheduler makes.
import type { ResolvedRecord } from '@edgewatch/senml';

export const INFERENCE_PROCESS_URL = 'http://inference.spin.internal/api/v1/inference/process';

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

/** A hand-off that authenticates with the admin token and reports failures to `log`. */
export function createHandoff(adminToken: () => string | undefined, fetchImpl: typeof fetch = fetch, log: (line: string) => void = console.error): Handoff {
  return async ({ device, records }) => {
    const names = numericSeries(records);
    const token = adminToken();
    if (names.length === 0 || !token) return;
    try {
      const response = await fetchImpl(INFERENCE_PROCESS_URL, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ device, names }),
      });
      if (!response.ok) log(`inference hand-off for ${device}: ${response.status}; scoring catches up on the next batch`);
      await response.body?.cancel();
    } catch (error) {
      log(`inference hand-off for ${device} failed (${(error as Error).message}); scoring catches up on the next batch`);
    }
  };
}
