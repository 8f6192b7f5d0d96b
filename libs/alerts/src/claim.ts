// Write-once keys and append-only logs on a key-value store without
// transactions, where every request is a fresh instance. Two ways to claim a key:
//
// - With an atomic counter (`store.increment`, i.e. wasi:keyvalue/atomics): the
//   claimant that moves `<key>#claim` from 0 to 1 won and writes the value at once;
//   one round trip, no wait. (Not wasi:keyvalue's compare-and-swap: Spin's SQLite
//   backend upserts when the expected value is absent, so it cannot guard a
//   write-once key.) A winner that dies between its increment and its write leaves
//   a hole that would block a log forever, so a loser that finds the key still
//   absent after a few short re-reads notes when it first saw the hole
//   (`<key>#hole`), and once the hole is `CLAIM_TAKEOVER_MS` old the claimant that
//   moves `<key>#takeover` to the next value takes the key over (a takeover winner
//   that dies too is taken over the same way, one step of the counter later).
// - Without one (`fermyon:spin/key-value` only): Fischer's timed mutual exclusion.
//   Check the key is absent, write it with a random nonce, wait `claimSettleMs`,
//   read it back. Anyone who saw the key absent writes within one store round trip
//   of looking, so after the settle delay the value left is the last writer's and
//   exactly one claimant reads back its own nonce; the others lost and must re-read
//   and retry. The settle delay must exceed one store round trip (ms for a local store).
//
// Either way a claimed value is `{ claim, value }` and a loser re-reads the winner's.
// Every writer of an app must use the same mode (a counter claim does not see a
// Fischer claimant's pending write), so the mode follows the store, not the call.
//
// A log (`<prefix>/<seq>`, seq 1, 2, ...) appends by claiming seq+1; `head` is
// a hint only (written after a win, may lag), readers probe past it. An entry is
// only claimed after its predecessor was read, so a log has no entries past a hole.
import { getJson, setJson } from '@edgewatch/spin-key-value';
import { randomId, type AlertsEnv } from './env.ts';

interface Claimed<T> {
  claim: string;
  value: T;
}

/** One entry of a log. */
export interface LogEntry<T> {
  seq: number;
  value: T;
}

type ClaimEnv = Pick<AlertsEnv, 'store' | 'sleep' | 'random' | 'now' | 'claimSettleMs'>;

// Claims written in the same synchronous stretch share one settle timer, started once the stretch is
// over (at the next microtask), so each of them still waits the full delay after its own write. One
// timer instead of a thousand matters in the guest, whose event loop polls every pending timer.
const settling = new WeakMap<ClaimEnv, Promise<void>>();
function settleAfterWrite(env: ClaimEnv): Promise<void> {
  let wait = settling.get(env);
  if (!wait) {
    wait = new Promise<void>((resolve) =>
      queueMicrotask(() => {
        settling.delete(env);
        void env.sleep(env.claimSettleMs).then(resolve);
      }),
    );
    settling.set(env, wait);
  }
  return wait;
}

/**
 * How long a counter claim may stay without its value before another claimant takes the key over.
 * A winner writes in the same synchronous stretch as its increment (one store round trip later), so
 * a key still absent after seconds means that request died; 5 s is far past any store round trip and
 * short enough that a blocked log (a new alert state, an outbox item) recovers by the next evaluation.
 */
export const CLAIM_TAKEOVER_MS = 5_000;
/** Re-reads a counter-claim loser makes for the winner's value before calling the key a hole (~one round trip each). */
const IN_FLIGHT_REREADS = 3;
const IN_FLIGHT_REREAD_MS = 5;

/** `blocked`: a counter claim whose value never came (see `CLAIM_TAKEOVER_MS`). */
type ClaimOutcome = 'won' | 'lost' | 'blocked';

interface HoleSeen {
  since: number;
  /** `<key>#takeover` when the hole was seen: a takeover that died too starts a new wait. */
  takeovers: number;
}

function writeClaimed<T>(env: Pick<AlertsEnv, 'store' | 'random'>, key: string, value: T): void {
  setJson(env.store, key, { claim: randomId(env), value } satisfies Claimed<T>);
}

async function claimByFischer<T>(env: ClaimEnv, key: string, value: T, checkedAbsent: boolean): Promise<ClaimOutcome> {
  if (!checkedAbsent && env.store.exists(key)) return 'lost';
  const claim = randomId(env);
  setJson(env.store, key, { claim, value } satisfies Claimed<T>);
  await settleAfterWrite(env);
  return getJson<Claimed<T>>(env.store, key)?.claim === claim ? 'won' : 'lost';
}

async function claimByCounter<T>(env: ClaimEnv, increment: (key: string, delta: number) => number, key: string, value: T, checkedAbsent: boolean): Promise<ClaimOutcome> {
  if (!checkedAbsent && env.store.exists(key)) return 'lost';
  if (increment(`${key}#claim`, 1) === 1) {
    writeClaimed(env, key, value);
    return 'won';
  }
  // Lost: the winner writes right after its increment, so its value is at most a round trip away.
  for (let reread = 0; !env.store.exists(key); reread++) {
    if (reread === IN_FLIGHT_REREADS) return takeOverHole(env, increment, key, value);
    await env.sleep(IN_FLIGHT_REREAD_MS);
  }
  return 'lost';
}

