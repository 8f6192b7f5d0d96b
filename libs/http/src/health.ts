// The `GET <base>/health` handler every component exposes (used by SpinKube probes).
import type { HealthReport } from '@edgewatch/contracts';

/** Handler answering the component's identity; `details` is evaluated per request. */
export function healthRoute(component: string, version: string, details?: () => Record<string, unknown>) {
  return (): Response => {
    const report: HealthReport = { component, version, status: 'ok', ...(details ? { details: details() } : {}) };
    return Response.json(report, { headers: { 'cache-control': 'no-store' } });
  };
}
