// Why ingest refused a batch, as a small fixed set of reasons an operator can
// chart: derived from the problem the ingest answered with (its status, type
// and, for an invalid record, which limit the record broke). A fixed set keeps
// the stats keys and the dashboard's legend bounded whatever clients send.
import { decodeSenmlCbor } from '@edgewatch/senml';

/** Every reason a refused batch is counted under. */
export const REFUSAL_REASONS = [
  'unauthorized',
  'forbidden',
  'body-too-large',
  'unsupported-media-type',
  'malformed',
  'too-many-records',
  'non-finite',
  'timestamp-out-of-range',
  'invalid-senml',
  'duplicate',
  'other',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The parts of an ingest problem the reason is derived from (libs/http ProblemInit has them). */
export interface RefusalProblem {
  status: number;
  type?: string;
  detail?: string;
}

/** Classify an invalid record by the limit its message names (messages from @edgewatch/senml, checked by the tests). */
function invalidRecordReason(detail: string): RefusalReason {
  if (/the limit is \d+ per batch|more than \d+ measurements/.test(detail)) return 'too-many-records';
  if (/must be a finite number/.test(detail)) return 'non-finite';
  if (/s in the (future|past)/.test(detail)) return 'timestamp-out-of-range';
  return 'invalid-senml';
}

/** The reason for a refused ingest request. */
export function refusalReason(problem: RefusalProblem): RefusalReason {
  switch (problem.type) {
    case 'invalid-record':
      return invalidRecordReason(problem.detail ?? '');
    case 'invalid-json':
    case 'invalid-cbor':
    case 'empty-body':
    case 'invalid-idempotency-key':
      return 'malformed';
    case 'replayed-request':
    case 'idempotency-key-reused':
      return 'duplicate';
    case 'bad-signature':
      return 'unauthorized';
  }
  if (problem.status === 401) return 'unauthorized';
  if (problem.status === 403) return 'forbidden';
  if (problem.status === 413) return 'body-too-large';
  if (problem.status === 415) return 'unsupported-media-type';
  return 'other';
}

/**
 * How many records (points) a refused body carried, as far as it decodes: a SenML pack's or
 * readings array's length (also inside a `{"readings": [...]}` envelope). 1 when the body was
 * not read or does not decode, since a refused batch held at least one point. Error path only.
 */
export function refusedRecordCount(bytes: Uint8Array | undefined, mediaType: string): number {
  if (!bytes || bytes.length === 0) return 1;
  let body: unknown;
  try {
    body = mediaType === 'application/senml+cbor' ? decodeSenmlCbor(bytes) : JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return 1;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) body = (body as { readings?: unknown }).readings;
  return Array.isArray(body) && body.length > 0 ? body.length : 1;
}
