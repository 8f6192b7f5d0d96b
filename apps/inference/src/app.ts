// The inference component's router: routes only; scoring lives in libs/scoring,
// the detectors run on the injected engine (the Rust ones in the component).
import { COMPONENT_ROUTES, COMPONENT_VARIABLES } from '@edgewatch/contracts';
import { DEFAULT_DETECTOR, tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { adminAuth, createApiRouter, healthRoute, HttpProblem, readJsonBody } from '@edgewatch/http';
import type { Kernels } from '@edgewatch/kernels';
import { parsePoints, parseScoringConfig, processSeries, readScoringConfig, scorePoints, writeScoringConfig } from '@edgewatch/scoring';
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import { restrictVariables, type VariableSource } from '@edgewatch/spin-variables';
import { version } from '../package.json';

export interface InferenceDeps {
  kernels: Kernels;
  /** Runs the detectors (the Rust `detectors` interface in the component; TS reference when omitted). */
  engine?: DetectorEngine;
  openStore: () => KeyValueStore;
  variables: VariableSource;
  now?: () => number;
}

// A fixed probe whose answer (32) proves the kernel is linked and computing.
const PROBE_A = new Float32Array([1, 2, 3]);
const PROBE_B = new Float32Array([4, 5, 6]);
const MAX_BODY = 4 * 1024 * 1024;
/** Points one /process call scores per series; the rest waits for the next call. */
const PROCESS_BATCH = 5000;

/** Turn a validation RangeError into a 400 problem. */
function invalid(error: unknown): never {
  if (error instanceof RangeError) throw new HttpProblem({ status: 400, type: 'invalid-request', title: 'Invalid request', detail: error.message });
  throw error;
}

function seriesParams(url: string): { device: string; name: string } {
  const params = new URL(url).searchParams;
  const device = params.get('device');
  const name = params.get('name');
  if (!device || !name) throw new HttpProblem({ status: 400, type: 'invalid-request', title: 'Invalid request', detail: 'query parameters "device" and "name" are required' });
  return { device, name };
}

/** Build the inference router over injected host capabilities. */
export function createInferenceApp(deps: InferenceDeps) {
  const variables = restrictVariables(deps.variables, COMPONENT_VARIABLES.inference);
  const admin = adminAuth(() => variables('admin_token') || undefined);
  const now = deps.now ?? Date.now;
  const engine = deps.engine ?? tsDetectorEngine();
  const router = createApiRouter({ base: COMPONENT_ROUTES.inference });

  router.get('/health', healthRoute('inference', version, () => ({ kernelProbe: deps.kernels.dot(PROBE_A, PROBE_B), detector: DEFAULT_DETECTOR, engine: engine.name })));

  router.post('/score', admin, async (request) => {
    const body = (await readJsonBody(request as unknown as Request, MAX_BODY)) as { detector?: unknown; points?: unknown };
    const detector = typeof body?.detector === 'string' ? body.detector : DEFAULT_DETECTOR;
    try {
      return Response.json({ detector, scores: scorePoints(parsePoints(body?.points), detector, engine) });
    } catch (error) {
      invalid(error);
    }
  });

  router.post('/process', admin, async (request) => {
    const body = (await readJsonBody(request as unknown as Request, 64 * 1024)) as { device?: unknown; names?: unknown };
    const names = body?.names;
    if (typeof body?.device !== 'string' || !Array.isArray(names) || !names.every((n) => typeof n === 'string')) {
      invalid(new RangeError('the body must be {"device": "<id>", "names": ["<series>", ...]}'));
    }
    const store = deps.openStore();
    const reports = [];
    for (const name of names as string[]) {
      try {
        reports.push(await processSeries(store, { device: body.device as string, name, nowMs: now(), maxPoints: PROCESS_BATCH, engine }));
      } catch (error) {
        invalid(error);
      }
    }
    return Response.json({ reports });
  });

  router.get('/config', admin, (request) => {
    const { device, name } = seriesParams(request.url);
    return Response.json({ device, name, ...readScoringConfig(deps.openStore(), device, name) });
  });

  router.put('/config', admin, async (request) => {
    const { device, name } = seriesParams(request.url);
    let config;
    try {
      config = parseScoringConfig(await readJsonBody(request as unknown as Request, 4096));
    } catch (error) {
      invalid(error);
    }
    writeScoringConfig(deps.openStore(), device, name, config);
    return Response.json({ device, name, ...config });
  });

  return router;
}
