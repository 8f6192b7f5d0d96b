// Optional HMAC request signing for devices that opt in: `X-Timestamp` (epoch
// seconds) and `X-Signature: sha256=<hex HMAC-SHA256(key, "<timestamp>.<body>")>`.
// The timestamp bounds a captured request's life to the skew window; within it,
// the ingest handler derives the batch id from the signature, so a replay maps
// onto the already-stored batch and is refused.
import { timingSafeEqual } from './crypto.ts';

/** How far a signed request's timestamp may be from the server clock (seconds). */
export const SIGNATURE_SKEW_SECONDS = 300;

const SIGNATURE = /^sha256=([0-9a-f]{64})$/;
const encoder = new TextEncoder();

/** The signature input: ASCII timestamp, a dot, then the raw body bytes. */
function signedBytes(timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = encoder.encode(`${timestamp}.`);
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix);
  bytes.set(body, prefix.length);
  return bytes;
}

/** Hex HMAC-SHA256 of `timestamp.body` under `key` (clients compute the same to sign). */
export async function signRequest(key: string, timestamp: string, body: Uint8Array): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, signedBytes(timestamp, body)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** What to check a signed request with. */
export interface SignatureCheck {
  key: string;
  timestamp: string | null;
  signature: string | null;
  body: Uint8Array;
  nowSeconds: number;
}

/** Why a signature is refused, or undefined when it is valid and fresh. */
export async function signatureProblem(check: SignatureCheck): Promise<string | undefined> {
  if (check.timestamp === null || check.signature === null) return 'this device signs its requests: send X-Timestamp and X-Signature';
  if (!/^\d{1,12}$/.test(check.timestamp)) return 'X-Timestamp must be epoch seconds';
  if (Math.abs(check.nowSeconds - Number(check.timestamp)) > SIGNATURE_SKEW_SECONDS) {
    return `X-Timestamp is more than ${SIGNATURE_SKEW_SECONDS} s from the server clock; sign again with the current time`;
  }
  const given = SIGNATURE.exec(check.signature)?.[1];
  if (!given) return 'X-Signature must be "sha256=" followed by 64 lowercase hex digits';
  const expected = await signRequest(check.key, check.timestamp, check.body);
  return timingSafeEqual(given, expected) ? undefined : 'X-Signature does not match the timestamp and body';
}
