// The alerting component's router: routes and wiring only; rules, lifecycle,
// grouping and delivery live in libs/alerts.
import { COMPONENT_ROUTES } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import { alertHandlers } from './alert-handlers.ts';
import { adminAuth } from './auth.ts';
import { configHandlers } from './config-handlers.ts';
import { createContext, type AlertingDeps } from './context.ts';
import { version } from '../package.json';

export type { AlertingDeps } from './context.ts';

/** Build the alerting router over injected host capabilities. */
export function createAlertingApp(deps: AlertingDeps) {
  const ctx = createContext(deps);
  const admin = adminAuth(ctx);
  const alerts = alertHandlers(ctx);
  const config = configHandlers(ctx);
  const router = createApiRouter({ base: COMPONENT_ROUTES.alerting });
  router.get('/health', healthRoute('alerting', version, () => ({ webhookAllowedHost: ctx.config().webhookAllowedHost })));

  // Ingest chains readings here and a scheduler calls it with no body (see README); both
  // present the admin token, since readings posted here bypass device authentication.
  router.post('/evaluate', admin, alerts.evaluate);

  router.get('/rules', admin, config.listRules);
  router.post('/rules', admin, config.putRule);
  router.get('/rules/:id', admin, config.getRule);
  router.put('/rules/:id', admin, config.putRule);
  router.delete('/rules/:id', admin, config.deleteRule);

  router.get('/receivers', admin, config.listReceivers);
  router.post('/receivers', admin, config.putReceiver);
  router.get('/receivers/:name', admin, config.getReceiver);
  router.put('/receivers/:name', admin, config.putReceiver);
  router.delete('/receivers/:name', admin, config.deleteReceiver);

  router.get('/silences', admin, config.listSilences);
  router.post('/silences', admin, config.createSilence);
  router.delete('/silences/:id', admin, config.deleteSilence);

  router.get('/deliveries', admin, alerts.deliveries);
  router.get('/stats', admin, alerts.stats);

  router.get('', admin, alerts.list);
  router.get('/', admin, alerts.list);
  router.get('/:id', admin, alerts.get);
  router.post('/:id/ack', admin, alerts.ack);
  return router;
}
