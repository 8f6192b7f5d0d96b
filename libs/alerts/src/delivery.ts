// At-least-once delivery of queued notifications through outbound HTTP. Each
// attempt is a write-once lease (`alerting/delivery/<group>/<seq>/<n>`) claimed
// before sending, with its result written after: a crash mid-send leaves a
// lease without a result, which counts as a failed attempt once the lease
// expires. Failures back off exponentially with jitter; after maxAttempts (or a
// permanent 4xx) the notification is dead-lettered. Within a group,
// notifications go out in order, so a late "firing" never follows its "resolved".
//
// The first attempt belongs to the request that queued the notification: it
// won the write-once claim of that outbox key, so no one else can have, and it
// takes the first lease with a plain write instead of a second claim (one
// settle delay less between a reading and its webhook). Others leave a
// notification's first attempt to its creator for OWNER_GRACE_MS, then claim
// it as usual (the creator crashed, or ran out of its delivery limits).
import { getJson, setJson } from '@edgewatch/spin-key-value';
import { claimKey, readClaimed, readLog, writeHeld } from './claim.ts';
import { durationMs } from './durations.ts';
import { iso, type AlertsEnv } from './env.ts';
import type { GroupRecord } from './grouping.ts';
import { groupLog, knownGroups, type GroupRef } from './notifier.ts';
import { notificationRequest } from './payloads.ts';
import type { Receiver } from './receivers.ts';

/** An attempt in progress, until `leaseUntil`. */
interface AttemptLease {
  startedAt: number;
  leaseUntil: number;
}

/** How an attempt ended. */
interface AttemptResult {
  ok: boolean;
  httpStatus?: number;
  error?: string;
  finishedAt: number;
  /** A response retrying cannot fix (4xx other than 408/429). */
  permanent?: boolean;
  nextAttemptAt?: number;
}

/** Where a notification stands. */
export type DeliveryStatus = 'pending' | 'in-flight' | 'delivered' | 'dead';

/** One notification in the delivery log (GET /api/v1/alerts/deliveries). */
export interface DeliveryView {
  id: string;
  receiver: string;
  groupKey: string;
  status: DeliveryStatus;
  alertStatus: 'firing' | 'resolved';
  alerts: { fingerprint: string; status: string; alertname?: string; device?: string }[];
  createdAt: string;
  nextAttemptAt: string | null;
  attempts: { attempt: number; startedAt: string; finishedAt: string | null; ok: boolean; httpStatus?: number; error?: string }[];
}

