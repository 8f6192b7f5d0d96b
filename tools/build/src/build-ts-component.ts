#!/usr/bin/env node
// CLI: build the TS Spin component in the current package folder.
//   edgewatch-build-component [--entry src/index.guest.ts] [--out dist/<name>.wasm]
// Called by each app's `build` script, which Nx caches.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleComponent } from './bundle.ts';
import { componentizeBundle } from './componentize.ts';

const appDir = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(appDir, 'package.json'), 'utf8')) as { name: string };
const shortName = pkg.name.replace(/^@edgewatch\/app-/, '');
const { values } = parseArgs({
  options: {
    entry: { type: 'string', default: 'src/index.guest.ts' },
    out: { type: 'string', default: `dist/${shortName}.wasm` },
  },
});
const workspaceRoot = path.resolve(import.meta.dirname, '../../..');
const bundlePath = 'dist/bundle.js';

try {
  const started = performance.now();
  const bundleBytes = await bundleComponent({
    appDir,
    entry: values.entry!,
    outfile: bundlePath,
    tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
  });
  const bundled = performance.now();
  const wasmBytes = componentizeBundle(appDir, bundlePath, values.out!);
  const done = performance.now();
  console.log(
    `${shortName}: bundle ${(bundleBytes / 1024).toFixed(0)} KiB in ${(bundled - started).toFixed(0)} ms, ` +
      `component ${(wasmBytes / 1048576).toFixed(1)} MiB in ${((done - bundled) / 1000).toFixed(1)} s -> ${values.out}`,
  );
} catch (error) {
  console.error(`edgewatch-build-component: ${(error as Error).message}`);
  process.exit(1);
}
