// A real webhook receiver on loopback for the alerting benchmark: records when
// each Alertmanager notification arrived (performance.now(), the clock the
// bench stamps its posts with) and lets the bench wait for a given alert.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Alertmanager (version 4) notification as it arrived. */
export interface ArrivedNotification {
  at: number;
  deliveryId: string;
  body: { version: string; status: string; receiver: string; alerts: { status: string; labels: Record<string, string> }[] };
}

export interface BenchReceiver {
  origin: string;
  arrivals: ArrivedNotification[];
  /** Resolve with the first notification carrying a firing alert of `device`, or reject after `timeoutMs`. */
  waitFor(device: string, timeoutMs: number): Promise<ArrivedNotification>;
  close(): Promise<void>;
}

const firesFor = (n: ArrivedNotification, device: string) => n.body.alerts.some((a) => a.status === 'firing' && a.labels.device === device);

/** Start the receiver on an ephemeral loopback port; every POST answers 200. */
export async function startBenchReceiver(): Promise<BenchReceiver> {
  const arrivals: ArrivedNotification[] = [];
  const waiters = new Set<{ device: string; resolve(n: ArrivedNotification): void }>();
  const server = http.createServer((request, response) => {
    // Stamped at the first byte of the request, before the body is read: that is when the notification reached us.
    const at = performance.now();
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      const arrived: ArrivedNotification = { at, deliveryId: String(request.headers['x-edgewatch-delivery'] ?? ''), body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      arrivals.push(arrived);
      for (const waiter of waiters) if (firesFor(arrived, waiter.device)) waiter.resolve(arrived);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    arrivals,
    waitFor(device, timeoutMs) {
      const already = arrivals.find((n) => firesFor(n, device));
      if (already) return Promise.resolve(already);
      return new Promise((resolve, reject) => {
        const waiter = {
          device,
          resolve: (n: ArrivedNotification) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(n);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no notification for ${device} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
