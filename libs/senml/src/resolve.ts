// Resolution of a SenML pack into absolute records (RFC 8428 §4.6): base fields
// carry forward until replaced, names and times become absolute, and every
// record is checked against the data model and the ingest limits.
import { checkResolvedName } from './names.ts';
import { checkFiniteNumber, checkRecordCount, checkTimeWindow, describe, type RecordLimits } from './limits.ts';
import { RELATIVE_TIME_LIMIT, SUPPORTED_SENML_VERSION, SenmlError, type ResolvedRecord, type SenmlValue } from './model.ts';

const NUMBER_FIELDS = new Set(['bver', 'bt', 'bv', 'bs', 'v', 's', 't', 'ut']);
const STRING_FIELDS = new Set(['bn', 'bu', 'n', 'u', 'vs', 'vd']);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

interface BaseState {
  bn: string;
  bt: number;
  bu: string | undefined;
  bv: number;
  bs: number;
  bver: number;
}

/** Check one record's fields: known labels have the right type, unknown must-understand (`_`) fields refuse. */
function checkFields(record: Record<string, unknown>, index: number): void {
  // for-in, not Object.entries: this runs per record in the guest's interpreter, where
  // allocating an entry array per field is a measurable share of a 1000-record batch.
  for (const label in record) {
    const value = record[label];
    if (NUMBER_FIELDS.has(label)) checkFiniteNumber(value, index, label);
    else if (STRING_FIELDS.has(label)) {
      if (typeof value !== 'string') throw new SenmlError(index, label, `must be a string, got ${describe(value)}`);
    } else if (label === 'vb') {
      if (typeof value !== 'boolean') throw new SenmlError(index, label, `must be a boolean, got ${describe(value)}`);
    } else if (label.endsWith('_')) {
      // RFC 8428 §4.4: labels ending in "_" must be understood or the pack refused.
      throw new SenmlError(index, label, `unknown must-understand field "${label}" (labels ending in "_" cannot be ignored)`);
    }
    // Any other unknown label is an extension a receiver may ignore (§4.4).
  }
}

function applyBase(record: Record<string, unknown>, base: BaseState, index: number): void {
  if (record.bver !== undefined) {
    const bver = record.bver as number;
    if (!Number.isInteger(bver) || bver < 1) throw new SenmlError(index, 'bver', `must be a positive integer, got ${bver}`);
    if (bver > SUPPORTED_SENML_VERSION) {
      throw new SenmlError(index, 'bver', `SenML version ${bver} is not supported; this server understands versions up to ${SUPPORTED_SENML_VERSION}`);
    }
    base.bver = bver;
  }
  if (record.bn !== undefined) base.bn = record.bn as string;
  if (record.bt !== undefined) base.bt = record.bt as number;
  if (record.bu !== undefined) base.bu = record.bu as string;
  if (record.bv !== undefined) base.bv = record.bv as number;
  if (record.bs !== undefined) base.bs = record.bs as number;
}

const VALUE_LABELS = ['v', 'vs', 'vb', 'vd'] as const;

/** The one value label a record carries, without allocating on the common path. */
function valueLabelOf(record: Record<string, unknown>, index: number): (typeof VALUE_LABELS)[number] | undefined {
  let found: (typeof VALUE_LABELS)[number] | undefined;
  let count = 0;
  for (const label of VALUE_LABELS) {
    if (record[label] !== undefined) {
      found ??= label;
      count++;
    }
  }
  if (count > 1) {
    const present = VALUE_LABELS.filter((label) => record[label] !== undefined);
    throw new SenmlError(index, present[1], `a record carries exactly one value; this one has ${present.join(', ')}`);
  }
  return found;
}

function resolveValue(record: Record<string, unknown>, base: BaseState, index: number): SenmlValue | undefined {
  const label = valueLabelOf(record, index);
  if (label === undefined) {
    if (record.s === undefined) throw new SenmlError(index, undefined, 'the record has no value (v, vs, vb or vd) and no sum (s)');
    return undefined;
  }
  switch (label) {
    case 'v': {
      const value = base.bv + (record.v as number);
      return { kind: 'v', value: checkFiniteNumber(value, index, 'v') };
    }
    case 'vs':
      return { kind: 'vs', value: record.vs as string };
    case 'vb':
      return { kind: 'vb', value: record.vb as boolean };
    default: {
      const data = record.vd as string;
      if (!BASE64URL.test(data)) throw new SenmlError(index, 'vd', 'must be base64url without padding (RFC 4648 §5)');
      return { kind: 'vd', value: data };
    }
  }
}

/**
 * Resolve a decoded SenML pack (JSON labels) into absolute records, refusing the
 * first record that breaks RFC 8428 or `limits`. Output is index-aligned with input.
 */
export function resolveSenmlRecords(pack: unknown, limits: RecordLimits): ResolvedRecord[] {
  if (!Array.isArray(pack)) throw new SenmlError(0, undefined, `a SenML pack is a JSON array of records, got ${describe(pack)}`);
  checkRecordCount(pack.length, limits);
  const base: BaseState = { bn: '', bt: 0, bu: undefined, bv: 0, bs: 0, bver: SUPPORTED_SENML_VERSION };
  // A batch repeats a few names many times: check each distinct name once (the check
  // depends only on the name and the limit, so the first bad record is still the one refused).
  const checkedNames = new Set<string>();
  return pack.map((input: unknown, index): ResolvedRecord => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new SenmlError(index, undefined, `a record is a JSON object, got ${describe(input)}`);
    }
    const record = input as Record<string, unknown>;
    checkFields(record, index);
    applyBase(record, base, index);
    const n = base.bn + ((record.n as string | undefined) ?? '');
    if (!checkedNames.has(n)) {
      checkResolvedName(n, index, record.n === undefined ? 'bn' : 'n', limits.maxNameLength);
      checkedNames.add(n);
    }
    const value = resolveValue(record, base, index);
    let t = base.bt + ((record.t as number | undefined) ?? 0);
    if (t < RELATIVE_TIME_LIMIT) t += limits.now;
    checkTimeWindow(t, index, record.t === undefined ? 'bt' : 't', limits);
    const resolved: ResolvedRecord = { n, t };
    const unit = (record.u as string | undefined) ?? base.bu;
    if (unit !== undefined) resolved.u = unit;
    if (value) resolved.value = value;
    if (record.s !== undefined) resolved.s = checkFiniteNumber(base.bs + (record.s as number), index, 's');
    if (record.ut !== undefined) {
      if ((record.ut as number) < 0) throw new SenmlError(index, 'ut', 'update time must not be negative');
      resolved.ut = record.ut as number;
    }
    return resolved;
  });
}
