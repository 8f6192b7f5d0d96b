// Minimal WebAssembly binary reading/writing: split a module into sections and
// put it back, plus LEB128. Just enough for the runner's two module rewrites
// (memory cap, memory image); hand-written because those rewrites touch a few
// bytes and no maintained npm library offers section-level editing.

export interface Section {
  id: number;
  body: Uint8Array;
}

/** Read an unsigned LEB128; returns [value, next offset]. */
export function readU32(bytes: Uint8Array, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[offset++]!;
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, offset];
}

/** Read a signed LEB128 (i32.const immediates); returns [value, next offset]. */
export function readS32(bytes: Uint8Array, offset: number): [number, number] {
  let result = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[offset++]!;
    result |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  if (shift < 32 && byte & 0x40) result |= -1 << shift;
  return [result, offset];
}

/** Encode an unsigned LEB128. */
export function u32(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** Encode a name (length-prefixed UTF-8). */
export function name(text: string): number[] {
  const bytes = new TextEncoder().encode(text);
  return [...u32(bytes.length), ...bytes];
}

/** Split a module into its sections (the 8-byte header is implied). */
export function readSections(wasm: Uint8Array): Section[] {
  const sections: Section[] = [];
  let offset = 8;
  while (offset < wasm.length) {
    const id = wasm[offset]!;
    const [size, start] = readU32(wasm, offset + 1);
    sections.push({ id, body: wasm.subarray(start, start + size) });
    offset = start + size;
  }
  return sections;
}

/** Reassemble a module from sections. */
export function writeSections(sections: Section[]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])];
  for (const section of sections) {
    parts.push(new Uint8Array([section.id, ...u32(section.body.length)]), section.body);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// Canonical order of known sections (custom sections, id 0, keep their place).
const ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

/** Insert a section where the binary format requires it. */
export function insertSection(sections: Section[], section: Section): Section[] {
  const rank = ORDER.indexOf(section.id);
  const index = sections.findIndex((s) => s.id !== 0 && ORDER.indexOf(s.id) > rank);
  const out = [...sections];
  out.splice(index < 0 ? out.length : index, 0, section);
  return out;
}
