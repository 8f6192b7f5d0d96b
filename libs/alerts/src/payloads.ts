// What goes on the wire. `alertmanager-webhook` sends Alertmanager's webhook
// JSON (version "4"), so receivers written for Alertmanager work unchanged;
// `json-webhook` sends edgewatch's JSON signed like device requests:
// `X-Edgewatch-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`.
import type { GroupRecord, NotifiedAlert } from './grouping.ts';
import type { Labels } from './matchers.ts';
import type { Receiver } from './receivers.ts';

/** Alertmanager's webhook body (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export interface AlertmanagerWebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Labels;
  commonLabels: Labels;
  commonAnnotations: Labels;
  externalURL: string;
  alerts: NotifiedAlert[];
}

/** Labels (or annotations) every alert shares with the same value. */
export function commonOf(sets: readonly Labels[]): Labels {
  if (sets.length === 0) return {};
  const [first, ...rest] = sets;
  return Object.fromEntries(Object.entries(first!).filter(([k, v]) => rest.every((s) => s[k] === v)));
}

/** Alertmanager webhook payload of one group notification. */
export function alertmanagerPayload(group: GroupRecord, externalUrl: string): AlertmanagerWebhookPayload {
  const alerts = group.notification?.alerts ?? [];
  return {
    version: '4',
    groupKey: group.groupKey,
    truncatedAlerts: 0,
    status: group.notification?.status ?? 'resolved',
    receiver: group.receiver,
    groupLabels: group.groupLabels,
    commonLabels: commonOf(alerts.map((a) => a.labels)),
    commonAnnotations: commonOf(alerts.map((a) => a.annotations)),
    externalURL: externalUrl,
    alerts,
  };
}

const encoder = new TextEncoder();

/** Hex HMAC-SHA256 of `<timestamp>.<body>` (receivers recompute it to verify). */
export async function signPayload(secret: string, timestamp: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`)));
  return [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The HTTP request for one delivery attempt: body and headers by receiver type. */
export async function notificationRequest(receiver: Receiver, group: GroupRecord, deliveryId: string, externalUrl: string, nowMs: number): Promise<{ body: string; headers: Record<string, string> }> {
  // Receivers may see a notification twice (at-least-once): this id lets them drop repeats.
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-edgewatch-delivery': deliveryId };
  if (receiver.type === 'alertmanager-webhook') return { body: JSON.stringify(alertmanagerPayload(group, externalUrl)), headers };
  const body = JSON.stringify({ ...alertmanagerPayload(group, externalUrl), version: 'edgewatch/1', deliveryId });
  const timestamp = String(Math.floor(nowMs / 1000));
  headers['x-edgewatch-timestamp'] = timestamp;
  headers['x-edgewatch-signature'] = `sha256=${await signPayload(receiver.secret ?? '', timestamp, body)}`;
  return { body, headers };
}
