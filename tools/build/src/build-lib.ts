#!/usr/bin/env node
// CLI: `build` of a shared lib — bundle its entry for the guest (platform
// neutral, no Node built-ins) to prove it can run inside a Spin component.
// Libs are consumed as source; the bundle in dist/ is the check, not an artifact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const libDir = process.cwd();
const pkg = JSON.parse(readFileSync(path.join(libDir, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, string> };
const workspaceRoot = path.resolve(import.meta.dirname, '../../..');
// Guest entries import WIT interfaces the host provides; those stay external.
const external = ['fermyon:*', 'wasi:*', 'edgewatch:*'];

try {
  const entries = Object.entries(pkg.exports ?? { '.': './src/index.ts' });
  for (const [subpath, entry] of entries) {
    const name = subpath === '.' ? 'index' : subpath.replace(/^\.\//, '');
    await build({
      entryPoints: [path.resolve(libDir, entry)],
      outfile: path.join(libDir, 'dist', `${name}.js`),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      tsconfig: path.join(workspaceRoot, 'tsconfig.base.json'),
      external,
      logLevel: 'error',
    });
  }
  console.log(`${pkg.name}: guest bundle ok (${entries.length} entr${entries.length === 1 ? 'y' : 'ies'})`);
} catch (error) {
  console.error(`edgewatch-build-lib: ${pkg.name} cannot be bundled for a Spin component: ${(error as Error).message.split('\n')[0]}`);
  process.exit(1);
}
