// Composition root: load and check the manifest, configure every factor, prepare
// the wasm, start the workers and the HTTP trigger. Used by the CLI (`edgewatch
// up`) and by tests (in-process, ephemeral port, memory store).
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { FACTORS } from './factors/registry.ts';
import type { FactorContext } from './factors/factor.ts';
import { loadManifest, resolveManifestPath } from './manifest/load-manifest.ts';
import type { AppConfig } from './manifest/app-config.ts';
import { loadRuntimeConfig, type StoreSpec } from './runtime-config.ts';
import { prepareComponent, type PreparedComponent } from './engine/prepare-component.ts';
import { WorkerPool } from './engine/worker-pool.ts';
import { SwappablePool } from './hot-swap/swappable-pool.ts';
import { reloadComponents, type ReloadResult } from './hot-swap/reload-components.ts';
import type { BridgeHandler } from './engine/sync-bridge.ts';
import { RouteTable, compileRoute } from './trigger-http/routes.ts';
import { boundAddress, dispatchRequest, problem, startHttpServer, type TriggerOptions } from './trigger-http/server.ts';
import { createLog, type RequestLog } from './logging.ts';
import { RunnerError } from './errors.ts';
import { RunnerMetrics } from './metrics/runner-metrics.ts';
import { startMetricsServer } from './metrics/metrics-server.ts';

export interface RunnerOptions {
  /** spin.toml or its folder (`-f`). */
  from: string;
  /** `host:port`; port 0 picks a free one. Default 127.0.0.1:3000. */
  listen?: string;
  /** Skip the socket entirely (tests that only use `fetch`). */
  noListen?: boolean;
  runtimeConfigFile?: string;
  /** Where `.spin` state lives; default `<app dir>/.spin`. */
  stateDir?: string;
  /**
   * Where transpiled components are cached (by content hash); default
   * `<app dir>/.spin/runner-cache`, shared by every state dir, since it is a build
   * artifact, not app state.
   */
  cacheDir?: string;
  /** Variable values that win over defaults (env SPIN_VARIABLE_* still wins over these). */
  variables?: Record<string, string>;
  /** Environment to read SPIN_VARIABLE_* from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Replace every store's backend (tests: 'memory'). */
  keyValue?: 'memory';
  workers?: number;
  warmInstances?: number;
  /** A new core instance per request instead of a reset one (benchmark comparison). */
  freshCoreInstances?: boolean;
  requestTimeoutMs?: number;
  maxBodyBytes?: number;
  maxMemoryBytes?: number;
  logDir?: string;
  quiet?: boolean;
  /** `host:port` of the admin listener serving Prometheus `GET /metrics`; off when unset. */
  metricsListen?: string;
}

export interface RunningApp {
  app: AppConfig;
  /** Base URL when listening. */
  url?: string;
  /** `http://host:port/metrics` when `metricsListen` was set. */
  metricsUrl?: string;
  /** Send a request through the trigger without a socket. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Instance creation times seen so far, per component (ms). */
  instanceTimes: Record<string, number[]>;
  /**
   * Re-read these components' wasm (and their dependencies') and serve it from new workers,
   * without a restart or a dropped request (hot-swap/); rejects, old code still serving, on failure.
   */
  reloadComponents(componentIds: string[]): Promise<ReloadResult>;
  /** Stop accepting, finish in-flight requests, stop workers, close backends. */
  close(): Promise<void>;
}

export const DEFAULTS = {
  listen: '127.0.0.1:3000',
  requestTimeoutMs: 30_000,
  maxBodyBytes: 10 * 1024 * 1024,
  maxMemoryBytes: 256 * 1024 * 1024,
  warmInstances: 2,
};

function parseListen(listen: string, flag = 'listen'): { host: string; port: number } {
  const match = /^(.*):(\d+)$/.exec(listen);
  if (!match) throw new Error(`--${flag} "${listen}": expected host:port, e.g. 127.0.0.1:3000`);
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
}

