// Component entry: wires Spin variables, the default key-value store and
// outbound HTTP (fetch → wasi:http) into the alerting router.
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createAlertingApp } from './app.ts';

const router = createAlertingApp({ variables: spinVariables, store: () => openSpinStore('default') });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
