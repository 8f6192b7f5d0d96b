// Operator counters of the ingest (`GET /ingest/stats`, admin) and the route
// wrapper that records every refused batch. Counting lives in
// @edgewatch/series-store (ingest-stats.ts); this file only wires it to requests.
import type { IRequest } from 'itty-router';
import { HttpProblem } from '@edgewatch/http';
import { ingestStats, recordRefusal, refusalReason, refusedRecordCount } from '@edgewatch/series-store';
import type { IngestContext } from './context.ts';

type RouteHandler = (request: IRequest, ...args: any[]) => unknown;

/** The body bytes an ingest handler read, kept on the request so a refusal can count its records. */
export const INGEST_BODY = Symbol('ingest body');

/**
 * Run an ingest route's handlers (auth, then the ingest itself) and record a refusal when
 * one throws. Only the error path writes: an accepted batch costs nothing more, and a
 * failed stats write never replaces the problem the client gets (recordRefusal never throws).
 * Requests that fail authentication are not recorded (see below).
 */
export function recordingRefusals(ctx: IngestContext, ...handlers: RouteHandler[]) {
  return async (request: IRequest, ...args: unknown[]): Promise<unknown> => {
    try {
      for (const handler of handlers) {
        const result = await handler(request, ...args);
        if (result !== undefined) return result;
      }
      return undefined;
    } catch (error) {
      // Only authenticated devices leave a refusal key: anonymous callers must not be able
      // to grow the store one key per request (their 401s show in the runner's metrics).
      if ((request as { principal?: unknown }).principal === undefined) throw error;
      const init = error instanceof HttpProblem ? error.init : { status: 500 };
      const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const points = refusedRecordCount((request as { [INGEST_BODY]?: Uint8Array })[INGEST_BODY], mediaType);
      try {
        recordRefusal(ctx.store(), refusalReason(init), points, ctx.nowMs());
      } catch {
        // Opening the store failed too: the client still gets the original problem.
      }
      throw error;
    }
  };
}

/** `GET /ingest/stats`: points and batches accepted (from commit records) and refused by reason. */
export function statsHandler(ctx: IngestContext) {
  return (): Response => Response.json(ingestStats(ctx.store()), { headers: { 'cache-control': 'no-store' } });
}
