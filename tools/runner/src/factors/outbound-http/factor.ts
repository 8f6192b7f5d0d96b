// Outbound HTTP capability (main thread): parses each component's
// allowed_outbound_hosts (templates rendered from variables) at start-up, and
// performs real outbound requests for workers through the bridge.
import { RunnerError } from '../../errors.ts';
import type { Factor } from '../factor.ts';
import { renderTemplate } from '../../manifest/templates.ts';
import { parseAllowedHost, type AllowRule } from './allowed-hosts.ts';
import type { OutboundOutcome } from '../../host/http-types.worker.ts';

export interface OutboundHttpState {
  rules: Record<string, AllowRule[]>;
  /** The app's public routes, so `self` requests can be routed (and given Spin's headers) in the worker. */
  routes: { component: string; route: string }[];
}

export interface FetchCall {
  method: string;
  url: string;
  headers: [string, string][];
  body: Uint8Array | null;
  timeoutMs: number;
}

function errorCode(error: unknown): OutboundOutcome {
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if ((error as Error).name === 'TimeoutError') return { ok: false, error: { tag: 'connection-timeout' } };
  if (code === 'ECONNREFUSED') return { ok: false, error: { tag: 'connection-refused' } };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { ok: false, error: { tag: 'DNS-error', val: { rcode: code, infoCode: undefined } } };
  return { ok: false, error: { tag: 'internal-error', val: String((error as Error).message ?? error) } };
}

export const outboundHttpFactor: Factor<OutboundHttpState> = {
  name: 'outbound-http',
  configure({ app, variable }) {
    const rules: OutboundHttpState['rules'] = {};
    for (const component of Object.values(app.components)) {
      rules[component.id] = component.allowedOutboundHosts.flatMap((entry) => {
        const rendered = renderTemplate(entry, variable);
        // A template whose variable is unset or empty allows nothing, rather than failing start-up.
        if (rendered === undefined || rendered.trim() === '') return [];
        try {
          return parseAllowedHost(rendered);
        } catch (error) {
          throw new RunnerError('OUTBOUND_HOST', `allowed_outbound_hosts: ${(error as Error).message}`, component.id);
        }
      });
    }
    const routes = app.httpRoutes.flatMap((r) => (r.route === null ? [] : [{ component: r.component, route: r.route }]));
    return { rules, routes };
  },
  bridgeHandlers: () => ({
    async fetch(call: FetchCall): Promise<OutboundOutcome> {
      try {
        const response = await fetch(call.url, {
          method: call.method,
          headers: call.headers,
          body: call.body && call.method !== 'GET' && call.method !== 'HEAD' ? (call.body as Uint8Array<ArrayBuffer>) : undefined,
          redirect: 'manual',
          signal: AbortSignal.timeout(call.timeoutMs),
        });
        const body = new Uint8Array(await response.arrayBuffer());
        return { ok: true, response: { status: response.status, headers: [...response.headers], body: [body] } };
      } catch (error) {
        return errorCode(error);
      }
    },
  }),
};
