// The stored scoring state of one series: which detector on which engine, the
// frontier cursor and the detector's own bytes, in one value (replaced whole,
// never merged).

export interface ScoringState {
  detector: string;
  /** The DetectorEngine that wrote `bytes` (`ts`, `wasm`): their formats differ. */
  engine: string;
  cursor: string;
  bytes: Uint8Array;
}

const MAGIC = 0x45575331; // "EWS1"

/** Encode: magic, header length, JSON header {detector, engine, cursor}, detector bytes. */
export function encodeState(state: ScoringState): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ detector: state.detector, engine: state.engine, cursor: state.cursor }));
  const out = new Uint8Array(8 + header.length + state.bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, header.length);
  out.set(header, 8);
  out.set(state.bytes, 8 + header.length);
  return out;
}

/** Decode, or undefined for no value; a value of another format is treated as no state. */
export function decodeState(value: Uint8Array | undefined): ScoringState | undefined {
  if (!value || value.length < 8) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (view.getUint32(0) !== MAGIC) return undefined;
  const length = view.getUint32(4);
  const header = JSON.parse(new TextDecoder().decode(value.subarray(8, 8 + length))) as { detector: string; engine?: string; cursor: string };
  // Values written before engines existed hold TS detector state.
  return { detector: header.detector, engine: header.engine ?? 'ts', cursor: header.cursor, bytes: value.slice(8 + length) };
}
