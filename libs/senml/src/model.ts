// The SenML data model (RFC 8428 §4): field labels for JSON and CBOR, the shape
// of a pack as received and of a resolved record, and the refusal error type.

/** Highest SenML version this implementation understands (RFC 8428 defines 10). */
export const SUPPORTED_SENML_VERSION = 10;

/** Below this a resolved time is relative to "now" (RFC 8428 §4.5.3: 2**28 seconds). */
export const RELATIVE_TIME_LIMIT = 2 ** 28;

/** JSON labels of the fields RFC 8428 defines, with the CBOR integer label of each (§6, Table 4). */
export const SENML_LABELS = {
  bver: -1,
  bn: -2,
  bt: -3,
  bu: -4,
  bv: -5,
  bs: -6,
  n: 0,
  u: 1,
  v: 2,
  vs: 3,
  vb: 4,
  s: 5,
  t: 6,
  ut: 7,
  vd: 8,
} as const;

/** A JSON label RFC 8428 defines. */
export type SenmlLabel = keyof typeof SENML_LABELS;

/** One record as it arrives (JSON labels); extension fields are kept so they can be judged. */
export type SenmlRecordInput = Partial<{
  bver: number;
  bn: string;
  bt: number;
  bu: string;
  bv: number;
  bs: number;
  n: string;
  u: string;
  v: number;
  vs: string;
  vb: boolean;
  vd: string;
  s: number;
  t: number;
  ut: number;
}> &
  Record<string, unknown>;

/** The value of a resolved record: exactly one of number, string, boolean or data (base64url). */
export type SenmlValue = { kind: 'v'; value: number } | { kind: 'vs'; value: string } | { kind: 'vb'; value: boolean } | { kind: 'vd'; value: string };

/** A record with base fields applied (RFC 8428 §4.6): absolute name and time. */
export interface ResolvedRecord {
  /** bn + n, validated against the name rules. */
  n: string;
  /** Unit (u, else bu); absent when neither was given. */
  u?: string;
  /** Value (bv already added to v); absent only for sum-only records. */
  value?: SenmlValue;
  /** Sum (bs already added to s). */
  s?: number;
  /** Absolute time in epoch seconds (relative times resolved against "now"). */
  t: number;
  /** Update time in seconds, when given. */
  ut?: number;
}

/** A record that must be refused; `index` is the record's position in the pack, `field` its bad field. */
export class SenmlError extends Error {
  readonly index: number;
  readonly field: string | undefined;
  constructor(index: number, field: string | undefined, message: string) {
    super(`record ${index}${field ? ` (${field})` : ''}: ${message}`);
    this.name = 'SenmlError';
    this.index = index;
    this.field = field;
  }
}
