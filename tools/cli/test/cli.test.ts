// The edgewatch CLI against a running app (real spin.toml, real wasm, SQLite
// store in a temp dir): devices, send, and the KV inspector reading the same file.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.ts';
import { startTestApp } from '@edgewatch/runner';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const ADMIN = 'cli-test-admin-token';
const stateDir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-cli-'));
let app: Awaited<ReturnType<typeof startTestApp>>;

/** Run the CLI; resolves with stdout/stderr and the exit code. */
const edgewatch = (args: string[], env: Record<string, string> = {}) => runCli(args, { EDGEWATCH_ADMIN_TOKEN: ADMIN, ...env });

beforeAll(async () => {
  app = await startTestApp({ from: ROOT, keyValue: undefined, stateDir, variables: { admin_token: ADMIN } });
});
afterAll(() => app?.close());

describe('edgewatch CLI', () => {
  let token = '';

  it('adds_a_device_and_prints_its_token', async () => {
    const result = await edgewatch(['devices', 'add', 'cli-d1', '--url', app.url]);
    expect(result.code).toBe(0);
    token = result.stdout.trim().split('\n').pop()!;
    expect(token.startsWith('cli-d1.')).toBe(true);
  });

  it('sends_a_reading_that_the_series_api_returns', async () => {
    const result = await edgewatch(['send', 'cli-d1', 'temperature=21.5', 'humidity=40', '--url', app.url, '--token', token]);
    expect(result.code).toBe(0);
    const series = (await (await fetch(`${app.url}/api/v1/series?device=cli-d1&name=temperature`, { headers: { authorization: `Bearer ${ADMIN}` } })).json()) as { points: [number, number][] };
    expect(series.points.map(([, v]) => v)).toEqual([21.5]);
  });

  it('lists_devices_with_their_point_counts', async () => {
    const result = await edgewatch(['devices', 'list', '--url', app.url]);
    expect(result.code).toBe(0);
    // The 2 points sent, plus the anomaly scores inference may already have written under the device.
    const row = /cli-d1\s+(\d+)\s+(\d+)/.exec(result.stdout);
    expect(row).not.toBeNull();
    expect(Number(row![1])).toBeGreaterThanOrEqual(2);
    expect(Number(row![2])).toBeGreaterThanOrEqual(1);
    expect(result.stdout).toMatch(/cli-d1 .* active/);
  });

  it('decodes_the_key_layout_of_the_sqlite_store', async () => {
    const result = await edgewatch(['kv', 'list', '--state-dir', stateDir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('device         id=cli-d1');
    expect(result.stdout).toMatch(/series chunk {3}device=cli-d1 series=temperature hour=\d{4}-\d\d-\d\dT\d\dh/);
    expect(result.stdout).toMatch(/batch commit {3}device=cli-d1/);
  });

  it('fails_with_one_line_when_the_app_is_unreachable_or_the_token_wrong', async () => {
    const down = await edgewatch(['devices', 'list', '--url', 'http://127.0.0.1:9']);
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain('cannot reach http://127.0.0.1:9');
    const refused = await edgewatch(['devices', 'list', '--url', app.url], { EDGEWATCH_ADMIN_TOKEN: 'wrong' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('token was refused');
  });

  it('send_fails_with_one_line_when_the_app_is_unreachable_or_the_device_token_wrong', async () => {
    const down = await edgewatch(['send', 'cli-d1', 'temperature=1', '--url', 'http://127.0.0.1:9', '--token', token]);
    expect(down.code).not.toBe(0);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain('cannot reach http://127.0.0.1:9');
    const refused = await edgewatch(['send', 'cli-d1', 'temperature=1', '--url', app.url, '--token', 'cli-d1.not-the-secret']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    expect(refused.stderr).toContain('token was refused');
  });

  it('says_where_the_admin_token_is_when_unset_and_names_unknown_devices', async () => {
    const unset = await edgewatch(['devices', 'add', 'cli-d2', '--url', app.url], { EDGEWATCH_ADMIN_TOKEN: '' });
    expect(unset.code).not.toBe(0);
    expect(unset.stderr.trim()).toMatch(/^edgewatch: EDGEWATCH_ADMIN_TOKEN is not set; use the admin_token/);
    const unknown = await edgewatch(['devices', 'revoke', 'no-such-device', '--url', app.url]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(unknown.stderr).toContain('404');
    const twice = await edgewatch(['devices', 'add', 'cli-d1', '--url', app.url]);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('409');
  });

  it('refuses_unknown_flags_and_commands_with_one_line', async () => {
    for (const args of [['devices', 'list', '--bogus'], ['frobnicate'], ['send', 'd1', 'x=notanumber', '--token', 't'], ['send', 'd1', 'x=1', '--bogus'], ['kv', 'list', '--bogus']]) {
      const result = await edgewatch(args);
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
