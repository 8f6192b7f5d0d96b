// `--metrics-listen`: the conformance fixture served with an admin listener;
// requests through the real probe wasm (key-value, service chaining, a denied
// outbound call, a runner 404), then a scrape parsed from the text format,
// asserting exact counts per label set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../src/index.ts';
import { FIXTURE_DIR, freshStateDir } from '../support/fixture.ts';
import { parsePrometheusText, sampleValue, samplesNamed, type Sample } from '../support/prom-text.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;

async function scrape(): Promise<Sample[]> {
  const response = await fetch(app.metricsUrl!);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/**
 * Scrape once `requestsSeen` requests are recorded. A client can hold a whole response (its
 * Content-Length reached) a moment before the worker's final message — which carries the
 * request's key-value and outbound counts — reaches the main thread; counts are exact after it.
 */
async function scrapeAfter(requestsSeen: number): Promise<Sample[]> {
  for (let attempt = 0; ; attempt++) {
    const samples = await scrape();
    if (sampleValue(samples, 'spin_http_requests_total') >= requestsSeen || attempt === 100) return samples;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function status(path: string, init?: RequestInit): Promise<number> {
  const response = await fetch(`${app.url}${path}`, init);
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), metricsListen: '127.0.0.1:0' });
});
afterAll(() => app?.close());

