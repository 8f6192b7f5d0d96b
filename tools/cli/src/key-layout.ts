// Human-readable names for edgewatch's key-value keys and values, so `edgewatch
// kv` shows what a key is, not just its bytes. The layouts belong to the libs
// that write them: series, devices and refusal counters (libs/series-store), scoring
// state (libs/scoring keys.ts, state-codec.ts) and alerting's append-only logs
// (libs/alerts: alert-store, notifier, delivery, devices, config-store).
import { BUCKET_SECONDS, parseChunkKey, parseCommitKey, parseCompactionKey } from '@edgewatch/series-store';

/** What a key is: its kind and the fields its name carries. */
export interface DecodedKey {
  kind: string;
  fields: Record<string, string | number>;
}

const hour = (bucket: number) => new Date(bucket * BUCKET_SECONDS * 1000).toISOString().slice(0, 13) + 'h';

/** Alerting keys are `alerting/<area>/...`, logs ending in `/<seq>` or `/head`. */
function decodeAlertingKey(parts: string[]): DecodedKey | undefined {
  const [area, ...rest] = parts;
  const last = rest[rest.length - 1];
  const entry: Record<string, string | number> | undefined =
    last === 'head' ? { entry: 'head' } : last !== undefined && /^\d+$/.test(last) ? { revision: Number(last) } : undefined;
  switch (area) {
    case 'alert':
      if (rest.length === 2 && entry) return { kind: 'alert', fields: { fingerprint: rest[0]!, ...entry } };
      break;
    case 'config':
      if (rest.length === 1) return { kind: 'alerting config', fields: { of: rest[0]! } };
      break;
    case 'groups':
      if (rest.length === 1 && entry) return { kind: 'group index', fields: entry };
      break;
    case 'group':
      if (rest.length === 3 && rest[2] === 'delivered') return { kind: 'group delivered', fields: { receiver: rest[0]!, group: rest[1]! } };
      if (rest.length === 3 && entry) return { kind: 'alert group', fields: { receiver: rest[0]!, group: rest[1]!, ...entry } };
      break;
    case 'delivery':
      if (rest.length === 4) return { kind: 'delivery try', fields: { receiver: rest[0]!, group: rest[1]!, revision: rest[2]!, attempt: rest[3]! } };
      break;
    case 'devices':
      if (rest.length === 1 && entry) return { kind: 'alerting device', fields: entry };
      break;
    case 'seen':
      if (rest.length === 1) return { kind: 'alerting seen', fields: { device: rest[0]! } };
      break;
    case 'samples':
      if (rest.length === 2) return { kind: 'rule samples', fields: { rule: rest[0]!, device: rest[1]! } };
      break;
  }
  return undefined;
}

/** Decode a key of the app's layout; undefined for keys the app does not write. */
export function decodeKey(key: string): DecodedKey | undefined {
  const chunk = parseChunkKey(key);
  if (chunk) return { kind: 'series chunk', fields: { device: chunk.device, series: chunk.name, hour: hour(chunk.bucket), batch: chunk.batch, part: chunk.part } };
  const compaction = parseCompactionKey(key);
  if (compaction) return { kind: 'series merged', fields: { device: compaction.device, series: compaction.name, hour: hour(compaction.bucket) } };
  const commit = parseCommitKey(key);
  if (commit) return { kind: 'batch commit', fields: { device: commit.device, batch: commit.batch } };
  const bar = key.split('|');
  if (bar[0] === 'series' && bar[1] === 'seen' && bar.length === 3) return { kind: 'last seen', fields: { device: bar[2]! } };
  if (bar[0] === 'device' && bar.length === 2 && bar[1]) return { kind: 'device', fields: { id: bar[1] } };
  if (bar[0] === 'inference' && bar.length === 4 && ['config', 'state', 'lease'].includes(bar[1]!)) {
    return { kind: `scoring ${bar[1]}`, fields: { device: bar[2]!, series: bar[3]! } };
  }
  if (bar[0] === 'stats' && bar[1] === 'refused' && bar.length === 4) {
    // One key per refused batch (libs/series-store ingest-stats): `<ms base 36>-<random>`.
    const ms = parseInt(bar[3]!.split('-')[0]!, 36);
    return { kind: 'refused batch', fields: { reason: bar[2]!, at: Number.isFinite(ms) ? new Date(ms).toISOString() : bar[3]! } };
  }
  const slash = key.split('/');
  if (slash[0] === 'alerting') return decodeAlertingKey(slash.slice(1));
  return undefined;
}

/** Describe a key in one line; `other` for keys outside the known layout. */
export function describeKey(key: string): string {
  const decoded = decodeKey(key);
  if (!decoded) return 'other';
  const fields = Object.entries(decoded.fields).map(([name, value]) => `${name}=${value}`);
  return `${decoded.kind.padEnd(14)} ${fields.join(' ')}`;
}

const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** Scoring state is binary: magic "EWS1", header length, JSON header, detector bytes (libs/scoring state-codec). */
function describeScoringState(value: Uint8Array): string | undefined {
  if (value.length < 8) return undefined;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (view.getUint32(0) !== 0x45575331) return undefined;
  const length = view.getUint32(4);
  const header = JSON.parse(new TextDecoder().decode(value.subarray(8, 8 + length))) as { detector: string; engine?: string; cursor: string };
  return `detector=${header.detector} engine=${header.engine ?? 'ts'} frontier=${header.cursor} state=${value.length - 8 - length} bytes`;
}

/** One line saying what a chunk's or compaction's points are. */
function describePoints(points: [number, unknown][], unit: string | undefined): string {
  if (points.length === 0) return '0 points';
  const times = points.map(([t]) => t);
  const numbers = points.map(([, v]) => v).filter((v): v is number => typeof v === 'number');
  const range = numbers.length ? ` values ${Math.min(...numbers)}..${Math.max(...numbers)}${unit ? ` ${unit}` : ''}` : '';
  return `${points.length} point${points.length === 1 ? '' : 's'} ${iso(Math.min(...times))} .. ${iso(Math.max(...times))}${range}`;
}

/** A value as text: decoded for the app's layout, else JSON on one line, else its size. */
export function describeValue(value: Uint8Array, key?: string): string {
  const kind = key === undefined ? undefined : decodeKey(key)?.kind;
  if (kind === 'scoring state') {
    const state = describeScoringState(value);
    if (state) return state;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(value));
  } catch {
    return `<${value.length} bytes binary>`;
  }
  const json = JSON.stringify(parsed);
  if (kind === 'series chunk') {
    const chunk = parsed as { u?: string; p: [number, unknown][] };
    return `${describePoints(chunk.p, chunk.u)}\n${json}`;
  }
  if (kind === 'series merged') {
    const merged = parsed as { u?: string; units: Record<string, [number, unknown][]> };
    const units = Object.values(merged.units);
    return `${units.length} merged batch part(s), ${describePoints(units.flat(), merged.u)}\n${json}`;
  }
  if (kind === 'alert') {
    // Log entries are write-once claims: {claim, value: AlertRecord}.
    const alert = (parsed as { value?: { state?: string; labels?: Record<string, string>; value?: number; at?: number } }).value;
    if (alert?.state) return `${alert.state} ${alert.labels?.alertname ?? ''} device=${alert.labels?.device ?? '-'} value=${alert.value ?? '-'} at=${alert.at ? new Date(alert.at).toISOString() : '-'}\n${json}`;
  }
  return json;
}
