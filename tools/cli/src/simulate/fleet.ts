// Registering the simulated fleet with the app's admin API before any reading
// is sent. Ids carry a run prefix so reruns never collide; when an id exists
// anyway (a fixed --device-prefix run twice) its token is rotated and reused,
// so the device keeps its history and the new run can write to it.
import { ApiError, callApi } from '../api-client.ts';
import type { ReadingSource } from './signal.ts';

/** A registered device and what it will send. */
export interface SimulatedDevice {
  id: string;
  token: string;
  source: ReadingSource;
}

/** Run `work` over `items` with at most `limit` in flight, keeping input order in the result. */
export async function mapBounded<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Register `<prefix>-1` … `<prefix>-n`; throws the first failure as one line (unreachable app, bad token). */
export async function registerFleet(
  api: { url: string; adminToken: string },
  prefix: string,
  sources: ReadingSource[],
  concurrency: number,
): Promise<SimulatedDevice[]> {
  const admin = { url: api.url, token: api.adminToken };
  const register = async (source: ReadingSource, index: number): Promise<SimulatedDevice> => {
    const id = `${prefix}-${index + 1}`;
    try {
      const created = (await callApi(admin, 'POST', '/api/v1/devices', { id })) as { token: string };
      return { id, token: created.token, source };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 409) throw error;
      const rotated = (await callApi(admin, 'POST', `/api/v1/devices/${encodeURIComponent(id)}/token`)) as { token: string };
      return { id, token: rotated.token, source };
    }
  };
  // The first registration alone: an unreachable app or a refused token fails once, not n times.
  const first = await register(sources[0]!, 0);
  const rest = await mapBounded(sources.slice(1), concurrency, (source, i) => register(source, i + 1));
  return [first, ...rest];
}
