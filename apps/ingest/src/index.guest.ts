// Component entry: wires Spin's host capabilities into the ingest router.
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createIngestApp } from './app.ts';

const router = createIngestApp({ openStore: () => openSpinStore('default'), variables: spinVariables });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
