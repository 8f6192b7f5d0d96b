// Public API of the runner: start a Spin app from its manifest (CLI and tests).
export { startApp, DEFAULTS } from './app.ts';
export type { RunnerOptions, RunningApp } from './app.ts';
export type { ReloadResult } from './hot-swap/reload-components.ts';
export { APP_FLAGS, runnerOptionsFromFlags, printServing } from './up-options.ts';
export type { AppFlagValues } from './up-options.ts';
export { loadManifest, resolveManifestPath } from './manifest/load-manifest.ts';
export type { AppConfig, ComponentConfig } from './manifest/app-config.ts';
export { RunnerError, ERROR_CODES } from './errors.ts';
export { RouteTable, compileRoute } from './trigger-http/routes.ts';
export { startTestApp } from './testing.ts';
export type { TestAppOptions } from './testing.ts';
export { loadRuntimeConfig } from './runtime-config.ts';
export { openSqliteBackend, closeSqliteBackends } from './factors/key-value/backends/sqlite.ts';
export { openRedisBackend } from './factors/key-value/backends/redis.ts';
export { defaultStoreFile } from './factors/key-value/factor.ts';
