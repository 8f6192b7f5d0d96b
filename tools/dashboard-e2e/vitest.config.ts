import { defineConfig } from 'vitest/config';

// Starting the app compiles ~12 MB wasm modules per worker and the demo posts,
// scores and evaluates a few thousand readings: allow for it on 2 shared cores.
export default defineConfig({ test: { testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false } });
