// The fixture app on a real redis-server (started for the describe block that
// calls this, stopped after it): the `default` store lives in Redis.
import { afterAll, beforeAll } from 'vitest';
import { startTestApp } from '../../src/index.ts';
import { FIXTURE_DIR, freshStateDir, redisDefaultStore } from './fixture.ts';
import { startRedis } from './redis.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Register beforeAll/afterAll hooks; the getters are valid inside the tests. */
export function fixtureAppOnRedis(): { app: () => App; redisUrl: () => string } {
  let app: App | undefined;
  let redis: Awaited<ReturnType<typeof startRedis>> | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startTestApp({ from: FIXTURE_DIR, stateDir: freshStateDir(), keyValue: undefined, runtimeConfigFile: redisDefaultStore(redis.url) });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });
  return { app: () => app!, redisUrl: () => redis!.url };
}
