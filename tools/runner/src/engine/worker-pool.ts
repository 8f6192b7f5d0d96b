// Main-thread side of guest execution: a fixed set of worker threads, one
// request at a time each, with a queue. A request that outlives its timeout gets
// its worker terminated (the only way to stop a looping guest) and a 504; a
// crashed worker fails its request with a 500; either way a fresh worker takes
// its place and the runner keeps serving.
import { Worker, MessageChannel } from 'node:worker_threads';
import type { IncomingRequestData } from '../host/http-types.worker.ts';
import type { FromWorker, WorkerInit } from './protocol.ts';
import { serveBridge, type BridgeHandler } from './sync-bridge.ts';
import type { WorkerCounts } from '../metrics/worker-counters.worker.ts';

/** Receives one response from a worker. */
export interface RequestSink {
  start(status: number, headers: [string, string][]): void;
  chunk(bytes: Uint8Array): void;
  end(): void;
  /** The request failed; `status` is 500 (trap) or 504 (timeout). */
  fail(status: 500 | 504, message: string): void;
}

export interface PoolEvents {
  log(componentId: string, stream: 'stdout' | 'stderr', line: string): void;
  instanceTime?(componentId: string, ms: number, kind: 'fresh' | 'recycled'): void;
  /** A worker's key-value/outbound counts, shipped with a response's last message (metrics on). */
  counts?(batch: WorkerCounts): void;
}

interface Job {
  id: number;
  componentId: string;
  request: IncomingRequestData;
  sink: RequestSink;
  done: () => void;
  /** The response is complete (ended or failed); the guest may still run work it kept alive (waitUntil). */
  answered?: boolean;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./guest-worker.worker.ts', import.meta.url);

export class WorkerPool {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #init: Omit<WorkerInit, 'bridgePort' | 'bridgeSignal'>;
  readonly #bridge: Record<string, BridgeHandler>;
  readonly #events: PoolEvents;
  readonly #timeoutMs: number;
  #nextId = 1;
  #closed = false;

  constructor(size: number, init: Omit<WorkerInit, 'bridgePort' | 'bridgeSignal'>, bridge: Record<string, BridgeHandler>, events: PoolEvents, timeoutMs: number) {
    this.#init = init;
    this.#bridge = bridge;
    this.#events = events;
    this.#timeoutMs = timeoutMs;
    for (let i = 0; i < size; i++) this.#slots.push(this.#spawn());
  }

  /** Resolves when every worker has loaded its components. */
  async ready(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.ready));
  }

  #spawn(): Slot {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    serveBridge(port1, signal, this.#bridge);
    const worker = new Worker(WORKER_URL, {
      workerData: { ...this.#init, bridgePort: port2, bridgeSignal: signal } satisfies WorkerInit,
      transferList: [port2],
    });
    let markReady!: () => void;
    let markFailed!: (e: Error) => void;
    const slot: Slot = { worker, ready: new Promise((res, rej) => ((markReady = res), (markFailed = rej))) };
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') return markReady();
      if (message.type === 'log') return this.#events.log(message.componentId, message.stream, message.line);
      if (message.type === 'instance-time') return this.#events.instanceTime?.(message.componentId, message.ms, message.kind);
      // Counts are the worker's, not the job's: keep them even when the job is gone.
      if ((message.type === 'end' || message.type === 'fail') && message.counts) this.#events.counts?.(message.counts);
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      if (message.type === 'start') job.sink.start(message.status, message.headers);
      else if (message.type === 'chunk') job.sink.chunk(message.bytes);
      else if (message.type === 'idle') this.#finish(slot);
      else if (!job.answered) {
        // The client gets its answer now; the worker stays taken until the guest call returns
        // ('idle'), so a new request never queues behind another request's background work.
        job.answered = true;
        if (message.type === 'end') job.sink.end();
        else job.sink.fail(500, message.message);
      }
    });
    worker.on('error', (error) => {
      markFailed(error);
      this.#replace(slot, 500, `worker crashed: ${error.message}`);
    });
    worker.on('exit', (code) => {
      if (!this.#closed) this.#replace(slot, 500, `worker exited with code ${code}`);
    });
    return slot;
  }

  #replace(slot: Slot, status: 500 | 504, message: string): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    const job = slot.job;
    slot.job = undefined;
    clearTimeout(slot.timer);
    this.#slots.splice(index, 1);
    void slot.worker.terminate();
    if (job) {
      // Past its answer (background work ran over the timeout or crashed): only the log can tell.
      if (job.answered) this.#events.log(job.componentId, 'stderr', `background work stopped: ${message}`);
      else job.sink.fail(status, message);
      job.done();
    }
    if (!this.#closed) {
      const fresh = this.#spawn();
      this.#slots.push(fresh);
      fresh.ready.then(() => this.#pump(), () => {});
    }
  }

  #finish(slot: Slot): void {
    clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = undefined;
    job?.done();
    this.#pump();
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (this.#queue.length === 0) return;
      if (slot.job) continue;
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => this.#replace(slot, 504, `no response within ${this.#timeoutMs} ms; the instance was stopped`), this.#timeoutMs);
      slot.worker.postMessage({ type: 'request', id: job.id, componentId: job.componentId, request: job.request });
    }
  }

  /** Run a request on the next free worker; resolves when the guest call has returned (or failed). */
  dispatch(componentId: string, request: IncomingRequestData, sink: RequestSink): Promise<void> {
    return new Promise((done) => {
      this.#queue.push({ id: this.#nextId++, componentId, request, sink, done });
      this.#pump();
    });
  }

  /** Stop all workers (in-flight requests should be awaited by the caller first). */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
