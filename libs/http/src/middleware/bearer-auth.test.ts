import { describe, expect, it } from 'vitest';
import { createApiRouter } from '../api-router.ts';
import { bearerAuth, bearerToken, forbidden } from './bearer-auth.ts';

function app(configured: string | undefined) {
  const router = createApiRouter({ base: '/t' });
  const auth = bearerAuth<{ who: string }>({
    verify: (token) => (token === 'good' ? { who: 'alice' } : undefined),
    unavailable: () => (configured ? undefined : 'set SPIN_VARIABLE_X to enable this endpoint'),
  });
  router.get('/me', auth, (request) => Response.json(request.principal));
  router.get('/no', auth, () => forbidden('not yours', { index: 2 }));
  return (path: string, headers?: Record<string, string>) => router.fetch(new Request(`http://x/t${path}`, { headers }));
}

describe('bearerAuth', () => {
  it('passes_the_principal_of_a_valid_token_to_the_handler', async () => {
    const response = await app('on')('/me', { authorization: 'Bearer good' });
    expect(await response.json()).toEqual({ who: 'alice' });
  });

  it.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer bad'],
    ['another scheme', 'Basic good'],
    ['an empty bearer', 'Bearer '],
  ])('answers_the_same_401_for %s', async (_case, header) => {
    const response = await app('on')('/me', header === undefined ? undefined : { authorization: header });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="edgewatch"');
    expect(((await response.json()) as { detail: string }).detail).toBe('A valid token is required: send "Authorization: Bearer <token>".');
  });

  it('answers_503_with_the_fix_when_auth_is_not_configured', async () => {
    const response = await app(undefined)('/me', { authorization: 'Bearer good' });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toContain('SPIN_VARIABLE_X');
  });

  it('turns_forbidden_into_a_403_problem_with_extensions', async () => {
    const response = await app('on')('/no', { authorization: 'Bearer good' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, detail: 'not yours', index: 2 });
  });

  it('extracts_tokens_case_insensitively_and_ignores_junk', () => {
    const req = (value: string) => new Request('http://x', { headers: { authorization: value } });
    expect(bearerToken(req('bearer abc.def'))).toBe('abc.def');
    expect(bearerToken(req('Bearer a b'))).toBeUndefined();
  });
});
