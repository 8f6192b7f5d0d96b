// `edgewatch kv list|get|set|delete`: look inside the app's key-value store
// directly — the SQLite file Spin and the runner share, or Redis per a
// runtime config — with the app's key layout decoded next to the raw keys.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadRuntimeConfig, openRedisBackend, openSqliteBackend, closeSqliteBackends, defaultStoreFile } from '@edgewatch/runner';
import { fail, parseFlags } from '../output.ts';
import { decodeKey, describeKey, describeValue } from '../key-layout.ts';

interface Store {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
  close(): Promise<void>;
}

async function openStore(label: string, stateDir: string, runtimeConfigFile?: string): Promise<Store> {
  const spec = loadRuntimeConfig(runtimeConfigFile).keyValueStores[label] ?? (label === 'default' ? { type: 'sqlite' as const, path: defaultStoreFile(stateDir) } : undefined);
  if (!spec) fail(`kv: store "${label}" is not in ${runtimeConfigFile ?? 'the defaults'}; use --store default or pass --runtime-config-file`);
  if (spec.type === 'redis') {
    const redis = await openRedisBackend(spec.url).catch((error: Error) => {
      throw new Error(`kv: cannot reach Redis at ${spec.url} (${error.message.split('\n')[0] || error.name}); start it or fix [key_value_store.${label}] in ${runtimeConfigFile}`);
    });
    return {
      get: async (key) => (await redis.run({ op: 'get', key })) as Uint8Array | undefined,
      set: async (key, value) => void (await redis.run({ op: 'set', key, value })),
      delete: async (key) => void (await redis.run({ op: 'delete', key })),
      keys: async () => (await redis.run({ op: 'get-keys' })) as string[],
      close: () => redis.close(),
    };
  }
  if (spec.type === 'memory') fail(`kv: store "${label}" is in memory only; nothing to inspect`);
  // Opening would create an empty file: a wrong --state-dir must say so, not list 0 keys.
  if (!existsSync(spec.path)) fail(`kv: no store file at ${spec.path}; start the app once (npm start) or pass --state-dir / --runtime-config-file`);
  const sqlite = openSqliteBackend(spec.path, label);
  return {
    get: async (key) => sqlite.get(key),
    set: async (key, value) => sqlite.set(key, value),
    delete: async (key) => sqlite.delete(key),
    keys: async () => sqlite.getKeys(),
    close: async () => closeSqliteBackends(),
  };
}

/** `: 3 series chunk, 1 batch commit, ...` — what a listing holds, by kind. */
function countKinds(keys: string[]): string {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const kind = decodeKey(key)?.kind ?? 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return counts.size ? `: ${[...counts].map(([kind, n]) => `${n} ${kind}`).join(', ')}` : '';
}

/** Run a kv subcommand. */
export async function kvCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(
    args,
    {
      store: { type: 'string', default: 'default' },
      prefix: { type: 'string', default: '' },
      'state-dir': { type: 'string', default: '.spin' },
      'runtime-config-file': { type: 'string' },
      raw: { type: 'boolean', default: false },
    },
    'kv',
  );
  const [action, key, value] = positionals;
  if (!['list', 'get', 'set', 'delete'].includes(action ?? '')) fail(`kv: unknown action "${action ?? ''}"; use list, get, set or delete`);
  const store = await openStore(values.store!, path.resolve(values['state-dir']!), values['runtime-config-file']);
  try {
    switch (action) {
      case 'list': {
        const keys = (await store.keys()).filter((k) => k.startsWith(values.prefix!)).sort();
        for (const k of keys) console.log(values.raw ? k : `${k}\n    ${describeKey(k)}`);
        console.log(`${keys.length} key${keys.length === 1 ? '' : 's'}${values.raw ? '' : countKinds(keys)}`);
        return;
      }
      case 'get': {
        if (!key) fail('kv get: give a key (see edgewatch kv list)');
        const bytes = await store.get(key);
        if (!bytes) fail(`kv get: no key "${key}" in store "${values.store}"`);
        console.log(values.raw ? Buffer.from(bytes).toString('utf8') : `${describeKey(key)}\n${describeValue(bytes, key)}`);
        return;
      }
      case 'set':
        if (!key || value === undefined) fail('kv set: give a key and a value, e.g. edgewatch kv set mykey \'{"a":1}\'');
        await store.set(key, new TextEncoder().encode(value));
        console.log(`set ${key} (${value.length} bytes)`);
        return;
      case 'delete':
        if (!key) fail('kv delete: give a key');
        await store.delete(key);
        console.log(`deleted ${key}`);
        return;
      default:
        fail(`kv: unknown action "${action ?? ''}"; use list, get, set or delete`);
    }
  } finally {
    await store.close();
  }
}
