// Compact binary encoding of detector state: little-endian scalars and typed arrays behind
// a tag, so a series' state can be parked in a key-value store between requests.

const MAGIC = 0x31575745; // "EWW1" little-endian: edgewatch state, format 1

/** Appends scalars and arrays to a growing byte buffer; `finish()` returns the bytes. */
export class StateWriter {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private at = 0;

  /** Start a state blob for the detector named `tag`. */
  constructor(tag: string) {
    this.u32(MAGIC);
    this.text(tag);
  }

  private reserve(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes);
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  /** Write an unsigned 32-bit integer. */
  u32(v: number): this {
    this.reserve(4);
    this.view.setUint32(this.at, v, true);
    this.at += 4;
    return this;
  }

  /** Write a float64 exactly. */
  f64(v: number): this {
    this.reserve(8);
    this.view.setFloat64(this.at, v, true);
    this.at += 8;
    return this;
  }

  /** Write a length-prefixed ASCII string. */
  text(s: string): this {
    this.u32(s.length);
    this.reserve(s.length);
    for (let i = 0; i < s.length; i++) this.bytes[this.at++] = s.charCodeAt(i) & 0x7f;
    return this;
  }

  /** Write a length-prefixed Float32Array. */
  f32s(a: Float32Array): this {
    this.u32(a.length);
    this.reserve(a.length * 4);
    for (let i = 0; i < a.length; i++, this.at += 4) this.view.setFloat32(this.at, a[i]!, true);
    return this;
  }

  /** Write a length-prefixed Float64Array. */
  f64s(a: Float64Array): this {
    this.u32(a.length);
    this.reserve(a.length * 8);
    for (let i = 0; i < a.length; i++, this.at += 8) this.view.setFloat64(this.at, a[i]!, true);
    return this;
  }

  /** Write a length-prefixed nested blob (an ensemble member's state). */
  blob(b: Uint8Array): this {
    this.u32(b.length);
    this.reserve(b.length);
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }

  /** The encoded bytes (a copy sized to fit). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.at);
  }
}

/** Reads what a StateWriter wrote, refusing truncated or foreign blobs with a RangeError. */
export class StateReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  /** Open `bytes` and check they hold state written for detector `tag`. */
  constructor(bytes: Uint8Array, tag: string) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 8 || this.u32() !== MAGIC) throw new RangeError('detector state: not an edgewatch state blob');
    const found = this.text();
    if (found !== tag) throw new RangeError(`detector state: written by "${found}", cannot restore as "${tag}"`);
  }

  private need(n: number): void {
    if (this.at + n > this.view.byteLength) throw new RangeError('detector state: truncated');
  }

  /** Read an unsigned 32-bit integer. */
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, true);
    this.at += 4;
    return v;
  }

  /** Read a float64. */
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.at, true);
    this.at += 8;
    return v;
  }

  /** Read a length-prefixed string. */
  text(): string {
    const n = this.u32();
    this.need(n);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.at++]!);
    return s;
  }

  /** Read a Float32Array, checking its length when one is expected. */
  f32s(expected?: number): Float32Array {
    const n = this.u32();
    if (expected !== undefined && n !== expected) throw new RangeError(`detector state: array of ${n}, expected ${expected}`);
    this.need(n * 4);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, this.at += 4) out[i] = this.view.getFloat32(this.at, true);
    return out;
  }

  /** Read a Float64Array, checking its length when one is expected. */
  f64s(expected?: number): Float64Array {
    const n = this.u32();
    if (expected !== undefined && n !== expected) throw new RangeError(`detector state: array of ${n}, expected ${expected}`);
    this.need(n * 8);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++, this.at += 8) out[i] = this.view.getFloat64(this.at, true);
    return out;
  }

  /** Read a nested blob. */
  blob(): Uint8Array {
    const n = this.u32();
    this.need(n);
    const out = this.bytes.slice(this.at, this.at + n);
    this.at += n;
    return out;
  }

  /** Throw unless every byte was consumed (catches a format mismatch early). */
  end(): void {
    if (this.at !== this.view.byteLength) throw new RangeError('detector state: trailing bytes');
  }
}
