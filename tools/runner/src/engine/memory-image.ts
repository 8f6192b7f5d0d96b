// Fast fresh instances, the way wasmtime's pooling allocator does it: instead
// of letting every instantiation allocate a new linear memory and replay the
// data segments (≈ 9 MB for a StarlingMonkey component, most of the cost of a
// fresh instance), the module is rewritten once to import its memory, the data
// segments are applied once to an "image", and each instance gets a recycled
// memory reset to that image. The guest sees exactly the state a fresh
// instantiation would give it.
import { insertSection, name, readS32, readSections, readU32, u32, writeSections, type Section } from './wasm-sections.ts';

export const IMAGE_IMPORT = { module: 'edgewatch:runner', name: 'memory' } as const;
const PAGE = 65536;

export interface MemoryImageModule {
  /** The module, importing its memory as IMAGE_IMPORT instead of defining it. */
  wasm: Uint8Array;
  /** Names under which the module's mutable globals are exported (for instance recycling). */
  globalExports: string[];
  /**
   * Whether an instance can be reset and reused in place of a new one: only
   * function imports, no start function, no passive data, no exported tables —
   * so memory and mutable globals are all the state there is.
   */
  recyclable: boolean;
  /** Initial memory contents (min pages, data segments applied). */
  image: Uint8Array;
  minPages: number;
  maxPages: number;
}

