// Key-value capability (main thread): maps store labels to backends (runtime
// config, else Spin's default SQLite file), checks every component's
// `key_value_stores` against them, and serves the backends that live on the main
// thread (memory, Redis) to workers through the bridge.
import path from 'node:path';
import { RunnerError } from '../../errors.ts';
import type { Factor } from '../factor.ts';
import type { StoreSpec } from '../../runtime-config.ts';
import type { KeyValueBackend, KeyValueOp } from './backends/backend.ts';
import { createMemoryBackend } from './backends/memory.ts';
import { openRedisBackend, type RedisBackend } from './backends/redis.ts';

export interface KeyValueState {
  stores: Record<string, StoreSpec>;
  /** component id -> labels it declared. */
  access: Record<string, string[]>;
}

/** Where `spin up` keeps the default store: `.spin/sqlite_key_value.db` beside spin.toml. */
export function defaultStoreFile(stateDir: string): string {
  return path.join(stateDir, 'sqlite_key_value.db');
}

const mainThreadBackends = new WeakMap<KeyValueState, Map<string, KeyValueBackend | RedisBackend>>();

function runLocal(backend: KeyValueBackend, op: KeyValueOp): unknown {
  switch (op.op) {
    case 'get':
      return backend.get(op.key);
    case 'set':
      return backend.set(op.key, op.value);
    case 'delete':
      return backend.delete(op.key);
    case 'exists':
      return backend.exists(op.key);
    case 'get-keys':
      return backend.getKeys();
    case 'increment':
      return backend.increment(op.key, op.delta);
    case 'cas-swap':
      return backend.casSwap(op.key, op.expected, op.value);
  }
}

export const keyValueFactor: Factor<KeyValueState> = {
  name: 'key-value',
  async configure({ app, runtimeConfig, stateDir }) {
    const stores: Record<string, StoreSpec> = { default: { type: 'sqlite', path: defaultStoreFile(stateDir) }, ...runtimeConfig.keyValueStores };
    const access: Record<string, string[]> = {};
    for (const component of Object.values(app.components)) {
      for (const label of component.keyValueStores) {
        if (!stores[label]) {
          throw new RunnerError(
            'KV_UNDECLARED_STORE',
            `key_value_stores: "${label}" has no backend; define [key_value_store.${label}] in a runtime config (--runtime-config-file) or use "default"`,
            component.id,
          );
        }
      }
      access[component.id] = component.keyValueStores;
    }
    const state: KeyValueState = { stores, access };
    const live = new Map<string, KeyValueBackend | RedisBackend>();
    for (const [label, spec] of Object.entries(stores)) {
      const used = Object.values(access).some((labels) => labels.includes(label));
      if (!used) continue;
      if (spec.type === 'memory') live.set(label, createMemoryBackend());
      if (spec.type === 'redis') {
        try {
          live.set(label, await openRedisBackend(spec.url));
        } catch (error) {
          throw new RunnerError('KV_BACKEND', `store "${label}": cannot connect to Redis at ${spec.url}: ${(error as Error).message}`);
        }
      }
    }
    mainThreadBackends.set(state, live);
    return state;
  },
  bridgeHandlers: (state) => ({
    kv: ({ label, op }: { label: string; op: KeyValueOp }) => {
      const backend = mainThreadBackends.get(state)?.get(label);
      if (!backend) throw new Error(`store "${label}" is not served on the main thread`);
      return 'run' in backend ? backend.run(op) : runLocal(backend, op);
    },
  }),
  async dispose(state) {
    for (const backend of mainThreadBackends.get(state)?.values() ?? []) {
      if ('close' in backend) await backend.close();
    }
  },
};
