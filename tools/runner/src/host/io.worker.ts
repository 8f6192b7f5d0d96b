// wasi:io@0.2 for guests running in a runner worker: byte streams over memory
// buffers and sinks, and pollables. Everything here is synchronous: a guest
// call returns only when its data is there, as in a wasmtime host.

/** `wasi:io/error.error`. */
export class IoError {
  readonly #message: string;
  constructor(message: string) {
    this.#message = message;
  }
  toDebugString(): string {
    return this.#message;
  }
}

/** A readiness source; `wait` blocks the worker until ready or `timeoutMs` passes. */
export class Pollable {
  readonly #ready: () => boolean;
  readonly #wait: (timeoutMs: number) => void;
  /**
   * Checking readiness does the work itself (a chained request runs the other component
   * in this thread): poll() checks such pollables only when nothing cheap is ready.
   */
  readonly deferred: boolean;
  constructor(ready: () => boolean = () => true, wait: (timeoutMs: number) => void = () => {}, deferred = false) {
    this.#ready = ready;
    this.#wait = wait;
    this.deferred = deferred;
  }
  ready(): boolean {
    return this.#ready();
  }
  block(): void {
    while (!this.#ready()) this.#wait(Number.POSITIVE_INFINITY);
  }
  /** Runner-internal: block up to `timeoutMs`. */
  waitFor(timeoutMs: number): void {
    this.#wait(timeoutMs);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Block the current worker thread for `ms` without spinning. */
export function sleepSync(ms: number): void {
  if (ms > 0) Atomics.wait(sleeper, 0, 0, ms);
}

/** A pollable that becomes ready at a monotonic deadline (nanoseconds). */
export function deadlinePollable(deadlineNs: bigint): Pollable & { deadlineNs: bigint } {
  const pollable = new Pollable(
    () => process.hrtime.bigint() >= deadlineNs,
    (timeoutMs) => sleepSync(Math.min(timeoutMs, Number(deadlineNs - process.hrtime.bigint()) / 1e6)),
  ) as Pollable & { deadlineNs: bigint };
  pollable.deadlineNs = deadlineNs;
  return pollable;
}

/**
 * `wasi:io/poll.poll`: indexes of the ready pollables, blocking until at least one is.
 * Deferred pollables (chained requests) are checked last, so a guest that answered its
 * caller and fired a background request finishes writing its response first — as in Spin,
 * where the chained component runs concurrently and never holds up the response.
 */
export function poll(pollables: Pollable[]): Uint32Array {
  for (;;) {
    const ready: number[] = [];
    pollables.forEach((p, i) => !p.deferred && p.ready() && ready.push(i));
    if (ready.length === 0) pollables.forEach((p, i) => p.deferred && p.ready() && ready.push(i));
    if (ready.length > 0) return new Uint32Array(ready);
    // Wait on a non-timer source if there is one, bounded by the nearest timer.
    const deadlines = pollables.map((p) => (p as Pollable & { deadlineNs?: bigint }).deadlineNs).filter((d) => d !== undefined);
    const nearestMs = deadlines.length ? Math.max(0, Number(deadlines.reduce((a, b) => (a < b ? a : b)) - process.hrtime.bigint()) / 1e6) : Infinity;
    const source = pollables.find((p) => (p as Pollable & { deadlineNs?: bigint }).deadlineNs === undefined);
    if (source) source.waitFor(nearestMs);
    else sleepSync(nearestMs);
  }
}

const CLOSED = { tag: 'closed' } as const;

/** An input stream over chunks that are all present (request and response bodies are buffered by the host). */
export class InputStream {
  #chunks: Uint8Array[];
  constructor(chunks: Uint8Array[] = []) {
    this.#chunks = chunks.filter((c) => c.length > 0);
  }
  read(len: bigint): Uint8Array {
    const first = this.#chunks[0];
    if (!first) throw CLOSED;
    const n = Math.min(Number(len), first.length);
    if (n === first.length) this.#chunks.shift();
    else this.#chunks[0] = first.subarray(n);
    return first.subarray(0, n);
  }
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

const WRITE_BUDGET = 1n << 20n;

/** An output stream whose bytes go to `sink` (a response body, a log, an outbound request body). */
export class OutputStream {
  readonly #sink: (chunk: Uint8Array) => void;
  #closed = false;
  constructor(sink: (chunk: Uint8Array) => void) {
    this.#sink = sink;
  }
  /** Runner-internal: further writes fail with `closed` (e.g. the body was finished). */
  close(): void {
    this.#closed = true;
  }
  checkWrite(): bigint {
    if (this.#closed) throw CLOSED;
    return WRITE_BUDGET;
  }
  write(contents: Uint8Array): void {
    if (this.#closed) throw CLOSED;
    // Guests reuse their buffers after the call returns: copy.
    if (contents.length > 0) this.#sink(contents.slice());
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    this.write(contents);
  }
  flush(): void {
    if (this.#closed) throw CLOSED;
  }
  blockingFlush(): void {
    this.flush();
  }
  subscribe(): Pollable {
    return new Pollable();
  }
  writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeZeroes(len);
  }
  splice(src: InputStream, len: bigint): bigint {
    const bytes = src.read(len);
    this.write(bytes);
    return BigInt(bytes.length);
  }
  blockingSplice(src: InputStream, len: bigint): bigint {
    return this.splice(src, len);
  }
}

/** The wasi:io interfaces keyed as jco's instantiate() expects them. */
export function ioImports() {
  return {
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
  };
}
