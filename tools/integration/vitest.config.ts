import { defineConfig } from 'vitest/config';

// Starting an app compiles ~12 MB wasm modules per worker: allow for it on 2 cores.
// contract-hook.ts checks every exchange with an app against the OpenAPI document.
export default defineConfig({ test: { testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, setupFiles: ['test/contract-hook.ts'] } });