function concat(chunks: (number[] | Uint8Array)[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Rewrite `wasm` so its memory comes from outside and its active data segments
 * become an image; undefined when the module does not fit the pattern (no or
 * several defined memories, imported memory, non-constant segment offsets).
 */
export function splitMemoryImage(wasm: Uint8Array, maxBytes: number): MemoryImageModule | undefined {
  const sections = readSections(wasm);
  const memory = sections.find((s) => s.id === 5);
  if (!memory) return undefined;
  const [count, limitsAt] = readU32(memory.body, 0);
  const flags = memory.body[limitsAt]!;
  if (count !== 1 || flags > 0x01) return undefined;
  const [minPages, afterMin] = readU32(memory.body, limitsAt + 1);
  const declaredMax = flags & 0x01 ? readU32(memory.body, afterMin)[0] : Infinity;
  const maxPages = Math.min(declaredMax, Math.floor(maxBytes / PAGE));
  if (minPages > maxPages) return undefined;

  // Imported memories would shift memory indices; only handle modules with none.
  const imports = sections.find((s) => s.id === 2);
  let importCount = 0;
  let importedGlobals = 0;
  let onlyFunctionImports = true;
  let importEntries: Uint8Array = new Uint8Array();
  if (imports) {
    let offset: number;
    [importCount, offset] = readU32(imports.body, 0);
    importEntries = imports.body.subarray(offset);
    for (let i = 0, o = offset; i < importCount; i++) {
      const [moduleLen, m] = readU32(imports.body, o);
      const [nameLen, n] = readU32(imports.body, m + moduleLen);
      const kind = imports.body[n + nameLen]!;
      if (kind === 0x02) return undefined;
      if (kind === 0x03) importedGlobals++;
      if (kind !== 0x00) onlyFunctionImports = false;
      o = skipImportDesc(imports.body, n + nameLen);
    }
  }

  const image = new Uint8Array(minPages * PAGE);
  const data = sections.find((s) => s.id === 11);
  const keptSegments: Uint8Array[] = [];
  if (data) {
    const [segments, first] = readU32(data.body, 0);
    let offset = first;
    for (let i = 0; i < segments; i++) {
      const start = offset;
      const [segFlags, afterFlags] = readU32(data.body, offset);
      offset = afterFlags;
      if (segFlags === 1) {
        const [len, bytesAt] = readU32(data.body, offset);
        offset = bytesAt + len;
        keptSegments.push(data.body.subarray(start, offset));
        continue;
      }
      if (segFlags === 2) {
        const [memIndex, afterIndex] = readU32(data.body, offset);
        if (memIndex !== 0) return undefined;
        offset = afterIndex;
      } else if (segFlags !== 0) return undefined;
      if (data.body[offset] !== 0x41) return undefined; // offset must be i32.const
      const [at, afterConst] = readS32(data.body, offset + 1);
      if (data.body[afterConst] !== 0x0b) return undefined;
      const [len, bytesAt] = readU32(data.body, afterConst + 1);
      if (at < 0 || at + len > image.length) return undefined;
      image.set(data.body.subarray(bytesAt, bytesAt + len), at >>> 0);
      offset = bytesAt + len;
    }
  }

  const { exportSection, globalExports, exportsTable } = exportMutableGlobals(sections, importedGlobals);
  const recyclable = onlyFunctionImports && !sections.some((s) => s.id === 8) && keptSegments.length === 0 && !exportsTable;

  const memoryImport = concat([name(IMAGE_IMPORT.module), name(IMAGE_IMPORT.name), [0x02, 0x01, ...u32(minPages), ...u32(maxPages)]]);
  let out: Section[] = sections.filter((s) => s.id !== 5 && s.id !== 2 && s.id !== 11 && s.id !== 12 && s.id !== 7);
  out = insertSection(out, { id: 7, body: exportSection });
  out = insertSection(out, { id: 2, body: concat([u32(importCount + 1), importEntries, memoryImport]) });
  if (sections.some((s) => s.id === 12)) out = insertSection(out, { id: 12, body: new Uint8Array(u32(keptSegments.length)) });
  out = insertSection(out, { id: 11, body: concat([u32(keptSegments.length), ...keptSegments]) });
  return { wasm: writeSections(out), image, minPages, maxPages, globalExports, recyclable };
}

const GLOBAL_EXPORT_PREFIX = 'edgewatch:global:';

// Skip a constant expression (global initialiser) up to and including its `end`.
function skipConstExpr(body: Uint8Array, at: number): number {
  let o = at;
  for (;;) {
    const op = body[o++]!;
    if (op === 0x0b) return o;
    if (op === 0x41 || op === 0x42 || op === 0x23 || op === 0xd2) o = readU32(body, o)[1];
    else if (op === 0x43) o += 4;
    else if (op === 0x44) o += 8;
    else if (op === 0xd0) o += 1;
    else if (op === 0x6a || op === 0x6b || op === 0x6c || op === 0x7c || op === 0x7d || op === 0x7e) continue;
    else throw new Error(`unsupported opcode 0x${op.toString(16)} in a global initialiser`);
  }
}

/** The export section plus one export per mutable defined global; also whether a table is exported. */
function exportMutableGlobals(sections: Section[], importedGlobals: number) {
  const exports = sections.find((s) => s.id === 7);
  let count = 0;
  let entries: Uint8Array = new Uint8Array();
  let exportsTable = false;
  if (exports) {
    let o: number;
    [count, o] = readU32(exports.body, 0);
    entries = exports.body.subarray(o);
    for (let i = 0; i < count; i++) {
      const [len, n] = readU32(exports.body, o);
      const kind = exports.body[n + len]!;
      if (kind === 0x01) exportsTable = true;
      o = readU32(exports.body, n + len + 1)[1];
    }
  }
  const added: number[][] = [];
  const globalExports: string[] = [];
  const globals = sections.find((s) => s.id === 6);
  if (globals) {
    const [n, first] = readU32(globals.body, 0);
    let o = first;
    for (let i = 0; i < n; i++) {
      const mutable = globals.body[o + 1] === 0x01;
      o = skipConstExpr(globals.body, o + 2);
      if (!mutable) continue;
      const exportName = `${GLOBAL_EXPORT_PREFIX}${i}`;
      globalExports.push(exportName);
      added.push([...name(exportName), 0x03, ...u32(importedGlobals + i)]);
    }
  }
  return { exportSection: concat([u32(count + added.length), entries, ...added]), globalExports, exportsTable };
}

// Skip one import descriptor starting at its kind byte; returns the next entry's offset.
function skipImportDesc(body: Uint8Array, at: number): number {
  const kind = body[at]!;
  let o = at + 1;
  switch (kind) {
    case 0x00: // func: type index
      return readU32(body, o)[1];
    case 0x01: {
      // table: reftype + limits
      o += 1;
      const limitFlags = body[o++]!;
      o = readU32(body, o)[1];
      return limitFlags & 0x01 ? readU32(body, o)[1] : o;
    }
    case 0x03: // global: valtype + mutability
      return o + 2;
    case 0x04: // tag: attribute + type index
      return readU32(body, o + 1)[1];
    default:
      throw new Error(`unknown import kind ${kind}`);
  }
}

/** Recycled memories for one image; `take` gives a memory reset to the image. */
export class MemoryPool {
  /** The initial contents every memory is reset to. */
  get image(): Uint8Array {
    return this.#image;
  }
  readonly #image: Uint8Array;
  readonly #minPages: number;
  readonly #maxPages: number;
  readonly #free: WebAssembly.Memory[] = [];

  constructor(module: Pick<MemoryImageModule, 'image' | 'minPages' | 'maxPages'>) {
    this.#image = module.image;
    this.#minPages = module.minPages;
    this.#maxPages = module.maxPages;
  }

  /** A memory in the image's initial state. */
  take(): WebAssembly.Memory {
    const memory = this.#free.pop() ?? new WebAssembly.Memory({ initial: this.#minPages, maximum: this.#maxPages });
    new Uint8Array(memory.buffer).set(this.#image);
    return memory;
  }

  /** Give a memory back once its instance is done. A memory that grew is dropped: it cannot shrink. */
  give(memory: WebAssembly.Memory): void {
    if (memory.buffer.byteLength === this.#image.length && this.#free.length < 8) this.#free.push(memory);
  }
}
