// Transpiling a component (jco) is seconds of synchronous CPU. At start-up that
// is fine; in a running app it would stall every request for that long (and the
// keep-alive timers that fire right after can reset clients' connections). So a
// reload transpiles on a short-lived worker thread and the HTTP thread only
// reads the cached result.
import { Worker } from 'node:worker_threads';

const WORKER_URL = new URL('./transpile.worker.ts', import.meta.url);

/**
 * Fill the transpile cache for `wasmPath` on a worker thread; resolves with the milliseconds
 * spent (0 when cached). Never rejects: on failure the caller's prepareComponent retries on
 * its own thread and reports the error with its code.
 */
export function transpileOffThread(wasmPath: string, cacheRoot: string): Promise<number> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: { wasmPath, cacheRoot } });
    let ms = 0;
    worker.once('message', (result: { ok: boolean; ms?: number }) => (ms = result.ok ? result.ms! : 0));
    worker.once('error', () => resolve(0));
    worker.once('exit', () => resolve(ms));
  });
}
