// Atomic counters on Spin key-value through wasi:keyvalue@0.2.0-draft2. The
// host binding is guest-only (`./guest`); tests use the memory store's own
// `increment` from @edgewatch/spin-key-value, which stores counters the same way.
export type { KeyValueStore } from '@edgewatch/spin-key-value';
