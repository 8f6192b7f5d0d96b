// Operator counters of the ingest: points and batches accepted and refused.
// Spin key-value has no transactions and every request runs in a fresh
// instance, so nothing here read-modify-writes a shared counter:
//   * accepted counts are derived from what ingest stores anyway — one commit
//     record per accepted batch, holding its point count (see README: layout);
//   * each refusal is its own immutable key `stats|refused|<reason>|<ms>-<random>`
//     holding that batch's point count; the stats read sums them.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { readValue, encodeValue } from './codec.ts';
import type { CommitValue } from './model.ts';
import { REFUSAL_REASONS, type RefusalReason } from './refusal-reasons.ts';

const COMMIT_PREFIX = 'series|c|';
const REFUSED_PREFIX = 'stats|refused|';

/** What `GET /api/v1/ingest/stats` answers. */
export interface IngestStats {
  points: { accepted: number; refused: Record<RefusalReason, number> };
  batches: { accepted: number; refused: number };
}

/** A refused batch's counter value. */
interface RefusalValue {
  points: number;
}

const randomSuffix = () => [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Key of one refusal event: unique per event, so concurrent writers never collide. */
export const refusalKey = (reason: RefusalReason, nowMs: number, suffix = randomSuffix()): string => `${REFUSED_PREFIX}${reason}|${nowMs.toString(36)}-${suffix}`;

/**
 * Record one refused batch of `points` points. Never throws: a stats write that fails
 * must not change the answer the client gets (the caller still sends its problem).
 */
export function recordRefusal(store: KeyValueStore, reason: RefusalReason, points: number, nowMs: number): boolean {
  try {
    store.set(refusalKey(reason, nowMs), encodeValue({ points: Math.max(0, Math.floor(points)) } satisfies RefusalValue));
    return true;
  } catch {
    return false;
  }
}

/** Sum the ingest's accepted and refused counts; one read per batch ever accepted or refused (an admin view). */
export function ingestStats(store: KeyValueStore, keys = store.getKeys()): IngestStats {
  const refused = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<RefusalReason, number>;
  const stats: IngestStats = { points: { accepted: 0, refused }, batches: { accepted: 0, refused: 0 } };
  for (const key of keys) {
    if (key.startsWith(COMMIT_PREFIX)) {
      const commit = readValue<CommitValue>(store, key);
      if (!commit || commit.derived) continue; // deleted since the listing, or anomaly scores (not ingested)
      stats.batches.accepted += 1;
      stats.points.accepted += commit.points;
    } else if (key.startsWith(REFUSED_PREFIX)) {
      const reason = key.slice(REFUSED_PREFIX.length).split('|')[0] as RefusalReason;
      const value = readValue<RefusalValue>(store, key);
      if (!value || !(reason in refused)) continue;
      stats.batches.refused += 1;
      refused[reason] += value.points;
    }
  }
  return stats;
}
