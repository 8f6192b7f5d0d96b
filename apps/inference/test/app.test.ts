import { describe, expect, it } from 'vitest';
import { referenceKernels, type Kernels } from '@edgewatch/kernels';
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { staticVariables } from '@edgewatch/spin-variables';
import { writeBatch, readSeries } from '@edgewatch/series-store';
import { tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { createInferenceApp } from '../src/app.ts';

const ADMIN = 'admin-secret';

function setup(kernels: Kernels = referenceKernels, admin: string | null = ADMIN, engine?: DetectorEngine) {
  const store = createMemoryStore();
  const router = createInferenceApp({ kernels, engine, openStore: () => store, variables: staticVariables(admin ? { admin_token: admin } : {}), now: () => 1_764_000_000_000 });
  const call = (method: string, path: string, body?: unknown, token: string | undefined = ADMIN) =>
    router.fetch(
      new Request(`http://localhost/api/v1/inference${path}`, {
        method,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { store, call };
}

/** Stands in for the component's wasm engine: the TS detectors under its name, counting batches. */
function fakeWasmEngine(): DetectorEngine & { batches: number[] } {
  const ts = tsDetectorEngine();
  const engine = {
    name: 'wasm',
    batches: [] as number[],
    scoreBatch: (...args: Parameters<DetectorEngine['scoreBatch']>) => {
      engine.batches.push(args[2].length);
      return ts.scoreBatch(...args);
    },
  };
  return engine;
}

const points = (n: number) => Array.from({ length: n }, (_, i) => [1_764_000_000 + i * 60, 20 + Math.sin(i / 5)]);

describe('inference router', () => {
  it('reports_the_kernel_probe_computed_by_the_injected_kernels', async () => {
    const body = (await (await setup().call('GET', '/health')).json()) as { component: string; details: { kernelProbe: number } };
    expect(body.component).toBe('inference');
    expect(body.details.kernelProbe).toBe(32);
  });

  it('surfaces_a_wrong_kernel_instead_of_hiding_it', async () => {
    const body = (await (await setup({ dot: () => 0 }).call('GET', '/health')).json()) as { details: { kernelProbe: number } };
    expect(body.details.kernelProbe).toBe(0);
  });

  it('reports_which_detector_engine_scores', async () => {
    const health = async (engine?: DetectorEngine) => ((await (await setup(referenceKernels, ADMIN, engine).call('GET', '/health')).json()) as { details: { engine: string } }).details.engine;
    expect(await health()).toBe('ts');
    expect(await health(fakeWasmEngine())).toBe('wasm');
  });

  it('scores_and_processes_in_one_batch_on_the_injected_engine_and_stores_its_state', async () => {
    const engine = fakeWasmEngine();
    const { call, store } = setup(referenceKernels, ADMIN, engine);
    expect((await call('POST', '/score', { points: points(40) })).status).toBe(200);
    const records = points(300).map(([t, v]) => ({ n: 'temp', t: t!, value: { kind: 'v' as const, value: v! } }));
    writeBatch(store, { device: 'd1', batch: 'b'.repeat(24), bodyHash: 'h', records, nowMs: 0 });
    expect((await call('POST', '/process', { device: 'd1', names: ['temp'] })).status).toBe(200);
    expect(engine.batches).toEqual([40, 300]);
    const state = store.getKeys().find((k) => k.startsWith('inference|state|'))!;
    expect(new TextDecoder().decode(store.get(state))).toContain('"engine":"wasm"');
  });

  it('scores_an_adhoc_batch_without_storing_it', async () => {
    const { call, store } = setup();
    const response = await call('POST', '/score', { detector: 'windowed-gaussian', points: points(40) });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { detector: string; scores: [number, number][] };
    expect(body.detector).toBe('windowed-gaussian');
    expect(body.scores).toHaveLength(40);
    expect(store.getKeys()).toEqual([]);
  });

  it('refuses_bad_points_with_a_problem_naming_the_index', async () => {
    const response = await setup().call('POST', '/score', { points: [[1, 2], [2, 'x']] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toContain('points[1]');
  });

  it('processes_a_stored_series_into_its_score_series', async () => {
    const { call, store } = setup();
    const records = points(30).map(([t, v]) => ({ n: 'temp', t: t!, value: { kind: 'v' as const, value: v! } }));
    writeBatch(store, { device: 'd1', batch: 'a'.repeat(24), bodyHash: 'h', records, nowMs: 0 });
    const response = await call('POST', '/process', { device: 'd1', names: ['temp'] });
    expect(((await response.json()) as { reports: { scored: number }[] }).reports[0]!.scored).toBe(30);
    expect(readSeries(store, { device: 'd1', name: 'temp/anomaly_score', limit: 100 }).points).toHaveLength(30);
  });

  it('stores_and_returns_per_series_configuration', async () => {
    const { call } = setup();
    expect((await call('PUT', '/config?device=d1&name=temp', { detector: 'robust-z', sensitivity: 0.8 })).status).toBe(200);
    expect(await (await call('GET', '/config?device=d1&name=temp')).json()).toEqual({ device: 'd1', name: 'temp', detector: 'robust-z', sensitivity: 0.8 });
    expect((await call('PUT', '/config?device=d1&name=temp', { detector: 'nope' })).status).toBe(400);
  });

  it('requires_the_admin_token_and_says_how_to_set_one', async () => {
    expect((await setup().call('POST', '/score', { points: [] }, 'wrong')).status).toBe(401);
    const unset = await setup(referenceKernels, null).call('POST', '/score', { points: [] });
    expect(unset.status).toBe(503);
  });

  it('answers_unknown_routes_with_problem_json', async () => {
    const response = await setup().call('GET', '/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
