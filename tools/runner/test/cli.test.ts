// `edgewatch up` as a user runs it: bad flags and bad manifests exit non-zero
// with one line on stderr; a good app serves until SIGTERM, then exits 0.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, RUNNER_SRC, freshStateDir, probeManifest, writeManifest } from './support/fixture.ts';

const CLI = path.join(RUNNER_SRC, 'cli.ts');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');

describe('edgewatch CLI', () => {
  it('refuses_an_unknown_flag_with_one_line_and_exit_2', () => {
    const result = run('up', '--bogus');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain('--bogus');
    expect(result.stderr).toContain('edgewatch up --help');
  });

  it('refuses_an_unknown_command_with_one_line', () => {
    const result = run('down');
    expect(result.status).not.toBe(0);
    expect(lines(result.stderr)).toEqual([expect.stringContaining('unknown command "down"')]);
  });

  it('refuses_a_bad_number_naming_the_flag', () => {
    const result = run('up', '-f', FIXTURE_DIR, '--request-timeout-ms', 'soon');
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringContaining('--request-timeout-ms "soon"')]);
  });

  it('reports_a_bad_manifest_on_one_line_naming_the_key', () => {
    const dir = writeManifest(probeManifest({ component: 'key_value_store = ["default"]\nallowed_hosts = []' }));
    const result = run('up', '-f', dir, '--state-dir', freshStateDir());
    expect(result.status).toBe(2);
    const stderr = lines(result.stderr);
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain('MANIFEST_SCHEMA');
    expect(stderr[0]).toContain('component.probe.key_value_store');
    expect(stderr[0]).toContain('did you mean "key_value_stores"');
    expect(stderr[0]).toContain('component.probe.allowed_hosts');
  });

  it('reports_a_missing_manifest_on_one_line', () => {
    const result = run('up', '-f', path.join(FIXTURE_DIR, 'nope'));
    expect(result.status).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringContaining('MANIFEST_READ')]);
  });

  it('serves_the_fixture_then_exits_0_on_sigterm', async () => {
    const child = spawn(process.execPath, [CLI, 'up', '-f', FIXTURE_DIR, '--listen', '127.0.0.1:0', '--state-dir', freshStateDir(), '--workers', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        const match = /Serving (http:\/\/[^\s]+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before serving: ${stderr}`)));
    });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toMatch(/:0$/);
      const response = await fetch(`${url}/var?name=greeting`);
      expect(await response.json()).toEqual({ name: 'greeting', value: 'hello' });
      expect(stdout).toContain('(private endpoint)');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
