// Worker thread entry: runs guest components. Each request gets a fresh
// instance, as in Spin; instances are created ahead of demand while the worker
// is idle, so a request mostly pays only for the guest's own work. Guest code
// never runs on the thread that serves HTTP, so a looping guest can be stopped
// by terminating this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { WORKER_FACTORS } from '../factors/registry.worker.ts';
import type { InstanceContext } from '../factors/factor.ts';
import { BridgeClient } from './sync-bridge.ts';
import { IncomingRequest, ResponseOutparam, type IncomingRequestData, type IncomingResponseData, type ResponseSink } from '../host/http-types.worker.ts';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.ts';
import type { PreparedComponent } from './prepare-component.ts';
import { RouteTable, compileRoute } from '../trigger-http/routes.ts';
import { IMAGE_IMPORT, MemoryPool } from './memory-image.ts';
import { InstanceRecycler } from './instance-recycler.ts';
import { drainWorkerCounts, enableWorkerCounters } from '../metrics/worker-counters.worker.ts';

type InstantiateCore = (module: WebAssembly.Module, imports?: WebAssembly.Imports) => WebAssembly.Instance;
type Instantiate = (
  getModule: (name: string) => WebAssembly.Module,
  imports: Record<string, object>,
  instantiateCore: InstantiateCore,
) => Record<string, any>;
interface Handler {
  handle(request: IncomingRequest, out: ResponseOutparam): void;
}
/** A fresh instance ready to serve one request, and what to recycle after it. */
interface Instance {
  handler: Handler;
  recycle: (() => void)[];
}

const init = workerData as WorkerInit;
enableWorkerCounters(init.metrics === true);
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => parentPort!.postMessage(message, transfer);
const bridge = new BridgeClient(init.bridgePort as any, init.bridgeSignal);
const workerStates = Object.fromEntries(WORKER_FACTORS.map((f) => [f.name, f.init(init.factorStates[f.name], bridge)]));
const routes = new RouteTable(init.app.httpRoutes.filter((r) => r.route !== null).map((r) => compileRoute(r.component, r.route!)));

const glue = new Map<string, Instantiate>();
const memoryPools = new Map<WebAssembly.Module, MemoryPool>();
const recyclers = new Map<WebAssembly.Module, InstanceRecycler>();
for (const [source, prepared] of Object.entries(init.prepared)) {
  glue.set(source, ((await import(pathToFileURL(prepared.glueFile).href)) as { instantiate: Instantiate }).instantiate);
  for (const [file, image] of Object.entries(prepared.images)) {
    const module = prepared.modules[file]!;
    if (image.recycle && !init.freshCoreInstances) recyclers.set(module, new InstanceRecycler(module, image, image.recycle.globalExports));
    else memoryPools.set(module, new MemoryPool(image));
  }
}

/** Instantiate a component; big core modules get a reset instance or a reset memory (see memory-image.ts). */
function instantiate(source: string, imports: Record<string, object>, recycle: Instance['recycle']): Record<string, any> {
  const prepared = init.prepared[source] as PreparedComponent;
  const instantiateCore: InstantiateCore = (module, coreImports = {}) => {
    const recycler = recyclers.get(module);
    if (recycler) {
      usedRecycledCore = true;
      const instance = recycler.take(coreImports);
      recycle.push(() => recycler.give(instance));
      return instance;
    }
    const pool = memoryPools.get(module);
    if (!pool) return new WebAssembly.Instance(module, coreImports);
    const memory = pool.take();
    recycle.push(() => pool.give(memory));
    return new WebAssembly.Instance(module, { ...coreImports, [IMAGE_IMPORT.module]: { [IMAGE_IMPORT.name]: memory } });
  };
  return glue.get(source)!((name) => prepared.modules[name]!, imports, instantiateCore);
}

/** Set by instantiate() when a core instance came from a recycler: the metrics' instance `kind`. */
let usedRecycledCore = false;

function release(instance: Instance): void {
  for (const recycle of instance.recycle.splice(0)) recycle();
}

const unversioned = (name: string) => name.replace(/@[^/]*$/, '');

/** Imports satisfied by the component's `dependencies` (Spin composes them; here: fresh dependency instances). */
function dependencyImports(componentId: string, ctx: InstanceContext, base: Record<string, object>, recycle: Instance['recycle']): Record<string, object> {
  const out: Record<string, object> = {};
  for (const [name, source] of Object.entries(init.app.components[componentId]!.dependencies)) {
    const exports = instantiate(source, base, recycle);
    const key = unversioned(name);
    const match = Object.entries(exports).find(([exportName]) => unversioned(exportName) === key);
    if (!match) throw new Error(`dependency ${name} of component "${ctx.componentId}" does not export it`);
    out[key] = match[1];
  }
  return out;
}

