// Work a guest keeps alive with waitUntil runs after its response, on its own
// worker: the client has its answer already, and the next request goes to a free
// worker instead of queueing behind that work (the worker is taken until the
// guest call returns, not until the response ends).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, freshStateDir } from './support/fixture.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;

beforeAll(async () => {
  app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), workers: 2, requestTimeoutMs: 30_000 });
});
afterAll(() => app?.close());

const exists = async (key: string) => ((await (await fetch(`${app.url}/kv/exists?store=default&key=${key}`)).json()) as { exists: boolean }).exists;

describe('background work (waitUntil)', () => {
  it('answers_first_and_serves_the_next_request_on_another_worker_while_it_runs', async () => {
    const answered = await fetch(`${app.url}/background?store=default&key=bg-1&ms=3000`);
    expect(await answered.json()).toEqual({ accepted: true });
    // Had the busy worker been handed this request, it would run after the background work and see its key.
    expect(await exists('bg-1')).toBe(false);
    let done = false;
    for (let i = 0; i < 100 && !done; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      done = await exists('bg-1');
    }
    expect(done).toBe(true);
  });
});
