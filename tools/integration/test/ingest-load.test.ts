// Ingest under load on the real SQLite key-value file: 32 parallel clients each
// sending 200 batches must find every acknowledged point exactly once, and a
// runner restart in the middle of a load must lose no acknowledged point.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';
import { ADMIN_TOKEN, compareExactlyOnce, INGEST_MANIFEST, postSenml, readAllPoints, registerDevice, type App } from './ingest-client.ts';

const stateDirs: string[] = [];
afterAll(() => stateDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function startOnSqlite(stateDir: string): Promise<App> {
  return startTestApp({ from: INGEST_MANIFEST, keyValue: undefined, stateDir, variables: { admin_token: ADMIN_TOKEN, internal_call_mode: 'none' } });
}

function freshStateDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-ingest-'));
  stateDirs.push(dir);
  return dir;
}

const DEVICES = 4;
const POINTS_PER_BATCH = 3;
// Values run to 320 000, so times span ~3.7 days ending a day ago: inside the default max_past_seconds.
const BASE_T = Math.floor(Date.now() / 1000) - 5 * 86_400;

/** Batch `b` of client `c`: distinct times and values that name their origin (value = c*10000 + b*10 + point). */
function batchOf(c: number, b: number) {
  const device = `load${c % DEVICES}`;
  const records = Array.from({ length: POINTS_PER_BATCH }, (_, p) => {
    const value = c * 10_000 + b * 10 + p;
    return { n: `${device}/level`, v: value, t: BASE_T + value };
  });
  return { device, records, values: records.map((r) => r.v) };
}

async function readBack(base: string): Promise<number[]> {
  const values: number[] = [];
  for (let d = 0; d < DEVICES; d++) values.push(...(await readAllPoints(base, `load${d}`, `load${d}/level`)).map(([, v]) => v));
  return values;
}

describe('ingest under load', () => {
  it('reads_back_every_acknowledged_point_exactly_once_with_32_parallel_clients_x_200_batches', { timeout: 900_000 }, async () => {
    const app = await startOnSqlite(freshStateDir());
    try {
      const tokens = await Promise.all(Array.from({ length: DEVICES }, (_, d) => registerDevice(app.url, `load${d}`)));
      const acknowledged: number[] = [];
      const failures: string[] = [];
      await Promise.all(
        Array.from({ length: 32 }, async (_, c) => {
          for (let b = 0; b < 200; b++) {
            const batch = batchOf(c, b);
            const response = await postSenml(app.url, tokens[c % DEVICES]!, batch.records);
            if (response.status === 201) acknowledged.push(...batch.values);
            else failures.push(`${c}/${b}: ${response.status} ${await response.text()}`);
          }
        }),
      );
      expect(failures.slice(0, 5)).toEqual([]);
      expect(acknowledged).toHaveLength(32 * 200 * POINTS_PER_BATCH);
      const stored = await readBack(app.url);
      expect(compareExactlyOnce(acknowledged, stored)).toEqual({ duplicated: [], missing: [] });
      expect(stored).toHaveLength(acknowledged.length);
      // A second read (after the first one compacted settled buckets) sees the same points.
      expect((await readBack(app.url)).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
    } finally {
      await app.close();
    }
  });

  it('loses_no_acknowledged_point_when_the_runner_restarts_mid_load', { timeout: 600_000 }, async () => {
    const stateDir = freshStateDir();
    let app: App | undefined = await startOnSqlite(stateDir);
    const tokens = await Promise.all(Array.from({ length: DEVICES }, (_, d) => registerDevice(app!.url, `load${d}`)));
    let restarted: Promise<App> | undefined;
    const acknowledged: number[] = [];
    let sent = 0;
    const CLIENTS = 8;
    const BATCHES = 40;
    // Each client retries a batch it got no answer for, with the same Idempotency-Key, once the runner is back.
    const client = async (c: number) => {
      for (let b = 0; b < BATCHES; b++) {
        const batch = batchOf(c, b);
        for (;;) {
          const current = app ?? (await restarted!);
          sent += 1;
          if (sent === (CLIENTS * BATCHES) / 2) restarted = restart();
          const response = await postSenml(current.url, tokens[c % DEVICES]!, batch.records, { 'idempotency-key': `c${c}-b${b}` }).catch(() => undefined);
          if (response?.status === 201 || response?.status === 200) {
            acknowledged.push(...batch.values);
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const restart = async () => {
      const old = app!;
      app = undefined;
      await old.close();
      app = await startOnSqlite(stateDir);
      return app;
    };
    try {
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
      await restarted;
      expect(restarted, 'the restart happened during the load').toBeDefined();
      expect(compareExactlyOnce(acknowledged, await readBack(app!.url))).toEqual({ duplicated: [], missing: [] });
      // And after one more restart, with nothing in flight, the file still holds every point.
      await app!.close();
      app = await startOnSqlite(stateDir);
      const stored = await readBack(app.url);
      expect(compareExactlyOnce(acknowledged, stored)).toEqual({ duplicated: [], missing: [] });
      expect(stored).toHaveLength(CLIENTS * BATCHES * POINTS_PER_BATCH);
    } finally {
      await app?.close();
    }
  });
});
