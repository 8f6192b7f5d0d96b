// Worker thread entry for hot reloads: transpile one component into the cache
// (seconds of CPU) away from the thread serving HTTP. See transpile-off-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { transpileIntoCache } from '../engine/prepare-component.ts';

const { wasmPath, cacheRoot } = workerData as { wasmPath: string; cacheRoot: string };
try {
  parentPort!.postMessage({ ok: true, ms: await transpileIntoCache(wasmPath, cacheRoot) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: (error as Error).message });
}
