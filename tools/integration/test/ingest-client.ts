// A small client for the ingest component's API, shared by the ingest
// integration tests: device registration, batches, series read-back.
import type { startTestApp } from '@edgewatch/runner';
import { REPO_ROOT } from './repo.ts';

export type App = Awaited<ReturnType<typeof startTestApp>>;

/** The manifest ingest tests run: the real spin.toml (INGEST_TEST_MANIFEST may point at a trimmed copy while iterating). */
export const INGEST_MANIFEST = process.env.INGEST_TEST_MANIFEST ?? REPO_ROOT;
export const ADMIN_TOKEN = 'integration-admin-token';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Register a device with the admin token; returns its bearer token. */
export async function registerDevice(base: string, id: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/devices`, { method: 'POST', headers: { ...bearer(ADMIN_TOKEN), 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
  if (response.status !== 201) throw new Error(`registering ${id}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** POST a SenML JSON pack. */
export function postSenml(base: string, token: string, pack: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/api/v1/ingest/senml`, {
    method: 'POST',
    headers: { ...bearer(token), 'content-type': 'application/senml+json', ...headers },
    body: typeof pack === 'string' ? pack : JSON.stringify(pack),
  });
}

/** Every point of a series, following `next` cursors. */
export async function readAllPoints(base: string, device: string, name: string): Promise<[number, number][]> {
  const points: [number, number][] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ device, name, limit: '10000', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${base}/api/v1/series?${query}`, { headers: bearer(ADMIN_TOKEN) });
    if (response.status !== 200) throw new Error(`reading ${device} ${name}: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { points: [number, number][]; next?: string };
    points.push(...page.points);
    cursor = page.next;
  } while (cursor);
  return points;
}

/** Values that occur more than once, and values expected but missing. */
export function compareExactlyOnce(expected: number[], actual: number[]): { duplicated: number[]; missing: number[] } {
  const counts = new Map<number, number>();
  for (const v of actual) counts.set(v, (counts.get(v) ?? 0) + 1);
  return {
    duplicated: [...counts].filter(([, n]) => n > 1).map(([v]) => v),
    missing: expected.filter((v) => !counts.has(v)),
  };
}
