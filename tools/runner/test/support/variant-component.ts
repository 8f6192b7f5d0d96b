// Builds a second, tiny real component for the hot-swap tests: a guest that
// answers every request with a fixed text, so a test can tell which code served
// a request. Built with the same tool as every TS component
// (edgewatch-build-component: esbuild, then componentize-js) in a temp folder
// whose node_modules points at the workspace's, where the build resolves the
// wasi:http world from.
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './fixture.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BUILD_COMPONENT = path.join(ROOT, 'tools/build/src/build-ts-component.ts');

/** Build a component answering `text` (200, text/plain) to every request; returns its wasm path. */
export async function buildTextComponent(text: string): Promise<string> {
  const dir = tempDir('runner-variant-');
  mkdirSync(path.join(dir, 'src'));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'hot-swap-variant', type: 'module', dependencies: { '@spinframework/wasi-http-proxy': '1.0.1' } }));
  writeFileSync(
    path.join(dir, 'src/index.guest.ts'),
    `addEventListener('fetch', (event: any) => event.respondWith(new Response(${JSON.stringify(text)}, { headers: { 'content-type': 'text/plain' } })));\n`,
  );
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await run(process.execPath, [BUILD_COMPONENT, '--entry', 'src/index.guest.ts', '--out', 'dist/variant.wasm'], { cwd: dir });
  return path.join(dir, 'dist/variant.wasm');
}
