import { describe, expect, it } from 'vitest';
import { createApiRouter, healthRoute, HttpProblem, readJsonBody, REQUEST_ID_HEADER } from './index.ts';

const router = () => {
  const r = createApiRouter({ base: '/api/v1/test' });
  r.get('/health', healthRoute('test', '1.2.3', () => ({ extra: 1 })));
  r.get('/boom', () => {
    throw new Error('secret internals');
  });
  r.get('/teapot', () => {
    throw new HttpProblem({ status: 418, type: 'teapot', title: 'Teapot', detail: 'short and stout', extensions: { index: 3 } });
  });
  r.post('/echo', async (request) => Response.json(await readJsonBody(request as unknown as Request, 16)));
  return r;
};

const call = (path: string, init?: RequestInit) => router().fetch(new Request(`http://x${path}`, init));

describe('api router', () => {
  it('answers_health_with_component_identity', async () => {
    const response = await call('/api/v1/test/health');
    expect(await response.json()).toEqual({ component: 'test', version: '1.2.3', status: 'ok', details: { extra: 1 } });
  });

  it('answers_unknown_routes_with_problem_json_404', async () => {
    const response = await call('/api/v1/test/missing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()) as object).toMatchObject({ status: 404, detail: 'No route for GET /api/v1/test/missing.' });
  });

  it('turns_thrown_problems_into_their_status_with_extensions', async () => {
    const response = await call('/api/v1/test/teapot');
    expect(response.status).toBe(418);
    expect(await response.json()).toEqual({ type: 'https://edgewatch.dev/problems/teapot', title: 'Teapot', status: 418, detail: 'short and stout', index: 3 });
  });

  it('hides_unexpected_errors_behind_a_500_problem', async () => {
    const response = await call('/api/v1/test/boom');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('secret internals');
  });

  it('echoes_a_valid_request_id_and_replaces_an_invalid_one', async () => {
    const kept = await call('/api/v1/test/health', { headers: { [REQUEST_ID_HEADER]: 'abc-123' } });
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe('abc-123');
    const replaced = await call('/api/v1/test/health', { headers: { [REQUEST_ID_HEADER]: 'bad id!' } });
    expect(replaced.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('readJsonBody', () => {
  it('refuses_invalid_json_with_400', async () => {
    const response = await call('/api/v1/test/echo', { method: 'POST', body: '{oops' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/not valid JSON/);
  });

  it('refuses_bodies_over_the_limit_with_413', async () => {
    const response = await call('/api/v1/test/echo', { method: 'POST', body: JSON.stringify({ a: 'x'.repeat(40) }) });
    expect(response.status).toBe(413);
  });

  it('parses_a_valid_body', async () => {
    const response = await call('/api/v1/test/echo', { method: 'POST', body: '{"a":1}' });
    expect(await response.json()).toEqual({ a: 1 });
  });
});