/** Delivery limits of one request: a request cannot wait long, the cron evaluate picks up the rest. */
export interface DeliveryLimits {
  maxDeliveries: number;
  budgetMs: number;
  /** How long a crashed attempt blocks its notification before it counts as failed. */
  leaseMs: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = { maxDeliveries: 20, budgetMs: 10_000, leaseMs: 60_000 };

/** How long a notification's first attempt is left to the request that queued it (see above). */
export const OWNER_GRACE_MS = 10_000;

/** Delay before attempt `attempt + 1`: initialBackoff·2^(attempt−1), capped, with "equal jitter" (50–100%). */
export function backoffMs(receiver: Receiver, attempt: number, random: number): number {
  const cap = durationMs(receiver.maxBackoff, 600_000);
  const base = Math.min(cap, durationMs(receiver.initialBackoff, 10_000) * 2 ** Math.max(0, attempt - 1));
  return Math.round(base / 2 + (base / 2) * random);
}

const attemptsPrefix = (ref: GroupRef, seq: number) => `alerting/delivery/${ref.receiver}/${ref.id}/${seq}`;

interface DeliveryState {
  status: DeliveryStatus;
  attempts: { lease: AttemptLease; result?: AttemptResult }[];
  nextAttemptAt?: number;
}

function deliveryState(env: AlertsEnv, ref: GroupRef, seq: number, group: GroupRecord, receiver: Receiver | undefined, now: number): DeliveryState {
  const prefix = attemptsPrefix(ref, seq);
  const attempts = readLog<AttemptLease>(env, prefix).map(({ seq: n, value }) => ({ lease: value, result: getJson<AttemptResult>(env.store, `${prefix}/result/${n}`) }));
  const last = attempts[attempts.length - 1];
  if (last?.result?.ok) return { status: 'delivered', attempts };
  if (!receiver) return { status: 'dead', attempts };
  if (!last) return { status: 'pending', attempts, nextAttemptAt: (group.notification?.createdAt ?? now) + OWNER_GRACE_MS };
  if (!last.result && now < last.lease.leaseUntil) return { status: 'in-flight', attempts, nextAttemptAt: last.lease.leaseUntil };
  if (last.result?.permanent || attempts.length >= receiver.maxAttempts) return { status: 'dead', attempts };
  return { status: 'pending', attempts, nextAttemptAt: last.result?.nextAttemptAt ?? last.lease.leaseUntil };
}

async function send(env: AlertsEnv, receiver: Receiver, group: GroupRecord, deliveryId: string, attempt: number): Promise<AttemptResult> {
  const { body, headers } = await notificationRequest(receiver, group, deliveryId, env.externalUrl, env.now());
  let result: Omit<AttemptResult, 'finishedAt'>;
  try {
    const response = await env.fetch(receiver.url, { method: 'POST', headers, body });
    await response.arrayBuffer();
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
    result = response.ok ? { ok: true, httpStatus: response.status } : { ok: false, httpStatus: response.status, error: `HTTP ${response.status}`, ...(permanent ? { permanent } : {}) };
  } catch (error) {
    result = { ok: false, error: error instanceof Error ? error.message || error.name : String(error) };
  }
  const finishedAt = env.now();
  return result.ok || result.permanent ? { ...result, finishedAt } : { ...result, finishedAt, nextAttemptAt: finishedAt + backoffMs(receiver, attempt, env.random()) };
}

/** What one delivery pass did. */
export interface DeliveryReport {
  attempted: number;
  delivered: number;
  failed: number;
}

/**
 * Send due notifications, oldest first per group, within `limits`; `only` limits the pass to those groups
 * (default: every known group); `owned` are the ids of notifications this request queued (their first attempt is its own).
 */
export async function deliverDue(env: AlertsEnv, receivers: readonly Receiver[], limits: DeliveryLimits = DEFAULT_DELIVERY_LIMITS, only?: readonly GroupRef[], owned: ReadonlySet<string> = new Set()): Promise<DeliveryReport> {
  const started = env.now();
  const due: { ref: GroupRef; seq: number; group: GroupRecord; receiver: Receiver; attempt: number; at: number; mine: boolean }[] = [];
  for (const ref of only ?? knownGroups(env)) {
    const receiver = receivers.find((r) => r.name === ref.receiver);
    const cursorKey = `${groupLog(ref)}/delivered`;
    const cursor = getJson<number>(env.store, cursorKey) ?? 0;
    let settled = cursor;
    for (let seq = cursor + 1; ; seq++) {
      const group = readClaimed<GroupRecord>(env, `${groupLog(ref)}/${seq}`);
      if (!group) break;
      if (!group.notification) {
        if (settled === seq - 1) settled = seq;
        continue;
      }
      const state = deliveryState(env, ref, seq, group, receiver, started);
      if (state.status === 'delivered' || state.status === 'dead') {
        if (settled === seq - 1) settled = seq;
        continue;
      }
      // Head of line: later notifications of this group wait for this one.
      const mine = owned.has(`${groupLog(ref)}/${seq}`) && state.attempts.length === 0;
      if (state.status === 'pending' && receiver && (mine || (state.nextAttemptAt ?? 0) <= started)) due.push({ ref, seq, group, receiver, attempt: state.attempts.length + 1, at: mine ? 0 : (state.nextAttemptAt ?? 0), mine });
      break;
    }
    if (settled > cursor) setJson(env.store, cursorKey, settled);
  }
  const report: DeliveryReport = { attempted: 0, delivered: 0, failed: 0 };
  for (const item of due.sort((a, b) => a.at - b.at)) {
    if (report.attempted >= limits.maxDeliveries || env.now() - started > limits.budgetMs) break;
    const prefix = attemptsPrefix(item.ref, item.seq);
    const startedAt = env.now();
    const lease: AttemptLease = { startedAt, leaseUntil: startedAt + limits.leaseMs };
    const leaseKey = `${prefix}/${item.attempt}`;
    // Our own notification, well within its grace: the lease is ours without a claim (half the grace as margin for a stalled instance).
    const own = item.mine && startedAt < (item.group.notification?.createdAt ?? 0) + OWNER_GRACE_MS / 2;
    if (own) {
      if (!writeHeld(env, leaseKey, lease)) continue;
    } else if (!(await claimKey<AttemptLease>(env, leaseKey, lease))) {
      // Losing this claim means another request is sending this very attempt.
      continue;
    }
    const result = await send(env, item.receiver, item.group, `${groupLog(item.ref)}/${item.seq}`, item.attempt);
    setJson(env.store, `${prefix}/result/${item.attempt}`, result);
    report.attempted++;
    if (result.ok) report.delivered++;
    else report.failed++;
  }
  return report;
}

/** The delivery log, newest first; `status` filters (e.g. "dead" for the dead-letter list). */
export function listDeliveries(env: AlertsEnv, receivers: readonly Receiver[], filter: { status?: string; limit?: number } = {}): DeliveryView[] {
  const now = env.now();
  const out: (DeliveryView & { sortAt: number })[] = [];
  for (const ref of knownGroups(env)) {
    const receiver = receivers.find((r) => r.name === ref.receiver);
    for (const { seq, value: group } of readLog<GroupRecord>(env, groupLog(ref))) {
      if (!group.notification) continue;
      const state = deliveryState(env, ref, seq, group, receiver, now);
      if (filter.status && state.status !== filter.status) continue;
      out.push({
        id: `${groupLog(ref)}/${seq}`,
        receiver: ref.receiver,
        groupKey: group.groupKey,
        status: state.status,
        alertStatus: group.notification.status,
        alerts: group.notification.alerts.map((a) => ({ fingerprint: a.fingerprint, status: a.status, ...(a.labels.alertname ? { alertname: a.labels.alertname } : {}), ...(a.labels.device ? { device: a.labels.device } : {}) })),
        createdAt: iso(group.notification.createdAt),
        nextAttemptAt: state.status === 'pending' || state.status === 'in-flight' ? iso(state.nextAttemptAt ?? now) : null,
        attempts: state.attempts.map(({ lease, result }, i) => ({
          attempt: i + 1,
          startedAt: iso(lease.startedAt),
          finishedAt: result ? iso(result.finishedAt) : null,
          ok: result?.ok ?? false,
          ...(result?.httpStatus !== undefined ? { httpStatus: result.httpStatus } : {}),
          ...(result?.error ? { error: result.error } : !result && now >= lease.leaseUntil ? { error: 'no result before the lease expired (crash?)' } : {}),
        })),
        sortAt: group.notification.createdAt,
      });
    }
  }
  return out
    .sort((a, b) => b.sortAt - a.sortAt)
    .slice(0, filter.limit ?? 100)
    .map(({ sortAt: _, ...view }) => view);
}
