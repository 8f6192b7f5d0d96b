import { describe, expect, it } from 'vitest';
import { createApiRouter } from '../api-router.ts';
import { adminAuth, secretsEqual } from './admin-auth.ts';

const app = (configured: string | undefined) => {
  const router = createApiRouter({ base: '/x' });
  router.get('/secret', adminAuth(() => configured), () => Response.json({ ok: true }));
  return (token?: string) => router.fetch(new Request('http://h/x/secret', { headers: token ? { authorization: `Bearer ${token}` } : {} }));
};

describe('adminAuth', () => {
  it('admits_the_configured_token_only', async () => {
    const call = app('s3cret');
    expect((await call('s3cret')).status).toBe(200);
    expect((await call('wrong')).status).toBe(401);
    expect((await call()).status).toBe(401);
  });

  it('answers_503_with_how_to_set_it_when_no_token_is_configured', async () => {
    const response = await app(undefined)('anything');
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/SPIN_VARIABLE_ADMIN_TOKEN/);
  });

  it('compares_secrets_of_different_lengths_without_error', async () => {
    expect(await secretsEqual('a', 'a')).toBe(true);
    expect(await secretsEqual('a', 'aa')).toBe(false);
  });
});
