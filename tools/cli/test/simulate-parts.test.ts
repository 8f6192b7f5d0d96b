// The simulator's parts on their own: flag parsing, the seeded signals and
// fault injection, CSV loading, percentiles, and refusal counting against a
// local HTTP server that refuses on purpose.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration, parseRate, resolveSimulateOptions } from '../src/simulate/options.ts';
import { csvSource, loadCsvSeries, syntheticSource } from '../src/simulate/signal.ts';
import { emptyStats, runLoad } from '../src/simulate/load.ts';
import { percentile, summarize } from '../src/simulate/report.ts';

describe('simulate options', () => {
  it('parses_rates_and_durations_in_their_units', () => {
    expect(parseRate('10/s')).toBe(10);
    expect(parseRate('600/m')).toBe(10);
    expect(parseRate('36000/h')).toBe(10);
    expect(parseRate('max')).toBe(Infinity);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('250ms')).toBe(250);
    for (const bad of ['10', '0/s', '-1/s', '10/d', 'fast']) expect(() => parseRate(bad)).toThrow(/--rate/);
    for (const bad of ['10', '0s', '1d', '']) expect(() => parseDuration(bad)).toThrow(/--duration/);
  });

  it('needs_an_admin_token_and_names_bad_numbers', () => {
    expect(() => resolveSimulateOptions({ url: 'http://127.0.0.1:3000' }, {})).toThrow(/EDGEWATCH_ADMIN_TOKEN/);
    const env = { EDGEWATCH_ADMIN_TOKEN: 't' };
    expect(() => resolveSimulateOptions({ url: 'http://127.0.0.1:3000', devices: '2.5' }, env)).toThrow(/--devices "2.5"/);
    expect(() => resolveSimulateOptions({ url: 'nope' }, env)).toThrow(/--url "nope"/);
    expect(() => resolveSimulateOptions({ url: 'http://x', 'device-prefix': 'a|b' }, env)).toThrow(/--device-prefix/);
    const options = resolveSimulateOptions({ url: 'http://x', seed: '5' }, env);
    expect(options).toMatchObject({ devices: 10, rate: 10, durationMs: 10_000, batch: 1, concurrency: 8, seed: 5, anomalies: false });
    expect(options.devicePrefix).toMatch(/^sim-[a-z0-9]+$/);
  });
});

describe('simulated signals', () => {
  const take = (source: { next(): Record<string, number> }, n: number) => Array.from({ length: n }, () => source.next());

  it('repeats_with_the_same_seed_and_differs_between_devices', () => {
    expect(take(syntheticSource(7, 0, true), 500)).toEqual(take(syntheticSource(7, 0, true), 500));
    expect(take(syntheticSource(7, 1, false), 20)).not.toEqual(take(syntheticSource(7, 0, false), 20));
  });

  it('follows_a_daily_cycle_and_injects_faults_only_when_asked', () => {
    const clean = syntheticSource(3, 0, false);
    const day = take(clean, 288).map((r) => r.temperature!);
    // Amplitude 4 around the base, noise 0.3: a day spans about 8 degrees, far more than noise alone.
    expect(Math.max(...day) - Math.min(...day)).toBeGreaterThan(6);
    expect(clean.faults).toBe(0);
    const faulty = syntheticSource(3, 0, true);
    const values = take(faulty, 5000).map((r) => r.temperature);
    expect(faulty.faults).toBeGreaterThan(5);
    // Stuck values: runs of one repeated reading, which the noisy clean signal never has.
    const longestRun = values.reduce((acc, v, i) => (i > 0 && v === values[i - 1] ? { run: acc.run + 1, best: Math.max(acc.best, acc.run + 1) } : { run: 1, best: acc.best }), { run: 1, best: 1 }).best;
    expect(longestRun).toBeGreaterThanOrEqual(20);
  });

  it('loads_a_nab_csv_and_refuses_other_files_with_the_row', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-sim-'));
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, 'timestamp,value\n2014-01-01 00:00:00,1.5\n2014-01-01 00:05:00,2\n');
    expect(loadCsvSeries(good)).toEqual([1.5, 2]);
    const source = csvSource([1, 2, 3, 4], 1, 2);
    expect(take(source, 3).map((r) => r.value)).toEqual([3, 4, 1]);
    writeFileSync(path.join(dir, 'bad.csv'), 'timestamp,value\n2014-01-01 00:00:00,x\n');
    expect(() => loadCsvSeries(path.join(dir, 'bad.csv'))).toThrow(/row 2/);
    writeFileSync(path.join(dir, 'header.csv'), 'time,v\n');
    expect(() => loadCsvSeries(path.join(dir, 'header.csv'))).toThrow(/header must be "timestamp,value"/);
  });
});

describe('load loop', () => {
  let server: Server;
  let url = '';
  const seen: { auth: string; body: unknown }[] = [];
  beforeAll(async () => {
    // Accepts the first device, refuses the second with 400, as an app refusing a batch would.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ auth: request.headers.authorization ?? '', body: JSON.parse(body) });
        const ok = request.headers.authorization === 'Bearer tok-a';
        response.writeHead(ok ? 201 : 400, { 'content-type': 'application/json' });
        response.end(JSON.stringify(ok ? { accepted: 2 * (Array.isArray(JSON.parse(body)) ? JSON.parse(body).length : 1) } : { detail: 'no' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server.close());

  it('sends_the_scheduled_requests_and_counts_refusals_by_status', async () => {
    const devices = [
      { id: 'a', token: 'tok-a', source: syntheticSource(1, 0, false) },
      { id: 'b', token: 'tok-b', source: syntheticSource(1, 1, false) },
    ];
    const stats = emptyStats(devices);
    await runLoad({ url, devices, rate: 40, durationMs: 500, batch: 2, concurrency: 4 }, stats);
    // 40 readings/s in batches of 2 for 0.5 s: 10 requests, alternating devices.
    expect(stats.requests + stats.unsent).toBe(10);
    expect(seen).toHaveLength(stats.requests);
    expect(stats.refused).toEqual(stats.requests > 1 ? { '400': Math.floor(stats.requests / 2) } : {});
    expect(stats.acceptedByDevice).toEqual({ a: Math.ceil(stats.requests / 2) * 2, b: 0 });
    expect(stats.recordsAccepted).toBe(2 * stats.acceptedByDevice.a!);
    const batch = seen[0]!.body as { ts: number; temperature: number }[];
    expect(batch).toHaveLength(2);
    expect(batch[1]!.ts).toBeGreaterThan(batch[0]!.ts);
    const summary = summarize(stats, { url, seed: 1, source: 'synthetic', series: ['temperature', 'humidity'], faultsInjected: 0 });
    expect(summary.requests.accepted + summary.requests.refused).toBe(stats.requests);
  });

  it('takes_nearest_rank_percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([], 99)).toBe(0);
  });
});
