// Reading one series bucket: merge compactions and committed chunks, each
// source unit (`batch/part`) counted once, whatever mix of keys holds it.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { commitKey, parseChunkKey, parseCompactionKey, type ChunkAddress, type CompactionAddress } from './keys.ts';
import { readValue } from './codec.ts';
import type { ChunkValue, CommitValue, CompactionValue, SeriesPoint } from './model.ts';

/** The keys holding one bucket of one series. */
export interface BucketSources {
  bucket: number;
  chunks: { key: string; address: ChunkAddress }[];
  compactions: { key: string; address: CompactionAddress }[];
}

/** Points of a bucket by source unit, plus what compaction needs to know about the keys. */
export interface LoadedBucket {
  units: Map<string, SeriesPoint[]>;
  /** Unit of the newest point and that point's time. */
  unit?: string;
  unitTime: number;
  /** Keys whose content is in `units` (compactions and committed chunks). */
  mergedKeys: string[];
  /** Chunks not (or no longer) covered by their batch's commit. */
  uncommitted: { key: string; address: ChunkAddress }[];
  /** A listed key vanished (compacted concurrently): list again and retry. */
  stale: boolean;
}

/** Group a key listing into the buckets of one series. */
export function seriesSources(keys: string[], device: string, name: string): Map<number, BucketSources> {
  const buckets = new Map<number, BucketSources>();
  const slot = (bucket: number) => {
    let sources = buckets.get(bucket);
    if (!sources) buckets.set(bucket, (sources = { bucket, chunks: [], compactions: [] }));
    return sources;
  };
  for (const key of keys) {
    const chunk = parseChunkKey(key);
    if (chunk) {
      if (chunk.device === device && chunk.name === name) slot(chunk.bucket).chunks.push({ key, address: chunk });
      continue;
    }
    const compaction = parseCompactionKey(key);
    if (compaction && compaction.device === device && compaction.name === name) slot(compaction.bucket).compactions.push({ key, address: compaction });
  }
  return buckets;
}

/** Per-request cache of commit records, so a batch spread over many chunks is looked up once. */
export type CommitCache = Map<string, CommitValue | undefined>;

function commitOf(store: KeyValueStore, cache: CommitCache, device: string, batch: string): CommitValue | undefined {
  if (!cache.has(batch)) cache.set(batch, readValue<CommitValue>(store, commitKey(device, batch)));
  return cache.get(batch);
}

/** Load a bucket's points; every source unit appears once even when held by several keys. */
export function loadBucket(store: KeyValueStore, sources: BucketSources, commits: CommitCache): LoadedBucket {
  const loaded: LoadedBucket = { units: new Map(), unitTime: -Infinity, mergedKeys: [], uncommitted: [], stale: false };
  const noteUnit = (unit: string | undefined, points: SeriesPoint[], unitTime = -Infinity) => {
    const newest = points.reduce((max, p) => Math.max(max, p[0]), unitTime);
    if (unit !== undefined && newest >= loaded.unitTime) {
      loaded.unit = unit;
      loaded.unitTime = newest;
    }
  };
  for (const { key } of [...sources.compactions].sort((a, b) => a.key.localeCompare(b.key))) {
    const value = readValue<CompactionValue>(store, key);
    if (!value) {
      loaded.stale = true;
      continue;
    }
    loaded.mergedKeys.push(key);
    for (const [unit, points] of Object.entries(value.units)) if (!loaded.units.has(unit)) loaded.units.set(unit, points);
    noteUnit(value.u, [], value.ut);
  }
  for (const chunk of sources.chunks) {
    const commit = commitOf(store, commits, chunk.address.device, chunk.address.batch);
    if (!commit || commit.nonce !== chunk.address.nonce) {
      loaded.uncommitted.push(chunk);
      continue;
    }
    const unitId = `${chunk.address.batch}/${chunk.address.part}`;
    if (loaded.units.has(unitId)) {
      loaded.mergedKeys.push(chunk.key); // already inside a compaction: safe to delete
      continue;
    }
    const value = readValue<ChunkValue>(store, chunk.key);
    if (!value) {
      loaded.stale = true;
      continue;
    }
    loaded.mergedKeys.push(chunk.key);
    loaded.units.set(unitId, value.p);
    noteUnit(value.u, value.p);
  }
  return loaded;
}

/** Every point of a loaded bucket in a stable order: time, then source unit, then position. */
export function orderedPoints(bucket: LoadedBucket): SeriesPoint[] {
  const tagged: { point: SeriesPoint; unit: string; i: number }[] = [];
  for (const [unit, points] of bucket.units) points.forEach((point, i) => tagged.push({ point, unit, i }));
  tagged.sort((a, b) => a.point[0] - b.point[0] || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : a.i - b.i));
  return tagged.map((t) => t.point);
}
