// Request-id middleware: keeps the caller's `x-request-id` or mints one, and
// echoes it on the response so logs on both sides can be joined.
import type { IRequest } from 'itty-router';

export const REQUEST_ID_HEADER = 'x-request-id';
const VALID_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** `before` middleware: sets `request.requestId`. */
export function withRequestId(request: IRequest): void {
  const given = request.headers.get(REQUEST_ID_HEADER);
  request.requestId = given && VALID_ID.test(given) ? given : crypto.randomUUID();
}

/** `finally` middleware: copies the id onto the response. */
withRequestId.stamp = (response: Response, request: IRequest): Response => {
  if (response instanceof Response && request.requestId) {
    response.headers.set(REQUEST_ID_HEADER, String(request.requestId));
  }
  return response;
};
