// Public API of the runner: start a Spin app from its manifest (CLI and tests).
export { startApp, DEFAULTS } from './app.ts';
export type { RunnerOptions, RunningApp } from './app.ts';
export { loadManifest, resolveManifestPath } from './manifest/load-manifest.ts';
export type { AppConfig, ComponentConfig } from './manifest/app-config.ts';
export { RunnerError, ERROR_CODES } from './errors.ts';
export { RouteTable, compileRoute } from './trigger-http/routes.ts';
export { startTestApp } from './testing.ts';
export type { TestAppOptions } from './testing.ts';
