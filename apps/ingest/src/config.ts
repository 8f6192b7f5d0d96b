// Configuration of the ingest component, from the Spin variables listed for it
// in libs/contracts (COMPONENT_VARIABLES.ingest).
import { COMPONENT_VARIABLES } from '@edgewatch/contracts';
import { integerVariable, restrictVariables, type VariableSource } from '@edgewatch/spin-variables';

export interface IngestConfig {
  maxBodyBytes: number;
}

/** Resolve the component's configuration from Spin variables. */
export function readIngestConfig(source: VariableSource): IngestConfig {
  const variables = restrictVariables(source, COMPONENT_VARIABLES.ingest);
  return { maxBodyBytes: integerVariable(variables, 'max_body_bytes', 1_048_576) };
}
