import { describe, expect, it } from 'vitest';
import { createHandoff, INFERENCE_PROCESS_URL, numericSeries } from '../src/handoff.ts';

const records = [
  { n: 'd1/temp', t: 1, value: { kind: 'v' as const, value: 20 } },
  { n: 'd1/temp', t: 2, value: { kind: 'v' as const, value: 21 } },
  { n: 'd1/door', t: 2, value: { kind: 'vb' as const, value: true } },
];

describe('handoff', () => {
  it('names_each_numeric_series_once', () => {
    expect(numericSeries(records)).toEqual(['d1/temp']);
  });

  it('asks_inference_to_process_the_touched_series_with_the_admin_token', async () => {
    const calls: [string, RequestInit][] = [];
    const fake = (async (url: string, init: RequestInit) => (calls.push([url, init]), new Response('{}'))) as unknown as typeof fetch;
    await createHandoff(() => 'adm', fake)({ device: 'd1', records });
    expect(calls).toHaveLength(1);
    expect(calls[0]![0]).toBe(INFERENCE_PROCESS_URL);
    expect((calls[0]![1].headers as Record<string, string>).authorization).toBe('Bearer adm');
    expect(JSON.parse(String(calls[0]![1].body))).toEqual({ device: 'd1', names: ['d1/temp'] });
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
});
