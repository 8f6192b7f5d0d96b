// `edgewatch dev`'s watcher on a temporary tree: one batch per burst of writes,
// build output and editor droppings left out, single files (spin.toml) seen
// through their folder even when an editor replaces them.
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isWatchedSource, watchSources } from '../src/dev/watch-sources.ts';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A temp workspace with apps/a/src, apps/a/dist and a spin.toml; returns its root and a batch collector. */
function workspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-dev-watch-'));
  mkdirSync(path.join(root, 'apps/a/src'), { recursive: true });
  mkdirSync(path.join(root, 'apps/a/dist'), { recursive: true });
  writeFileSync(path.join(root, 'spin.toml'), 'spin_manifest_version = 2\n');
  const batches: string[][] = [];
  const watcher = watchSources({ root, folders: ['apps', 'libs'], files: [path.join(root, 'spin.toml')], debounceMs: 150, onBatch: (files) => batches.push(files) });
  closers.push(watcher.close);
  return { root, batches, watcher };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('dev: watching sources', () => {
  it('ignores_build_output_dependencies_caches_and_editor_files', () => {
    expect(isWatchedSource('apps/ingest/src/app.ts')).toBe(true);
    expect(isWatchedSource('rust-kernels/anomaly/src/lib.rs')).toBe(true);
    for (const file of ['apps/ingest/dist/ingest.wasm', 'libs/senml/node_modules/x/index.js', 'rust-kernels/target/debug/x', 'apps/a/src/app.ts~', 'apps/a/src/.app.ts.swp', 'apps/a/test/sedAb12Cd', 'apps/dashboard/src/web-assets.generated.ts']) {
      expect(isWatchedSource(file), file).toBe(false);
    }
  });

  it('delivers_a_burst_of_writes_as_one_batch_without_build_output', async () => {
    const { root, batches, watcher } = workspace();
    // libs/ does not exist here: skipped, not an error.
    expect(watcher.folders).toEqual(['apps']);
    writeFileSync(path.join(root, 'apps/a/src/one.ts'), 'export const one = 1;\n');
    writeFileSync(path.join(root, 'apps/a/src/two.ts'), 'export const two = 2;\n');
    writeFileSync(path.join(root, 'apps/a/dist/a.wasm'), 'output');
    await until(() => batches.length > 0);
    // Let a second debounce period pass: nothing more may arrive.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(batches).toEqual([['apps/a/src/one.ts', 'apps/a/src/two.ts']]);
  });

  it('sees_a_manifest_replaced_by_rename_as_an_editor_saves_it', async () => {
    const { root, batches } = workspace();
    writeFileSync(path.join(root, 'spin.toml.new'), 'spin_manifest_version = 2\n# edited\n');
    renameSync(path.join(root, 'spin.toml.new'), path.join(root, 'spin.toml'));
    await until(() => batches.length > 0);
    expect(batches[0]).toEqual(['spin.toml']);
  });
});
