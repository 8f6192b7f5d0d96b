// CBOR SenML (RFC 8428 §6, application/senml+cbor): integer labels are mapped
// back to their JSON names so one resolver serves both representations.
import { Decoder } from 'cbor-x';
import { SENML_LABELS } from './model.ts';

const JSON_LABEL_OF = new Map<number, string>(Object.entries(SENML_LABELS).map(([name, label]) => [label, name]));
// Maps stay Maps so integer keys survive; records (cbor-x's own extension) stay off.
const decoder = new Decoder({ mapsAsObjects: false, useRecords: false });

/** The body is not well-formed CBOR SenML at all (as opposed to a bad record). */
export class SenmlDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SenmlDecodeError';
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function recordFromMap(map: unknown): unknown {
  if (!(map instanceof Map)) return map; // the resolver refuses non-records with their index
  const record: Record<string, unknown> = {};
  for (const [key, value] of map) {
    // Unregistered integer labels keep a visible name; string labels pass through (extensions, `_` rule).
    const label = typeof key === 'number' ? (JSON_LABEL_OF.get(key) ?? `cbor-label(${key})`) : String(key);
    record[label] = label === 'vd' && value instanceof Uint8Array ? toBase64Url(value) : value;
  }
  return record;
}

/** Decode a CBOR SenML pack into records with JSON labels (vd as base64url), ready for `resolveSenmlRecords`. */
export function decodeSenmlCbor(bytes: Uint8Array): unknown {
  let decoded: unknown;
  try {
    decoded = decoder.decode(bytes);
  } catch (error) {
    throw new SenmlDecodeError(`the body is not valid CBOR: ${(error as Error).message}`);
  }
  if (!Array.isArray(decoded)) throw new SenmlDecodeError('a CBOR SenML pack is an array of maps');
  return decoded.map(recordFromMap);
}
