// Test harness: start a Spin app in-process the way tests want it — ephemeral
// port, in-memory key-value, quiet logs — and make teardown one call. The
// Miniflare of this repo: tests drive real wasm through the same runner users run.
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunnerOptions, type RunningApp } from './app.ts';

/** One transpile cache for every test app on the machine: entries are keyed by content hash. */
export const TEST_CACHE_DIR = path.join(os.tmpdir(), 'edgewatch-runner-test-cache');

export type TestAppOptions = Partial<RunnerOptions> & Pick<RunnerOptions, 'from'>;

/** Start `options.from` for a test; call `close()` in afterAll. */
export function startTestApp(options: TestAppOptions): Promise<RunningApp & { url: string }> {
  return startApp({
    listen: '127.0.0.1:0',
    keyValue: 'memory',
    quiet: true,
    workers: 2,
    env: {},
    cacheDir: TEST_CACHE_DIR,
    ...options,
  }) as Promise<RunningApp & { url: string }>;
}
