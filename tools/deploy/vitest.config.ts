import { defineConfig } from 'vitest/config';

// Some tests start the app through the runner (compiling ~12 MB components) or
// a redis-server: generous timeouts on 2 shared cores, one file at a time.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
