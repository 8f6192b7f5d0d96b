import { defineConfig } from 'vitest/config';

// Starting an app compiles a ~12 MB wasm module and spins up worker threads:
// generous timeouts on 2 shared cores, and one test file at a time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
