// Component entry: wires Spin's host capabilities into the ingest router.
import { openSpinStore } from '@edgewatch/spin-key-value/guest';
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createIngestApp } from './app.ts';
import { createHandoff, type Handoff } from './handoff.ts';

const chained = createHandoff(
  () => spinVariables('admin_token') || undefined,
  fetch,
  console.error,
  () => {
    const mode = spinVariables('internal_call_mode');
    return mode === 'self' || mode === 'none' ? mode : 'chaining';
  },
);
// The hand-off runs after the device has its answer: waitUntil keeps the instance alive
// for it (StarlingMonkey ends a request once the response is sent and nothing is awaited).
let waitUntil: (work: Promise<unknown>) => void = () => {};
const handoff: Handoff = (batch) => {
  const work = chained(batch);
  waitUntil(work);
  return work;
};
const router = createIngestApp({ openStore: () => openSpinStore('default'), variables: spinVariables, handoff });

addEventListener('fetch', (event: FetchEvent) => {
  waitUntil = (work) => event.waitUntil(work);
  event.respondWith(router.fetch(event.request));
});
