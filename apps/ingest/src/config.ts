// The Spin variables the ingest component reads (declared in spin.toml under
// [component.ingest.variables]; a test checks the two lists agree).
import { integerVariable, type VariableSource } from '@edgewatch/spin-variables';

export const INGEST_VARIABLES = ['max_body_bytes'] as const;

export interface IngestConfig {
  maxBodyBytes: number;
}

/** Resolve the component's configuration from Spin variables. */
export function readIngestConfig(variables: VariableSource): IngestConfig {
  return { maxBodyBytes: integerVariable(variables, 'max_body_bytes', 1_048_576) };
}
