import { describe, expect, it } from 'vitest';
import { ALERTING_EVALUATE_URL, alertReadings, createHandoff, downstreamUrl, INFERENCE_PROCESS_URL, numericSeries } from '../src/handoff.ts';

const records = [
  { n: 'd1/temp', t: 1, value: { kind: 'v' as const, value: 20 } },
  { n: 'd1/temp', t: 2, value: { kind: 'v' as const, value: 21 } },
  { n: 'd1/door', t: 2, value: { kind: 'vb' as const, value: true } },
];

describe('handoff', () => {
  it('names_each_numeric_series_once', () => {
    expect(numericSeries(records)).toEqual(['d1/temp']);
  });

  it('asks_inference_and_alerting_about_the_batch_with_the_admin_token', async () => {
    const calls = new Map<string, RequestInit>();
    const fake = (async (url: string, init: RequestInit) => (calls.set(url, init), new Response('{}'))) as unknown as typeof fetch;
    await createHandoff(() => 'adm', fake)({ device: 'd1', records });
    expect([...calls.keys()].sort()).toEqual([ALERTING_EVALUATE_URL, INFERENCE_PROCESS_URL].sort());
    expect((calls.get(INFERENCE_PROCESS_URL)!.headers as Record<string, string>).authorization).toBe('Bearer adm');
    expect(JSON.parse(String(calls.get(INFERENCE_PROCESS_URL)!.body))).toEqual({ device: 'd1', names: ['d1/temp'] });
    expect(JSON.parse(String(calls.get(ALERTING_EVALUATE_URL)!.body))).toEqual({ readings: alertReadings('d1', records) });
  });

  it('sends_alerting_only_numeric_readings_with_their_units', () => {
    expect(alertReadings('d1', [...records, { n: 'd1/temp', t: 3, u: 'Cel', value: { kind: 'v', value: 22 } }])).toEqual([
      { device: 'd1', name: 'd1/temp', t: 1, v: 20 },
      { device: 'd1', name: 'd1/temp', t: 2, v: 21 },
      { device: 'd1', name: 'd1/temp', t: 3, v: 22, unit: 'Cel' },
    ]);
  });

  it('skips_the_call_without_an_admin_token_and_never_throws', async () => {
    let called = 0;
    const failing = (async () => {
      called++;
      throw new Error('connection refused');
    }) as unknown as typeof fetch;
    const lines: string[] = [];
    await createHandoff(() => undefined, failing)({ device: 'd1', records });
    expect(called).toBe(0);
    await expect(createHandoff(() => 'adm', failing, (l) => lines.push(l))({ device: 'd1', records })).resolves.toBeUndefined();
    expect(lines[0]).toMatch(/catches up/);
  });

  it('calls_the_apps_own_routes_in_self_mode', async () => {
    expect(downstreamUrl(INFERENCE_PROCESS_URL, 'self')).toBe('http://self/api/v1/inference/process');
    const urls: string[] = [];
    const fake = (async (url: string) => (urls.push(url), new Response('{}'))) as unknown as typeof fetch;
    await createHandoff(() => 'adm', fake, () => {}, () => 'self')({ device: 'd1', records });
    expect(urls.sort()).toEqual(['http://self/api/v1/alerts/evaluate', 'http://self/api/v1/inference/process']);
  });

  it('makes_no_call_in_none_mode', async () => {
    let called = 0;
    const fake = (async () => (called++, new Response('{}'))) as unknown as typeof fetch;
    await createHandoff(() => 'adm', fake, () => {}, () => 'none')({ device: 'd1', records });
    expect(called).toBe(0);
  });
});
