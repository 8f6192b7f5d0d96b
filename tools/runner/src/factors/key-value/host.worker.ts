// fermyon:spin/key-value@2.0.0 for guests. Store.open enforces the component's
// declared labels exactly as Spin does (access-denied otherwise); SQLite stores
// are opened in the worker, memory and Redis stores are reached over the bridge.
import type { BridgeClient } from '../../engine/sync-bridge.ts';
import type { WorkerFactor } from '../factor.ts';
import type { KeyValueState } from './factor.ts';
import type { KeyValueBackend, KeyValueOp } from './backends/backend.ts';
import { openSqliteBackend } from './backends/sqlite.ts';

const fail = (tag: string, val?: string) => ({ payload: val === undefined ? { tag } : { tag, val } });

function bridged(bridge: BridgeClient, label: string): KeyValueBackend {
  const run = (op: KeyValueOp) => bridge.call<unknown>('kv', { label, op });
  return {
    get: (key) => run({ op: 'get', key }) as Uint8Array | undefined,
    set: (key, value) => void run({ op: 'set', key, value }),
    delete: (key) => void run({ op: 'delete', key }),
    exists: (key) => run({ op: 'exists', key }) as boolean,
    getKeys: () => run({ op: 'get-keys' }) as string[],
  };
}

interface WorkerKv {
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
    // Host failures (disk, network) become the WIT `other` error, never a trap.
    const guard = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (error) {
        throw fail('other', error instanceof Error ? error.message : String(error));
      }
    };
    class Store {
      readonly #backend: KeyValueBackend;
      private constructor(backend: KeyValueBackend) {
        this.#backend = backend;
      }
      static open(label: string): Store {
        if (!allowed.has(label)) throw fail('access-denied');
        if (!kv.state.stores[label]) throw fail('no-such-store');
        return new Store(guard(() => kv.backend(label)));
      }
      get(key: string) {
        return guard(() => this.#backend.get(key));
      }
      set(key: string, value: Uint8Array) {
        guard(() => this.#backend.set(key, value));
      }
      delete(key: string) {
        guard(() => this.#backend.delete(key));
      }
      exists(key: string) {
        return guard(() => this.#backend.exists(key));
      }
      getKeys() {
        return guard(() => this.#backend.getKeys());
      }
    }
    return { 'fermyon:spin/key-value': { Store } };
  },
};
