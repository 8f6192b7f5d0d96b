// POST /ingest/senml and /ingest/readings: authenticate the device, decode and
// resolve the whole batch (all-or-nothing), check ownership, then store it and
// answer only once every key is written.
import type { IRequest } from 'itty-router';
import { forbidden, HttpProblem } from '@edgewatch/http';
import { decodeSenmlCbor, nameBelongsToDevice, resolveReadings, resolveSenmlRecords, SenmlDecodeError, SenmlError, type RecordLimits, type ResolvedRecord } from '@edgewatch/senml';
import { IdempotencyConflict, randomBatchId, writeBatch } from '@edgewatch/series-store';
import { sha256Hex, signatureProblem } from '@edgewatch/devices';
import type { IngestContext } from './context.ts';
import type { Principal } from './auth.ts';
import { parseJsonBytes, readBodyBytes } from './body.ts';
import { INGEST_BODY } from './stats-handlers.ts';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

// Every request hashes (the device token, then the body). The first Web Crypto digest of
// an instance sets up StarlingMonkey's crypto state, ≈ 2 ms measured in the guest, and
// each request is a fresh instance. Digesting once at module top level runs during
// componentize-js pre-initialization, so that state is in the snapshot every instance
// starts from: the first digest of a request then costs ≈ 0.3 ms.
void crypto.subtle.digest('SHA-256', new Uint8Array(1)).catch(() => undefined);

