// The ingest component's router: routes only, logic lives in libs.
import { COMPONENT_ROUTES } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import type { VariableSource } from '@edgewatch/spin-variables';
import { readIngestConfig } from './config.ts';
import { version } from '../package.json';

export interface IngestDeps {
  /** Opens the component's store lazily, so routes that do not need it never touch the host. */
  openStore: () => KeyValueStore;
  variables: VariableSource;
}

/** Build the ingest router over injected host capabilities. */
export function createIngestApp(deps: IngestDeps) {
  const router = createApiRouter({ base: COMPONENT_ROUTES.ingest });
  router.get(
    '/health',
    healthRoute('ingest', version, () => ({
      store: deps.openStore().label,
      maxBodyBytes: readIngestConfig(deps.variables).maxBodyBytes,
    })),
  );
  return router;
}
