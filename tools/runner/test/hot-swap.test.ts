// Hot swap (RunningApp.reloadComponents, used by `edgewatch dev`): a component's
// rebuilt wasm is served from the next request on, while requests in flight
// finish on the old code — none fails or is dropped — and the other components
// are untouched. Real wasm both ways: the conformance probe, and a tiny component
// built here that answers a fixed text.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunnerError, startTestApp } from '../src/index.ts';
import { TEST_CACHE_DIR } from '../src/testing.ts';
import { transpileIntoCache } from '../src/engine/prepare-component.ts';
import { PROBE_WASM, tempDir } from './support/fixture.ts';
import { buildTextComponent } from './support/variant-component.ts';

const VARIANT_TEXT = 'served by the variant';
const appDir = tempDir('runner-hot-swap-');
const probeCopy = path.join(appDir, 'probe.wasm');
let variantWasm: string;
let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  copyFileSync(PROBE_WASM, probeCopy);
  writeFileSync(
    path.join(appDir, 'spin.toml'),
    `spin_manifest_version = 2
[application]
name = "hot-swap"
[[trigger.http]]
route = "/probe/..."
component = "probe"
[[trigger.http]]
route = "/steady/..."
component = "steady"
[component.probe]
source = "probe.wasm"
[component.steady]
source = "${PROBE_WASM}"
`,
  );
  [variantWasm, app] = await Promise.all([buildTextComponent(VARIANT_TEXT), startTestApp({ from: appDir, workers: 2 })]);
  // Transpiled ahead, so the reload takes seconds and the slow request below is surely in flight at the switch.
  await transpileIntoCache(variantWasm, TEST_CACHE_DIR);
});
afterAll(() => app?.close());

interface Outcome {
  status: number;
  body: string;
  /** The request was sent after reloadComponents resolved. */
  sentAfterReload: boolean;
}

const isEcho = (body: string) => body.startsWith('{') && (JSON.parse(body) as { method?: string }).method === 'GET';

describe('reloadComponents', () => {
  it('swaps_a_component_under_load_without_failing_a_request', async () => {
    // A request that is surely in flight at the switch: the old pool must wait for it.
    const slow = fetch(`${app.url}/probe/slow?ms=15000`).then(async (r) => ({ status: r.status, body: await r.text() }));
    const outcomes: Outcome[] = [];
    let reloaded = false;
    let stop = false;
    const streams = [1, 2, 3, 4].map(async () => {
      while (!stop) {
        const sentAfterReload = reloaded;
        const response = await fetch(`${app.url}/probe/echo`);
        outcomes.push({ status: response.status, body: await response.text(), sentAfterReload });
      }
    });
    while (outcomes.length < 8) await new Promise((resolve) => setTimeout(resolve, 20));

    copyFileSync(variantWasm, probeCopy);
    const result = await app.reloadComponents(['probe']);
    reloaded = true;
    while (outcomes.filter((o) => o.sentAfterReload).length < 12) await new Promise((resolve) => setTimeout(resolve, 20));
    stop = true;
    await Promise.all(streams);

    expect(outcomes.filter((o) => o.status !== 200)).toEqual([]);
    expect(outcomes.slice(0, 8).every((o) => isEcho(o.body))).toBe(true);
    expect(outcomes.filter((o) => o.sentAfterReload).map((o) => o.body)).toEqual(Array(outcomes.filter((o) => o.sentAfterReload).length).fill(VARIANT_TEXT));
    expect(outcomes.every((o) => o.body === VARIANT_TEXT || isEcho(o.body))).toBe(true);

    const slowOutcome = await slow;
    expect(slowOutcome).toEqual({ status: 200, body: JSON.stringify({ sleptMs: 15000 }) });
    expect(result.components).toEqual(['probe']);
    expect(result.sources).toEqual([{ path: 'probe.wasm', changed: true, transpileMs: expect.any(Number) }]);
    expect(result.drainedRequests).toBeGreaterThanOrEqual(1);
    expect(result.failedDuringSwap).toBe(0);
    expect(result.swapped).toBe(true);

    const steady = await fetch(`${app.url}/steady/echo`);
    expect(isEcho(await steady.text())).toBe(true);
  });

  it('restarts_nothing_when_the_file_is_unchanged', async () => {
    const result = await app.reloadComponents(['steady']);
    expect(result.components).toEqual(['steady']);
    expect(result.sources).toEqual([{ path: path.relative(appDir, PROBE_WASM), changed: false, transpileMs: 0 }]);
    expect(result.swapped).toBe(false);
    expect(isEcho(await (await fetch(`${app.url}/steady/echo`)).text())).toBe(true);
    expect(await (await fetch(`${app.url}/probe/anything`)).text()).toBe(VARIANT_TEXT);
  });

  it('keeps_serving_the_previous_code_when_the_new_wasm_is_broken', async () => {
    writeFileSync(probeCopy, 'not a wasm component');
    const error = await app.reloadComponents(['probe']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).code).toBe('COMPONENT_INVALID');
    const response = await fetch(`${app.url}/probe/anything`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(VARIANT_TEXT);
  });

  it('refuses_a_component_the_app_does_not_have', async () => {
    const error = await app.reloadComponents(['nope']).catch((e: unknown) => e);
    expect((error as RunnerError).code).toBe('RELOAD_UNKNOWN_COMPONENT');
    expect((error as Error).message).toContain('known: probe, steady');
  });
});