/** Start an app; throws RunnerError (with a code) for anything wrong at start-up. */
export async function startApp(options: RunnerOptions): Promise<RunningApp> {
  const log: RequestLog = createLog({ logDir: options.logDir, console: !options.quiet });
  const app = loadManifest(resolveManifestPath(options.from));
  const stateDir = path.resolve(options.stateDir ?? path.join(app.appDir, '.spin'));
  const runtimeConfig = loadRuntimeConfig(options.runtimeConfigFile);
  if (options.keyValue === 'memory') {
    const labels = new Set(['default', ...Object.values(app.components).flatMap((c) => c.keyValueStores)]);
    runtimeConfig.keyValueStores = Object.fromEntries([...labels].map((l) => [l, { type: 'memory' } satisfies StoreSpec]));
  }
  const env = options.env ?? process.env;
  const ctx: FactorContext = {
    app,
    runtimeConfig,
    stateDir,
    variable: (name) => env[`SPIN_VARIABLE_${name.toUpperCase()}`] ?? options.variables?.[name] ?? app.variables[name]?.default,
  };

  const factorStates: Record<string, unknown> = {};
  const bridge: Record<string, BridgeHandler> = {};
  for (const factor of FACTORS) {
    factorStates[factor.name] = await factor.configure(ctx);
    Object.assign(bridge, factor.bridgeHandlers?.(factorStates[factor.name]));
  }
  const disposeFactors = async () => {
    for (const factor of FACTORS) await factor.dispose?.(factorStates[factor.name]);
  };

  try {
    const cacheRoot = path.resolve(options.cacheDir ?? path.join(app.appDir, '.spin', 'runner-cache'));
    const maxMemoryBytes = options.maxMemoryBytes ?? DEFAULTS.maxMemoryBytes;
    const prepared: Record<string, PreparedComponent> = {};
    for (const component of Object.values(app.components)) {
      for (const source of [component.source, ...Object.values(component.dependencies)]) {
        if (prepared[source]) continue;
        const isDependency = source !== component.source;
        if (isDependency && !existsSync(source)) {
          const name = Object.entries(component.dependencies).find(([, path]) => path === source)![0];
          throw new RunnerError('DEPENDENCY_INVALID', `dependencies."${name}": ${source} does not exist; build it first (npm run build, or spin build)`, component.id);
        }
        prepared[source] = await prepareComponent(source, cacheRoot, maxMemoryBytes, component.id);
        const ms = prepared[source].transpileMs;
        if (ms > 0) log.info(`prepared ${path.relative(app.appDir, source)} for ${component.id}: transpiled in ${(ms / 1000).toFixed(1)} s (cached in ${path.relative(process.cwd(), cacheRoot)})`);
      }
    }

    const instanceTimes: Record<string, number[]> = {};
    // Parsed before any worker starts, so a bad address fails start-up with nothing to clean up.
    const metricsAddress = options.metricsListen === undefined ? undefined : parseListen(options.metricsListen, 'metrics-listen');
    const metrics = metricsAddress ? new RunnerMetrics() : undefined;
    // A factory, not one pool: a hot reload starts a second pool on newly prepared wasm.
    const createPool = (prepared: Record<string, PreparedComponent>) => new WorkerPool(
      options.workers ?? Math.max(2, os.availableParallelism()),
      { app, factorStates, prepared, warmInstances: options.warmInstances ?? DEFAULTS.warmInstances, freshCoreInstances: options.freshCoreInstances, metrics: metrics !== undefined },
      bridge,
      {
        log: (id, stream, line) => log.component(id, stream, line),
        instanceTime: (id, ms, kind) => {
          (instanceTimes[id] ??= []).push(ms);
          metrics?.observeInstance(id, kind, ms);
        },
        counts: metrics && ((batch) => metrics.addWorkerCounts(batch)),
      },
      options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
    );
    const pool = new SwappablePool(createPool(prepared));
    await pool.current.ready();
    let reloading: Promise<unknown> = Promise.resolve();

    const routes = new RouteTable(app.httpRoutes.filter((r) => r.route !== null).map((r) => compileRoute(r.component, r.route!)));
    const trigger: TriggerOptions = { routes, pool, maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes, log, metrics };

    let server: http.Server | undefined;
    let url: string | undefined;
    if (!options.noListen) {
      const { host, port } = parseListen(options.listen ?? DEFAULTS.listen);
      server = await startHttpServer(trigger, host, port);
      const bound = boundAddress(server);
      url = `http://${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}`;
    }
    let metricsServer: http.Server | undefined;
    let metricsUrl: string | undefined;
    if (metrics && metricsAddress) {
      metricsServer = await startMetricsServer(metrics, metricsAddress.host, metricsAddress.port);
      const bound = boundAddress(metricsServer);
      metricsUrl = `http://${bound.host.includes(':') ? `[${bound.host}]` : bound.host}:${bound.port}/metrics`;
    }

    return {
      app,
      url,
      metricsUrl,
      instanceTimes,
      reloadComponents(componentIds) {
        // One reload at a time: each builds on the wasm the previous one swapped in.
        const run = reloading.then(() => reloadComponents({ app, prepared, cacheRoot, maxMemoryBytes, pool, createPool }, componentIds));
        reloading = run.catch(() => {});
        return run;
      },
      fetch: (input, init) => fetchInProcess(trigger, new Request(typeof input === 'string' && input.startsWith('/') ? `http://localhost${input}` : input, init)),
      async close() {
        if (metricsServer) await new Promise<void>((resolve) => metricsServer!.close(() => resolve()).closeIdleConnections());
        if (server) {
          await new Promise<void>((resolve) => {
            server!.close(() => resolve());
            server!.closeIdleConnections();
          });
        }
        await pool.close();
        await disposeFactors();
      },
    };
  } catch (error) {
    await disposeFactors();
    throw error;
  }
}

/** Run a Web Request through the trigger and collect a Web Response. */
async function fetchInProcess(trigger: TriggerOptions, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.length > trigger.maxBodyBytes) {
    const p = problem(413, 'Content Too Large', `The request body is larger than the runner's limit of ${trigger.maxBodyBytes} bytes.`);
    return new Response(p.body as Uint8Array<ArrayBuffer>, { status: p.status, headers: p.headers });
  }
  return new Promise((resolve) => {
    let status = 500;
    let headers: [string, string][] = [];
    const chunks: Uint8Array[] = [];
    const finish = () => resolve(new Response(status === 204 || status === 304 || request.method === 'HEAD' ? null : Buffer.concat(chunks), { status, headers }));
    void dispatchRequest(
      trigger,
      { method: request.method, url, headers: [...request.headers], body: body.length ? [body] : [], clientAddr: '127.0.0.1:0' },
      {
        start: (s, h) => ((status = s), (headers = h)),
        chunk: (bytes) => chunks.push(bytes),
        end: finish,
        fail: (code, message) => {
          status = code;
          headers = [['content-type', 'application/problem+json']];
          chunks.splice(0, chunks.length, new TextEncoder().encode(JSON.stringify({ title: code === 504 ? 'Gateway Timeout' : 'Internal Server Error', status: code, detail: message })));
          finish();
        },
      },
    );
  });
}
