// Paths and helpers shared by the conformance tests: the fixture app, fresh
// state folders, and inline manifests that borrow the fixture's wasm (the
// test harness shares one transpile cache across all of them).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The fixture app folder (spin.toml + dist/probe.wasm, built by `nx run runner:build-fixtures`). */
export const FIXTURE_DIR = path.resolve(import.meta.dirname, '../fixtures/conformance');

/** The probe component's wasm, for inline manifests. */
export const PROBE_WASM = path.join(FIXTURE_DIR, 'dist/probe.wasm');

/** The runner source folder (for the CLI tests). */
export const RUNNER_SRC = path.resolve(import.meta.dirname, '../../src');

/** A new empty temp folder. */
export function tempDir(prefix = 'runner-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh state folder (own `sqlite_key_value.db`). */
export function freshStateDir(): string {
  return tempDir('runner-state-');
}

/** Write `toml` as spin.toml in a new temp folder; returns the folder. */
export function writeManifest(toml: string): string {
  const dir = tempDir('runner-manifest-');
  writeFileSync(path.join(dir, 'spin.toml'), toml);
  return dir;
}

/** A minimal valid manifest for the probe with `extra` appended and `component` lines added to [component.probe]. */
export function probeManifest(options: { component?: string; extra?: string; head?: string } = {}): string {
  return `spin_manifest_version = 2
[application]
name = "inline"
${options.head ?? ''}
[[trigger.http]]
route = "/..."
component = "probe"

[component.probe]
source = "${PROBE_WASM}"
${options.component ?? ''}
${options.extra ?? ''}
`;
}

/** Write `toml` as a runtime config file in a new temp folder; returns its path. */
export function runtimeConfig(toml: string): string {
  const file = path.join(tempDir('runner-rc-'), 'runtime-config.toml');
  writeFileSync(file, toml);
  return file;
}

/** A runtime config that puts the `default` store on the Redis server at `url`. */
export const redisDefaultStore = (url: string): string => runtimeConfig(`[key_value_store.default]\ntype = "redis"\nurl = "${url}"\n`);
