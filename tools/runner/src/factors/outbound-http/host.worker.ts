// wasi:http/outgoing-handler for guests: enforces the component's allow-list,
// dispatches `*.spin.internal` and `self` requests to components in this worker
// (no network hop), and sends everything else to the main thread's fetch.
import type { WorkerFactor } from '../factor.ts';
import type { OutboundHttpState, FetchCall } from './factor.ts';
import { isAllowed, chainingTarget } from './allowed-hosts.ts';
import { FutureIncomingResponse, fromWasiMethod, type OutgoingRequest, type RequestOptions, type OutboundOutcome } from '../../host/http-types.worker.ts';
import { RouteTable, compileRoute, type RouteMatch } from '../../trigger-http/routes.ts';
import { spinHeaders } from '../../trigger-http/spin-headers.ts';
import { countOutbound } from '../../metrics/worker-counters.worker.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
// Spin's client address for chained requests (trigger-http outbound_http.rs CHAINED_CLIENT_ADDR).
const CHAINED_CLIENT_ADDR = '0.0.0.0:0';
const fail = (tag: string, val?: unknown) => ({ payload: val === undefined ? { tag } : { tag, val } });

/** Spin routes a `<id>.spin.internal` request as if it matched `/...` on that component (RouteMatch::synthetic). */
function syntheticMatch(componentId: string, path: string): RouteMatch {
  return { route: compileRoute(componentId, '/...'), params: {}, pathInfo: path };
}

type WorkerState = { rules: OutboundHttpState['rules']; routes: RouteTable };

/** Wrap a response poll so its outcome is counted once, when it becomes known (FutureIncomingResponse caches it). */
function counted(component: string, host: string, poll: (timeoutMs: number) => OutboundOutcome | undefined) {
  return (timeoutMs: number): OutboundOutcome | undefined => {
    const outcome = poll(timeoutMs);
    if (outcome) countOutbound(component, host, outcome.ok ? outcome.response.status : outcome.error.tag);
    return outcome;
  };
}

export const outboundHttpWorkerFactor: WorkerFactor<OutboundHttpState, WorkerState> = {
  name: 'outbound-http',
  init: (state) => ({ rules: state.rules, routes: new RouteTable(state.routes.map((r) => compileRoute(r.component, r.route))) }),
  imports(state, ctx) {
    const rules = state.rules[ctx.componentId] ?? [];
    return {
      'wasi:http/outgoing-handler': {
        handle(request: OutgoingRequest, options: RequestOptions | undefined): FutureIncomingResponse {
          const scheme = request.scheme();
          const schemeText = scheme ? (scheme.tag === 'other' ? String(scheme.val) : scheme.tag.toLowerCase()) : 'http';
          const authority = request.authority() ?? 'self';
          let url: URL;
          try {
            url = new URL(`${schemeText}://${authority}${request.pathWithQuery() ?? '/'}`);
          } catch {
            throw fail('HTTP-request-URI-invalid');
          }
          if (!isAllowed(rules, url)) {
            countOutbound(ctx.componentId, url.host, 'HTTP-request-denied');
            ctx.log.stderr(`outbound request to ${url.origin} denied: not in allowed_outbound_hosts of component "${ctx.componentId}"`);
            throw fail('HTTP-request-denied');
          }
          const method = fromWasiMethod(request.method());
          const headers = request.headers().toPairs();
          const target = url.hostname === 'self' ? undefined : chainingTarget(url.hostname);
          // The guest may write the body after handle() returns: send on first poll.
          if (target !== undefined || url.hostname === 'self') {
            // Chained requests get Spin's request headers too: a synthetic `/...` match for
            // `<id>.spin.internal`, the app's real route for `self` (which Spin sends back over HTTP).
            const match = target !== undefined ? syntheticMatch(target, url.pathname) : state.routes.match(url.pathname);
            const pathWithQuery = `${url.pathname}${url.search}`;
            const forwarded = headers.filter(([name]) => name !== 'host' && !name.startsWith('spin-'));
            if (match) {
              forwarded.push(
                ...spinHeaders(match, { scheme: 'http', host: url.host, pathWithQuery, clientAddr: target !== undefined ? CHAINED_CLIENT_ADDR : '127.0.0.1:0' }),
              );
            }
            return new FutureIncomingResponse(counted(ctx.componentId, url.host, () => {
              if (!match) return { ok: false, error: { tag: 'destination-not-found' } };
              const response = ctx.chain(match.route.component, {
                method,
                pathWithQuery,
                scheme: 'http',
                authority: url.host,
                headers: forwarded,
                body: request.bodyChunks,
              });
              return response ? { ok: true, response } : { ok: false, error: { tag: 'destination-not-found' } };
            }), true);
          }
          const timeoutNs = options?.firstByteTimeout() ?? options?.connectTimeout();
          let id: number | undefined;
          return new FutureIncomingResponse(counted(ctx.componentId, url.host, (timeoutMs) => {
            id ??= ctx.bridge.start('fetch', {
              method,
              url: url.href,
              headers,
              body: request.bodyChunks.length ? Buffer.concat(request.bodyChunks) : null,
              timeoutMs: timeoutNs ? Number(timeoutNs / 1_000_000n) : DEFAULT_TIMEOUT_MS,
            } satisfies FetchCall);
            return ctx.bridge.wait(id, timeoutMs) as OutboundOutcome | undefined;
          }));
        },
      },
    };
  },
};