describe('metrics listener', () => {
  it('is off unless asked for', async () => {
    const plain = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir() });
    try {
      expect(plain.metricsUrl).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('answers 404 for anything but GET /metrics', async () => {
    const base = app.metricsUrl!.replace(/\/metrics$/, '');
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/x`)).status).toBe(404);
    expect((await fetch(app.metricsUrl!, { method: 'POST' })).status).toBe(404);
  });

  it('counts_requests_kv_and_outbound_with_labels', async () => {
    expect(await status('/exact')).toBe(200);
    expect(await status('/kv/set?store=default&key=k1', { method: 'POST', body: 'v1' })).toBe(200);
    expect(await status('/kv/get?store=default&key=k1')).toBe(200);
    expect(await status('/kv/get?store=default&key=missing')).toBe(404);
    expect(await status('/kv/get?store=forbidden&key=k1')).toBe(403);
    expect(await status('/fetch?url=http://backend.spin.internal/echo')).toBe(200);
    expect(await status('/fetch?url=http://127.0.0.1:9/nowhere')).toBe(502);
    expect(await status('/.well-known/spin/nothing')).toBe(404);

    const samples = await scrapeAfter(8);
    const requests = (labels: Record<string, string>) => sampleValue(samples, 'spin_http_requests_total', labels);
    expect(requests({ component: 'probe', route: '/exact', method: 'GET', status: '200' })).toBe(1);
    expect(requests({ component: 'probe', route: '/...', method: 'POST', status: '200' })).toBe(1);
    expect(requests({ component: 'probe', route: '/...', method: 'GET', status: '200' })).toBe(2);
    expect(requests({ component: 'probe', route: '/...', method: 'GET', status: '404' })).toBe(1);
    expect(requests({ component: 'probe', route: '/...', method: 'GET', status: '403' })).toBe(1);
    expect(requests({ component: 'probe', route: '/...', method: 'GET', status: '502' })).toBe(1);
    expect(requests({ component: '', route: '', method: 'GET', status: '404' })).toBe(1);
    // The chained request never went through the trigger: only the 8 requests above.
    expect(requests({})).toBe(8);

    // Histogram: one observation per request, per (component, route); +Inf bucket = count.
    const duration = (suffix: string, labels: Record<string, string>) => sampleValue(samples, `spin_http_request_duration_seconds_${suffix}`, labels);
    expect(duration('count', { component: 'probe', route: '/...' })).toBe(6);
    expect(duration('bucket', { component: 'probe', route: '/...', le: '+Inf' })).toBe(6);
    expect(duration('count', { component: 'probe', route: '/exact' })).toBe(1);
    expect(duration('count', { component: '', route: '' })).toBe(1);
    expect(duration('sum', { component: 'probe', route: '/...' })).toBeGreaterThan(0);

    const kv = (labels: Record<string, string>) => sampleValue(samples, 'spin_key_value_operations_total', labels);
    expect(kv({ component: 'probe', store: 'default', op: 'open', outcome: 'ok' })).toBe(3);
    expect(kv({ component: 'probe', store: 'default', op: 'set', outcome: 'ok' })).toBe(1);
    expect(kv({ component: 'probe', store: 'default', op: 'get', outcome: 'ok' })).toBe(2);
    expect(kv({ component: 'probe', store: 'forbidden', op: 'open', outcome: 'access-denied' })).toBe(1);
    expect(kv({})).toBe(7);

    const outbound = (labels: Record<string, string>) => sampleValue(samples, 'spin_outbound_http_requests_total', labels);
    expect(outbound({ component: 'probe', host: 'backend.spin.internal', status: '200' })).toBe(1);
    expect(outbound({ component: 'probe', host: '127.0.0.1:9', status: 'HTTP-request-denied' })).toBe(1);
    expect(outbound({})).toBe(2);

    // Every request (and the chained one) took an instance that was created, timed and labelled by kind.
    const instances = samplesNamed(samples, 'edgewatch_runner_instance_creation_seconds_count');
    expect(instances.every((s) => s.labels.kind === 'fresh' || s.labels.kind === 'recycled')).toBe(true);
    expect(sampleValue(samples, 'edgewatch_runner_instance_creation_seconds_count', { component: 'probe' })).toBeGreaterThanOrEqual(7);
    expect(sampleValue(samples, 'edgewatch_runner_instance_creation_seconds_count', { component: 'backend' })).toBeGreaterThanOrEqual(1);
  });

  it('keeps counting across scrapes', async () => {
    const first = await scrapeAfter(8);
    const before = sampleValue(first, 'spin_key_value_operations_total', { component: 'probe', op: 'get', outcome: 'ok' });
    expect(await status('/kv/exists?store=default&key=k1')).toBe(200);
    expect(await status('/kv/get?store=default&key=k1')).toBe(200);
    const after = await scrapeAfter(sampleValue(first, 'spin_http_requests_total') + 2);
    expect(sampleValue(after, 'spin_key_value_operations_total', { component: 'probe', op: 'get', outcome: 'ok' })).toBe(before + 1);
    expect(sampleValue(after, 'spin_key_value_operations_total', { component: 'probe', op: 'exists', outcome: 'ok' })).toBe(1);
  });

  it('counts_wasi_keyvalue_calls_by_op_and_outcome', async () => {
    const seen = sampleValue(await scrape(), 'spin_http_requests_total');
    expect(await status('/wkv/increment?store=default&key=metric-ctr&delta=2')).toBe(200);
    expect(await status('/wkv/set?store=default&key=metric-cas', { method: 'PUT', body: 'v1' })).toBe(200);
    // cas-failed once (the value changes between current and swap), then the retry handle swaps.
    expect(await status('/wkv/cas?store=default&key=metric-cas&value=mine&interfere=theirs')).toBe(409);
    const samples = await scrapeAfter(seen + 3);
    const kv = (op: string, outcome: string) => sampleValue(samples, 'spin_key_value_operations_total', { component: 'probe', store: 'default', op, outcome });
    expect(kv('increment', 'ok')).toBe(1);
    // The probe's handle, plus the one the host makes (and reads) on cas-failed, which the probe reads again.
    expect(kv('cas-new', 'ok')).toBe(2);
    expect(kv('cas-current', 'ok')).toBe(3);
    expect(kv('cas-swap', 'cas-failed')).toBe(1);
    expect(kv('cas-swap', 'ok')).toBe(1);
  });
});
