// Baseline of the ingest benchmark: a plain Node server doing the same work as
// the ingest component's SenML route — parse and resolve the pack with
// libs/senml, hash the body, write the batch with libs/series-store into a
// SQLite file in Spin's table layout — with no wasm and no worker hop. (It skips
// the device-token lookup, which costs the component one KV read.)
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { openSqliteBackend } from '@edgewatch/runner';
import { permissiveLimits, resolveSenmlRecords } from '@edgewatch/senml';
import { writeBatch } from '@edgewatch/series-store';
import type { KeyValueStore } from '@edgewatch/spin-key-value';

/** Start the baseline on an ephemeral port, storing into `dbFile`. */
export async function startIngestBaseline(dbFile: string, device: string): Promise<{ url: string; close(): Promise<void> }> {
  const backend = openSqliteBackend(dbFile, 'default');
  // The plain operations only: the backend's atomics speak the WIT's s64 (bigint), not the lib's contract.
  const { get, set, delete: del, exists, getKeys } = backend;
  const store: KeyValueStore = { label: 'default', get, set, delete: del, exists, getKeys };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = Buffer.concat(chunks);
        const nowMs = Date.now();
        const records = resolveSenmlRecords(JSON.parse(body.toString('utf8')), permissiveLimits(nowMs / 1000));
        const outcome = writeBatch(store, {
          device,
          batch: randomBytes(12).toString('hex'),
          bodyHash: createHash('sha256').update(body).digest('hex'),
          records,
          nowMs,
        });
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ batch: outcome.batch, accepted: outcome.commit.points }));
      } catch (error) {
        res.writeHead(400, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ status: 400, detail: (error as Error).message }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
