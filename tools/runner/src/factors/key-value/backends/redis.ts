// Redis key-value backend (main thread, async; workers reach it through the sync
// bridge). Keys are stored as plain Redis keys, one Redis database per store, as
// Spin's Redis key-value provider does.
import { createClient, RESP_TYPES } from 'redis';
import type { KeyValueOp } from './backend.ts';

// Compare-and-set in one server-side step: with ARGV[1] = '1' the key must still
// hold ARGV[2]; with '0' it must still be absent.
const CAS_SCRIPT = `local current = redis.call('GET', KEYS[1])
if (ARGV[1] == '1' and current == ARGV[2]) or (ARGV[1] == '0' and current == false) then
  redis.call('SET', KEYS[1], ARGV[3])
  return 1
end
return 0`;

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
  // Integer replies as text, so counters beyond 2^53 keep every digit.
  const exact = client.withTypeMapping({ [RESP_TYPES.NUMBER]: String });
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
        case 'increment':
          // Spin's Redis provider: INCRBY, so the counter is stored as decimal text.
          // node-redis types the delta as a number but sends `String(delta)`: a bigint stays exact.
          return BigInt(await exact.incrBy(op.key, op.delta as unknown as number));
        case 'cas-swap': {
          const args = op.expected === undefined ? ['0', '', Buffer.from(op.value)] : ['1', Buffer.from(op.expected), Buffer.from(op.value)];
          return (await client.eval(CAS_SCRIPT, { keys: [op.key], arguments: args })) === 1;
        }
      }
    },
    close: async () => {
      await client.close();
    },
  };
}
