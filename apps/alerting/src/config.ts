// The Spin variables the alerting component reads (declared in spin.toml under
// [component.alerting.variables]; a test checks the two lists agree).
import type { VariableSource } from '@edgewatch/spin-variables';

export const ALERTING_VARIABLES = ['webhook_allowed_host'] as const;

export interface AlertingConfig {
  /** Origin operators allow webhook receivers on (also templated into allowed_outbound_hosts). */
  webhookAllowedHost: string;
}

/** Resolve the component's configuration from Spin variables. */
export function readAlertingConfig(variables: VariableSource): AlertingConfig {
  return { webhookAllowedHost: variables('webhook_allowed_host') ?? '' };
}
