// Spin's runtime-config TOML (`--runtime-config-file`): which backend serves each
// key-value store label. Only what this runner implements is accepted; the rest
// is refused with the key to remove.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { z } from 'zod';
import { RunnerError } from './errors.ts';
import { formatSchemaIssues } from './manifest/format-issues.ts';

const storeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('spin'), path: z.string().optional() }),
  z.strictObject({ type: z.literal('redis'), url: z.string() }),
]);

const schema = z.strictObject({
  key_value_store: z.record(z.string(), storeSchema).optional(),
});

export type StoreSpec = { type: 'sqlite'; path: string } | { type: 'memory' } | { type: 'redis'; url: string };

export interface RuntimeConfig {
  /** label -> backend; labels not listed fall back to the defaults in the key-value factor. */
  keyValueStores: Record<string, StoreSpec>;
}

/** Read a runtime-config file; relative paths resolve against the file's folder, as in Spin. */
export function loadRuntimeConfig(file: string | undefined): RuntimeConfig {
  if (!file) return { keyValueStores: {} };
  let raw: unknown;
  try {
    raw = parseToml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunnerError('RUNTIME_CONFIG', `${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new RunnerError('RUNTIME_CONFIG', `${formatSchemaIssues(file, parsed.error).join('\n')}\n(supported: [key_value_store.LABEL] with type = "spin" (path) or "redis" (url))`);
  }
  const dir = path.dirname(path.resolve(file));
  const keyValueStores: Record<string, StoreSpec> = {};
  for (const [label, store] of Object.entries(parsed.data.key_value_store ?? {})) {
    keyValueStores[label] =
      store.type === 'redis'
        ? { type: 'redis', url: store.url }
        : store.path
          ? { type: 'sqlite', path: path.resolve(dir, store.path) }
          : { type: 'memory' };
  }
  return { keyValueStores };
}
