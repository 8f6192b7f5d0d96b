import { describe, expect, it } from 'vitest';
import { getJson, setJson } from '@edgewatch/spin-key-value';
import { appendIfChanged, claimKey, lastEntry, readLog } from './claim.ts';
import { testEnv } from './test-env.ts';

describe('write-once claims', () => {
  it('lets_exactly_one_of_many_concurrent_claimants_win', async () => {
    const { env } = testEnv();
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => claimKey(env, 'k', i)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('loses_when_another_writer_overwrites_the_key_during_the_settle_delay', async () => {
    const { env } = testEnv();
    // A contender that checked "absent" just before our write lands its write during our settle wait.
    env.sleep = async () => setJson(env.store, 'k', { claim: 'someone-else', value: 'theirs' });
    expect(await claimKey(env, 'k', 'mine')).toBe(false);
    expect(getJson<{ value: string }>(env.store, 'k')?.value).toBe('theirs');
  });

  it('starts_a_shared_settle_wait_only_after_every_claim_of_the_stretch_has_written', async () => {
    const { env } = testEnv();
    const written: string[] = [];
    const set = env.store.set.bind(env.store);
    env.store.set = (key, value) => (written.push(key), set(key, value));
    const seenAtWait: string[][] = [];
    env.sleep = async () => void seenAtWait.push([...written]);
    const wins = await Promise.all(['a', 'b', 'c'].map((key) => claimKey(env, key, key)));
    expect(wins).toEqual([true, true, true]);
    // One wait for the three claims, begun once all three were written: each waited its full delay after its write.
    expect(seenAtWait).toEqual([['a', 'b', 'c']]);
  });

  it('refuses_a_key_that_already_exists', async () => {
    const { env } = testEnv();
    expect(await claimKey(env, 'k', 1)).toBe(true);
    expect(await claimKey(env, 'k', 2)).toBe(false);
  });
});

describe('append-only logs', () => {
  it('serialises_concurrent_increments_without_losing_any', async () => {
    const { env } = testEnv();
    await Promise.all(Array.from({ length: 5 }, () => appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1, 20)));
    expect(readLog<number>(env, 'log').map((e) => e.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('appends_an_idempotent_change_once_however_many_callers_apply_it', async () => {
    const { env } = testEnv();
    const results = await Promise.all(Array.from({ length: 4 }, () => appendIfChanged<string>(env, 'log', (last) => (last?.value === 'on' ? undefined : 'on'))));
    expect(results.filter((r) => r.appended)).toHaveLength(1);
    expect(readLog(env, 'log')).toHaveLength(1);
  });

  it('finds_the_last_entry_past_a_stale_head_hint', async () => {
    const { env } = testEnv();
    for (let i = 1; i <= 3; i++) await appendIfChanged<number>(env, 'log', () => i);
    setJson(env.store, 'log/head', 1);
    expect(lastEntry<number>(env, 'log')).toEqual({ seq: 3, value: 3 });
  });
});
