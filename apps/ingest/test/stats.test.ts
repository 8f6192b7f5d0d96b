// GET /ingest/stats over the router and a memory store: accepted counts come
// from stored batches, refusals are counted per reason with their records, and
// a failing stats write never changes the answer a device gets.
import { describe, expect, it } from 'vitest';
import { createMemoryStore, type KeyValueStore } from '@edgewatch/spin-key-value';
import { staticVariables } from '@edgewatch/spin-variables';
import { createIngestApp } from '../src/app.ts';
import { ADMIN, NOW_S, makeApp } from './harness.ts';

describe('GET /ingest/stats', () => {
  it('counts_accepted_and_refused_points_and_batches_by_reason', async () => {
    const app = makeApp({ max_records_per_batch: '3' });
    const token = await app.register('d1');
    expect((await app.senml(token, [{ bn: 'd1/', n: 't', v: 1 }, { n: 't', v: 2, t: -1 }])).status).toBe(201);
    expect((await app.call('POST', '/ingest/readings', { token, json: [{ t: 20, h: 40 }] })).status).toBe(201);
    expect((await app.senml(token, Array.from({ length: 5 }, (_, i) => ({ n: 'd1/a', v: i })))).status).toBe(400); // too many
    expect((await app.senml(token, [{ n: 'd1/a', v: 1, t: NOW_S + 86_400 * 30 }])).status).toBe(400); // future
    expect((await app.senml('d1.wrong', [{ n: 'd1/a', v: 1 }])).status).toBe(401); // anonymous: not recorded
    expect((await app.senml(token, [{ n: 'd2/a', v: 1 }, { n: 'd1/a', v: 1 }])).status).toBe(403);
    expect((await app.call('POST', '/ingest/senml', { token, body: '[{', headers: { 'content-type': 'application/senml+json' } })).status).toBe(400);

    const stats = await app.call('GET', '/ingest/stats', { token: ADMIN });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      points: {
        accepted: 4,
        refused: {
          unauthorized: 0,
          forbidden: 2,
          'body-too-large': 0,
          'unsupported-media-type': 0,
          malformed: 1,
          'too-many-records': 5,
          'non-finite': 0,
          'timestamp-out-of-range': 1,
          'invalid-senml': 0,
          duplicate: 0,
          other: 0,
        },
      },
      batches: { accepted: 2, refused: 4 },
    });
  });

  it('is_admin_only', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    expect((await app.call('GET', '/ingest/stats')).status).toBe(401);
    expect((await app.call('GET', '/ingest/stats', { token })).status).toBe(401);
  });

  it('answers_the_original_problem_when_the_stats_write_fails', async () => {
    const inner = createMemoryStore();
    let failWrites = false;
    const store: KeyValueStore = { ...inner, label: inner.label, get: inner.get, getKeys: inner.getKeys, exists: inner.exists, delete: inner.delete, set: (k, v) => { if (failWrites && k.startsWith('stats|')) throw new Error('disk full'); inner.set(k, v); } };
    const router = createIngestApp({ openStore: () => store, variables: staticVariables({ admin_token: ADMIN }), now: () => NOW_S * 1000 });
    const register = await router.fetch(new Request('http://x/api/v1/devices', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ id: 'd1' }) }));
    const { token } = (await register.json()) as { token: string };
    failWrites = true;
    const refused = await router.fetch(new Request('http://x/api/v1/ingest/senml', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/senml+json' }, body: JSON.stringify([{ n: 'd1/a', v: 'x' }]) }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { type: string }).type).toMatch(/invalid-record$/);
    expect(inner.getKeys().filter((k) => k.startsWith('stats|'))).toEqual([]);
  });
});
