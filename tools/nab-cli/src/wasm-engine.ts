// The wasm engine in Node: the built `anomaly` component (rust-kernels/dist/anomaly.wasm)
// transpiled with jco and imported (as tools/bench loads it), so the NAB harness and the
// parity tests run the exact wasm the inference component links, through the canonical
// ABI like any JS host. The guest-safe adapter from WIT to DetectorEngine is shared with
// the component (@edgewatch/kernels).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DetectorEngine } from '@edgewatch/detectors';
import { witDetectorEngine, type WitScoreBatch } from '@edgewatch/kernels';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The component the inference app depends on (spin.toml), built by rust-kernels/scripts/build.mjs. */
export const ANOMALY_COMPONENT = join(REPO_ROOT, 'rust-kernels', 'dist', 'anomaly.wasm');
/** The command that builds it, for error messages. */
export const BUILD_COMMAND = 'node rust-kernels/scripts/build.mjs anomaly';
const TRANSPILE_DIR = join(REPO_ROOT, 'rust-kernels', 'target', 'transpiled');

/** The component cannot serve as the wasm engine; the message names the fix in one line. */
export class WasmEngineUnavailable extends Error {}

interface AnomalyExports {
  detectors?: { names(): string[]; scoreBatch: WitScoreBatch };
}

/** Transpile (once per distinct build) and import the component's JS bindings. */
async function importComponent(bytes: Buffer): Promise<AnomalyExports> {
  const stamp = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  // One folder per build: Node caches modules by URL, so a rebuilt component gets a new one.
  const dir = join(TRANSPILE_DIR, `anomaly-${stamp}`);
  const entry = join(dir, 'anomaly.js');
  if (!existsSync(entry)) {
    const { transpile } = await import('@bytecodealliance/jco');
    const { files } = await transpile(bytes, { name: 'anomaly', quiet: true });
    // Written aside and renamed, so parallel test workers never import a half-written folder.
    const tmp = `${dir}.tmp-${process.pid}`;
    for (const [file, data] of Object.entries(files)) {
      mkdirSync(dirname(join(tmp, file)), { recursive: true });
      writeFileSync(join(tmp, file), data);
    }
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process won the race
    }
  }
  return (await import(pathToFileURL(entry).href)) as AnomalyExports;
}

/** The names the component's detectors interface accepts, and the engine over it. */
export interface LoadedWasmEngine {
  engine: DetectorEngine;
  names: string[];
  /** The component file it runs. */
  path: string;
}

/** Load the Rust detectors from the built component; throws WasmEngineUnavailable naming the build command. */
export async function loadWasmDetectorEngine(path = ANOMALY_COMPONENT): Promise<LoadedWasmEngine> {
  const shown = relative(process.cwd(), path) || path;
  if (!existsSync(path)) throw new WasmEngineUnavailable(`${shown} is not built; run: ${BUILD_COMMAND}`);
  const exports = await importComponent(readFileSync(path));
  if (!exports.detectors) throw new WasmEngineUnavailable(`${shown} predates the detectors interface; rebuild it: ${BUILD_COMMAND}`);
  return { engine: witDetectorEngine(exports.detectors.scoreBatch), names: exports.detectors.names(), path };
}
