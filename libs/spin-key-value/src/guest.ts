// Guest-only entry (`@edgewatch/spin-key-value/guest`): imports the Spin host
// interface, so only components that declare a store should import it.
export { openSpinStore } from './spin-store.guest.ts';
