// wasi:http/outgoing-handler for guests: enforces the component's allow-list,
// dispatches `*.spin.internal` and `self` requests to components in this worker
// (no network hop), and sends everything else to the main thread's fetch.
import type { WorkerFactor } from '../factor.ts';
import type { OutboundHttpState, FetchCall } from './factor.ts';
import { isAllowed, chainingTarget } from './allowed-hosts.ts';
import { FutureIncomingResponse, fromWasiMethod, type OutgoingRequest, type RequestOptions, type OutboundOutcome } from '../../host/http-types.worker.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const fail = (tag: string, val?: unknown) => ({ payload: val === undefined ? { tag } : { tag, val } });

export const outboundHttpWorkerFactor: WorkerFactor<OutboundHttpState, OutboundHttpState> = {
  name: 'outbound-http',
  init: (state) => state,
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
            ctx.log.stderr(`outbound request to ${url.origin} denied: not in allowed_outbound_hosts of component "${ctx.componentId}"`);
            throw fail('HTTP-request-denied');
          }
          const method = fromWasiMethod(request.method());
          const headers = request.headers().toPairs();
          const target = url.hostname === 'self' ? undefined : chainingTarget(url.hostname);
          // The guest may write the body after handle() returns: send on first poll.
          if (target !== undefined || url.hostname === 'self') {
            return new FutureIncomingResponse(() => {
              const response = ctx.chain(target, {
                method,
                pathWithQuery: `${url.pathname}${url.search}`,
                scheme: 'http',
                authority: url.host,
                headers,
                body: request.bodyChunks,
              });
              return response ? { ok: true, response } : { ok: false, error: { tag: 'destination-not-found' } };
            });
          }
          const timeoutNs = options?.firstByteTimeout() ?? options?.connectTimeout();
          let id: number | undefined;
          return new FutureIncomingResponse((timeoutMs) => {
            id ??= ctx.bridge.start('fetch', {
              method,
              url: url.href,
              headers,
              body: request.bodyChunks.length ? Buffer.concat(request.bodyChunks) : null,
              timeoutMs: timeoutNs ? Number(timeoutNs / 1_000_000n) : DEFAULT_TIMEOUT_MS,
            } satisfies FetchCall);
            return ctx.bridge.wait(id, timeoutMs) as OutboundOutcome | undefined;
          });
        },
      },
    };
  },
};
