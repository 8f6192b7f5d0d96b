// Per-worker counters of what guests do through host capabilities (key-value
// operations, outbound requests). These happen inside worker threads, while the
// Prometheus registry lives on the main thread: rather than a message per
// operation, each worker adds into plain objects here and the whole batch rides
// along with the response's final message (`end`/`fail`), which is posted
// anyway. A capability asks for its counter cell once (per store opened, per
// outbound request), so counting one operation is a property increment.
//
// Module state is per thread (each worker imports its own copy), so no locking.

/** A batch shipped to the main thread: [labels joined by SEPARATOR, increment]. */
export type WorkerCounts = [key: string, n: number][];

/** Joins label values; a NUL byte cannot appear in a component id, store label, op or host. */
export const SEPARATOR = '\u0000';

/** Counts of one (kind, component, store|host) under their remaining labels (`op\0outcome`, or `status`). */
export interface CounterCell {
  readonly prefix: string;
  counts: Record<string, number>;
  dirty: boolean;
}

let enabled = false;
const cells = new Map<string, CounterCell>();
const dirty: CounterCell[] = [];

/** Turn counting on in this worker (only when the runner serves metrics, so it costs nothing otherwise). */
export function enableWorkerCounters(on: boolean): void {
  enabled = on;
}

/** The cell for `kind`/`component`/`target`; undefined while counting is off. Keep it for repeated counts. */
export function counterCell(kind: 'kv' | 'outbound', component: string, target: string): CounterCell | undefined {
  if (!enabled) return undefined;
  const prefix = `${kind}${SEPARATOR}${component}${SEPARATOR}${target}`;
  let cell = cells.get(prefix);
  if (!cell) cells.set(prefix, (cell = { prefix, counts: {}, dirty: false }));
  return cell;
}

/** Add one under `suffix` (the remaining label values joined by SEPARATOR). */
export function count(cell: CounterCell | undefined, suffix: string): void {
  if (!cell) return;
  cell.counts[suffix] = (cell.counts[suffix] ?? 0) + 1;
  if (!cell.dirty) {
    cell.dirty = true;
    dirty.push(cell);
  }
}

/** Count one outbound request; `status` is the HTTP status, or the wasi:http error code when there was no response. */
export function countOutbound(component: string, host: string, status: number | string): void {
  count(counterCell('outbound', component, host), String(status));
}

/** Take what was counted since the last call; undefined when nothing was (the common case adds nothing to the message). */
export function drainWorkerCounts(): WorkerCounts | undefined {
  if (dirty.length === 0) return undefined;
  const batch: WorkerCounts = [];
  for (const cell of dirty.splice(0)) {
    for (const suffix in cell.counts) batch.push([`${cell.prefix}${SEPARATOR}${suffix}`, cell.counts[suffix]!]);
    cell.counts = {};
    cell.dirty = false;
  }
  return batch;
}
