// GET /series: raw points (paged) or downsampled windows of one (device, name)
// series. Admins read any device; a device token reads only its own.
import type { IRequest } from 'itty-router';
import { forbidden, HttpProblem } from '@edgewatch/http';
import { AGGREGATIONS, compactSeries, downsample, parseCursor, readSeries, type Aggregation, type SeriesPoint } from '@edgewatch/series-store';
import type { IngestContext } from './context.ts';
import type { Principal } from './auth.ts';

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;
const MAX_WINDOWS = 10_000;
// Raw points a step query may scan; past this the caller narrows the range.
const MAX_SCANNED_POINTS = 1_000_000;

const badQuery = (detail: string) => new HttpProblem({ status: 400, type: 'invalid-query', title: 'Invalid query', detail });

/** Parse a time parameter: epoch seconds or an RFC 3339 time. */
function timeParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  const seconds = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
  if (!Number.isFinite(seconds)) throw badQuery(`"${name}" must be epoch seconds or an RFC 3339 time, got "${raw}"`);
  return seconds;
}

function positiveParam(query: URLSearchParams, name: string, fallback?: number, max = Infinity): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > max) throw badQuery(`"${name}" must be a positive number${max < Infinity ? ` up to ${max}` : ''}, got "${raw}"`);
  return value;
}

/** Handler of GET /series. */
export function seriesHandler(ctx: IngestContext) {
  return (request: IRequest) => {
    const query = new URL(request.url).searchParams;
    const principal = request.principal as Principal;
    const device = query.get('device') ?? (principal.kind === 'device' ? principal.id : undefined);
    const name = query.get('name');
    if (!device) throw badQuery('"device" is required with an admin token');
    if (!name) throw badQuery('"name" is required (the resolved SenML name, or the field name of a simple reading)');
    if (principal.kind === 'device' && principal.id !== device) forbidden('A device token reads only its own series.');
    const from = timeParam(query, 'from');
    const to = timeParam(query, 'to');
    const step = positiveParam(query, 'step');
    const store = ctx.store();
    let body: Record<string, unknown>;
    if (step === undefined) {
      const limit = positiveParam(query, 'limit', DEFAULT_LIMIT, MAX_LIMIT)!;
      const cursor = query.get('cursor') ?? undefined;
      if (cursor !== undefined && !parseCursor(cursor)) throw badQuery(`"cursor" must be the "next" of an earlier page, got "${cursor}"`);
      const page = readSeries(store, { device, name, from, to, limit, cursor });
      // `unit` is always present (null when no record named one), so clients need not probe for it.
      body = { device, name, unit: page.unit ?? null, points: page.points, ...(page.next ? { next: page.next } : {}) };
    } else {
      const agg = (query.get('agg') ?? 'avg') as Aggregation;
      if (!AGGREGATIONS.includes(agg)) throw badQuery(`"agg" must be one of ${AGGREGATIONS.join(', ')}, got "${agg}"`);
      const points: SeriesPoint[] = [];
      let unit: string | undefined;
      let cursor: string | undefined;
      do {
        const page = readSeries(store, { device, name, from, to, limit: MAX_LIMIT, cursor });
        points.push(...page.points);
        unit = page.unit ?? unit;
        cursor = page.next;
        if (points.length > MAX_SCANNED_POINTS) throw badQuery(`the range holds more than ${MAX_SCANNED_POINTS} points; narrow "from"/"to"`);
      } while (cursor);
      const windows = downsample(points, step, agg);
      if (windows.length > MAX_WINDOWS) throw badQuery(`the query yields ${windows.length} windows; the limit is ${MAX_WINDOWS}: raise "step" or narrow the range`);
      body = { device, name, unit: unit ?? null, step, agg, points: windows };
    }
    compactQuietly(ctx, device, name);
    return Response.json(body);
  };
}

/** Compact a few settled buckets of the series just read; a failure here must never fail the read. */
function compactQuietly(ctx: IngestContext, device: string, name: string): void {
  try {
    compactSeries(ctx.store(), device, name, { nowMs: ctx.nowMs(), maxBuckets: 2 });
  } catch (error) {
    console.error(`compaction of ${device} ${name} failed:`, error instanceof Error ? error.message : String(error));
  }
}
