// The admin listener (`--metrics-listen host:port`): a separate node:http server
// answering `GET /metrics` with the Prometheus text format, so scrapes never
// compete with the app's routes (a component may own `/...`) and the admin port
// can be bound to a private interface while the app listens publicly.
import http from 'node:http';
import type { RunnerMetrics } from './runner-metrics.ts';

/** Start the admin listener; resolves once bound. Anything but GET/HEAD /metrics is 404. */
export function startMetricsServer(metrics: RunnerMetrics, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found: the runner serves GET /metrics here\n');
      return;
    }
    metrics.text().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      (error: Error) => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics failed: ${error.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
