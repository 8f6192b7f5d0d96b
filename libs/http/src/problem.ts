// RFC 9457 problem details: every error edgewatch returns over HTTP is one of these.
import { PROBLEM_BASE } from '@edgewatch/contracts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemInit {
  status: number;
  /** Short slug appended to the problem base URL, e.g. `invalid-reading`. */
  type: string;
  title: string;
  detail: string;
  /** Extension members (e.g. `index` of the first bad record). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** Throw from a handler to answer with a problem; the router turns it into a response. */
export class HttpProblem extends Error {
  readonly init: ProblemInit;
  constructor(init: ProblemInit) {
    super(init.detail);
    this.name = 'HttpProblem';
    this.init = init;
  }
}

/** Build an `application/problem+json` response. */
export function problemResponse(init: ProblemInit): Response {
  const body = {
    type: `${PROBLEM_BASE}/${init.type}`,
    title: init.title,
    status: init.status,
    detail: init.detail,
    ...init.extensions,
  };
  return new Response(JSON.stringify(body), {
    status: init.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...init.headers },
  });
}

/** Map anything a handler threw to a problem response; unknown errors become a 500 that hides internals. */
export function toProblemResponse(error: unknown): Response {
  if (error instanceof HttpProblem) return problemResponse(error.init);
  // The cause goes to stderr, which the runner captures per component.
  console.error('unhandled error:', error instanceof Error ? (error.stack ?? error.message) : String(error));
  return problemResponse({
    status: 500,
    type: 'internal',
    title: 'Internal error',
    detail: 'The component failed while handling the request; the cause is in its log.',
  });
}
