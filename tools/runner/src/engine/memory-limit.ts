// Cap a core module's linear memory by rewriting the maximum in its memory
// section. A guest that grows past the cap gets -1 from memory.grow and traps,
// which the runner reports as a 500 — instead of taking the process down.
// Hand-written (with wasm-sections.ts) because no maintained npm library edits
// one limits field in place; the change is a few bytes of LEB128 in one section.

import { readU32 as readLeb, u32 as writeLeb } from './wasm-sections.ts';

const PAGE = 65536;

/** A copy of `wasm` whose defined 32-bit memories have maximum `maxBytes` (unchanged when none is defined). */
export function limitMemory(wasm: Uint8Array, maxBytes: number): Uint8Array {
  const maxPages = Math.floor(maxBytes / PAGE);
  let offset = 8;
  while (offset < wasm.length) {
    const id = wasm[offset]!;
    const [size, bodyStart] = readLeb(wasm, offset + 1);
    const bodyEnd = bodyStart + size;
    if (id === 5) {
      const [count, first] = readLeb(wasm, bodyStart);
      const body: number[] = writeLeb(count);
      let cursor = first;
      for (let i = 0; i < count; i++) {
        const flags = wasm[cursor]!;
        if (flags > 0x03) return wasm; // memory64 or unknown flags: leave as is
        const [min, afterMin] = readLeb(wasm, cursor + 1);
        let next = afterMin;
        let max = maxPages;
        if (flags & 0x01) {
          const [declared, afterMax] = readLeb(wasm, afterMin);
          max = Math.min(declared, maxPages);
          next = afterMax;
        }
        if (min > max) throw new Error(`the module needs ${(min * PAGE) / 1048576} MiB of memory at start, above the ${maxBytes / 1048576} MiB cap`);
        body.push(flags | 0x01, ...writeLeb(min), ...writeLeb(max));
        cursor = next;
      }
      const section = [5, ...writeLeb(body.length), ...body];
      const out = new Uint8Array(offset + section.length + (wasm.length - bodyEnd));
      out.set(wasm.subarray(0, offset), 0);
      out.set(section, offset);
      out.set(wasm.subarray(bodyEnd), offset + section.length);
      return out;
    }
    offset = bodyEnd;
  }
  return wasm;
}
