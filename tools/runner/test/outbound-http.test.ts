// wasi:http/outgoing-handler through real wasm: a local node:http server as the
// target; allowed origins answer, anything else is refused before a byte is
// sent; templates in allowed_outbound_hosts follow variable overrides.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, freshStateDir, probeManifest, tempDir, writeManifest } from './support/fixture.ts';

let target: http.Server;
let port: number;
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  target = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(201, { 'content-type': 'text/plain', 'x-target': 'yes' });
      res.end(`target got ${req.method} ${req.url}`);
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  port = (target.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => target.close(() => resolve())));

type Outcome = { status: number; headers: Record<string, string>; body: string };
const viaProbe = (appUrl: string, url: string, method = 'GET', body?: string) =>
  fetch(`${appUrl}/fetch?url=${encodeURIComponent(url)}&method=${method}`, { method: body === undefined ? 'GET' : 'POST', body });

describe('allowed_outbound_hosts', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  const logDir = tempDir('runner-logs-');
  beforeAll(async () => {
    const dir = writeManifest(probeManifest({ component: `allowed_outbound_hosts = ["http://127.0.0.1:${port}"]` }));
    app = await startTestApp({ from: dir, stateDir: freshStateDir(), logDir });
  });
  afterAll(() => app?.close());

  it('lets_an_allowed_origin_answer_with_status_headers_and_body', async () => {
    const response = await viaProbe(app.url, `http://127.0.0.1:${port}/hello?x=1`, 'POST', 'outbound body');
    expect(response.status).toBe(200);
    const outcome = (await response.json()) as Outcome;
    expect(outcome).toMatchObject({ status: 201, body: 'target got POST /hello?x=1' });
    expect(outcome.headers['x-target']).toBe('yes');
    expect(received.at(-1)).toMatchObject({ method: 'POST', url: '/hello?x=1', body: 'outbound body' });
    expect(received.at(-1)!.headers['x-probe']).toBe('outbound');
  });

  it.each([
    ['another_port', () => `http://127.0.0.1:${port + 1 === 65536 ? 1 : port + 1}/`],
    ['another_host', () => `http://localhost:${port}/`],
    ['another_scheme', () => `https://127.0.0.1:${port}/`],
  ])('refuses_%s_before_sending_anything', async (_, url) => {
    const before = received.length;
    const response = await viaProbe(app.url, url());
    // The guest's fetch rejects; the probe turns that into a 502 problem.
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain(url());
    expect(received.length).toBe(before);
  });

  it('tells_the_operator_why_in_the_component_stderr', async () => {
    await viaProbe(app.url, 'http://127.0.0.1:1/');
    const file = path.join(logDir, 'probe_stderr.txt');
    let log = '';
    for (let i = 0; i < 50 && !log.includes('denied'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        log = readFileSync(file, 'utf8');
      } catch {}
    }
    expect(log).toContain('outbound request to http://127.0.0.1:1 denied: not in allowed_outbound_hosts of component "probe"');
  });
});

describe('templated allowed_outbound_hosts', () => {
  it('allows_nothing_while_the_variable_is_empty', async () => {
    const app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir() });
    try {
      const before = received.length;
      expect((await viaProbe(app.url, `http://127.0.0.1:${port}/`)).status).toBe(502);
      expect(received.length).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('allows_the_origin_a_variable_override_names', async () => {
    const app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), variables: { outbound_origin: `http://127.0.0.1:${port}` } });
    try {
      const response = await viaProbe(app.url, `http://127.0.0.1:${port}/templated`);
      expect(((await response.json()) as Outcome).body).toBe('target got GET /templated');
    } finally {
      await app.close();
    }
  });

  it('allows_the_origin_from_spin_variable_env', async () => {
    const app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), env: { SPIN_VARIABLE_OUTBOUND_ORIGIN: `http://127.0.0.1:${port}` } });
    try {
      const response = await viaProbe(app.url, `http://127.0.0.1:${port}/from-env`);
      expect(((await response.json()) as Outcome).body).toBe('target got GET /from-env');
    } finally {
      await app.close();
    }
  });
});
