// The HTTP trigger: a node:http server that routes each request as Spin does,
// reads the body up to the limit (413 past it), adds Spin's headers, runs the
// component in the worker pool and streams the response back. Also serves the
// same dispatch to in-process callers (tests) without a socket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingRequestData } from '../host/http-types.worker.ts';
import type { RequestSink, WorkerPool } from '../engine/worker-pool.ts';
import { RouteTable } from './routes.ts';
import { spinHeaders } from './spin-headers.ts';
import type { RequestLog } from '../logging.ts';
import type { RunnerMetrics } from '../metrics/runner-metrics.ts';

// Headers that are about the client connection, not the request; never forwarded to guests.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'transfer-encoding', 'upgrade', 'http2-settings']);

export interface TriggerOptions {
  routes: RouteTable;
  /** The worker pool, or a SwappablePool in front of it (hot reload): only `dispatch` is used. */
  pool: Pick<WorkerPool, 'dispatch'>;
  maxBodyBytes: number;
  log: RequestLog;
  /** Set when the runner serves metrics (`--metrics-listen`). */
  metrics?: RunnerMetrics;
}

/** A problem+json response of the runner itself (404, 413, 500, 504). */
export function problem(status: number, title: string, detail: string): { status: number; headers: [string, string][]; body: Uint8Array } {
  const body = JSON.stringify({ type: 'about:blank', title, status, detail });
  return { status, headers: [['content-type', 'application/problem+json']], body: new TextEncoder().encode(body) };
}

/** Dispatch one request already read into memory; `respond` receives the streamed response. */
export async function dispatchRequest(
  options: TriggerOptions,
  request: { method: string; url: URL; headers: [string, string][]; body: Uint8Array[]; clientAddr: string },
  sink: RequestSink,
): Promise<{ component?: string; route?: string }> {
  const path = request.url.pathname;
  const match = path.startsWith('/.well-known/spin/') ? undefined : options.routes.match(path);
  if (!match) {
    const p = problem(404, 'Not Found', `No route matches ${path}.`);
    sink.start(p.status, p.headers);
    sink.chunk(p.body);
    sink.end();
    return {};
  }
  const pathWithQuery = `${path}${request.url.search}`;
  const headers = request.headers.filter(([name]) => !name.startsWith('spin-') && !HOP_BY_HOP.has(name));
  headers.push(...spinHeaders(match, { scheme: request.url.protocol.slice(0, -1), host: request.url.host, pathWithQuery, clientAddr: request.clientAddr }));
  const data: IncomingRequestData = {
    method: request.method,
    pathWithQuery,
    scheme: request.url.protocol === 'https:' ? 'https' : 'http',
    authority: request.url.host,
    headers,
    body: request.body,
  };
  await options.pool.dispatch(match.route.component, data, sink);
  return { component: match.route.component, route: match.route.raw };
}

/** Read a body up to `limit` bytes; undefined when it is larger. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Uint8Array[] | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
    });
    req.on('end', () => resolve(chunks));
    req.on('error', reject);
  });
}

/**
 * The request URL from the request target and Host header. Built by hand rather than with
 * `new URL(target, base)`, which would read a target like `//a/b` as a host; throws on a
 * malformed Host or a target that is not a path (the caller answers 400).
 */
function requestUrl(target: string, host: string): URL {
  if (!target.startsWith('/')) throw new Error(`the request target "${target}" is not an absolute path`);
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    throw new Error(`the Host header "${host}" is not a valid host[:port]`);
  }
  const query = target.indexOf('?');
  url.pathname = query < 0 ? target : target.slice(0, query);
  url.search = query < 0 ? '' : target.slice(query);
  return url;
}

/** Start listening; resolves with the server once bound. */
export function startHttpServer(options: TriggerOptions, host: string, port: number): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    let url: URL;
    try {
      url = requestUrl(req.url ?? '/', req.headers.host ?? `${host}:${port}`);
    } catch (error) {
      // A bad Host header must cost one 400, never the process (an async throw here is an unhandled rejection).
      const p = problem(400, 'Bad Request', (error as Error).message);
      res.writeHead(p.status, Object.fromEntries(p.headers)).end(p.body);
      const entry = { method: req.method ?? 'GET', path: req.url ?? '/', status: 400, ms: performance.now() - started };
      options.log.request(entry);
      options.metrics?.observeRequest(entry);
      return;
    }
    let status = 0;
    const sink: RequestSink = {
      start(code, headers) {
        status = code;
        // Shutting down: end the connection with this response, or close() would wait out keep-alive.
        if (!server.listening) res.shouldKeepAlive = false;
        const grouped = new Map<string, string[]>();
        for (const [name, value] of headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
        res.writeHead(code, Object.fromEntries(grouped));
      },
      chunk: (bytes) => void res.write(bytes),
      end: () => void res.end(),
      fail(code, message) {
        status = res.headersSent ? status : code;
        if (res.headersSent) {
          res.destroy(new Error(message));
          return;
        }
        if (!server.listening) res.shouldKeepAlive = false;
        const p = problem(code, code === 504 ? 'Gateway Timeout' : 'Internal Server Error', code === 504 ? 'The component did not answer in time.' : 'The component failed; see the runner log.');
        res.writeHead(p.status, Object.fromEntries(p.headers));
        res.end(p.body);
      },
    };
    let info: { component?: string; route?: string } = {};
    try {
      const body = await readBody(req, options.maxBodyBytes);
      if (!body) {
        const p = problem(413, 'Content Too Large', `The request body is larger than the runner's limit of ${options.maxBodyBytes} bytes.`);
        sink.start(p.status, p.headers);
        res.end(p.body);
      } else {
        const headers: [string, string][] = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
        const client = `${req.socket.remoteAddress ?? '127.0.0.1'}:${req.socket.remotePort ?? 0}`.replace(/^::ffff:/, '');
        info = await dispatchRequest(options, { method: req.method ?? 'GET', url, headers, body, clientAddr: client }, sink);
      }
    } catch (error) {
      sink.fail(500, (error as Error).message);
    }
    const entry = { method: req.method ?? 'GET', path: url.pathname, status, ms: performance.now() - started, ...info };
    options.log.request(entry);
    options.metrics?.observeRequest(entry);
  });
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** `host:port` the server is bound to. */
export function boundAddress(server: http.Server): { host: string; port: number } {
  const address = server.address() as AddressInfo;
  return { host: address.address, port: address.port };
}