/** A counter claim whose value is still absent: its winner died. Take it over once the hole has been seen for CLAIM_TAKEOVER_MS. */
function takeOverHole<T>(env: ClaimEnv, increment: (key: string, delta: number) => number, key: string, value: T): ClaimOutcome {
  const takeovers = increment(`${key}#takeover`, 0);
  const seen = getJson<HoleSeen>(env.store, `${key}#hole`);
  const now = env.now();
  if (seen?.takeovers !== takeovers) {
    setJson(env.store, `${key}#hole`, { since: now, takeovers } satisfies HoleSeen);
    return 'blocked';
  }
  if (now - seen.since < CLAIM_TAKEOVER_MS || increment(`${key}#takeover`, 1) !== takeovers + 1) return 'blocked';
  writeClaimed(env, key, value);
  env.store.delete(`${key}#hole`);
  return 'won';
}

function claimOutcome<T>(env: ClaimEnv, key: string, value: T, checkedAbsent: boolean): Promise<ClaimOutcome> {
  const { store } = env;
  return store.increment
    ? claimByCounter(env, (k, delta) => store.increment!(k, delta), key, value, checkedAbsent)
    : claimByFischer(env, key, value, checkedAbsent);
}

/** Claim a write-once key; true only for the single winner. `checkedAbsent`: the caller saw it absent in this same synchronous stretch. */
export async function claimKey<T>(env: ClaimEnv, key: string, value: T, checkedAbsent = false): Promise<boolean> {
  return (await claimOutcome(env, key, value, checkedAbsent)) === 'won';
}

/**
 * Write a write-once key the caller already holds by another claim (see delivery.ts); false if it exists.
 * With a counter it still takes `<key>#claim`, so a late claimant of the same key cannot also win it.
 */
export function writeHeld<T>(env: Pick<AlertsEnv, 'store' | 'random'>, key: string, value: T): boolean {
  if (env.store.exists(key)) return false;
  if (env.store.increment && env.store.increment(`${key}#claim`, 1) !== 1) return false;
  writeClaimed(env, key, value);
  return true;
}

/** The value of a claimed key, or undefined. */
export function readClaimed<T>(env: Pick<AlertsEnv, 'store'>, key: string): T | undefined {
  return getJson<Claimed<T>>(env.store, key)?.value;
}

/** The last entry of a log, probing past the head hint. */
export function lastEntry<T>(env: Pick<AlertsEnv, 'store'>, prefix: string): LogEntry<T> | undefined {
  let seq = getJson<number>(env.store, `${prefix}/head`) ?? 0;
  while (env.store.exists(`${prefix}/${seq + 1}`)) seq++;
  if (seq === 0) return undefined;
  const value = readClaimed<T>(env, `${prefix}/${seq}`);
  return value === undefined ? undefined : { seq, value };
}

/** Every entry of a log from `from` (default 1) to its end. */
export function readLog<T>(env: Pick<AlertsEnv, 'store'>, prefix: string, from = 1): LogEntry<T>[] {
  const out: LogEntry<T>[] = [];
  for (let seq = from; ; seq++) {
    const value = readClaimed<T>(env, `${prefix}/${seq}`);
    if (value === undefined) return out;
    out.push({ seq, value });
  }
}

/** Result of `appendIfChanged`: the log's last entry and whether this call wrote it. */
export interface AppendResult<T> {
  entry: LogEntry<T> | undefined;
  appended: boolean;
}

/**
 * Append `next(last)` to a log unless it returns undefined (nothing to record).
 * On a lost claim it re-reads the winner's entry and recomputes, so a change
 * is neither lost nor applied twice.
 */
export async function appendIfChanged<T>(
  env: ClaimEnv,
  prefix: string,
  next: (last: LogEntry<T> | undefined) => T | undefined,
  maxTries = 8,
  /** The last entry, when the caller read it in the same synchronous stretch (no await since): saves reading it again. */
  justRead?: { last: LogEntry<T> | undefined },
): Promise<AppendResult<T>> {
  for (let attempt = 0; attempt < maxTries; attempt++) {
    const last = attempt === 0 && justRead ? justRead.last : lastEntry<T>(env, prefix);
    const value = next(last);
    if (value === undefined) return { entry: last, appended: false };
    const seq = (last?.seq ?? 0) + 1;
    // A found last entry means lastEntry (ours, or the caller's in this same synchronous stretch) probed
    // `${prefix}/${seq}` absent: no need to ask again. (No entry found may also mean an unreadable one.)
    const outcome = await claimOutcome(env, `${prefix}/${seq}`, value, last !== undefined);
    if (outcome === 'blocked') throw new Error(`could not append to ${prefix}: entry ${seq} was claimed by a request that never wrote it; it is taken over ${CLAIM_TAKEOVER_MS} ms after first seen`);
    if (outcome === 'won') {
      // The hint only moves forward; a stale hint costs readers a few probes.
      if ((getJson<number>(env.store, `${prefix}/head`) ?? 0) < seq) setJson(env.store, `${prefix}/head`, seq);
      return { entry: { seq, value }, appended: true };
    }
  }
  throw new Error(`could not append to ${prefix}: ${maxTries} claims lost to concurrent writers`);
}
