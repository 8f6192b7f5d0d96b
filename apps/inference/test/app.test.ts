import { describe, expect, it } from 'vitest';
import { referenceKernels, type Kernels } from '@edgewatch/kernels';
import { createInferenceApp } from '../src/app.ts';

const get = (kernels: Kernels, path: string) => createInferenceApp({ kernels }).fetch(new Request(`http://localhost${path}`));

describe('inference router', () => {
  it('reports_the_kernel_probe_computed_by_the_injected_kernels', async () => {
    const body = (await (await get(referenceKernels, '/api/v1/inference/health')).json()) as { component: string; details: { kernelProbe: number } };
    expect(body.component).toBe('inference');
    expect(body.details.kernelProbe).toBe(32);
  });

  it('surfaces_a_wrong_kernel_instead_of_hiding_it', async () => {
    const broken: Kernels = { dot: () => 0 };
    const body = (await (await get(broken, '/api/v1/inference/health')).json()) as { details: { kernelProbe: number } };
    expect(body.details.kernelProbe).toBe(0);
  });

  it('answers_unknown_routes_with_problem_json', async () => {
    const response = await get(referenceKernels, '/api/v1/inference/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
