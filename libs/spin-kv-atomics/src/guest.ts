// Guest-only entry (`@edgewatch/spin-kv-atomics/guest`): imports wasi:keyvalue
// store and atomics, so only components whose host serves them should import it.
export { withAtomicIncrement } from './atomic-increment.guest.ts';
