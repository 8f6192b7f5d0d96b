// Every component of the real spin.toml, built to wasm, answering real requests
// through the runner (jco-transpiled components on the runner's WASI host).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { REPO_ROOT } from './repo.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
let app: App;

const packageVersion = (dir: string) => (JSON.parse(readFileSync(path.join(REPO_ROOT, dir, 'package.json'), 'utf8')) as { version: string }).version;
// Crates take their version from the workspace's [workspace.package].
const crateVersion = () => /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(REPO_ROOT, 'rust-kernels/Cargo.toml'), 'utf8'))?.[1];

beforeAll(async () => {
  app = await startTestApp({ from: REPO_ROOT, variables: { webhook_allowed_host: 'http://127.0.0.1:9099' } });
});
afterAll(() => app?.close());

describe('TypeScript components', () => {
  it.each([
    ['ingest', '/api/v1/ingest/health', 'apps/ingest'],
    ['inference', '/api/v1/inference/health', 'apps/inference'],
    ['alerting', '/api/v1/alerts/health', 'apps/alerting'],
  ])('%s_answers_health_with_its_name_and_version', async (component, route, dir) => {
    const response = await fetch(`${app.url}${route}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { component: string; version: string; status: string };
    expect(body).toMatchObject({ component, version: packageVersion(dir), status: 'ok' });
  });

  it('inference_calls_the_rust_simd_kernel_through_its_component_dependency', async () => {
    const body = (await (await app.fetch('/api/v1/inference/health')).json()) as { details: { kernelProbe: number } };
    expect(body.details.kernelProbe).toBe(32);
  });

  it('ingest_reads_its_spin_variable_and_opens_its_declared_store', async () => {
    const body = (await (await app.fetch('/api/v1/ingest/health')).json()) as { details: Record<string, unknown> };
    expect(body.details).toEqual({ store: 'default', maxBodyBytes: 1048576 });
  });

  it('alerting_sees_variable_overrides', async () => {
    const body = (await (await app.fetch('/api/v1/alerts/health')).json()) as { details: Record<string, unknown> };
    expect(body.details.webhookAllowedHost).toBe('http://127.0.0.1:9099');
  });

  it('unknown_routes_inside_a_component_are_problem_json_404s', async () => {
    const response = await app.fetch('/api/v1/ingest/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain('/api/v1/ingest/nothing-here');
  });
});

describe('Rust sensor-handler component', () => {
  const post = (body: string) => app.fetch('/sensor', { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers_health_with_the_crate_version', async () => {
    const body = (await (await app.fetch('/sensor/health')).json()) as Record<string, string>;
    expect(body).toMatchObject({ component: 'sensor-handler', version: crateVersion() });
  });

  it.each([
    [{ device: 'd1', temperature: 81.5, humidity: 40 }, { alert: true, reason: 'threshold_exceeded' }],
    [{ device: 'd1', temperature: 20, humidity: 95 }, { alert: true, reason: 'threshold_exceeded' }],
    [{ device: 'd1', temperature: 80, humidity: 90 }, { alert: false, status: 'normal' }],
    [{ device: 'd2', temperature: 21.5, ts: 1764000000 }, { alert: false, status: 'normal' }],
  ])('applies_the_edge_rule_to %j', async (reading, verdict) => {
    const response = await post(JSON.stringify(reading));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...verdict, device: reading.device, stored: false });
  });

  it.each([
    ['{not json', /JSON/i],
    ['{"temperature": 81}', /device/],
    ['{"device": "d1", "temperature": "hot"}', /temperature/],
    ['{"device": "d1"}', /temperature|humidity/],
  ])('refuses %s with a problem naming the field', async (body, detail) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; detail: string };
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(detail);
  });
});

describe('HTTP trigger', () => {
  it('answers_404_problem_for_api_paths_no_component_serves', async () => {
    // The dashboard's catch-all `/...` takes every other path, but never gives /api/ paths its page.
    const response = await fetch(`${app.url}/api/not/routed`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
