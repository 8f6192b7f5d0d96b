// Component entry: wires Spin variables, the default key-value store (with
// wasi:keyvalue's atomic increment, so claims need no settle wait) and outbound
// HTTP (fetch → wasi:http) into the alerting router.
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { withAtomicIncrement } from '@edgewatch/spin-kv-atomics/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createAlertingApp } from './app.ts';

const router = createAlertingApp({ variables: spinVariables, store: () => withAtomicIncrement(openSpinStore('default'), 'default') });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
