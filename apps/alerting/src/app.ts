// The alerting component's router: routes only, rules and delivery live in libs.
import { COMPONENT_ROUTES } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import type { VariableSource } from '@edgewatch/spin-variables';
import { readAlertingConfig } from './config.ts';
import { version } from '../package.json';

export interface AlertingDeps {
  variables: VariableSource;
}

/** Build the alerting router over injected host capabilities. */
export function createAlertingApp(deps: AlertingDeps) {
  const router = createApiRouter({ base: COMPONENT_ROUTES.alerting });
  router.get(
    '/health',
    healthRoute('alerting', version, () => ({ webhookAllowedHost: readAlertingConfig(deps.variables).webhookAllowedHost })),
  );
  return router;
}
