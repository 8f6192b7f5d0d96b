// Series queries: the points of one (device, name) series in a time range,
// ascending, paged with an opaque cursor. Reads take no locks and write nothing
// the write path depends on, so they never block ingest.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { bucketOf } from './keys.ts';
import { loadBucket, orderedPoints, seriesSources, type CommitCache, type LoadedBucket } from './bucket.ts';
import type { SeriesPoint } from './model.ts';

/** A series query; times are epoch seconds, both bounds inclusive. */
export interface SeriesQuery {
  device: string;
  name: string;
  from?: number;
  to?: number;
  /** Most points per page. */
  limit: number;
  /** `next` of the previous page. */
  cursor?: string;
}

/** One page of a series. */
export interface SeriesPage {
  device: string;
  name: string;
  unit?: string;
  points: SeriesPoint[];
  /** Pass as `cursor` to get the following page; absent on the last page. */
  next?: string;
}

/** A cursor is the last returned time plus how many points at exactly that time were returned. */
export function parseCursor(cursor: string): { t: number; skip: number } | undefined {
  const match = /^(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)~(\d+)$/i.exec(cursor);
  return match ? { t: Number(match[1]), skip: Number(match[2]) } : undefined;
}

const MAX_ATTEMPTS = 3;

/** Read a page of a series; retries when compaction moved keys while it was reading. */
export function readSeries(store: KeyValueStore, query: SeriesQuery): SeriesPage {
  const after = query.cursor === undefined ? undefined : parseCursor(query.cursor);
  if (query.cursor !== undefined && !after) throw new RangeError(`cursor "${query.cursor}" is not one this API issued`);
  const from = Math.max(query.from ?? -Infinity, after?.t ?? -Infinity);
  const to = query.to ?? Infinity;
  for (let attempt = 1; ; attempt++) {
    const page = readOnce(store, query, from, to, after);
    if (page || attempt === MAX_ATTEMPTS) return page ?? { device: query.device, name: query.name, points: [] };
  }
}

function readOnce(store: KeyValueStore, query: SeriesQuery, from: number, to: number, after: { t: number; skip: number } | undefined): SeriesPage | undefined {
  const buckets = [...seriesSources(store.getKeys(), query.device, query.name).values()]
    .filter((b) => b.bucket >= bucketOf(from) && b.bucket <= bucketOf(to))
    .sort((a, b) => a.bucket - b.bucket);
  const commits: CommitCache = new Map();
  const points: SeriesPoint[] = [];
  let newest: LoadedBucket | undefined;
  let skip = after?.skip ?? 0;
  for (const sources of buckets) {
    const loaded = loadBucket(store, sources, commits);
    if (loaded.stale) return undefined;
    if (loaded.unit !== undefined) newest = loaded;
    for (const point of orderedPoints(loaded)) {
      if (point[0] < from || point[0] > to) continue;
      if (after && point[0] === after.t && skip > 0) {
        skip -= 1;
        continue;
      }
      points.push(point);
    }
    // Buckets are disjoint in time, so once a page is full later buckets cannot change it.
    if (points.length > query.limit) break;
  }
  const page: SeriesPage = { device: query.device, name: query.name, points: points.slice(0, query.limit) };
  if (newest?.unit !== undefined) page.unit = newest.unit;
  if (points.length > query.limit) page.next = cursorAfter(page.points, after);
  return page;
}

function cursorAfter(points: SeriesPoint[], previous: { t: number; skip: number } | undefined): string {
  const last = points[points.length - 1]![0];
  let sameTime = 0;
  for (let i = points.length - 1; i >= 0 && points[i]![0] === last; i--) sameTime += 1;
  // A page made only of points at the previous cursor's time continues that run.
  if (previous && previous.t === last && sameTime === points.length) sameTime += previous.skip;
  return `${last}~${sameTime}`;
}
