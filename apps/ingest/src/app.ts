// The ingest component's router: routes and wiring only; parsing, storage and
// auth live in libs (senml, series-store, devices, http middleware).
import { API_PREFIX, COMPONENT_ROUTES } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import { createAuth } from './auth.ts';
import { createContext, type IngestDeps } from './context.ts';
import { deviceHandlers } from './device-handlers.ts';
import { ingestHandler } from './ingest-handlers.ts';
import { seriesHandler } from './series-handlers.ts';
import { version } from '../package.json';

export type { IngestDeps } from './context.ts';

// spin.toml routes /api/v1/ingest/..., /api/v1/devices/... and /api/v1/series to this component.
const INGEST = COMPONENT_ROUTES.ingest.slice(API_PREFIX.length);

/** Build the ingest router over injected host capabilities. */
export function createIngestApp(deps: IngestDeps) {
  const ctx = createContext(deps);
  const auth = createAuth(ctx);
  const devices = deviceHandlers(ctx);
  const router = createApiRouter({ base: API_PREFIX });
  router.get(
    `${INGEST}/health`,
    healthRoute('ingest', version, () => ({ store: ctx.store().label, maxBodyBytes: ctx.config().maxBodyBytes })),
  );
  router.post(`${INGEST}/senml`, auth.device, ingestHandler(ctx, 'senml'));
  router.post(`${INGEST}/readings`, auth.device, ingestHandler(ctx, 'readings'));

  router.post('/devices', auth.admin, devices.create);
  router.get('/devices', auth.admin, devices.list);
  router.get('/devices/:id', auth.admin, devices.get);
  router.post('/devices/:id/revoke', auth.admin, devices.revoke);
  router.post('/devices/:id/token', auth.admin, devices.rotate);
  router.get('/devices/:id/latest', auth.reader, devices.latest);

  router.get('/series', auth.reader, seriesHandler(ctx));
  return router;
}
