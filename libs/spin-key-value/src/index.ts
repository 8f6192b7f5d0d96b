// Key-value access for components: one small interface, a Spin-backed
// implementation for the guest and an in-memory one for unit tests.
export type { KeyValueStore } from './store.ts';
export { KeyValueError, toKeyValueError } from './errors.ts';
export type { KeyValueErrorTag } from './errors.ts';
export { createMemoryStore } from './memory-store.ts';
export { getJson, setJson } from './json.ts';
export { checkCounterDelta, decodeCounter, encodeCounter, safeCounter } from './counter.ts';
