// What both key-value interfaces (fermyon:spin/key-value and wasi:keyvalue) do
// around a backend call: open checks the component's declared labels as Spin does
// (access-denied before no-such-store), a host failure becomes the WIT `other`
// error (never a trap), and every call is counted for the metrics listener.
import type { KeyValueBackend } from './backends/backend.ts';
import type { KeyValueState } from './factor.ts';
import { count, counterCell, SEPARATOR, type CounterCell } from '../../metrics/worker-counters.worker.ts';

/** A WIT error as jco expects a thrown result error. */
export const witError = (tag: 'no-such-store' | 'access-denied' | 'other', val?: string) => ({ payload: val === undefined ? { tag } : { tag, val } });

/** A thrown value's message. */
export const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// Metric label suffixes (`op\0outcome`) built once per op, so counting a call concatenates nothing.
const labels = new Map<string, { ok: string; other: string }>();
function labelsOf(op: string) {
  let pair = labels.get(op);
  if (!pair) labels.set(op, (pair = { ok: `${op}${SEPARATOR}ok`, other: `${op}${SEPARATOR}other` }));
  return pair;
}

/** Run a backend call as `op`: counted `ok`, or counted `other` and thrown as the WIT `other` error. */
export function guardCall<T>(cell: CounterCell | undefined, op: string, fn: () => T): T {
  const { ok, other } = labelsOf(op);
  let result: T;
  try {
    result = fn();
  } catch (error) {
    count(cell, other);
    throw witError('other', errorMessage(error));
  }
  count(cell, ok);
  return result;
}

/** Count `op` as `ok` (a call with no backend work of its own). */
export function countOk(cell: CounterCell | undefined, op: string): void {
  count(cell, labelsOf(op).ok);
}

/** Count `op` as failed with `other` (a refusal decided before any backend call). */
export function countOther(cell: CounterCell | undefined, op: string): void {
  count(cell, labelsOf(op).other);
}

/** Open `label` for `component`, or throw the WIT error Spin gives. */
export function openChecked(
  kv: { state: KeyValueState; backend(label: string): KeyValueBackend },
  allowed: ReadonlySet<string>,
  component: string,
  label: string,
): { backend: KeyValueBackend; cell: CounterCell | undefined } {
  const cell = counterCell('kv', component, label);
  if (!allowed.has(label)) {
    count(cell, `open${SEPARATOR}access-denied`);
    throw witError('access-denied');
  }
  if (!kv.state.stores[label]) {
    count(cell, `open${SEPARATOR}no-such-store`);
    throw witError('no-such-store');
  }
  return { backend: guardCall(cell, 'open', () => kv.backend(label)), cell };
}