function createInstance(componentId: string): Instance {
  const started = performance.now();
  usedRecycledCore = false;
  const log = {
    stdout: (line: string) => post({ type: 'log', componentId, stream: 'stdout', line }),
    stderr: (line: string) => post({ type: 'log', componentId, stream: 'stderr', line }),
  };
  const ctx: InstanceContext = { componentId, bridge, log, chain: runChained };
  const imports: Record<string, object> = Object.assign({}, ...WORKER_FACTORS.map((f) => f.imports(workerStates[f.name], ctx)));
  const recycle: Instance['recycle'] = [];
  Object.assign(imports, dependencyImports(componentId, ctx, imports, recycle));
  const exports = instantiate(init.app.components[componentId]!.source, imports, recycle);
  const handler = (exports['wasi:http/incoming-handler@0.2.3'] ?? exports.incomingHandler) as Handler | undefined;
  if (!handler) throw new Error(`component "${componentId}" does not export wasi:http/incoming-handler`);
  post({ type: 'instance-time', componentId, ms: performance.now() - started, kind: usedRecycledCore ? 'recycled' : 'fresh' });
  return { handler, recycle };
}

const warm = new Map<string, Instance[]>();
let refillScheduled = false;

function takeInstance(componentId: string): Instance {
  return warm.get(componentId)?.pop() ?? createInstance(componentId);
}

/** Top up the warm pools while idle; one instance per turn so requests are not delayed. */
function refill(): void {
  refillScheduled = false;
  for (const id of Object.keys(init.app.components)) {
    const pool = warm.get(id) ?? [];
    warm.set(id, pool);
    if (pool.length < init.warmInstances) {
      try {
        pool.push(createInstance(id));
      } catch (error) {
        post({ type: 'log', componentId: id, stream: 'stderr', line: `instance creation failed: ${(error as Error).message}` });
        continue;
      }
      scheduleRefill();
      return;
    }
  }
}

function scheduleRefill(): void {
  if (!refillScheduled && init.warmInstances > 0) {
    refillScheduled = true;
    setImmediate(refill);
  }
}

/** Run one request through a fresh instance, streaming the response into `sink`. */
function run(componentId: string, data: IncomingRequestData, sink: ResponseSink & { ended(): boolean }): void {
  const instance = takeInstance(componentId);
  try {
    const out = new ResponseOutparam(sink);
    instance.handler.handle(new IncomingRequest(data), out);
    if (!out.isSet) throw new Error('the component returned without setting a response');
    if (!sink.ended()) sink.end();
  } finally {
    // The instance is never used again (one per request, as in Spin): its memory can be reset for the next one.
    release(instance);
  }
}

/** Service chaining inside this worker: no network hop, same semantics. */
function runChained(componentId: string | undefined, data: IncomingRequestData): IncomingResponseData | undefined {
  let target = componentId;
  if (target === undefined) target = routes.match(data.pathWithQuery.split('?')[0]!)?.route.component;
  if (target === undefined || !init.app.components[target]) return undefined;
  const response: IncomingResponseData = { status: 500, headers: [], body: [] };
  let ended = false;
  run(target, data, {
    start: (status, headers) => Object.assign(response, { status, headers }),
    chunk: (bytes) => response.body.push(bytes),
    end: () => void (ended = true),
    fail: (error) => Object.assign(response, { status: 502, body: [new TextEncoder().encode(`chained component failed: ${error.tag}`)] }),
    ended: () => ended,
  });
  return response;
}

parentPort!.on('message', (message: ToWorker) => {
  if (message.type !== 'request') return;
  const { id } = message;
  let started = false;
  let ended = false;
  try {
    run(message.componentId, message.request, {
      start: (status, headers) => {
        started = true;
        post({ type: 'start', id, status, headers });
      },
      chunk: (bytes) => post({ type: 'chunk', id, bytes }, [bytes.buffer as ArrayBuffer]),
      end: () => {
        ended = true;
        post({ type: 'end', id, counts: drainWorkerCounts() });
      },
      fail: (error) => post({ type: 'fail', id, message: `component answered with error ${error.tag}`, counts: drainWorkerCounts() }),
      ended: () => ended,
    });
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post({ type: 'log', componentId: message.componentId, stream: 'stderr', line: `request failed: ${detail}` });
    if (!started || !ended) post({ type: 'fail', id, message: detail, counts: drainWorkerCounts() });
  }
  post({ type: 'idle', id });
  scheduleRefill();
});

scheduleRefill();
post({ type: 'ready' });
