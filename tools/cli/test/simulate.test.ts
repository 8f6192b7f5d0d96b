// `edgewatch simulate` against the real app (spin.toml, wasm components, the
// runner): every reading the simulator counts as accepted is in the series API,
// exactly once, with the values the signal produced; failures are one line.
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { startTestApp } from '@edgewatch/runner';
import { simulate, type SimulateSummary } from '../src/simulate/simulate.ts';
import { resolveSimulateOptions } from '../src/simulate/options.ts';
import { loadCsvSeries, syntheticSource } from '../src/simulate/signal.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CSV = path.join(import.meta.dirname, 'fixtures/nab-small.csv');
const ADMIN = 'simulate-test-admin-token';
let app: Awaited<ReturnType<typeof startTestApp>>;

const edgewatch = (args: string[], env: Record<string, string> = {}) => runCli(args, { EDGEWATCH_ADMIN_TOKEN: ADMIN, ...env });

/** Every point of one series, following `next` cursors. */
async function readSeries(device: string, name: string): Promise<[number, number][]> {
  const points: [number, number][] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ device, name, limit: '10000', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${app.url}/api/v1/series?${query}`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { points: [number, number][]; next?: string };
    points.push(...page.points);
    cursor = page.next;
  } while (cursor);
  return points;
}

/** A loopback port nobody listens on (bound, then released). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  app = await startTestApp({ from: ROOT, variables: { admin_token: ADMIN } });
});
afterAll(() => app?.close());

describe('edgewatch simulate', () => {
  it('stores_exactly_the_synthetic_readings_it_counts_as_accepted', async () => {
    const result = await edgewatch(['simulate', '--url', app.url, '--devices', '3', '--rate', '10/s', '--duration', '2s', '--seed', '42', '--device-prefix', 'simsyn', '--json']);
    expect(result.stderr).not.toContain('edgewatch:');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as SimulateSummary;
    expect(summary.devices).toEqual(['simsyn-1', 'simsyn-2', 'simsyn-3']);
    expect(summary.requests.refused).toBe(0);
    // 10 readings/s for 2 s is 20 requests, each sent or (on a machine too busy to keep up) counted unsent.
    expect(summary.requests.sent + summary.requests.unsent).toBe(20);
    expect(summary.readings.accepted).toBe(summary.requests.sent);
    expect(summary.recordsAccepted).toBe(2 * summary.readings.accepted);
    for (const [index, device] of summary.devices.entries()) {
      const accepted = summary.acceptedByDevice[device]!;
      expect(accepted).toBeGreaterThan(0);
      // The same seed gives the same signal: what is stored is what the device generated, in order.
      const source = syntheticSource(42, index, false);
      const expected = Array.from({ length: accepted }, () => source.next());
      expect((await readSeries(device, 'temperature')).map(([, v]) => v)).toEqual(expected.map((r) => r.temperature));
      expect((await readSeries(device, 'humidity')).map(([, v]) => v)).toEqual(expected.map((r) => r.humidity));
    }
  });

  it('replays_a_nab_csv_and_every_accepted_point_is_in_the_series_api', async () => {
    const options = resolveSimulateOptions({ url: app.url, token: ADMIN, devices: '2', rate: '8/s', duration: '2s', from: CSV, 'device-prefix': 'simcsv' });
    const summary = await simulate(options);
    expect(summary.requests.refused).toBe(0);
    expect(summary.series).toEqual(['value']);
    const rows = loadCsvSeries(CSV);
    let total = 0;
    for (const [index, device] of summary.devices.entries()) {
      const values = (await readSeries(device, 'value')).map(([, v]) => v);
      expect(values).toHaveLength(summary.acceptedByDevice[device]!);
      // Each device replays the file from its own offset (half-way for the second of two).
      const offset = (index * rows.length) / 2;
      expect(values).toEqual(values.map((_, i) => rows[(offset + i) % rows.length]));
      total += values.length;
    }
    expect(total).toBe(summary.readings.accepted);
    expect(summary.recordsAccepted).toBe(summary.readings.accepted);
  });

  it('reuses_existing_device_ids_by_rotating_their_tokens', async () => {
    const options = resolveSimulateOptions({ url: app.url, token: ADMIN, devices: '1', rate: '5/s', duration: '1s', seed: '7', 'device-prefix': 'simsyn' });
    const before = (await readSeries('simsyn-1', 'temperature')).length;
    const summary = await simulate(options);
    expect(summary.requests.refused).toBe(0);
    expect((await readSeries('simsyn-1', 'temperature')).length).toBe(before + summary.readings.accepted);
  });

  it('refuses_bad_flags_with_one_line', async () => {
    for (const args of [['simulate', '--bogus'], ['simulate', '--rate', 'fast'], ['simulate', '--duration', '10'], ['simulate', '--devices', '0'], ['simulate', '--from', CSV, '--anomalies']]) {
      const result = await edgewatch([...args, '--url', app.url]);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
  });

  it('fails_with_one_line_when_the_app_is_unreachable_or_the_token_wrong', async () => {
    const port = await closedPort();
    const down = await edgewatch(['simulate', '--url', `http://127.0.0.1:${port}`, '--duration', '1s']);
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain(`cannot reach http://127.0.0.1:${port}`);
    const refused = await edgewatch(['simulate', '--url', app.url, '--duration', '1s'], { EDGEWATCH_ADMIN_TOKEN: 'wrong' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('token was refused');
  });
});
