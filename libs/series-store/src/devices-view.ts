// Per-device views over the series layout: the newest point of every series
// (`/devices/:id/latest`) and activity counts for the admin device list.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { commitPrefix, parseChunkKey, parseCompactionKey, seenKey } from './keys.ts';
import { readValue } from './codec.ts';
import { loadBucket, orderedPoints, seriesSources, type CommitCache } from './bucket.ts';
import type { CommitValue, SeriesPoint } from './model.ts';

/** The newest point of one series. */
export interface LatestPoint {
  name: string;
  unit?: string;
  t: number;
  v: SeriesPoint[1];
  s?: number;
}

/** Newest committed point of every series the device has written, sorted by name. */
export function latestForDevice(store: KeyValueStore, device: string, keys = store.getKeys()): LatestPoint[] {
  const names = new Set<string>();
  for (const key of keys) {
    const address = parseChunkKey(key) ?? parseCompactionKey(key);
    if (address?.device === device) names.add(address.name);
  }
  const commits: CommitCache = new Map();
  const latest: LatestPoint[] = [];
  for (const name of [...names].sort()) {
    const buckets = [...seriesSources(keys, device, name).values()].sort((a, b) => b.bucket - a.bucket);
    // Walk back from the newest bucket: it may hold only uncommitted chunks.
    for (const sources of buckets) {
      const loaded = loadBucket(store, sources, commits);
      const points = orderedPoints(loaded);
      const last = points[points.length - 1];
      if (!last) continue;
      const entry: LatestPoint = { name, t: last[0], v: last[1] };
      if (last[2] !== undefined) entry.s = last[2];
      if (loaded.unit !== undefined) entry.unit = loaded.unit;
      latest.push(entry);
      break;
    }
  }
  return latest;
}

/** Activity of a device: accepted batches and points, and when it was last seen. */
export interface DeviceActivity {
  batches: number;
  points: number;
  /** Epoch seconds of the last accepted batch; absent when none. */
  lastSeen?: number;
}

/** Count a device's accepted batches and points from its commit records (admin views: one read per batch); derived batches (anomaly scores) do not count. */
export function deviceActivity(store: KeyValueStore, device: string, keys = store.getKeys()): DeviceActivity {
  const prefix = commitPrefix(device);
  const activity: DeviceActivity = { batches: 0, points: 0 };
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const commit = readValue<CommitValue>(store, key);
    if (!commit || commit.derived) continue; // derived: anomaly scores, not the device's readings
    activity.batches += 1;
    activity.points += commit.points;
  }
  const seen = readValue<{ at: number }>(store, seenKey(device));
  if (seen) activity.lastSeen = seen.at;
  return activity;
}
