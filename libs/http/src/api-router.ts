// One router factory for every component so 404s, thrown problems and
// content negotiation behave the same everywhere.
import { AutoRouter, type IRequest } from 'itty-router';
import { problemResponse, toProblemResponse } from './problem.ts';
import { withRequestId } from './middleware/request-id.ts';

export interface ApiRouterOptions {
  /** Base route the component owns, e.g. `/api/v1/ingest`. */
  base: string;
}

/** Create an itty-router AutoRouter whose misses and errors answer problem+json, with request ids. */
export function createApiRouter({ base }: ApiRouterOptions) {
  return AutoRouter<IRequest>({
    base,
    missing: (request: IRequest) =>
      problemResponse({
        status: 404,
        type: 'not-found',
        title: 'Not found',
        detail: `No route for ${request.method} ${new URL(request.url).pathname}.`,
      }),
    catch: toProblemResponse,
    before: [withRequestId],
    finally: [withRequestId.stamp],
  });
}
