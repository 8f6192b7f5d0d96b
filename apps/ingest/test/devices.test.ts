import { describe, expect, it } from 'vitest';
import { ADMIN, makeApp } from './harness.ts';

describe('device registry endpoints', () => {
  it('creates_a_device_and_returns_its_token_once', async () => {
    const app = makeApp();
    const created = await app.call('POST', '/devices', { token: ADMIN, json: { id: 'd1' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'd1', token: expect.stringMatching(/^d1\./) });
    const listed = await app.call('GET', '/devices', { token: ADMIN });
    expect(JSON.stringify(listed.body)).not.toContain(created.body!.token.slice(3));
    expect(listed.body!.devices).toEqual([{ id: 'd1', createdAt: new Date(1_800_000_000_000).toISOString(), signing: false, batches: 0, points: 0 }]);
  });

  it('answers_503_with_how_to_set_the_admin_token_when_it_is_unset', async () => {
    const app = makeApp({ admin_token: '' });
    const response = await app.call('POST', '/devices', { token: 'anything', json: { id: 'd1' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body!.detail).toContain('SPIN_VARIABLE_ADMIN_TOKEN');
  });

  it.each([
    ['no token', undefined],
    ['a wrong admin token', 'nope'],
  ])('refuses_admin_calls_with %s', async (_case, token) => {
    const app = makeApp();
    const device = await app.register('d1');
    for (const [method, path] of [['GET', '/devices'], ['POST', '/devices'], ['POST', '/devices/d1/revoke'], ['GET', '/devices/d1']]) {
      expect((await app.call(method!, path!, { token })).status, `${method} ${path}`).toBe(401);
    }
    // A device token is not an admin token either.
    expect((await app.call('GET', '/devices', { token: device })).status).toBe(401);
  });

  it('refuses_bad_and_duplicate_ids', async () => {
    const app = makeApp();
    await app.register('d1');
    expect((await app.call('POST', '/devices', { token: ADMIN, json: { id: 'd1' } })).status).toBe(409);
    const bad = await app.call('POST', '/devices', { token: ADMIN, json: { id: 'no spaces' } });
    expect(bad.status).toBe(400);
    expect(bad.body!.detail).toMatch(/"id" must be/);
    expect((await app.call('POST', '/devices', { token: ADMIN, json: {} })).status).toBe(400);
  });

  it('revoked_tokens_stop_working_and_rotation_issues_a_new_one', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const reading = { json: { temperature: 20 } };
    expect((await app.call('POST', '/ingest/readings', { token, ...reading })).status).toBe(201);
    expect((await app.call('POST', '/devices/d1/revoke', { token: ADMIN })).status).toBe(200);
    expect((await app.call('POST', '/ingest/readings', { token, ...reading })).status).toBe(401);
    const rotated = await app.call('POST', '/devices/d1/token', { token: ADMIN });
    expect((await app.call('POST', '/ingest/readings', { token: rotated.body!.token, ...reading })).status).toBe(201);
    expect((await app.call('POST', '/devices/nobody/revoke', { token: ADMIN })).status).toBe(404);
  });

  it('shows_counts_last_seen_and_latest_values', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    await app.senml(token, [{ bn: 'd1/', n: 't', u: 'Cel', v: 20, t: -10 }, { n: 't', u: 'Cel', v: 21 }, { n: 'h', v: 40 }]);
    app.advance(5);
    await app.call('POST', '/ingest/readings', { token, json: { device: 'd1', temperature: 22 } });
    const device = await app.call('GET', '/devices/d1', { token: ADMIN });
    expect(device.body).toMatchObject({ id: 'd1', batches: 2, points: 4, lastSeen: 1_800_000_005 });
    const latest = await app.call('GET', '/devices/d1/latest', { token });
    expect(latest.body).toEqual({
      device: 'd1',
      series: [
        { name: 'd1/h', t: 1_800_000_000, v: 40 },
        { name: 'd1/t', unit: 'Cel', t: 1_800_000_000, v: 21 },
        { name: 'temperature', t: 1_800_000_005, v: 22 },
      ],
    });
    const other = await app.register('d2');
    expect((await app.call('GET', '/devices/d1/latest', { token: other })).status).toBe(403);
    expect((await app.call('GET', '/devices/nobody/latest', { token: ADMIN })).status).toBe(404);
  });
});
