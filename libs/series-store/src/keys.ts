// The key layout of series data on Spin key-value (see ../README.md for the
// diagram). Every key a writer creates is unique to its batch, so concurrent
// writers never overwrite each other; `|` separates fields because neither
// device ids nor SenML names may contain it.

/** Width of a time bucket: one chunk key per (series, hour, batch). */
export const BUCKET_SECONDS = 3600;

/** Longest series name the layout fits inside Spin's 255-byte key limit. */
export const MAX_SERIES_NAME_LENGTH = 128;

const ROOT = 'series';
const SEP = '|';

/** Bucket number holding time `t` (epoch seconds). */
export const bucketOf = (t: number): number => Math.floor(t / BUCKET_SECONDS);

/** Commit record of a batch: written last, so its presence means the batch is complete. */
export const commitKey = (device: string, batch: string): string => [ROOT, 'c', device, batch].join(SEP);

/** Prefix of every commit key of a device (counting batches). */
export const commitPrefix = (device: string): string => [ROOT, 'c', device, ''].join(SEP);

/** Last-seen marker of a device: a blind overwrite, never read-modify-written. */
export const seenKey = (device: string): string => [ROOT, 'seen', device].join(SEP);

/** Where a chunk of one batch's points for one series and bucket lives. */
export interface ChunkAddress {
  device: string;
  name: string;
  bucket: number;
  batch: string;
  nonce: string;
  part: number;
}

/** Where a compaction of one series bucket lives. */
export interface CompactionAddress {
  device: string;
  name: string;
  bucket: number;
  id: string;
}

/** Key of a raw chunk (written by ingest, immutable). */
export const chunkKey = (a: ChunkAddress): string => [ROOT, 'p', a.device, a.name, a.bucket, a.batch, a.nonce, a.part].join(SEP);

/** Key of a compacted bucket (written by compaction, immutable). */
export const compactionKey = (a: CompactionAddress): string => [ROOT, 'k', a.device, a.name, a.bucket, a.id].join(SEP);

/** Prefix of every chunk of one series, or of one device when `name` is omitted. */
export const chunkPrefix = (device: string, name?: string): string => [ROOT, 'p', device, ...(name === undefined ? [''] : [name, ''])].join(SEP);

/** Prefix of every compaction of one series, or of one device when `name` is omitted. */
export const compactionPrefix = (device: string, name?: string): string => [ROOT, 'k', device, ...(name === undefined ? [''] : [name, ''])].join(SEP);

/** Parse a chunk key; undefined for any other key. */
export function parseChunkKey(key: string): ChunkAddress | undefined {
  const parts = key.split(SEP);
  if (parts.length !== 8 || parts[0] !== ROOT || parts[1] !== 'p') return undefined;
  const [, , device, name, bucket, batch, nonce, part] = parts as [string, string, string, string, string, string, string, string];
  return { device, name, bucket: Number(bucket), batch, nonce, part: Number(part) };
}

/** Parse a compaction key; undefined for any other key. */
export function parseCompactionKey(key: string): CompactionAddress | undefined {
  const parts = key.split(SEP);
  if (parts.length !== 6 || parts[0] !== ROOT || parts[1] !== 'k') return undefined;
  const [, , device, name, bucket, id] = parts as [string, string, string, string, string, string];
  return { device, name, bucket: Number(bucket), id };
}

/** Parse a commit key into its device and batch; undefined for any other key. */
export function parseCommitKey(key: string): { device: string; batch: string } | undefined {
  const parts = key.split(SEP);
  if (parts.length !== 4 || parts[0] !== ROOT || parts[1] !== 'c') return undefined;
  return { device: parts[2]!, batch: parts[3]! };
}

/**
 * A writer nonce: creation time (base 36 ms) + randomness. The time lets
 * compaction tell an abandoned write (old, never committed) from one in flight.
 */
export function newNonce(nowMs: number): string {
  const random = crypto.getRandomValues(new Uint8Array(4));
  return nowMs.toString(36) + [...random].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** When the nonce's writer started (ms since epoch). */
export const nonceStartedMs = (nonce: string): number => parseInt(nonce.slice(0, -8), 36);

/** A random batch id for batches without an idempotency key (24 hex chars, 96 bits). */
export function randomBatchId(): string {
  return [...crypto.getRandomValues(new Uint8Array(12))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
