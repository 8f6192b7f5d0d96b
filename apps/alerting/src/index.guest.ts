// Component entry: wires Spin variables into the alerting router.
import { spinVariables } from '@edgewatch/spin-variables/guest';
import { createAlertingApp } from './app.ts';

const router = createAlertingApp({ variables: spinVariables });

addEventListener('fetch', (event: FetchEvent) => event.respondWith(router.fetch(event.request)));