/** The 400 for a bad record: index of the first bad record, its field, and a JSON Pointer to it. */
function invalidRecord(error: SenmlError): HttpProblem {
  const pointer = `/${error.index}${error.field === undefined ? '' : `/${error.field.replace(/~/g, '~0').replace(/\//g, '~1')}`}`;
  return new HttpProblem({
    status: 400,
    type: 'invalid-record',
    title: 'Invalid record',
    detail: `${error.message}. Nothing from this batch was stored.`,
    extensions: { index: error.index, ...(error.field === undefined ? {} : { field: error.field }), pointer },
  });
}

function limitsFor(ctx: IngestContext): RecordLimits {
  const config = ctx.config();
  return {
    now: ctx.nowMs() / 1000,
    maxRecords: config.maxRecordsPerBatch,
    maxNameLength: config.maxNameLength,
    maxFutureSeconds: config.maxFutureSeconds,
    maxPastSeconds: config.maxPastSeconds,
  };
}

function mediaType(request: IRequest): string {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Decode, resolve and ownership-check a SenML body (JSON or CBOR by Content-Type). */
function resolveSenmlBody(request: IRequest, bytes: Uint8Array, device: string, limits: RecordLimits): ResolvedRecord[] {
  const type = mediaType(request);
  let pack: unknown;
  if (type === 'application/senml+cbor') pack = decodeSenmlCbor(bytes);
  else if (type === 'application/senml+json' || type === 'application/json') pack = parseJsonBytes(bytes);
  else {
    throw new HttpProblem({ status: 415, type: 'unsupported-media-type', title: 'Unsupported media type', detail: `Send application/senml+json or application/senml+cbor, not "${type || 'no Content-Type'}".` });
  }
  const records = resolveSenmlRecords(pack, limits);
  // Check each distinct name once, in record order, so the first foreign record is the one named.
  const owned = new Set<string>();
  for (let index = 0; index < records.length; index++) {
    const name = records[index]!.n;
    if (owned.has(name)) continue;
    owned.add(name);
    if (!nameBelongsToDevice(name, device)) {
      forbidden(`record ${index}: name "${name}" is not under this device's id "${device}"; a device writes only its own series (set bn to "${device}/" or "${device}:")`, { index, pointer: `/${index}` });
    }
  }
  return records;
}

/** Resolve a readings body; `{"batch": id, "readings": [...]}` carries its own idempotency key. */
function resolveReadingsBody(bytes: Uint8Array, device: string, limits: RecordLimits): { records: ResolvedRecord[]; batchKey?: string } {
  let body = parseJsonBytes(bytes);
  let batchKey: string | undefined;
  if (body && typeof body === 'object' && !Array.isArray(body) && Array.isArray((body as { readings?: unknown }).readings)) {
    const envelope = body as { readings: unknown[]; batch?: unknown };
    if (envelope.batch !== undefined) batchKey = String(envelope.batch);
    body = envelope.readings;
  }
  const resolved = resolveReadings(body, limits);
  resolved.devices.forEach((named, index) => {
    if (named !== undefined && named !== device) forbidden(`reading ${index}: device "${named}" is not the device this token belongs to`, { index, pointer: `/${index}/device` });
  });
  return { records: resolved.records, batchKey };
}

/** For a device that signs its requests, refuse a missing, stale or wrong signature; returns the signature. */
async function verifySignature(ctx: IngestContext, request: IRequest, key: string | undefined, bytes: Uint8Array): Promise<string | undefined> {
  if (key === undefined) return undefined;
  const signature = request.headers.get('x-signature');
  const problem = await signatureProblem({ key, timestamp: request.headers.get('x-timestamp'), signature, body: bytes, nowSeconds: ctx.nowMs() / 1000 });
  if (problem) throw new HttpProblem({ status: 401, type: 'bad-signature', title: 'Bad request signature', detail: problem });
  return signature!;
}

/** Batch id: from the Idempotency-Key, else from a request signature (so a replay finds its batch), else random. */
async function batchIdOf(batchKey: string | undefined, signature: string | undefined): Promise<string> {
  if (batchKey !== undefined) return (await sha256Hex(batchKey)).slice(0, 24);
  if (signature !== undefined) return (await sha256Hex(`signature:${signature}`)).slice(0, 24);
  return randomBatchId();
}

/** Handler factory for both ingest routes. */
export function ingestHandler(ctx: IngestContext, format: 'senml' | 'readings') {
  return async (request: IRequest): Promise<Response> => {
    const { id: device, signingKey } = request.principal as Principal & { kind: 'device' };
    const bytes = await readBodyBytes(request as unknown as Request, ctx.config().maxBodyBytes);
    (request as { [INGEST_BODY]?: Uint8Array })[INGEST_BODY] = bytes;
    const signature = await verifySignature(ctx, request, signingKey, bytes);
    const limits = limitsFor(ctx);
    let records: ResolvedRecord[];
    let batchKey = request.headers.get('idempotency-key') ?? undefined;
    try {
      if (format === 'senml') records = resolveSenmlBody(request, bytes, device, limits);
      else {
        const resolved = resolveReadingsBody(bytes, device, limits);
        records = resolved.records;
        batchKey ??= resolved.batchKey;
      }
    } catch (error) {
      if (error instanceof SenmlError) throw invalidRecord(error);
      if (error instanceof SenmlDecodeError) throw new HttpProblem({ status: 400, type: 'invalid-cbor', title: 'Invalid CBOR', detail: error.message });
      throw error;
    }
    if (batchKey !== undefined && !IDEMPOTENCY_KEY.test(batchKey)) {
      throw new HttpProblem({ status: 400, type: 'invalid-idempotency-key', title: 'Invalid idempotency key', detail: 'An idempotency key is 1-255 visible ASCII characters.' });
    }
    const batch = await batchIdOf(batchKey, signature);
    try {
      const outcome = writeBatch(ctx.store(), { device, batch, bodyHash: await sha256Hex(bytes), records, nowMs: ctx.nowMs() });
      if (outcome.replayed && batchKey === undefined && signature !== undefined) {
        throw new HttpProblem({ status: 409, type: 'replayed-request', title: 'Replayed request', detail: 'This signed request was already accepted; sign a new request (new X-Timestamp) to send again.' });
      }
      // Not awaited: the batch is already durable, the device need not wait for scoring.
      if (!outcome.replayed) void ctx.handoff({ device, records });
      const body = { batch: outcome.batch, device, accepted: outcome.commit.points, series: outcome.commit.series, replayed: outcome.replayed };
      return Response.json(body, { status: outcome.replayed ? 200 : 201 });
    } catch (error) {
      if (error instanceof IdempotencyConflict) {
        throw new HttpProblem({ status: 422, type: 'idempotency-key-reused', title: 'Idempotency key reused', detail: 'This idempotency key was already used for a different body; use a new key for a new batch.' });
      }
      throw error;
    }
  };
}
