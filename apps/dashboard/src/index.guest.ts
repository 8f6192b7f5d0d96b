// Component entry: serves the web app built into WEB_ASSETS; needs no Spin
// capability (no store, no variable): every API call goes to the other components.
import { createDashboardHandler } from './app.ts';
import { WEB_ASSETS } from './web-assets.generated.ts';

const handle = createDashboardHandler(WEB_ASSETS);
addEventListener('fetch', (event: FetchEvent) => event.respondWith(handle(event.request)));
