// wasi:keyvalue@0.2.0-draft2 `store` and `atomics` for guests, as Spin 3 serves
// them beside fermyon:spin/key-value: the same `key_value_stores` labels, access
// rules, backends and data. Semantics follow Spin's crates/factor-key-value
// host.rs: list-keys has no cursor support, a failed swap hands back a fresh
// `cas` whose current value is already read, and errors are WIT variants.
import type { KeyValueBackend } from './backends/backend.ts';
import type { WorkerKv } from './host.worker.ts';
import { countOk, countOther, errorMessage, guardCall as guard, openChecked, witError } from './guarded-calls.worker.ts';
import { count, SEPARATOR, type CounterCell } from '../../metrics/worker-counters.worker.ts';

/** The `wasi:keyvalue/store` and `wasi:keyvalue/atomics` imports for one component instance. */
export function wasiKeyValueImports(kv: WorkerKv, allowed: ReadonlySet<string>, component: string): Record<string, object> {
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
        countOther(this.cell, 'list-keys');
        throw witError('other', 'list_keys: cursor not supported');
      }
      return { keys: guard(this.cell, 'list-keys', () => this.backend.getKeys()), cursor: undefined };
    }
  }

  function open(label: string): Bucket {
    const { backend, cell } = openChecked(kv, allowed, component, label);
    return new Bucket(backend, cell);
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
      countOk(bucket.cell, 'cas-new');
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
      countOther(bucket.cell, 'cas-swap');
      throw { payload: { tag: 'store-error', val: witError('other', errorMessage(error)).payload } };
    }
    if (swapped) {
      countOk(bucket.cell, 'cas-swap');
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
