// Synchronous calls from a worker to the main thread. Guest code is synchronous
// (a host import must return a value), but some capabilities are async on Node
// (Redis, fetch, a store shared by all workers). The worker posts a call, then
// sleeps on a shared counter with Atomics.wait; the main thread answers on the
// port and bumps the counter; the worker reads the answer with
// receiveMessageOnPort. Several calls may be in flight (parallel outbound fetches).
import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

export type BridgeHandler = (payload: any) => Promise<unknown> | unknown;

type Answer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** Worker side. */
export class BridgeClient {
  readonly #port: MessagePort;
  readonly #signal: Int32Array;
  readonly #answers = new Map<number, Answer>();
  #nextId = 1;

  constructor(port: MessagePort, signal: SharedArrayBuffer) {
    this.#port = port;
    this.#signal = new Int32Array(signal);
  }

  /** Send a call without waiting; returns its id. */
  start(op: string, payload: unknown, transfer: ArrayBuffer[] = []): number {
    const id = this.#nextId++;
    this.#port.postMessage({ id, op, payload }, transfer);
    return id;
  }

  #drain(): void {
    for (let message = receiveMessageOnPort(this.#port); message; message = receiveMessageOnPort(this.#port)) {
      const answer = message.message as Answer;
      this.#answers.set(answer.id, answer);
    }
  }

  /** The answer to call `id` if it arrived within `timeoutMs`; throws the main thread's error. */
  wait(id: number, timeoutMs: number): unknown {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.#signal, 0);
      this.#drain();
      const answer = this.#answers.get(id);
      if (answer) {
        this.#answers.delete(id);
        if (!answer.ok) throw new Error(answer.error);
        return answer.value;
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) return undefined;
      Atomics.wait(this.#signal, 0, seen, Number.isFinite(remaining) ? remaining : undefined);
    }
  }

  /** Whether call `id` has an answer waiting (does not block). */
  ready(id: number): boolean {
    this.#drain();
    return this.#answers.has(id);
  }

  /** Call and block until the answer. */
  call<T>(op: string, payload: unknown): T {
    return this.wait(this.start(op, payload), Number.POSITIVE_INFINITY) as T;
  }
}

/** Main-thread side: answer calls on `port` with `handlers`. */
export function serveBridge(port: MessagePort, signal: SharedArrayBuffer, handlers: Record<string, BridgeHandler>): void {
  const counter = new Int32Array(signal);
  port.on('message', async ({ id, op, payload }: { id: number; op: string; payload: unknown }) => {
    let answer: Answer;
    try {
      const handler = handlers[op];
      if (!handler) throw new Error(`no bridge handler for "${op}"`);
      answer = { id, ok: true, value: await handler(payload) };
    } catch (error) {
      answer = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(answer);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  });
}
