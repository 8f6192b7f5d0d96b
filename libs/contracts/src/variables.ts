// The Spin variables each component reads. spin.toml must declare each one under
// [component.<id>.variables]; a test checks that, and components read variables
// only through `restrictVariables`, which refuses names missing here.

export const COMPONENT_VARIABLES = {
  ingest: [
    'max_body_bytes',
    'max_records_per_batch',
    'max_name_length',
    'max_future_seconds',
    'max_past_seconds',
    // Secret: bearer token of the admin endpoints (devices); unset means those answer 503.
    'admin_token',
    // How ingest reaches inference and alerting: "chaining" (*.spin.internal) or "self" (own routes).
    'internal_call_mode',
  ],
  inference: ['admin_token'],
  alerting: [
    'webhook_allowed_host',
    // Secret, shared with ingest: bearer token of the alerting admin endpoints.
    'admin_token',
    // Public base URL put in Alertmanager payloads (externalURL, generatorURL).
    'alerts_external_url',
  ],
} as const satisfies Record<string, readonly string[]>;

export type VariableName<C extends keyof typeof COMPONENT_VARIABLES> = (typeof COMPONENT_VARIABLES)[C][number];
