// Redis key-value backend (main thread, async; workers reach it through the sync
// bridge). Keys are stored as plain Redis keys, one Redis database per store, as
// Spin's Redis key-value provider does.
import { createClient, RESP_TYPES } from 'redis';
import type { KeyValueOp } from './backend.ts';

export interface RedisBackend {
  run(op: KeyValueOp): Promise<unknown>;
  close(): Promise<void>;
}

/** Connect to `url`; fails fast (at start-up) when the server is unreachable. */
export async function openRedisBackend(url: string): Promise<RedisBackend> {
  const client = createClient({ url, socket: { reconnectStrategy: (retries) => (retries > 5 ? false : 100 * retries) } });
  client.on('error', () => {
    // Surfaced per operation; the listener keeps node-redis from crashing the process.
  });
  await client.connect();
  const bytes = client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  return {
    async run(op) {
      switch (op.op) {
        case 'get': {
          const value = (await bytes.get(op.key)) as Buffer | null;
          return value === null ? undefined : new Uint8Array(value);
        }
        case 'set':
          await client.set(op.key, Buffer.from(op.value));
          return undefined;
        case 'delete':
          await client.del(op.key);
          return undefined;
        case 'exists':
          return (await client.exists(op.key)) > 0;
        case 'get-keys':
          return await client.keys('*');
      }
    },
    close: async () => {
      await client.close();
    },
  };
}
