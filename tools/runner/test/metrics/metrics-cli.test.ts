// `edgewatch up --metrics-listen` as a user runs it: the admin address is printed
// at start and serves the text format; a malformed address fails start-up on one line.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, RUNNER_SRC, freshStateDir } from '../support/fixture.ts';
import { parsePrometheusText, sampleValue } from '../support/prom-text.ts';

const CLI = path.join(RUNNER_SRC, 'cli.ts');

describe('edgewatch up --metrics-listen', () => {
  it('refuses_a_malformed_address_naming_the_flag', () => {
    const result = spawnSync(process.execPath, [CLI, 'up', '-f', FIXTURE_DIR, '--state-dir', freshStateDir(), '--metrics-listen', 'nowhere'], { encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('--metrics-listen "nowhere"')]);
  });

  it('prints_the_metrics_url_and_serves_it', async () => {
    const child = spawn(process.execPath, [CLI, 'up', '-f', FIXTURE_DIR, '--listen', '127.0.0.1:0', '--metrics-listen', '127.0.0.1:0', '--state-dir', freshStateDir(), '--workers', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      let stdout = '';
      const urls = await new Promise<{ app: string; metrics: string }>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const app = /Serving (http:\/\/\S+)/.exec(stdout)?.[1];
          const metrics = /Metrics: (http:\/\/\S+\/metrics)/.exec(stdout)?.[1];
          if (app && metrics) resolve({ app, metrics });
        });
        child.on('exit', (code) => reject(new Error(`exited ${code} before serving: ${stdout}`)));
      });
      expect((await fetch(`${urls.app}/exact`)).status).toBe(200);
      let samples = parsePrometheusText(await (await fetch(urls.metrics)).text());
      for (let i = 0; i < 100 && sampleValue(samples, 'spin_http_requests_total') < 1; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        samples = parsePrometheusText(await (await fetch(urls.metrics)).text());
      }
      expect(sampleValue(samples, 'spin_http_requests_total', { component: 'probe', route: '/exact', status: '200' })).toBe(1);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
