import { describe, expect, it } from 'vitest';
import { decodeCounter, getJson, setJson } from '@edgewatch/spin-key-value';
import { appendIfChanged, CLAIM_TAKEOVER_MS, claimKey, lastEntry, readClaimed, readLog, writeHeld } from './claim.ts';
import { testEnv, type ClaimMode } from './test-env.ts';

describe.each<ClaimMode>(['counter', 'fischer'])('write-once claims (%s)', (mode) => {
  it('lets_exactly_one_of_many_concurrent_claimants_win', async () => {
    const { env } = testEnv(undefined, mode);
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => claimKey(env, 'k', i)));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('lets_exactly_one_win_when_every_claimant_saw_the_key_absent', async () => {
    const { env } = testEnv(undefined, mode);
    const wins = await Promise.all(Array.from({ length: 16 }, (_, i) => claimKey(env, 'k', i, true)));
    expect(wins.filter(Boolean)).toHaveLength(1);
    expect(readClaimed(env, 'k')).toBe(wins.indexOf(true));
  });

  it('refuses_a_key_that_already_exists', async () => {
    const { env } = testEnv(undefined, mode);
    expect(await claimKey(env, 'k', 1)).toBe(true);
    expect(await claimKey(env, 'k', 2)).toBe(false);
  });

  it('refuses_a_held_write_of_a_key_someone_claimed', async () => {
    const { env } = testEnv(undefined, mode);
    expect(await claimKey(env, 'k', 'claimed')).toBe(true);
    expect(writeHeld(env, 'k', 'held')).toBe(false);
    expect(writeHeld(env, 'h', 'held')).toBe(true);
    expect(readClaimed(env, 'h')).toBe('held');
  });
});

describe('write-once claims with Fischer settle delay (store without increment)', () => {
  it('loses_when_another_writer_overwrites_the_key_during_the_settle_delay', async () => {
    const { env } = testEnv(undefined, 'fischer');
    // A contender that checked "absent" just before our write lands its write during our settle wait.
    env.sleep = async () => setJson(env.store, 'k', { claim: 'someone-else', value: 'theirs' });
    expect(await claimKey(env, 'k', 'mine')).toBe(false);
    expect(getJson<{ value: string }>(env.store, 'k')?.value).toBe('theirs');
  });

  it('starts_a_shared_settle_wait_only_after_every_claim_of_the_stretch_has_written', async () => {
    const { env } = testEnv(undefined, 'fischer');
    const written: string[] = [];
    const set = env.store.set.bind(env.store);
    env.store.set = (key, value) => (written.push(key), set(key, value));
    const seenAtWait: string[][] = [];
    env.sleep = async () => void seenAtWait.push([...written]);
    const wins = await Promise.all(['a', 'b', 'c'].map((key) => claimKey(env, key, key)));
    expect(wins).toEqual([true, true, true]);
    // One wait for the three claims, begun once all three were written: each waited its full delay after its own write.
    expect(seenAtWait).toEqual([['a', 'b', 'c']]);
  });
});

describe('write-once claims with an atomic counter (store with increment)', () => {
  it('decides_by_the_counter_without_any_settle_wait', async () => {
    const { env } = testEnv(undefined, 'counter');
    let sleeps = 0;
    env.sleep = async () => void sleeps++;
    env.claimSettleMs = 25;
    const wins = await Promise.all(Array.from({ length: 8 }, (_, i) => claimKey(env, `k${i % 2}`, i, true)));
    expect(wins.filter(Boolean)).toHaveLength(2);
    await appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1);
    expect(sleeps).toBe(0);
    expect(decodeCounter('k0#claim', env.store.get('k0#claim'))).toBe(4);
  });

  it('takes_over_a_claim_whose_winner_died_before_writing_after_the_takeover_delay', async () => {
    const { env, advance } = testEnv(undefined, 'counter');
    env.store.increment!('k#claim', 1); // a winner that died before its write
    expect(await claimKey(env, 'k', 'early')).toBe(false);
    advance(CLAIM_TAKEOVER_MS - 1);
    expect(await claimKey(env, 'k', 'still-early')).toBe(false);
    advance(1);
    const wins = await Promise.all([claimKey(env, 'k', 'a'), claimKey(env, 'k', 'b'), claimKey(env, 'k', 'c')]);
    expect(wins).toEqual([true, false, false]);
    expect(readClaimed(env, 'k')).toBe('a');
  });

  it('takes_over_again_when_the_takeover_winner_died_too', async () => {
    const { env, advance } = testEnv(undefined, 'counter');
    env.store.increment!('k#claim', 1);
    expect(await claimKey(env, 'k', 'x')).toBe(false);
    advance(CLAIM_TAKEOVER_MS);
    env.store.increment!('k#takeover', 1); // the takeover's winner dies before writing as well
    expect(await claimKey(env, 'k', 'x')).toBe(false); // a new hole: its wait starts now
    advance(CLAIM_TAKEOVER_MS - 1);
    expect(await claimKey(env, 'k', 'x')).toBe(false);
    advance(1);
    expect(await claimKey(env, 'k', 'second')).toBe(true);
    expect(readClaimed(env, 'k')).toBe('second');
  });

  it('unblocks_a_log_whose_next_entry_was_abandoned', async () => {
    const { env, advance } = testEnv(undefined, 'counter');
    await appendIfChanged<number>(env, 'log', () => 1);
    env.store.increment!('log/2#claim', 1);
    await expect(appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1)).rejects.toThrow(/never wrote it/);
    expect(readLog<number>(env, 'log').map((e) => e.value)).toEqual([1]);
    advance(CLAIM_TAKEOVER_MS);
    await appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1);
    await appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1);
    expect(readLog<number>(env, 'log').map((e) => e.value)).toEqual([1, 2, 3]);
    expect(lastEntry<number>(env, 'log')).toEqual({ seq: 3, value: 3 });
  });

  it('keeps_a_late_claimant_off_a_key_its_owner_wrote_as_held', async () => {
    const { env } = testEnv(undefined, 'counter');
    expect(writeHeld(env, 'lease', 'owner')).toBe(true);
    env.store.delete('lease'); // even were it gone, the counter says it was taken
    expect(await claimKey(env, 'lease', 'late')).toBe(false);
  });
});

describe.each<ClaimMode>(['counter', 'fischer'])('append-only logs (%s)', (mode) => {
  it('serialises_concurrent_increments_without_losing_any', async () => {
    const { env } = testEnv(undefined, mode);
    await Promise.all(Array.from({ length: 5 }, () => appendIfChanged<number>(env, 'log', (last) => (last?.value ?? 0) + 1, 20)));
    expect(readLog<number>(env, 'log').map((e) => e.value)).toEqual([1, 2, 3, 4, 5]);
  });

  it('appends_an_idempotent_change_once_however_many_callers_apply_it', async () => {
    const { env } = testEnv(undefined, mode);
    const results = await Promise.all(Array.from({ length: 4 }, () => appendIfChanged<string>(env, 'log', (last) => (last?.value === 'on' ? undefined : 'on'))));
    expect(results.filter((r) => r.appended)).toHaveLength(1);
    expect(readLog(env, 'log')).toHaveLength(1);
  });

  it('finds_the_last_entry_past_a_stale_head_hint', async () => {
    const { env } = testEnv(undefined, mode);
    for (let i = 1; i <= 3; i++) await appendIfChanged<number>(env, 'log', () => i);
    setJson(env.store, 'log/head', 1);
    expect(lastEntry<number>(env, 'log')).toEqual({ seq: 3, value: 3 });
  });
});
