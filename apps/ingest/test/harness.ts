// The ingest router over a memory store and static variables, driven with
// real Request objects: what the component does, minus the wasm.
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { staticVariables } from '@edgewatch/spin-variables';
import { createIngestApp } from '../src/app.ts';

export const ADMIN = 'admin-secret-token';
export const NOW_S = 1_800_000_000;

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/** A fresh app; `vars` override the defaults (admin token set, small limits for tests). */
export function makeApp(vars: Record<string, string> = {}) {
  const store = createMemoryStore();
  let nowMs = NOW_S * 1000;
  const router = createIngestApp({
    openStore: () => store,
    variables: staticVariables({ admin_token: ADMIN, max_records_per_batch: '100', max_body_bytes: '65536', ...vars }),
    now: () => nowMs,
  });
  const call = async (method: string, path: string, options: CallOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await router.fetch(new Request(`http://x/api/v1${path}`, { method, headers, body }));
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
  };
  const register = async (id: string) => {
    const response = await call('POST', '/devices', { token: ADMIN, json: { id } });
    if (response.status !== 201) throw new Error(`register ${id}: ${JSON.stringify(response.body)}`);
    return response.body!.token as string;
  };
  const senml = (token: string, pack: unknown, headers: Record<string, string> = {}) =>
    call('POST', '/ingest/senml', { token, json: pack, headers: { 'content-type': 'application/senml+json', ...headers } });
  return { store, call, register, senml, advance: (seconds: number) => void (nowMs += seconds * 1000) };
}
