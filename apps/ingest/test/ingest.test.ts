import { describe, expect, it } from 'vitest';
import { ADMIN, makeApp, NOW_S } from './harness.ts';

const series = (app: ReturnType<typeof makeApp>, query: string, token = ADMIN) => app.call('GET', `/series?${query}`, { token });

describe('POST /ingest/senml', () => {
  it('stores_a_pack_and_serves_it_as_t_v_pairs_with_the_unit', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const response = await app.senml(token, [{ bn: 'd1/', bt: NOW_S - 60, n: 'temp', u: 'Cel', v: 21.5 }, { n: 'temp', t: 30, v: 22 }]);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ device: 'd1', accepted: 2, series: 1, replayed: false });
    const read = await series(app, 'device=d1&name=d1/temp');
    expect(read.body).toEqual({ device: 'd1', name: 'd1/temp', unit: 'Cel', points: [[NOW_S - 60, 21.5], [NOW_S - 30, 22]] });
  });

  it('accepts_cbor_senml_with_integer_labels', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    // [{-2: "d1:", 0: "volt", 1: "V", 2: 230}] in CBOR, byte by byte (RFC 8949).
    const body = new Uint8Array([0x81, 0xa4, 0x21, 0x63, ...new TextEncoder().encode('d1:'), 0x00, 0x64, ...new TextEncoder().encode('volt'), 0x01, 0x61, 0x56, 0x02, 0x18, 230]);
    const response = await app.call('POST', '/ingest/senml', { token, body, headers: { 'content-type': 'application/senml+cbor' } });
    expect(response.status).toBe(201);
    expect((await series(app, 'device=d1&name=d1:volt')).body!.points).toEqual([[NOW_S, 230]]);
  });

  it.each([
    ['a second value', [{ bn: 'd1/', n: 'a', v: 1 }, { n: 'a', v: 1, vb: true }], 1, '/1/vb'],
    ['a must-understand field', [{ bn: 'd1/', n: 'a', v: 1 }, { n: 'a', v: 2 }, { n: 'a', v: 3, x_: 1 }], 2, '/2/x_'],
    ['a bad name', [{ n: 'd1/a b', v: 1 }], 0, '/0/n'],
    ['bver 11', [{ bver: 11, n: 'd1/a', v: 1 }], 0, '/0/bver'],
    ['a future time', [{ n: 'd1/a', v: 1 }, { n: 'd1/a', v: 1, t: NOW_S + 3600 }], 1, '/1/t'],
    ['a time too far in the past', [{ n: 'd1/a', v: 1, t: NOW_S - 400 * 86_400 }], 0, '/0/t'],
    ['no value', [{ n: 'd1/a' }], 0, '/0'],
  ])('refuses %s with a 400 naming the first bad record and stores nothing', async (_case, pack, index, pointer) => {
    const app = makeApp();
    const token = await app.register('d1');
    const response = await app.senml(token, pack);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, index, pointer });
    expect(response.body!.detail).toMatch(/Nothing from this batch was stored/);
    expect(app.store.getKeys().filter((k) => k.startsWith('series|'))).toEqual([]);
  });

  it('refuses_more_records_than_max_records_per_batch', async () => {
    const app = makeApp({ max_records_per_batch: '3' });
    const token = await app.register('d1');
    const response = await app.senml(token, Array.from({ length: 4 }, (_, i) => ({ n: 'd1/a', v: i })));
    expect(response.body).toMatchObject({ status: 400, index: 3 });
    expect(response.body!.detail).toMatch(/limit is 3 per batch/);
  });

  it('refuses_bodies_over_max_body_bytes_with_413', async () => {
    const app = makeApp({ max_body_bytes: '200' });
    const token = await app.register('d1');
    const response = await app.senml(token, Array.from({ length: 20 }, () => ({ n: 'd1/a', v: 1 })));
    expect(response.status).toBe(413);
    expect(response.body!.detail).toMatch(/limit is 200 bytes/);
  });

  it('refuses_unknown_media_types_and_malformed_bodies', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    expect((await app.call('POST', '/ingest/senml', { token, body: '[]', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await app.senml(token, undefined, {})).status).toBe(400);
    const broken = await app.call('POST', '/ingest/senml', { token, body: '[{"n":', headers: { 'content-type': 'application/senml+json' } });
    expect([broken.status, broken.body!.type]).toEqual([400, 'https://edgewatch.dev/problems/invalid-json']);
    const cbor = await app.call('POST', '/ingest/senml', { token, body: new Uint8Array([0xff]), headers: { 'content-type': 'application/senml+cbor' } });
    expect([cbor.status, cbor.body!.type]).toEqual([400, 'https://edgewatch.dev/problems/invalid-cbor']);
  });

  it('refuses_names_outside_the_devices_own_series_with_403', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    await app.register('d10');
    const response = await app.senml(token, [{ bn: 'd1/', n: 'a', v: 1 }, { bn: 'd10/', n: 'a', v: 1 }]);
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ index: 1 });
    expect(app.store.getKeys().filter((k) => k.startsWith('series|'))).toEqual([]);
  });
});

describe('auth on ingest', () => {
  it('gives_the_same_401_for_unknown_devices_wrong_secrets_and_no_token', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const pack = [{ n: 'd1/a', v: 1 }];
    const answers = await Promise.all([app.senml('', pack), app.senml('ghost.abc', pack), app.senml(`d1.${'A'.repeat(43)}`, pack), app.senml(ADMIN, pack)]);
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect((await app.senml(token, pack)).status).toBe(201);
  });
});

