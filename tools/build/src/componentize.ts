// Step 2 of a TS component build: componentize-js through build-tools' `j2w`.
// j2w exits 0 even when it fails, so success is judged by the output file.
import { spawnSync } from 'node:child_process';
import { statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Turn `bundle` into a wasm component at `output`; throws with j2w's output on failure. */
export function componentizeBundle(appDir: string, bundle: string, output: string): number {
  const j2w = path.join(path.dirname(require.resolve('@spinframework/build-tools/package.json')), 'dist/index.js');
  const outputPath = path.resolve(appDir, output);
  rmSync(outputPath, { force: true });
  // j2w keeps a checksum file beside the bundle and skips work when nothing changed;
  // Nx caching already covers that, and a removed output must always be rebuilt.
  rmSync(`${path.resolve(appDir, bundle)}.buildData.json`, { force: true });
  const run = spawnSync(process.execPath, [j2w, '-i', bundle, '-o', output], { cwd: appDir, encoding: 'utf8' });
  let size = 0;
  try {
    size = statSync(outputPath).size;
  } catch {
    size = 0;
  }
  if (run.status !== 0 || size === 0) {
    throw new Error(`componentize failed for ${bundle} (no ${output} written):\n${run.stdout}${run.stderr}`);
  }
  return size;
}
