// `increment` for a KeyValueStore, over wasi:keyvalue/atomics (Spin 3 serves
// wasi:keyvalue@0.2.0-draft2 on the same stores, by the same labels, as
// fermyon:spin/key-value). Atomic on every Spin backend (SQLite transaction, Redis INCRBY).
import { open, type Bucket } from 'wasi:keyvalue/store@0.2.0-draft2';
import { increment } from 'wasi:keyvalue/atomics@0.2.0-draft2';
import { checkCounterDelta, safeCounter, toKeyValueError, type KeyValueStore } from '@edgewatch/spin-key-value';

function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (thrown) {
    throw toKeyValueError(thrown);
  }
}

/** Add an atomic `increment` to a store; the wasi:keyvalue bucket `label` opens on first use. */
export function withAtomicIncrement(store: KeyValueStore, label: string = store.label): KeyValueStore {
  let bucket: Bucket | undefined;
  return {
    label: store.label,
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
    exists: (key) => store.exists(key),
    getKeys: () => store.getKeys(),
    increment: (key, delta) => {
      checkCounterDelta(key, delta);
      bucket ??= call(() => open(label));
      return safeCounter(key, call(() => increment(bucket!, key, BigInt(delta))));
    },
  };
}
