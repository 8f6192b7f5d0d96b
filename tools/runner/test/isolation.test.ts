// Failure isolation: a guest that throws, loops forever or eats memory costs
// one request (500/504), never the runner; oversized bodies get 413; close()
// lets in-flight requests finish.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../src/index.ts';
import { FIXTURE_DIR, freshStateDir, tempDir } from './support/fixture.ts';

let app: Awaited<ReturnType<typeof startTestApp>>;
const MAX_BODY = 4096;

beforeAll(async () => {
  app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), requestTimeoutMs: 2000, maxMemoryBytes: 64 * 1048576, maxBodyBytes: MAX_BODY });
});
afterAll(() => app?.close());

const stillServes = async () => {
  const response = await fetch(`${app.url}/echo`, { method: 'POST', body: 'alive' });
  expect(response.status).toBe(200);
  expect(((await response.json()) as { body: string }).body).toBe('alive');
};

describe('failing guests', () => {
  it('answers_500_when_the_handler_throws_and_keeps_serving', async () => {
    expect((await fetch(`${app.url}/throw`)).status).toBe(500);
    await stillServes();
  });

  it('answers_500_when_the_guest_fails_before_responding_and_keeps_serving', async () => {
    expect((await fetch(`${app.url}/echo?trap`)).status).toBe(500);
    await stillServes();
  });

  it('answers_504_problem_json_for_an_endless_loop_then_serves_again', async () => {
    const response = await fetch(`${app.url}/loop`);
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { title: string }).title).toBe('Gateway Timeout');
    await stillServes();
  });

  it('survives_more_endless_loops_than_it_has_workers', async () => {
    const statuses = await Promise.all([1, 2, 3].map(() => fetch(`${app.url}/loop`).then((r) => r.status)));
    expect(statuses).toEqual([504, 504, 504]);
    await stillServes();
  });

  it('answers_500_for_a_memory_hog_under_max_memory_bytes_and_keeps_serving', async () => {
    const response = await fetch(`${app.url}/hog`);
    expect(response.status).toBe(500);
    await stillServes();
  });

  it('answers_in_process_fetch_failures_with_problem_json_too', async () => {
    const response = await app.fetch('/loop');
    expect(response.status).toBe(504);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('body limit', () => {
  it('accepts_a_body_at_the_limit', async () => {
    const body = 'x'.repeat(MAX_BODY);
    const response = await fetch(`${app.url}/echo`, { method: 'POST', body });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: string }).body).toHaveLength(MAX_BODY);
  });

  it('refuses_a_body_over_the_limit_with_413_problem_json', async () => {
    const response = await fetch(`${app.url}/echo`, { method: 'POST', body: 'x'.repeat(MAX_BODY + 1) });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { detail: string }).detail).toContain(String(MAX_BODY));
    await stillServes();
  });

  it('refuses_an_oversized_body_in_process_too', async () => {
    expect((await app.fetch('/echo', { method: 'POST', body: 'x'.repeat(MAX_BODY + 1) })).status).toBe(413);
  });
});

describe('graceful shutdown', () => {
  it('finishes_an_in_flight_slow_request_after_close', async () => {
    const logDir = tempDir('runner-logs-');
    const slowApp = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), logDir });
    const tag = `t${process.pid}`;
    const url = new URL(`${slowApp.url}/slow?ms=800&tag=${tag}`);
    // Send the request and wait until the guest is running it (it logs a line), then close.
    const answer = new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const req = http.get(url, { agent: new http.Agent({ keepAlive: true }) }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      });
      req.on('error', reject);
    });
    const log = path.join(logDir, 'probe_stdout.txt');
    while (!(existsSync(log) && readFileSync(log, 'utf8').includes(`probe slow: started ${tag}`))) await new Promise((r) => setTimeout(r, 10));
    const closed = slowApp.close();
    const result = await answer;
    await closed;
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ sleptMs: 800 });
    // A keep-alive client is told to go, so close() need not wait for its idle timeout.
    expect(result.connection).toBe('close');
    // And it no longer accepts connections.
    await expect(fetch(`${slowApp.url}/echo`)).rejects.toThrow();
  });
});
