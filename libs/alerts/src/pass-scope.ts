// What one evaluation pass looks at. The scheduler's pass (no readings) looks
// at everything: every known device's time checks, every alert, every
// notification group — it is what catches up retries, group_interval,
// repeat_interval, heartbeats and whatever a crash left half done. A pass with
// readings (ingest's, on the data path) looks only at the devices it got
// readings from and at the notification groups their alerts belong to, so its
// cost does not grow with the number of devices; the rest waits for the
// scheduler's next pass (every minute).
import { alertLabels } from './alert-store.ts';
import type { AlertingConfigSnapshot } from './config-store.ts';
import { knownDevices } from './devices.ts';
import type { AlertsEnv } from './env.ts';
import { groupKeyOf, groupLabelsOf } from './grouping.ts';
import { matchesAll, type Labels } from './matchers.ts';
import type { Receiver } from './receivers.ts';
import type { Rule } from './rules.ts';

/** The part of the alert state a pass reads and acts on. */
export interface PassScope {
  /** Devices whose time checks run. */
  devices: string[];
  /** The rule × device alerts the views (and so the notifications) see. */
  alerts: { rule: Rule; device: string }[];
  /** Per receiver name, the group keys to plan and deliver; undefined: every group. */
  groups?: Map<string, Set<string>>;
}

/** The scheduler's scope: every rule × known device, every group. */
export function fullScope(config: AlertingConfigSnapshot, devices: readonly string[]): PassScope {
  return { devices: [...devices], alerts: config.rules.flatMap((rule) => devices.map((device) => ({ rule, device }))), groups: undefined };
}

const groupKey = (receiver: Receiver, labels: Labels) => groupKeyOf(groupLabelsOf(receiver, labels));

/**
 * A reading pass's scope: the devices read from, the groups their alerts fall
 * in for each receiver, and every alert of those groups — complete groups, so a
 * notification never describes part of one. Only a receiver that does not group
 * by device makes other devices' alerts (and the device list) worth reading.
 */
export function readingScope(env: Pick<AlertsEnv, 'store'>, config: AlertingConfigSnapshot, devices: ReadonlySet<string>): PassScope {
  const groups = new Map<string, Set<string>>();
  for (const receiver of config.receivers) {
    const keys = new Set<string>();
    for (const rule of config.rules) {
      for (const device of devices) {
        const labels = alertLabels(rule, device);
        if (matchesAll(receiver.matchers, labels)) keys.add(groupKey(receiver, labels));
      }
    }
    groups.set(receiver.name, keys);
  }
  const wide = config.receivers.some((r) => !r.groupBy.includes('device') && groups.get(r.name)!.size > 0);
  const candidates = wide ? [...new Set([...devices, ...knownDevices(env)])] : [...devices];
  const alerts: PassScope['alerts'] = [];
  for (const rule of config.rules) {
    for (const device of candidates) {
      if (devices.has(device)) {
        alerts.push({ rule, device });
        continue;
      }
      const labels = alertLabels(rule, device);
      if (config.receivers.some((r) => groups.get(r.name)!.has(groupKey(r, labels)) && matchesAll(r.matchers, labels))) alerts.push({ rule, device });
    }
  }
  return { devices: [...devices], alerts, groups };
}
