// Configuration of the alerting component, from the Spin variables listed for it
// in libs/contracts (COMPONENT_VARIABLES.alerting).
import { COMPONENT_VARIABLES } from '@edgewatch/contracts';
import { restrictVariables, type VariableSource } from '@edgewatch/spin-variables';

export interface AlertingConfig {
  /** Origin operators allow webhook receivers on (also templated into allowed_outbound_hosts). */
  webhookAllowedHost: string;
  /** Bearer token of the admin endpoints; undefined when not configured (they answer 503). */
  adminToken: string | undefined;
  /** Public base URL of this deployment: Alertmanager's externalURL and each alert's generatorURL. */
  externalUrl: string;
}

/** Resolve the component's configuration from Spin variables. */
export function readAlertingConfig(source: VariableSource): AlertingConfig {
  const variables = restrictVariables(source, COMPONENT_VARIABLES.alerting);
  return {
    webhookAllowedHost: variables('webhook_allowed_host') ?? '',
    adminToken: variables('admin_token') || undefined,
    externalUrl: (variables('alerts_external_url') || 'http://localhost:3000').replace(/\/$/, ''),
  };
}
