// Write-once keys and append-only logs on a key-value store without
// transactions or compare-and-swap, where every request is a fresh instance.
//
// A claim is Fischer's timed mutual exclusion: check the key is absent, write
// it with a random nonce, wait `claimSettleMs`, read it back. Anyone who saw
// the key absent writes within one store round trip of looking, so after the
// settle delay the value left is the last writer's and exactly one claimant
// reads back its own nonce; the others lost and must re-read and retry. The
// settle delay must exceed one store round trip (ms for a local store).
//
// A log (`<prefix>/<seq>`, seq 1, 2, ...) appends by claiming seq+1; `head` is
// a hint only (written after a win, may lag), readers probe past it.
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

type ClaimEnv = Pick<AlertsEnv, 'store' | 'sleep' | 'random' | 'claimSettleMs'>;

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

/** Claim a write-once key; true only for the single winner. `checkedAbsent`: the caller saw it absent in this same synchronous stretch. */
export async function claimKey<T>(env: ClaimEnv, key: string, value: T, checkedAbsent = false): Promise<boolean> {
  if (!checkedAbsent && env.store.exists(key)) return false;
  const claim = randomId(env);
  setJson(env.store, key, { claim, value } satisfies Claimed<T>);
  await settleAfterWrite(env);
  return getJson<Claimed<T>>(env.store, key)?.claim === claim;
}

/** Write a write-once key the caller already holds by another claim (see delivery.ts); false if it exists. */
export function writeHeld<T>(env: Pick<AlertsEnv, 'store' | 'random'>, key: string, value: T): boolean {
  if (env.store.exists(key)) return false;
  setJson(env.store, key, { claim: randomId(env), value } satisfies Claimed<T>);
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
    if (await claimKey(env, `${prefix}/${seq}`, value, last !== undefined)) {
      // The hint only moves forward; a stale hint costs readers a few probes.
      if ((getJson<number>(env.store, `${prefix}/head`) ?? 0) < seq) setJson(env.store, `${prefix}/head`, seq);
      return { entry: { seq, value }, appended: true };
    }
  }
  throw new Error(`could not append to ${prefix}: ${maxTries} claims lost to concurrent writers`);
}
