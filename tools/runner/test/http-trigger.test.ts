// The HTTP trigger through real wasm: what the guest sees of a request (method,
// body, Spin's headers per route kind), service chaining, private endpoints,
// variables and component logs.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, PROBE_WASM, freshStateDir, tempDir, writeManifest } from './support/fixture.ts';

type Echo = { method: string; path: string; query: string; headers: Record<string, string>; body: string };
let app: Awaited<ReturnType<typeof startTestApp>>;
const logDir = tempDir('runner-logs-');

beforeAll(async () => {
  app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), logDir });
});
afterAll(() => app?.close());

const echo = async (pathWithQuery: string, init?: RequestInit) => {
  const response = await fetch(`${app.url}${pathWithQuery}`, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Echo;
};

describe('what the guest sees', () => {
  it('receives_method_body_query_and_client_headers', async () => {
    const seen = await echo('/echo?a=1&b=two', { method: 'POST', body: 'payload ü', headers: { 'x-custom': 'yes', 'content-type': 'text/plain' } });
    expect(seen).toMatchObject({ method: 'POST', path: '/echo', query: '?a=1&b=two', body: 'payload ü' });
    expect(seen.headers['x-custom']).toBe('yes');
    expect(seen.headers['content-type']).toBe('text/plain');
  });

  it.each(['PUT', 'DELETE', 'PATCH'])('passes_method_%s_through', async (method) => {
    expect((await echo('/echo', { method, body: method === 'DELETE' ? undefined : 'x' })).method).toBe(method);
  });

  it('gets_spin_headers_for_a_root_wildcard_route', async () => {
    const { headers } = await echo('/a/b/?q=1');
    const host = new URL(app.url).host;
    expect(headers).toMatchObject({
      'spin-full-url': `http://${host}/a/b/?q=1`,
      'spin-path-info': '/a/b/',
      'spin-matched-route': '/...',
      'spin-raw-component-route': '/...',
      'spin-component-route': '',
      'spin-base-path': '/',
    });
    expect(headers['spin-client-addr']).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(Number(headers['spin-client-addr']!.split(':')[1])).toBeGreaterThan(0);
  });

  it('gets_spin_headers_for_an_exact_route', async () => {
    const { headers } = await echo('/exact');
    expect(headers).toMatchObject({ 'spin-path-info': '', 'spin-matched-route': '/exact', 'spin-component-route': '/exact', 'spin-raw-component-route': '/exact' });
  });

  it('gets_one_path_match_header_per_parameter', async () => {
    const { headers } = await echo('/users/42/posts/first%20post');
    expect(headers).toMatchObject({
      'spin-path-match-user-id': '42',
      'spin-path-match-post': 'first%20post',
      'spin-matched-route': '/users/:user_id/posts/:post',
      'spin-component-route': '/users/:user_id/posts/:post',
      'spin-path-info': '',
    });
  });

  it('gets_parameters_and_path_info_on_a_parameterised_wildcard', async () => {
    const { headers } = await echo('/files/b1/x/y');
    expect(headers).toMatchObject({
      'spin-path-match-bucket': 'b1',
      'spin-path-info': '/x/y',
      'spin-component-route': '/files/:bucket',
      'spin-raw-component-route': '/files/:bucket/...',
    });
  });

  it('cannot_spoof_spin_headers_from_the_client', async () => {
    const { headers } = await echo('/exact', { headers: { 'spin-path-info': '/evil', 'spin-full-url': 'http://evil/' } });
    expect(headers['spin-path-info']).toBe('');
    expect(headers['spin-full-url']).toBe(`${app.url}/exact`);
  });

  it('answers_a_malformed_host_header_with_400_and_keeps_serving', async () => {
    const raw = await rawRequest('GET /echo HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/problem+json');
    expect(raw).toContain('Host header');
    await echo('/echo');
  });

  it('keeps_a_double_slash_path_as_a_path', async () => {
    const raw = await rawRequest('GET //a/b HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 200 /);
    expect(raw).toContain('"path":"//a/b"');
  });

  it('answers_reserved_well_known_paths_with_problem_json_404', async () => {
    const response = await fetch(`${app.url}/.well-known/spin/anything`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('/.well-known/spin/anything');
  });
});

describe('service chaining and private endpoints', () => {
  it('reaches_a_private_component_through_spin_internal', async () => {
    const response = await fetch(`${app.url}/fetch?url=${encodeURIComponent('http://backend.spin.internal/var?name=greeting')}`);
    expect(response.status).toBe(200);
    const outer = (await response.json()) as { status: number; body: string };
    expect(outer.status).toBe(200);
    expect(JSON.parse(outer.body)).toEqual({ name: 'greeting', value: 'backend says hello' });
  });

  it('gives_chained_requests_spin_headers_of_a_synthetic_wildcard_match', async () => {
    const response = await fetch(`${app.url}/fetch?url=${encodeURIComponent('http://backend.spin.internal/some/path?x=1')}`);
    const outer = (await response.json()) as { body: string };
    const inner = JSON.parse(outer.body) as Echo;
    expect(inner.path).toBe('/some/path');
    expect(inner.headers).toMatchObject({
      'x-probe': 'outbound',
      'spin-path-info': '/some/path',
      'spin-matched-route': '/...',
      'spin-component-route': '',
      'spin-client-addr': '0.0.0.0:0',
    });
  });

  it('refuses_chaining_to_a_component_not_in_allowed_outbound_hosts', async () => {
    // probe allows only backend.spin.internal; probe.spin.internal is denied.
    const response = await fetch(`${app.url}/fetch?url=${encodeURIComponent('http://probe.spin.internal/echo')}`);
    expect(response.status).toBe(502);
  });

  it('keeps_a_private_endpoint_unreachable_from_outside_but_reachable_by_chaining', async () => {
    const dir = writeManifest(`spin_manifest_version = 2
[application]
name = "private"
[variables]
greeting = { default = "hi" }
[[trigger.http]]
route = "/probe/..."
component = "probe"
[[trigger.http]]
route = { private = true }
component = "hidden"
[component.probe]
source = "${PROBE_WASM}"
allowed_outbound_hosts = ["http://*.spin.internal"]
[component.hidden]
source = "${PROBE_WASM}"
[component.hidden.variables]
greeting = "hidden {{ greeting }}"
`);
    const privateApp = await startTestApp({ from: dir, stateDir: freshStateDir() });
    try {
      for (const outside of ['/', '/echo', '/hidden/echo', '/var?name=greeting']) {
        const response = await fetch(`${privateApp.url}${outside}`);
        expect(response.status, outside).toBe(404);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
      const chained = await fetch(`${privateApp.url}/probe/fetch?url=${encodeURIComponent('http://hidden.spin.internal/var?name=greeting')}`);
      expect(JSON.parse(((await chained.json()) as { body: string }).body)).toEqual({ name: 'greeting', value: 'hidden hi' });
    } finally {
      await privateApp.close();
    }
  });
});

describe('variables and logs', () => {
  it.each([
    ['greeting', 'hello'],
    ['phrase', 'hello, world'],
    ['token', 's3cr3t'],
  ])('resolves_component_variable_%s', async (name, value) => {
    const response = await fetch(`${app.url}/var?name=${name}`);
    expect(await response.json()).toEqual({ name, value });
  });

  it('answers_undefined_for_a_variable_the_component_did_not_declare', async () => {
    expect((await fetch(`${app.url}/var?name=outbound_origin`)).status).toBe(404);
  });

  it('refuses_an_invalid_variable_name_with_the_wit_error', async () => {
    const response = await fetch(`${app.url}/var?name=Bad-Name`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('invalid-name');
  });

  it('writes_component_stdout_and_stderr_to_the_log_dir', async () => {
    const marker = `m${Date.now()}`;
    expect((await fetch(`${app.url}/log?text=${marker}`)).status).toBe(200);
    // Log lines arrive from the worker as messages; give them a moment.
    for (let i = 0; i < 50 && !readLog('probe_stderr.txt').includes(marker); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readLog('probe_stdout.txt')).toContain(`probe stdout: ${marker}`);
    expect(readLog('probe_stderr.txt')).toContain(`probe stderr: ${marker}`);
    expect(readLog('probe_stdout.txt')).not.toContain(`probe stderr: ${marker}`);
  });

  it('logs_one_json_line_per_request', async () => {
    await fetch(`${app.url}/exact?logged=1`);
    const lines = readLog('requests.jsonl').trim().split('\n').map((l) => JSON.parse(l) as { path: string; status: number; component: string; route: string });
    expect(lines).toContainEqual(expect.objectContaining({ path: '/exact', status: 200, component: 'probe', route: '/exact' }));
  });
});

/** Send bytes the fetch API would refuse to build; resolves with the raw response. */
function rawRequest(bytes: string): Promise<string> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(bytes));
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

function readLog(name: string): string {
  try {
    return readFileSync(path.join(logDir, name), 'utf8');
  } catch {
    return '';
  }
}
