// Turning alert state into queued notifications: for each receiver and each of
// its groups, append the group's next revision when one is due (grouping.ts).
// A revision carrying a notification is the outbox item: its key
// (`alerting/group/<receiver>/<group id>/<seq>`) follows from the group and its
// sequence, so two evaluations deciding the same notification claim the same
// key and only one of them writes it.
import { appendIfChanged, readLog } from './claim.ts';
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

/** Every group that has ever had a revision (an append-only index, so none is lost to a race). */
export function knownGroups(env: Pick<AlertsEnv, 'store'>): GroupRef[] {
  const seen = new Map<string, GroupRef>();
  for (const { value } of readLog<GroupRef>(env, GROUP_INDEX)) seen.set(`${value.receiver}/${value.id}`, value);
  return [...seen.values()];
}

async function ensureIndexed(env: AlertsEnv, ref: GroupRef, indexed: Set<string>): Promise<void> {
  const key = `${ref.receiver}/${ref.id}`;
  if (indexed.has(key)) return;
  await appendIfChanged<GroupRef>(env, GROUP_INDEX, () => (knownGroups(env).some((g) => `${g.receiver}/${g.id}` === key) ? undefined : ref));
  indexed.add(key);
}

/** Queue every notification due at `now`; returns the ids of the ones this call queued. */
export async function queueNotifications(env: AlertsEnv, receivers: readonly Receiver[], views: readonly AlertView[]): Promise<string[]> {
  const now = env.now();
  const indexed = new Set(knownGroups(env).map((g) => `${g.receiver}/${g.id}`));
  const queued: string[] = [];
  for (const receiver of receivers) {
    for (const [groupKey, { groupLabels, members }] of groupAlerts(receiver, views)) {
      const ref: GroupRef = { receiver: receiver.name, id: fnv64(`${receiver.name}\n${groupKey}`) };
      const { entry, appended } = await appendIfChanged<GroupRecord>(env, groupLog(ref), (last) => planGroup(receiver, groupKey, groupLabels, members, last?.value, now));
      // Indexed after the append too: a crash between the two is healed by the next evaluation.
      if (entry) await ensureIndexed(env, ref, indexed);
      if (appended && entry?.value.notification) queued.push(`${groupLog(ref)}/${entry.seq}`);
    }
  }
  return queued;
}
