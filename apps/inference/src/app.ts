// The inference component's router: routes only, scoring lives in libs and kernels.
import { COMPONENT_ROUTES } from '@edgewatch/contracts';
import { createApiRouter, healthRoute } from '@edgewatch/http';
import type { Kernels } from '@edgewatch/kernels';
import { version } from '../package.json';

export interface InferenceDeps {
  kernels: Kernels;
}

// A fixed probe whose answer (32) proves the kernel is linked and computing.
const PROBE_A = new Float32Array([1, 2, 3]);
const PROBE_B = new Float32Array([4, 5, 6]);

/** Build the inference router over the given kernel implementation. */
export function createInferenceApp(deps: InferenceDeps) {
  const router = createApiRouter({ base: COMPONENT_ROUTES.inference });
  router.get('/health', healthRoute('inference', version, () => ({ kernelProbe: deps.kernels.dot(PROBE_A, PROBE_B) })));
  return router;
}
