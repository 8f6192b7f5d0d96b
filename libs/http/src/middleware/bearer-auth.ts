// Bearer-token middleware: reads `Authorization: Bearer <token>`, asks the
// caller's `verify` who it belongs to, and refuses with one uniform 401 so an
// unauthenticated caller learns nothing about which ids or tokens exist.
import type { IRequest } from 'itty-router';
import { HttpProblem } from '../problem.ts';

/** How `bearerAuth` decides who a token belongs to. */
export interface BearerAuthOptions<P> {
  /** The principal a token belongs to, or undefined to refuse it. */
  verify: (token: string, request: IRequest) => P | undefined | Promise<P | undefined>;
  /** A reason the endpoint cannot authenticate anyone right now (answered as 503), e.g. missing configuration. */
  unavailable?: () => string | undefined;
  /** Realm named in `WWW-Authenticate`. */
  realm?: string;
}

const BEARER = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i;

/** The token of an `Authorization: Bearer` header, or undefined. */
export function bearerToken(request: Request | IRequest): string | undefined {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}

/** Route middleware: sets `request.principal` or throws a 401 (or 503) problem. */
export function bearerAuth<P>(options: BearerAuthOptions<P>) {
  const challenge = `Bearer realm="${options.realm ?? 'edgewatch'}"`;
  return async (request: IRequest): Promise<void> => {
    const reason = options.unavailable?.();
    if (reason) throw new HttpProblem({ status: 503, type: 'auth-not-configured', title: 'Authentication not configured', detail: reason });
    const token = bearerToken(request);
    const principal = token === undefined ? undefined : await options.verify(token, request);
    if (principal === undefined) {
      throw new HttpProblem({
        status: 401,
        type: 'unauthorized',
        title: 'Unauthorized',
        detail: 'A valid token is required: send "Authorization: Bearer <token>".',
        headers: { 'www-authenticate': challenge },
      });
    }
    request.principal = principal;
  };
}

/** Throw a 403 problem: the caller is authenticated but not allowed to do this. */
export function forbidden(detail: string, extensions?: Record<string, unknown>): never {
  throw new HttpProblem({ status: 403, type: 'forbidden', title: 'Forbidden', detail, ...(extensions ? { extensions } : {}) });
}
