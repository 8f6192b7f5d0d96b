// Turn a component's wasm into something a worker can instantiate quickly:
// transpiled once (cached on disk by content hash) into JS glue plus core
// modules; core modules compiled once here and shared with every worker; big
// memories split into a reusable image (see memory-image.ts).
//
// Transpiler: @bytecodealliance/jco-transpile 0.1.1, not the jco 1.35 the
// build uses: its glue costs a third as much per request (measured on the
// health route: ≈ 2.5 ms vs ≈ 7 ms of JS around ≈ 2.3 ms of wasm), because
// jco 1.35 wraps every host call in component-model-async task bookkeeping.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import { RunnerError } from '../errors.ts';
import { limitMemory } from './memory-limit.ts';
import { splitMemoryImage } from './memory-image.ts';

export interface MemoryImage {
  /** Initial contents, shared by all workers (read-only by convention). */
  image: Uint8Array;
  minPages: number;
  maxPages: number;
  /** Mutable globals exported for resets; set when instances of the module may be recycled. */
  recycle?: { globalExports: string[] };
}

export interface PreparedComponent {
  /** Absolute path of the ESM glue exporting `instantiate`. */
  glueFile: string;
  /** Core modules by the file name the glue asks for. */
  modules: Record<string, WebAssembly.Module>;
  /** Memory images of the core modules that import their memory (by file name). */
  images: Record<string, MemoryImage>;
  /** The component's imports and exports, as the transpiler reports them. */
  imports: string[];
  exports: string[];
  /** Milliseconds spent transpiling now; 0 when the cache had it. */
  transpileMs: number;
}

// Bump when the transpiler, its options or the glue patch change.
const CACHE_VERSION = 'jco-transpile-0.1.1-sync-4';

// The glue checks `process.env.JCO_DEBUG` on every host call; on Node that is a
// getenv per call. Debug logging is for jco's developers: compile it out.
const DEBUG_LOG = /const _debugLog = \(\.\.\.args\) => \{\s*if \(!globalThis\?\.process\?\.env\?\.JCO_DEBUG\) \{ return; \}\s*console\.debug\(\.\.\.args\);\s*\}/;

function patchGlue(source: string): string {
  return source.replace(DEBUG_LOG, 'const _debugLog = () => {}');
}

async function transpileToCache(bytes: Uint8Array, dir: string, wasmPath: string, owner?: string): Promise<void> {
  let output;
  try {
    output = await transpileBytes(bytes, { name: 'component', instantiation: 'sync', emitTypescriptDeclarations: false, nodejsCompat: false });
  } catch (error) {
    throw new RunnerError('COMPONENT_INVALID', `${wasmPath} is not a loadable wasm component: ${(error as Error).message}`, owner);
  }
  const staging = `${dir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(staging, { recursive: true });
  for (const [file, content] of Object.entries(output.files)) {
    if (file.endsWith('.d.ts')) continue;
    if (file === 'component.js') writeFileSync(path.join(staging, 'component.mjs'), patchGlue(new TextDecoder().decode(content)));
    else writeFileSync(path.join(staging, file), content);
  }
  writeFileSync(path.join(staging, 'meta.json'), JSON.stringify({ imports: output.imports, exports: output.exports.map(([n]) => n) }));
  try {
    renameSync(staging, dir);
  } catch {
    // Another process filled the cache first; its files are identical.
  }
}

function readSource(wasmPath: string, owner?: string): Buffer {
  try {
    return readFileSync(wasmPath);
  } catch {
    throw new RunnerError('COMPONENT_SOURCE_MISSING', `${wasmPath} does not exist; build it first (npm run build, or spin build)`, owner);
  }
}

const cacheDirOf = (bytes: Uint8Array, cacheRoot: string) => path.join(cacheRoot, createHash('sha256').update(CACHE_VERSION).update(bytes).digest('hex').slice(0, 32));

/**
 * Fill the transpile cache for `wasmPath` without compiling anything; resolves with the
 * milliseconds spent (0 when cached). Transpiling takes seconds of CPU: a running app calls
 * this on another thread (hot-swap/) so its HTTP thread keeps serving meanwhile.
 */
export async function transpileIntoCache(wasmPath: string, cacheRoot: string, owner?: string): Promise<number> {
  const bytes = readSource(wasmPath, owner);
  const dir = cacheDirOf(bytes, cacheRoot);
  if (existsSync(path.join(dir, 'meta.json'))) return 0;
  const started = performance.now();
  await transpileToCache(bytes, dir, wasmPath, owner);
  return performance.now() - started;
}

/** Transpile (or reuse the cache), compile the core modules and cap memory at `maxMemoryBytes`. */
export async function prepareComponent(wasmPath: string, cacheRoot: string, maxMemoryBytes: number, owner?: string): Promise<PreparedComponent> {
  const bytes = readSource(wasmPath, owner);
  const dir = cacheDirOf(bytes, cacheRoot);
  const started = performance.now();
  const cached = existsSync(path.join(dir, 'meta.json'));
  if (!cached) await transpileToCache(bytes, dir, wasmPath, owner);
  const transpileMs = cached ? 0 : performance.now() - started;
  const meta = JSON.parse(readFileSync(path.join(dir, 'meta.json'), 'utf8')) as { imports: string[]; exports: string[] };

  const modules: Record<string, WebAssembly.Module> = {};
  const images: Record<string, MemoryImage> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.wasm'))) {
    const core = readFileSync(path.join(dir, file));
    const split = splitMemoryImage(core, maxMemoryBytes);
    if (split) {
      // Shared memory lets every worker read the same image without a copy.
      const shared = new Uint8Array(new SharedArrayBuffer(split.image.length));
      shared.set(split.image);
      images[file] = {
        image: shared,
        minPages: split.minPages,
        maxPages: split.maxPages,
        ...(split.recyclable ? { recycle: { globalExports: split.globalExports } } : {}),
      };
    }
    modules[file] = await WebAssembly.compile((split ? split.wasm : limitMemory(core, maxMemoryBytes)) as Uint8Array<ArrayBuffer>);
  }
  return { glueFile: path.join(dir, 'component.mjs'), modules, images, imports: meta.imports, exports: meta.exports, transpileMs };
}
