// The routing indirection that makes hot swaps safe: the HTTP trigger dispatches
// through this object, which forwards each request to the *current* worker pool
// and counts what every pool still has in flight. A swap switches new requests to
// the next pool in one assignment (no request ever waits for the switch), and
// closes the previous pool only after its last request finished. Service-chained
// calls run inside the worker of the request that made them, so they finish on
// the old code with their caller and never straddle two versions.
import type { IncomingRequestData } from '../host/http-types.worker.ts';
import type { RequestSink, WorkerPool } from '../engine/worker-pool.ts';

interface Generation {
  pool: WorkerPool;
  inFlight: number;
  /** Set while a swap waits for this generation's last request. */
  onDrained?: () => void;
}

/** What one swap did, for the caller's report. */
export interface SwapOutcome {
  /** Requests the previous pool was still serving at the switch; they finished on the old code. */
  drainedRequests: number;
  /** Requests that failed (500/504) in either pool between the switch and the old pool's close. */
  failedDuringSwap: number;
  /** Milliseconds from the switch until the old pool had drained and closed. */
  drainMs: number;
}

/** Use as the trigger's pool when components may be replaced while serving. */
export class SwappablePool {
  #current: Generation;
  #failures = 0;
  #closed = false;

  constructor(pool: WorkerPool) {
    this.#current = { pool, inFlight: 0 };
  }

  /** The pool new requests go to. */
  get current(): WorkerPool {
    return this.#current.pool;
  }

  /** Same contract as WorkerPool.dispatch, on whichever pool is current now. */
  dispatch(componentId: string, request: IncomingRequestData, sink: RequestSink): Promise<void> {
    const generation = this.#current;
    generation.inFlight++;
    const counted: RequestSink = {
      start: (status, headers) => sink.start(status, headers),
      chunk: (bytes) => sink.chunk(bytes),
      end: () => sink.end(),
      fail: (status, message) => {
        this.#failures++;
        sink.fail(status, message);
      },
    };
    return generation.pool.dispatch(componentId, request, counted).finally(() => {
      generation.inFlight--;
      if (generation.inFlight === 0) generation.onDrained?.();
    });
  }

  /**
   * Send new requests to `next` (already ready), then wait for the previous pool's
   * in-flight requests and close it. Callers serialize swaps.
   */
  async swap(next: WorkerPool): Promise<SwapOutcome> {
    if (this.#closed) {
      await next.close();
      throw new Error('the app is closing; swap refused');
    }
    const previous = this.#current;
    const failuresBefore = this.#failures;
    const started = performance.now();
    this.#current = { pool: next, inFlight: 0 };
    const drainedRequests = previous.inFlight;
    if (previous.inFlight > 0) await new Promise<void>((resolve) => (previous.onDrained = resolve));
    await previous.pool.close();
    return { drainedRequests, failedDuringSwap: this.#failures - failuresBefore, drainMs: performance.now() - started };
  }

  /** Whether close() was called; a reload in progress gives up when it sees this. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Stop the current pool's workers (the trigger has finished its requests first). */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#current.pool.close();
  }
}
