// Baseline (a) of the runner benchmark: a plain node:http server doing the work
// of the alerting health handler (JSON identity, request id, no-store), with no
// wasm at all. The runner's numbers are reported as ratios to this.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

/** Start the baseline on an ephemeral loopback port. */
export async function startBaseline(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/api/v1/alerts/health') {
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"status":404}');
      return;
    }
    const body = JSON.stringify({ component: 'alerting', version: '0.1.0', status: 'ok', details: { webhookAllowedHost: 'https://webhooks.invalid' } });
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': randomUUID() }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