describe('idempotency', () => {
  it('stores_a_retried_batch_once_and_refuses_key_reuse_for_another_body', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const pack = [{ n: 'd1/a', v: 1, t: NOW_S - 1 }, { n: 'd1/a', v: 2, t: NOW_S }];
    const first = await app.senml(token, pack, { 'idempotency-key': 'batch-0001' });
    const retry = await app.senml(token, pack, { 'idempotency-key': 'batch-0001' });
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body).toMatchObject({ batch: first.body!.batch, replayed: true, accepted: 2 });
    expect((await series(app, 'device=d1&name=d1/a')).body!.points).toEqual([[NOW_S - 1, 1], [NOW_S, 2]]);
    const reuse = await app.senml(token, [{ n: 'd1/a', v: 3 }], { 'idempotency-key': 'batch-0001' });
    expect(reuse.status).toBe(422);
  });

  it('keys_are_per_device', async () => {
    const app = makeApp();
    const [t1, t2] = [await app.register('d1'), await app.register('d2')];
    expect((await app.senml(t1, [{ n: 'd1/a', v: 1 }], { 'idempotency-key': 'k' })).status).toBe(201);
    expect((await app.senml(t2, [{ n: 'd2/a', v: 1 }], { 'idempotency-key': 'k' })).status).toBe(201);
  });

  it('honours_a_batch_id_carried_in_a_readings_envelope', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const envelope = { batch: 'b-1', readings: [{ device: 'd1', ts: NOW_S, temperature: 20 }] };
    expect((await app.call('POST', '/ingest/readings', { token, json: envelope })).status).toBe(201);
    expect((await app.call('POST', '/ingest/readings', { token, json: envelope })).status).toBe(200);
    expect((await series(app, 'device=d1&name=temperature')).body!.points).toEqual([[NOW_S, 20]]);
  });
});

describe('POST /ingest/readings', () => {
  it('stores_each_numeric_field_as_a_series_named_after_the_field', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const response = await app.call('POST', '/ingest/readings', {
      token,
      json: [{ device: 'd1', ts: '2027-01-15T08:00:00Z', temperature: 21.5, humidity: 40 }, { device: 'd1', ts: NOW_S, temperature: 22 }],
    });
    expect(response.status).toBe(201);
    const ts = Date.parse('2027-01-15T08:00:00Z') / 1000;
    expect((await series(app, 'device=d1&name=temperature')).body).toEqual({ device: 'd1', name: 'temperature', unit: null, points: [[ts, 21.5], [NOW_S, 22]] });
  });

  it('refuses_readings_for_another_device_with_403_and_bad_fields_with_400', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    const other = await app.call('POST', '/ingest/readings', { token, json: [{ device: 'd1', t: 1 }, { device: 'd2', t: 1 }] });
    expect(other.status).toBe(403);
    expect(other.body).toMatchObject({ index: 1, pointer: '/1/device' });
    const bad = await app.call('POST', '/ingest/readings', { token, json: [{ t: 1 }, { t: 'warm' }] });
    expect(bad.body).toMatchObject({ status: 400, index: 1, field: 't', pointer: '/1/t' });
  });
});

describe('GET /series', () => {
  it('pages_large_ranges_and_downsamples_with_step', async () => {
    const app = makeApp();
    const token = await app.register('d1');
    await app.senml(token, Array.from({ length: 30 }, (_, i) => ({ n: 'd1/x', v: i, t: NOW_S - 300 + i * 10 })));
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await series(app, `device=d1&name=d1/x&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...page.body!.points.map((p: number[]) => p[1]));
      cursor = page.body!.next;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const stepped = await series(app, `device=d1&name=d1/x&step=60&agg=max&from=${NOW_S - 300}&to=${NOW_S - 121}`);
    expect(stepped.body).toMatchObject({ step: 60, agg: 'max', points: [[NOW_S - 300 - ((NOW_S - 300) % 60), expect.any(Number)], expect.anything(), expect.anything()] });
    const counts = await series(app, 'device=d1&name=d1/x&step=100&agg=count');
    expect(counts.body!.points.reduce((sum: number, p: number[]) => sum + p[1]!, 0)).toBe(30);
  });

  it('lets_a_device_read_only_its_own_series_and_requires_device_for_admins', async () => {
    const app = makeApp();
    const [t1] = [await app.register('d1'), await app.register('d2')];
    await app.senml(t1, [{ n: 'd1/a', v: 1 }]);
    expect((await series(app, 'name=d1/a', t1)).body!.points).toEqual([[NOW_S, 1]]);
    expect((await series(app, 'device=d2&name=d2/a', t1)).status).toBe(403);
    expect((await series(app, 'name=d1/a')).status).toBe(400);
    expect((await series(app, 'device=d1&name=d1/a', 'nope')).status).toBe(401);
    expect((await series(app, 'device=d1&name=d1/a&step=0')).status).toBe(400);
    expect((await series(app, 'device=d1&name=d1/a&step=10&agg=median')).status).toBe(400);
    expect((await series(app, 'device=d1&name=d1/a&cursor=bogus')).status).toBe(400);
  });
});
