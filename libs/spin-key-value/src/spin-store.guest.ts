// KeyValueStore over Spin's `fermyon:spin/key-value@2.0.0` host interface.
import { Store } from 'fermyon:spin/key-value@2.0.0';
import type { KeyValueStore } from './store.ts';
import { toKeyValueError } from './errors.ts';

function call<T>(fn: () => T): T {
  try {
    return fn();
  } catch (thrown) {
    throw toKeyValueError(thrown);
  }
}

/** Open a store declared in the component's `key_value_stores`. */
export function openSpinStore(label = 'default'): KeyValueStore {
  const store = call(() => Store.open(label));
  return {
    label,
    get: (key) => call(() => store.get(key)),
    set: (key, value) => call(() => store.set(key, value)),
    delete: (key) => call(() => store.delete(key)),
    exists: (key) => call(() => store.exists(key)),
    getKeys: () => call(() => store.getKeys()),
  };
}
