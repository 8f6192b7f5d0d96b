// Configuration of the ingest component, from the Spin variables listed for it
// in libs/contracts (COMPONENT_VARIABLES.ingest).
import { COMPONENT_VARIABLES } from '@edgewatch/contracts';
import { MAX_SERIES_NAME_LENGTH } from '@edgewatch/series-store';
import { integerVariable, restrictVariables, type VariableSource } from '@edgewatch/spin-variables';

/** The ingest component's settings, resolved from its Spin variables. */
export interface IngestConfig {
  maxBodyBytes: number;
  maxRecordsPerBatch: number;
  maxNameLength: number;
  maxFutureSeconds: number;
  maxPastSeconds: number;
  /** Bearer token of the admin endpoints; undefined when not configured. */
  adminToken: string | undefined;
}

function positive(name: string, value: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value < 1 || value > max) throw new Error(`variable ${name} must be between 1 and ${max}, got ${value}: fix SPIN_VARIABLE_${name.toUpperCase()}`);
  return value;
}

/** Resolve the component's configuration from Spin variables. */
export function readIngestConfig(source: VariableSource): IngestConfig {
  const variables = restrictVariables(source, COMPONENT_VARIABLES.ingest);
  const int = (name: string, fallback: number, max?: number) => positive(name, integerVariable(variables, name, fallback), max);
  return {
    maxBodyBytes: int('max_body_bytes', 1_048_576),
    maxRecordsPerBatch: int('max_records_per_batch', 5000),
    // Series names go into storage keys, and Spin caps keys at 255 bytes.
    maxNameLength: int('max_name_length', MAX_SERIES_NAME_LENGTH, MAX_SERIES_NAME_LENGTH),
    maxFutureSeconds: int('max_future_seconds', 600),
    maxPastSeconds: int('max_past_seconds', 366 * 86_400),
    adminToken: variables('admin_token') || undefined,
  };
}
