// Turning alert state into queued notifications: for each receiver and each of
// its groups, append the group's next revision when one is due (grouping.ts).
// A revision carrying a notification is the outbox item: its key
// (`alerting/group/<receiver>/<group id>/<seq>`) follows from the group and its
// sequence, so two evaluations deciding the same notification claim the same
// key and only one of them writes it.
import { appendIfChanged, lastEntry, readLog } from './claim.ts';
import type { AlertsEnv } from './env.ts';
import { fnv64 } from './fingerprint.ts';
import { groupAlerts, planGroup, type GroupRecord } from './grouping.ts';
import type { Receiver } from './receivers.ts';
import type { AlertView } from './views.ts';

const GROUP_INDEX = 'alerting/groups';

/** Where a group's log lives. */
export interface GroupRef {
  receiver: string;
  id: string;
}

/** Key prefix of a group's log. */
export const groupLog = (ref: GroupRef): string => `alerting/group/${ref.receiver}/${ref.id}`;

// An index entry is one group, or several first seen in the same call (one claim for all of them).
type IndexEntry = GroupRef | GroupRef[];
const refKey = (ref: GroupRef) => `${ref.receiver}/${ref.id}`;

/** Every group that has ever had a revision (an append-only index, so none is lost to a race). */
export function knownGroups(env: Pick<AlertsEnv, 'store'>): GroupRef[] {
  const seen = new Map<string, GroupRef>();
  for (const { value } of readLog<IndexEntry>(env, GROUP_INDEX)) for (const ref of Array.isArray(value) ? value : [value]) seen.set(refKey(ref), ref);
  return [...seen.values()];
}

/** The log of a receiver's group. */
export const groupRefOf = (receiver: string, groupKey: string): GroupRef => ({ receiver, id: fnv64(`${receiver}\n${groupKey}`) });

/** Refs of the groups a scoped pass looks at (receiver name → group keys). */
export const groupRefsOf = (groups: ReadonlyMap<string, ReadonlySet<string>>): GroupRef[] => [...groups].flatMap(([receiver, keys]) => [...keys].map((key) => groupRefOf(receiver, key)));

// The caller knows these are missing from the index; after a lost claim, re-read it (the winner may have added some).
async function indexGroups(env: AlertsEnv, refs: GroupRef[]): Promise<void> {
  if (refs.length === 0) return;
  let tries = 0;
  await appendIfChanged<IndexEntry>(env, GROUP_INDEX, () => {
    const have = new Set(tries++ === 0 ? [] : knownGroups(env).map(refKey));
    const missing = refs.filter((ref) => !have.has(refKey(ref)));
    return missing.length === 0 ? undefined : missing.length === 1 ? missing[0] : missing;
  });
}

/**
 * Queue every notification due at `now`; returns the ids of the ones this call queued.
 * With `only` (receiver name → group keys), just those groups are planned and new ones are indexed
 * without reading the index; the scheduler's pass (without `only`) re-checks the whole index.
 */
export async function queueNotifications(env: AlertsEnv, receivers: readonly Receiver[], views: readonly AlertView[], only?: ReadonlyMap<string, ReadonlySet<string>>): Promise<string[]> {
  const now = env.now();
  const plans = receivers.flatMap((receiver) =>
    [...groupAlerts(receiver, views)]
      .filter(([groupKey]) => !only || only.get(receiver.name)?.has(groupKey))
      .map(([groupKey, { groupLabels, members }]) => {
        const ref = groupRefOf(receiver.name, groupKey);
        return { receiver, groupKey, groupLabels, members, ref, last: lastEntry<GroupRecord>(env, groupLog(ref)) };
      }),
  );
  let unindexed: GroupRef[];
  if (only) unindexed = plans.filter((p) => p.last === undefined).map((p) => p.ref);
  else {
    const indexed = new Set(knownGroups(env).map(refKey));
    unindexed = plans.map((p) => p.ref).filter((ref) => !indexed.has(refKey(ref)));
  }
  // Each group is its own log, so groups append concurrently (their claim waits overlap). New groups are
  // indexed alongside, in one append: an indexed group that gets no revision is harmless (delivery finds
  // nothing in it), and a crash before indexing is healed by the scheduler's next pass.
  const [, ...appended] = await Promise.all([
    indexGroups(env, unindexed),
    ...plans.map(async ({ receiver, groupKey, groupLabels, members, ref, last }) => {
      // No await since `last` was read (this map runs in one synchronous stretch up to each claim's wait).
      const { entry, appended } = await appendIfChanged<GroupRecord>(env, groupLog(ref), (prev) => planGroup(receiver, groupKey, groupLabels, members, prev?.value, now), undefined, { last });
      return appended && entry?.value.notification ? `${groupLog(ref)}/${entry.seq}` : undefined;
    }),
  ]);
  return appended.filter((id): id is string => id !== undefined);
}
