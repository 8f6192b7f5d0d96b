// Alertmanager's grouping rules as a pure decision: which alerts of a receiver
// share a notification (group_by), and when a group is due — group_wait after
// it first appears, group_interval after a change, repeat_interval while
// nothing changes. Deterministic in (alerts, previous group state, now), so
// concurrent evaluators decide the same thing and the write-once log keeps one.
import { durationMs } from './durations.ts';
import { matchesAll, type Labels } from './matchers.ts';
import type { Receiver } from './receivers.ts';
import type { AlertView } from './views.ts';

/** An alert as one notification carries it (Alertmanager's alert object, plus fingerprint). */
export interface NotifiedAlert {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Labels;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** One revision of a group's log; revisions with `notification` are outbox items. */
export interface GroupRecord {
  receiver: string;
  groupKey: string;
  groupLabels: Labels;
  firstSeenAt: number;
  lastNotifiedAt?: number;
  /** Each alert's status as last notified; resolved ones drop out once sent. */
  notified: Record<string, 'firing' | 'resolved'>;
  notification?: { status: 'firing' | 'resolved'; alerts: NotifiedAlert[]; createdAt: number };
}

/** Alertmanager's encoding of a group key: `{}:{a="x", b="y"}`. */
export function groupKeyOf(groupLabels: Labels): string {
  const pairs = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`);
  return `{}:{${pairs.join(', ')}}`;
}

/** The receiver's group_by labels of an alert. */
export function groupLabelsOf(receiver: Receiver, labels: Labels): Labels {
  const groupLabels: Labels = {};
  for (const name of receiver.groupBy) if (labels[name] !== undefined) groupLabels[name] = labels[name];
  return groupLabels;
}

/** Split the receiver's alerts into groups by its group_by labels. */
export function groupAlerts(receiver: Receiver, views: readonly AlertView[]): Map<string, { groupLabels: Labels; members: AlertView[] }> {
  const groups = new Map<string, { groupLabels: Labels; members: AlertView[] }>();
  for (const view of views) {
    if (view.lifecycle === 'inactive' || view.lifecycle === 'pending' || !matchesAll(receiver.matchers, view.labels)) continue;
    const groupLabels = groupLabelsOf(receiver, view.labels);
    const key = groupKeyOf(groupLabels);
    const group = groups.get(key) ?? { groupLabels, members: [] };
    group.members.push(view);
    groups.set(key, group);
  }
  return groups;
}

// Alertmanager sends this for "no end yet".
const ZERO_TIME = '0001-01-01T00:00:00Z';

function toNotified(view: AlertView, status: 'firing' | 'resolved'): NotifiedAlert {
  return { status, labels: view.labels, annotations: view.annotations, startsAt: view.startsAt ?? ZERO_TIME, endsAt: status === 'resolved' ? (view.endsAt ?? ZERO_TIME) : ZERO_TIME, generatorURL: view.generatorURL, fingerprint: view.fingerprint };
}

// Alerts notified before that are now muted, or resolved without send_resolved, are no change to report.
const comparable = (notified: Record<string, string>, current: Record<string, string>) => Object.fromEntries(Object.entries(notified).filter(([fp]) => fp in current));

const sameStatuses = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);

/** The group's next revision at `now`, or undefined when nothing is due. */
export function planGroup(receiver: Receiver, groupKey: string, groupLabels: Labels, members: readonly AlertView[], prev: GroupRecord | undefined, now: number): GroupRecord | undefined {
  const current: Record<string, 'firing' | 'resolved'> = {};
  const byFp = new Map(members.map((m) => [m.fingerprint, m]));
  for (const m of members) {
    const muted = m.status.silencedBy.length > 0 || m.status.inhibitedBy.length > 0;
    if (m.lifecycle === 'firing' && !muted) current[m.fingerprint] = 'firing';
    else if (m.lifecycle === 'resolved' && prev?.notified[m.fingerprint] === 'firing' && receiver.sendResolved) current[m.fingerprint] = 'resolved';
  }
  if (Object.keys(current).length === 0) return undefined;
  const seen: GroupRecord = prev ? { ...prev } : { receiver: receiver.name, groupKey, groupLabels, firstSeenAt: now, notified: {} };
  delete seen.notification;
  let due: boolean;
  if (seen.lastNotifiedAt === undefined) due = now >= seen.firstSeenAt + durationMs(receiver.groupWait, 0);
  else if (!sameStatuses(current, comparable(seen.notified, current))) due = now >= seen.lastNotifiedAt + durationMs(receiver.groupInterval, 0);
  else due = Object.values(current).includes('firing') && now >= seen.lastNotifiedAt + durationMs(receiver.repeatInterval, 0);
  if (!due) return prev ? undefined : seen;
  const alerts = Object.entries(current).map(([fp, status]) => toNotified(byFp.get(fp)!, status));
  const notified = Object.fromEntries(Object.entries(current).filter(([, s]) => s === 'firing'));
  const status = alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved';
  return { ...seen, lastNotifiedAt: now, notified, notification: { status, alerts, createdAt: now } };
}
