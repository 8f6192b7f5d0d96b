// Human-readable names for edgewatch's key-value keys (layout: libs/series-store
// README), so `edgewatch kv list` shows what a key is, not just its bytes.
import { BUCKET_SECONDS, parseChunkKey, parseCommitKey, parseCompactionKey } from '@edgewatch/series-store';

const hour = (bucket: number) => new Date(bucket * BUCKET_SECONDS * 1000).toISOString().slice(0, 13) + 'h';

/** Describe a key in words; `other` for keys outside the known layout. */
export function describeKey(key: string): string {
  const chunk = parseChunkKey(key);
  if (chunk) return `series chunk   device=${chunk.device} series=${chunk.name} hour=${hour(chunk.bucket)} batch=${chunk.batch} part=${chunk.part}`;
  const compaction = parseCompactionKey(key);
  if (compaction) return `series merged  device=${compaction.device} series=${compaction.name} hour=${hour(compaction.bucket)}`;
  const commit = parseCommitKey(key);
  if (commit) return `batch commit   device=${commit.device} batch=${commit.batch}`;
  const [root, kind, rest] = key.split('|');
  if (root === 'series' && kind === 'seen' && rest) return `last seen      device=${rest}`;
  if (root === 'device' && kind) return `device         id=${kind}`;
  if (root === 'alert' || root === 'alerts') return `alerting       ${key.split('|').slice(1).join(' ')}`;
  return 'other';
}

/** A value as text: JSON on one line when it is JSON, else its size. */
export function describeValue(value: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(value);
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return `<${value.length} bytes binary>`;
  }
}
