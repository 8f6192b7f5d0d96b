import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureProblem, signRequest, SIGNATURE_SKEW_SECONDS } from './index.ts';

const KEY = 'k3y';
const NOW = 1_800_000_000;
const body = new TextEncoder().encode('[{"n":"d1/a","v":1}]');

async function check(overrides: { timestamp?: string | null; signature?: string | null; body?: Uint8Array; nowSeconds?: number } = {}) {
  const timestamp = overrides.timestamp === undefined ? String(NOW) : overrides.timestamp;
  const signature = overrides.signature === undefined ? `sha256=${await signRequest(KEY, String(NOW), body)}` : overrides.signature;
  return signatureProblem({ key: KEY, timestamp, signature, body: overrides.body ?? body, nowSeconds: overrides.nowSeconds ?? NOW });
}

describe('request signing', () => {
  it('accepts_a_fresh_signature_over_timestamp_and_body', async () => {
    expect(await check()).toBeUndefined();
    expect(await check({ nowSeconds: NOW + SIGNATURE_SKEW_SECONDS })).toBeUndefined();
  });

  it('matches_node_crypto_hmac_over_timestamp_dot_body', async () => {
    // Node's own HMAC is the independent implementation a client (or a curl script) would use.
    const expected = createHmac('sha256', KEY).update(`${NOW}.`).update(body).digest('hex');
    expect(await signRequest(KEY, String(NOW), body)).toBe(expected);
  });

  it.each([
    ['missing headers', { signature: null }, /send X-Timestamp and X-Signature/],
    ['a stale timestamp', { nowSeconds: NOW + SIGNATURE_SKEW_SECONDS + 1 }, /more than 300 s/],
    ['a timestamp from the future', { nowSeconds: NOW - SIGNATURE_SKEW_SECONDS - 1 }, /more than 300 s/],
    ['a malformed timestamp', { timestamp: '2026-01-01' }, /epoch seconds/],
    ['a malformed signature', { signature: 'md5=abc' }, /sha256=/],
    ['a changed body', { body: new TextEncoder().encode('[{"n":"d1/a","v":2}]') }, /does not match/],
    ['a changed timestamp', { timestamp: String(NOW + 1) }, /does not match/],
  ])('refuses %s', async (_case, overrides, problem) => {
    expect(await check(overrides)).toMatch(problem);
  });
});
