// Catch-up scoring of a stored series: continue from the series' scoring
// frontier (a series-store cursor), score the points that arrived since with the
// saved detector state, write the scores as the series `<name>/anomaly_score`,
// then save state and frontier. Ingest nudges this after each batch; when
// inference was down, the next nudge (or the periodic call) scores everything
// that was missed, since the frontier only moves after scores are written.
//
// One instance at a time scores a series (series-lease.ts); a second nudge waits
// for the first and then scores what arrived meanwhile. Should the lease ever be
// shared (a holder stalled past its TTL), nothing is lost: a run writes its scores
// under a batch id derived from the frontier range it covered, so a retried run is
// a replay and a racing run at worst repeats some scores. Points that arrive with a
// time older than the frontier (late data) are not scored.
//
// Scoring is one `DetectorEngine.scoreBatch` call per run (the Rust detectors in the
// component, the TS ones in tests). Detector state is engine-specific, so the stored
// state names its engine; a state from another engine (or detector) is not resumed:
// the series starts over with a fresh detector at its current frontier.
import { tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { readSeries, writeBatch } from '@edgewatch/series-store';
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { readScoringConfig } from './config.ts';
import { isScoreSeries, leaseKey, scoreSeriesName, stateKey } from './keys.ts';
import { withSeriesLease } from './series-lease.ts';
import { decodeState, encodeState } from './state-codec.ts';

export interface ProcessOptions {
  device: string;
  name: string;
  nowMs: number;
  /** Stop after this many points (the rest is scored by the next call). */
  maxPoints: number;
  /** Runs the detector (default: the TS reference engine). */
  engine?: DetectorEngine;
  /** Waits between lease polls (real timers in the component; injectable for tests). */
  sleep?: (ms: number) => Promise<void>;
  /** The clock the lease expires by (default Date.now). */
  clock?: () => number;
}

export interface ProcessReport {
  device: string;
  name: string;
  detector: string;
  scored: number;
  /** True when points remain beyond `maxPoints`. */
  more: boolean;
  /** True when another instance held the series for longer than we could wait. */
  busy?: boolean;
}

const PAGE = 1000;
const REFERENCE_ENGINE = tsDetectorEngine();

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Score what arrived in one series since the last call, holding the series' lease. */
export async function processSeries(store: KeyValueStore, options: ProcessOptions): Promise<ProcessReport> {
  const { device, name } = options;
  if (isScoreSeries(name)) throw new RangeError(`"${name}" is a score series; score its source series instead`);
  const report = await withSeriesLease(store, leaseKey(device, name), () => processHeld(store, options), {
    nowMs: options.clock ?? Date.now,
    sleep: options.sleep ?? realSleep,
  });
  return report ?? { device, name, detector: readScoringConfig(store, device, name).detector, scored: 0, more: true, busy: true };
}

async function processHeld(store: KeyValueStore, options: ProcessOptions): Promise<ProcessReport> {
  const { device, name } = options;
  const engine = options.engine ?? REFERENCE_ENGINE;
  const config = readScoringConfig(store, device, name);
  const saved = decodeState(store.get(stateKey(device, name)));
  // A changed detector or engine starts over from the current frontier with fresh state.
  const resume = saved && saved.detector === config.detector && saved.engine === engine.name ? saved.bytes : undefined;
  const startCursor = saved?.cursor;

  const times: number[] = [];
  const values: number[] = [];
  let cursor = startCursor;
  let more = false;
  while (times.length < options.maxPoints) {
    const page = readSeries(store, { device, name, limit: Math.min(PAGE, options.maxPoints - times.length), cursor });
    for (const [t, v] of page.points) {
      // Only numeric values are scored; strings, booleans and sum-only records advance the frontier.
      if (typeof v === 'number' && Number.isFinite(v)) {
        times.push(t);
        values.push(v);
      }
    }
    if (page.points.length > 0) cursor = frontierAfter(cursor, page.points.map((p) => p[0]));
    if (!page.next) break;
    more = times.length >= options.maxPoints;
  }
  if (cursor === startCursor) return { device, name, detector: config.detector, scored: 0, more: false };

  const scored = scoreResuming(engine, config.detector, resume, Float64Array.from(values), Float64Array.from(times, (t) => t * 1000));
  if (times.length > 0) {
    const batch = (await sha256Hex(`inference|${device}|${name}|${startCursor ?? ''}|${cursor}`)).slice(0, 24);
    const records = times.map((t, i) => ({ n: scoreSeriesName(name), t, value: { kind: 'v' as const, value: scored.scores[i]! } }));
    writeBatch(store, { device, batch, bodyHash: batch, records, nowMs: options.nowMs, derived: true });
  }
  store.set(stateKey(device, name), encodeState({ detector: config.detector, engine: engine.name, cursor: cursor!, bytes: scored.state }));
  return { device, name, detector: config.detector, scored: times.length, more };
}

/**
 * Score from the saved state; a state the detector no longer reads (saved by an older
 * version of it) restarts the series' warm-up instead of stopping its scoring for good.
 */
function scoreResuming(engine: DetectorEngine, detector: string, resume: Uint8Array | undefined, values: Float64Array, timesMs: Float64Array) {
  try {
    return engine.scoreBatch(detector, resume, values, timesMs);
  } catch (error) {
    if (resume === undefined) throw error;
    return engine.scoreBatch(detector, undefined, values, timesMs);
  }
}

/** The series-store cursor after `times` (ascending) were consumed from `previous`. */
export function frontierAfter(previous: string | undefined, times: number[]): string {
  const last = times[times.length - 1]!;
  let atLast = 0;
  for (let i = times.length - 1; i >= 0 && times[i] === last; i--) atLast++;
  const [prevT, prevSkip] = previous ? previous.split('~').map(Number) : [Number.NaN, 0];
  // All points of the page at the previous frontier time were beyond its skip count.
  const skip = atLast === times.length && prevT === last ? prevSkip! + atLast : atLast;
  return `${last}~${skip}`;
}
