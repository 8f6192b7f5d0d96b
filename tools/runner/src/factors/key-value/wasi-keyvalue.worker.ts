// wasi:keyvalue@0.2.0-draft2 `store` and `atomics` for guests, as Spin 3 serves
// them beside fermyon:spin/key-value: the same `key_value_stores` labels, access
// rules, backends and data. Semantics follow Spin's crates/factor-key-value
// host.rs: list-keys has no cursor support, a failed swap hands back a fresh
// `cas` whose current value is already read, and errors are WIT variants.
import type { KeyValueBackend } from './backends/backend.ts';
import type { WorkerKv } from './host.worker.ts';
import { count, counterCell, SEPARATOR, type CounterCell } from '../../metrics/worker-counters.worker.ts';

const OPS = ['open', 'get', 'set', 'delete', 'exists', 'list-keys', 'increment', 'cas-new', 'cas-current', 'cas-swap'] as const;
type Op = (typeof OPS)[number];
const OK = Object.fromEntries(OPS.map((op) => [op, `${op}${SEPARATOR}ok`])) as Record<Op, string>;
const OTHER = Object.fromEntries(OPS.map((op) => [op, `${op}${SEPARATOR}other`])) as Record<Op, string>;

const storeError = (tag: 'no-such-store' | 'access-denied' | 'other', val?: string) => (val === undefined ? { tag } : { tag, val });
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Run a backend call: a host failure becomes `other`, never a trap; the call is counted. */
function guard<T>(cell: CounterCell | undefined, op: Op, fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (error) {
    count(cell, OTHER[op]);
    throw { payload: storeError('other', message(error)) };
  }
  count(cell, OK[op]);
  return result;
}

/** The `wasi:keyvalue/store` and `wasi:keyvalue/atomics` imports for one component instance. */
export function wasiKeyValueImports(kv: WorkerKv, component: string): Record<string, object> {
  const allowed = new Set(kv.state.access[component] ?? []);

  class Bucket {
    readonly backend: KeyValueBackend;
    readonly cell: CounterCell | undefined;
    constructor(backend: KeyValueBackend, cell: CounterCell | undefined) {
      this.backend = backend;
      this.cell = cell;
    }
    get(key: string) {
      return guard(this.cell, 'get', () => this.backend.get(key));
    }
    set(key: string, value: Uint8Array) {
      guard(this.cell, 'set', () => this.backend.set(key, value));
    }
    delete(key: string) {
      guard(this.cell, 'delete', () => this.backend.delete(key));
    }
    exists(key: string) {
      return guard(this.cell, 'exists', () => this.backend.exists(key));
    }
    listKeys(cursor: string | undefined) {
      if (cursor !== undefined) {
        count(this.cell, OTHER['list-keys']);
        throw { payload: storeError('other', 'list_keys: cursor not supported') };
      }
      return { keys: guard(this.cell, 'list-keys', () => this.backend.getKeys()), cursor: undefined };
    }
  }

  function open(label: string): Bucket {
    const cell = counterCell('kv', component, label);
    if (!allowed.has(label)) {
      count(cell, `open${SEPARATOR}access-denied`);
      throw { payload: storeError('access-denied') };
    }
    if (!kv.state.stores[label]) {
      count(cell, `open${SEPARATOR}no-such-store`);
      throw { payload: storeError('no-such-store') };
    }
    return new Bucket(
      guard(cell, 'open', () => kv.backend(label)),
      cell,
    );
  }

  class Cas {
    readonly bucket: Bucket;
    readonly key: string;
    /** What current() read; undefined when absent or never read (then swap upserts, see backend.ts). */
    expected: Uint8Array | undefined;
    private constructor(bucket: Bucket, key: string) {
      this.bucket = bucket;
      this.key = key;
    }
    static new(bucket: Bucket, key: string): Cas {
      count(bucket.cell, OK['cas-new']);
      return new Cas(bucket, key);
    }
    current() {
      this.expected = guard(this.bucket.cell, 'cas-current', () => this.bucket.backend.get(this.key));
      return this.expected;
    }
  }

  function increment(bucket: Bucket, key: string, delta: bigint): bigint {
    return guard(bucket.cell, 'increment', () => bucket.backend.increment(key, BigInt(delta)));
  }

  function swap(cas: Cas, value: Uint8Array): void {
    const { bucket, key } = cas;
    let swapped: boolean;
    try {
      swapped = bucket.backend.casSwap(key, cas.expected, value);
    } catch (error) {
      count(bucket.cell, OTHER['cas-swap']);
      throw { payload: { tag: 'store-error', val: storeError('other', message(error)) } };
    }
    if (swapped) {
      count(bucket.cell, OK['cas-swap']);
      return;
    }
    count(bucket.cell, `cas-swap${SEPARATOR}cas-failed`);
    // As Spin: the guest retries with a new handle that has already read the value.
    const retry = Cas.new(bucket, key);
    try {
      retry.current();
    } catch (thrown) {
      throw { payload: { tag: 'store-error', val: (thrown as { payload: unknown }).payload } };
    }
    throw { payload: { tag: 'cas-failed', val: retry } };
  }

  return {
    'wasi:keyvalue/store': { open, Bucket },
    'wasi:keyvalue/atomics': { Cas, increment, swap },
  };
}
