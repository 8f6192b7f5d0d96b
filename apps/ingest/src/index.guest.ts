// Component entry: wires Spin's host capabilities into the ingest router.
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createIngestApp } from './app.ts';
import { createHandoff } from './handoff.ts';

const handoff = createHandoff(
  () => spinVariables('admin_token') || undefined,
  fetch,
  console.error,
  () => {
    const mode = spinVariables('internal_call_mode');
    return mode === 'self' || mode === 'none' ? mode : 'chaining';
  },
);
const router = createIngestApp({ openStore: () => openSpinStore('default'), variables: spinVariables, handoff });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
