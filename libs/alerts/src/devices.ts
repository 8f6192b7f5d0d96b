// What alerting remembers about devices: the set of devices ever seen (an
// append-only log, so concurrent first readings cannot lose one), each
// device's last reading time for heartbeat rules, and rate-rule sample windows.
// Last-seen and samples are last-writer-wins: a race costs a sample, not a
// state change, because alert state itself lives in the alert logs.
import { getJson, setJson } from '@edgewatch/spin-key-value';
import { appendIfChanged, readLog } from './claim.ts';
import type { DeviceSeen, Sample } from './conditions.ts';
import type { AlertsEnv } from './env.ts';

const DEVICE_LOG = 'alerting/devices';
const seenKey = (device: string) => `alerting/seen/${device}`;
const samplesKey = (ruleId: string, device: string) => `alerting/samples/${ruleId}/${device}`;

// A log entry is one device, or several first seen in the same call (one claim for all of them).
type DeviceEntry = string | string[];
const devicesOf = (entries: { value: DeviceEntry }[]) => entries.flatMap((e) => (Array.isArray(e.value) ? e.value : [e.value]));

/** Every device alerting has seen a reading from, in first-seen order. */
export function knownDevices(env: Pick<AlertsEnv, 'store'>): string[] {
  return [...new Set(devicesOf(readLog<DeviceEntry>(env, DEVICE_LOG)))];
}

/**
 * Append devices to the known set: `fresh` are devices the caller found no last-seen record for.
 * Call recordSeen only after this resolves, so a crash in between leaves them fresh for the next reading.
 */
export async function rememberDevices(env: AlertsEnv, fresh: readonly string[]): Promise<void> {
  if (fresh.length === 0) return;
  let tries = 0;
  await appendIfChanged<DeviceEntry>(env, DEVICE_LOG, () => {
    // After a lost claim, re-read: the winner may have added some of them.
    const have = new Set(tries++ === 0 ? [] : knownDevices(env));
    const missing = fresh.filter((d) => !have.has(d));
    return missing.length === 0 ? undefined : missing.length === 1 ? missing[0] : missing;
  });
}

/** The device's last reading time and `ut`, or undefined if never seen. */
export function lastSeen(env: Pick<AlertsEnv, 'store'>, device: string): DeviceSeen | undefined {
  return getJson<DeviceSeen>(env.store, seenKey(device));
}

/** Record a reading time, keeping the newest (and its `ut`, when it carries one). */
export function recordSeen(env: Pick<AlertsEnv, 'store'>, device: string, t: number, ut: number | undefined): void {
  const prev = lastSeen(env, device);
  if (prev && prev.t > t) return;
  setJson(env.store, seenKey(device), { t, ...(ut !== undefined ? { ut } : prev?.ut !== undefined ? { ut: prev.ut } : {}) } satisfies DeviceSeen);
}

/** Samples of a rate rule's window for one device. */
export function loadSamples(env: Pick<AlertsEnv, 'store'>, ruleId: string, device: string): Sample[] {
  return getJson<Sample[]>(env.store, samplesKey(ruleId, device)) ?? [];
}

/** Replace a rate rule's samples for one device. */
export function saveSamples(env: Pick<AlertsEnv, 'store'>, ruleId: string, device: string, samples: Sample[]): void {
  setJson(env.store, samplesKey(ruleId, device), samples);
}
