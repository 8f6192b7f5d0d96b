// fermyon:spin/key-value@2.0.0 for guests. Store.open enforces the component's
// declared labels exactly as Spin does (access-denied otherwise); SQLite stores
// are opened in the worker, memory and Redis stores are reached over the bridge.
// wasi:keyvalue (store, atomics) is served from the same backends by
// wasi-keyvalue.worker.ts.
import type { BridgeClient } from '../../engine/sync-bridge.ts';
import type { WorkerFactor } from '../factor.ts';
import type { KeyValueState } from './factor.ts';
import type { KeyValueBackend, KeyValueOp } from './backends/backend.ts';
import { openSqliteBackend } from './backends/sqlite.ts';
import { wasiKeyValueImports } from './wasi-keyvalue.worker.ts';
import { guardCall, openChecked } from './guarded-calls.worker.ts';
import type { CounterCell } from '../../metrics/worker-counters.worker.ts';

function bridged(bridge: BridgeClient, label: string): KeyValueBackend {
  const run = (op: KeyValueOp) => bridge.call<unknown>('kv', { label, op });
  return {
    get: (key) => run({ op: 'get', key }) as Uint8Array | undefined,
    set: (key, value) => void run({ op: 'set', key, value }),
    delete: (key) => void run({ op: 'delete', key }),
    exists: (key) => run({ op: 'exists', key }) as boolean,
    getKeys: () => run({ op: 'get-keys' }) as string[],
    // One bridged op each, so the main thread applies it atomically.
    increment: (key, delta) => run({ op: 'increment', key, delta }) as bigint,
    casSwap: (key, expected, value) => run({ op: 'cas-swap', key, expected, value }) as boolean,
  };
}

/** A worker's view of the key-value capability: app state plus this thread's open backends. */
export interface WorkerKv {
  state: KeyValueState;
  backend(label: string): KeyValueBackend;
}

export const keyValueWorkerFactor: WorkerFactor<KeyValueState, WorkerKv> = {
  name: 'key-value',
  init(state, bridge) {
    const cache = new Map<string, KeyValueBackend>();
    return {
      state,
      backend(label) {
        let backend = cache.get(label);
        if (!backend) {
          const spec = state.stores[label]!;
          backend = spec.type === 'sqlite' ? openSqliteBackend(spec.path, label) : bridged(bridge, label);
          cache.set(label, backend);
        }
        return backend;
      },
    };
  },
  imports(kv, ctx) {
    const allowed = new Set(kv.state.access[ctx.componentId] ?? []);
    const component = ctx.componentId;
    class Store {
      readonly #backend: KeyValueBackend;
      readonly #cell: CounterCell | undefined;
      private constructor(backend: KeyValueBackend, cell: CounterCell | undefined) {
        this.#backend = backend;
        this.#cell = cell;
      }
      static open(label: string): Store {
        const { backend, cell } = openChecked(kv, allowed, component, label);
        return new Store(backend, cell);
      }
      get(key: string) {
        return guardCall(this.#cell, 'get', () => this.#backend.get(key));
      }
      set(key: string, value: Uint8Array) {
        guardCall(this.#cell, 'set', () => this.#backend.set(key, value));
      }
      delete(key: string) {
        guardCall(this.#cell, 'delete', () => this.#backend.delete(key));
      }
      exists(key: string) {
        return guardCall(this.#cell, 'exists', () => this.#backend.exists(key));
      }
      getKeys() {
        return guardCall(this.#cell, 'get-keys', () => this.#backend.getKeys());
      }
    }
    return { 'fermyon:spin/key-value': { Store }, ...wasiKeyValueImports(kv, allowed, component) };
  },
};
