// The ingest component's router: routes and wiring only; parsing, storage and
// auth live in libs (senml, series-store, devices, http middleware).
import { API_PREFIX, COMPONENT_ROUTES, OPENAPI_DOCUMENT, OPENAPI_ROUTE } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import { createAuth } from './auth.ts';
import { createContext, type IngestDeps } from './context.ts';
import { deviceHandlers } from './device-handlers.ts';
import { ingestHandler } from './ingest-handlers.ts';
import { seriesHandler } from './series-handlers.ts';
import { recordingRefusals, statsHandler } from './stats-handlers.ts';
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
  // Refused batches are counted by reason for GET /ingest/stats (stats-handlers.ts).
  router.post(`${INGEST}/senml`, recordingRefusals(ctx, auth.device, ingestHandler(ctx, 'senml')));
  router.post(`${INGEST}/readings`, recordingRefusals(ctx, auth.device, ingestHandler(ctx, 'readings')));
  router.get(`${INGEST}/stats`, auth.admin, statsHandler(ctx));

  router.post('/devices', auth.admin, devices.create);
  router.get('/devices', auth.admin, devices.list);
  router.get('/devices/:id', auth.admin, devices.get);
  router.post('/devices/:id/revoke', auth.admin, devices.revoke);
  router.post('/devices/:id/token', auth.admin, devices.rotate);
  router.get('/devices/:id/latest', auth.reader, devices.latest);

  router.get('/series', auth.reader, seriesHandler(ctx));

  // The API description (libs/contracts/openapi): public, like the health routes.
  router.get(OPENAPI_ROUTE.slice(API_PREFIX.length), () => Response.json(OPENAPI_DOCUMENT, { headers: { 'cache-control': 'public, max-age=300' } }));
  return router;
}
