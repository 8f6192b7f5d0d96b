// Turn a component's wasm into something a worker can instantiate quickly:
// jco transpiles it once (cached on disk by content hash) into JS glue plus core
// modules; the core modules are compiled once here and shared with every worker.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transpile } from '@bytecodealliance/jco';
import { RunnerError } from '../errors.ts';
import { limitMemory } from './memory-limit.ts';

export interface PreparedComponent {
  /** Absolute path of the ESM glue exporting `instantiate`. */
  glueFile: string;
  /** Core modules by the file name the glue asks for. */
  modules: Record<string, WebAssembly.Module>;
  /** The component's imports and exports, as jco reports them. */
  imports: string[];
  exports: string[];
}

// Bump when the transpile options change, so stale caches are not reused.
const CACHE_VERSION = 'jco-1.35.0-sync-2';

/** Transpile (or reuse the cache) and compile the core modules, capping memory at `maxMemoryBytes`. */
export async function prepareComponent(wasmPath: string, cacheRoot: string, maxMemoryBytes: number, owner?: string): Promise<PreparedComponent> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(wasmPath);
  } catch {
    throw new RunnerError('COMPONENT_SOURCE_MISSING', `${wasmPath} does not exist; build it first (npm run build, or spin build)`, owner);
  }
  const hash = createHash('sha256').update(CACHE_VERSION).update(bytes).digest('hex').slice(0, 32);
  const dir = path.join(cacheRoot, hash);
  const metaFile = path.join(dir, 'meta.json');
  if (!existsSync(metaFile)) {
    let output;
    try {
      output = await transpile(bytes, { name: 'component', instantiation: 'sync', noTypescript: true, nodejsCompat: false });
    } catch (error) {
      throw new RunnerError('COMPONENT_INVALID', `${wasmPath} is not a loadable wasm component: ${(error as Error).message}`, owner);
    }
    const staging = `${dir}.tmp-${process.pid}`;
    mkdirSync(staging, { recursive: true });
    for (const [name, content] of Object.entries(output.files)) {
      if (name.endsWith('.d.ts')) continue;
      const target = path.join(staging, name === 'component.js' ? 'component.mjs' : name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, content);
    }
    writeFileSync(path.join(staging, 'meta.json'), JSON.stringify({ imports: output.imports, exports: output.exports.map(([name]) => name) }));
    try {
      renameSync(staging, dir);
    } catch {
      // Another process filled the cache first; theirs is identical.
    }
  }
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { imports: string[]; exports: string[] };
  const modules: Record<string, WebAssembly.Module> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
    modules[file] = await WebAssembly.compile(limitMemory(readFileSync(path.join(dir, file)), maxMemoryBytes) as Uint8Array<ArrayBuffer>);
  }
  return { glueFile: path.join(dir, 'component.mjs'), modules, imports: meta.imports, exports: meta.exports };
}
