import { describe, expect, it } from 'vitest';
import { signRequest } from '@edgewatch/devices';
import { ADMIN, makeApp, NOW_S } from './harness.ts';

async function signingDevice(app: ReturnType<typeof makeApp>) {
  const created = await app.call('POST', '/devices', { token: ADMIN, json: { id: 'sig1', signing: true } });
  expect(created.status).toBe(201);
  return created.body as { token: string; signingKey: string };
}

const body = JSON.stringify([{ n: 'sig1/a', v: 1, t: NOW_S }]);
const signed = async (key: string, timestamp = NOW_S, payload = body) => ({
  'content-type': 'application/senml+json',
  'x-timestamp': String(timestamp),
  'x-signature': `sha256=${await signRequest(key, String(timestamp), new TextEncoder().encode(payload))}`,
});

describe('HMAC request signing', () => {
  it('accepts_a_signed_request_once_and_refuses_its_replay', async () => {
    const app = makeApp();
    const { token, signingKey } = await signingDevice(app);
    const headers = await signed(signingKey);
    const first = await app.call('POST', '/ingest/senml', { token, body, headers });
    expect(first.status).toBe(201);
    const replay = await app.call('POST', '/ingest/senml', { token, body, headers });
    expect(replay.status).toBe(409);
    expect(replay.body!.type).toBe('https://edgewatch.dev/problems/replayed-request');
    const read = await app.call('GET', '/series?device=sig1&name=sig1/a', { token: ADMIN });
    expect(read.body!.points).toEqual([[NOW_S, 1]]);
  });

  it.each([
    ['no signature', async () => ({ 'content-type': 'application/senml+json' }), /send X-Timestamp and X-Signature/],
    ['a stale timestamp', (key: string) => signed(key, NOW_S - 301), /more than 300 s/],
    ['a signature over another body', (key: string) => signed(key, NOW_S, '[]'), /does not match/],
  ])('refuses_%s_with_401', async (_case, headersFor, detail) => {
    const app = makeApp();
    const { token, signingKey } = await signingDevice(app);
    const response = await app.call('POST', '/ingest/senml', { token, body, headers: await headersFor(signingKey) });
    expect(response.status).toBe(401);
    expect(response.body!.detail).toMatch(detail);
  });

  it('leaves_devices_without_a_signing_key_unsigned', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    expect((await app.senml(token, [{ n: 'd1/a', v: 1 }])).status).toBe(201);
  });
});
