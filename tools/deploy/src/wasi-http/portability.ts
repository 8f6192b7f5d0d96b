// Which of the app's components run on any wasi:http host (wasmtime serve, jco
// serve, preview2-shim's HTTPServer, other clouds): those that export
// wasi:http/incoming-handler and import nothing but wasi:* interfaces. Read from
// each component's own WIT with jco, not from what we believe we built.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { componentWit } from '@bytecodealliance/jco';
import type { SpinToml } from '../manifest/spin-toml.ts';

/** A component's world: the interfaces it imports and exports. */
export interface ComponentWorld {
  imports: string[];
  exports: string[];
}

/** The verdict on one component, with the reasons when it is not portable. */
export interface Portability extends ComponentWorld {
  component: string;
  /** Absolute path of the component's wasm. */
  file: string;
  portable: boolean;
  /** Why not, when not: the non-wasi imports, or the missing export. */
  blockers: string[];
}

const INCOMING_HANDLER = /^wasi:http\/incoming-handler@0\.2\.\d+$/;

/** Imports and exports of a component's world, e.g. `fermyon:spin/key-value@2.0.0`. */
export async function componentWorld(bytes: Uint8Array): Promise<ComponentWorld> {
  const wit = await componentWit(bytes);
  // The component's own world is the last `world` in the printed WIT.
  const world = wit.slice(wit.lastIndexOf('\nworld ') + 1);
  const names = (kind: 'import' | 'export') => [...world.matchAll(new RegExp(`^\\s*${kind} ([^\\s;{]+?)(?:;|:\\s)`, 'gm'))].map((m) => m[1]!.trim());
  return { imports: names('import'), exports: names('export') };
}

/** Judge one component's wasm. */
export async function judgeComponent(component: string, file: string): Promise<Portability> {
  const world = await componentWorld(readFileSync(file));
  const blockers = world.imports.filter((i) => !i.startsWith('wasi:')).map((i) => `imports ${i}`);
  if (!world.exports.some((e) => INCOMING_HANDLER.test(e))) blockers.push('does not export wasi:http/incoming-handler');
  return { component, file, ...world, portable: blockers.length === 0, blockers };
}

/** Judge every component of a spin.toml (local sources only). */
export async function judgeApp(spin: SpinToml): Promise<Portability[]> {
  const results: Portability[] = [];
  for (const [id, c] of Object.entries(spin.doc.component ?? {})) {
    if (typeof c.source !== 'string') continue;
    results.push(await judgeComponent(id, path.resolve(spin.appDir, c.source)));
  }
  return results;
}
