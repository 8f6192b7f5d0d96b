// Raw request bodies with a size limit: ingest needs the bytes (CBOR, and the
// SHA-256 that tells an idempotent retry from a different batch).
import { HttpProblem } from '@edgewatch/http';

function tooLarge(size: string, limit: number): HttpProblem {
  return new HttpProblem({
    status: 413,
    type: 'body-too-large',
    title: 'Request body too large',
    detail: `The body is ${size} bytes; the limit is ${limit} bytes (Spin variable max_body_bytes). Split the batch.`,
    extensions: { limit },
  });
}

/** Read the body as bytes, refusing more than `maxBytes` (by Content-Length first, then by what arrived). */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw tooLarge(String(declared), maxBytes);
  const bytes = new Uint8Array(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw tooLarge(String(bytes.length), maxBytes);
  if (bytes.length === 0) throw new HttpProblem({ status: 400, type: 'empty-body', title: 'Empty body', detail: 'The request has no body; send a batch.' });
  return bytes;
}

/** Parse UTF-8 JSON bytes, refusing malformed JSON with a 400 that says where. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (error) {
    throw new HttpProblem({ status: 400, type: 'invalid-json', title: 'Invalid JSON', detail: `The body is not valid UTF-8 JSON: ${(error as Error).message}` });
  }
}
