// Load generation for benchmarks: autocannon in a separate process, so the
// client never competes with the server for the same event loop.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  body?: string;
  headers?: Record<string, string>;
}

const AUTOCANNON = path.resolve(import.meta.dirname, '../../../node_modules/autocannon/autocannon.js');

/** Run autocannon against `url` and return its summary. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', String(options.connections), '-d', String(options.seconds)];
  if (options.method) args.push('-m', options.method);
  if (options.body !== undefined) args.push('-b', options.body);
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  args.push(options.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited ${code}: ${err.trim().split('\n').pop()}`));
      const summary = JSON.parse(out) as {
        requests: { average: number };
        latency: { p50: number; p99: number };
        errors: number;
        non2xx: number;
      };
      resolve({ rps: summary.requests.average, p50: summary.latency.p50, p99: summary.latency.p99, errors: summary.errors, non2xx: summary.non2xx });
    });
  });
}

/** Median of a list of numbers (NaN when empty). */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
