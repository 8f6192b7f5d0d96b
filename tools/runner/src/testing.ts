// Test harness: start a Spin app in-process the way tests want it — ephemeral
// port, in-memory key-value, quiet logs — and make teardown one call. The
// Miniflare of this repo: tests drive real wasm through the same runner users run.
import { startApp, type RunnerOptions, type RunningApp } from './app.ts';

export type TestAppOptions = Partial<RunnerOptions> & Pick<RunnerOptions, 'from'>;

/** Start `options.from` for a test; call `close()` in afterAll. */
export function startTestApp(options: TestAppOptions): Promise<RunningApp & { url: string }> {
  return startApp({
    listen: '127.0.0.1:0',
    keyValue: 'memory',
    quiet: true,
    workers: 2,
    env: {},
    ...options,
  }) as Promise<RunningApp & { url: string }>;
}
