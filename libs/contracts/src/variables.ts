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
  ],
  inference: ['admin_token'],
  alerting: ['webhook_allowed_host'],
} as const satisfies Record<string, readonly string[]>;

export type VariableName<C extends keyof typeof COMPONENT_VARIABLES> = (typeof COMPONENT_VARIABLES)[C][number];
