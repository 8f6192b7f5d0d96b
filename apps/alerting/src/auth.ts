// Admin authentication: `Authorization: Bearer <admin_token>`. An unset token
// makes admin endpoints answer 503 rather than fall open.
import { bearerAuth } from '@edgewatch/http';
import type { AlertingContext } from './context.ts';

// Same cost wherever the strings differ, so response time reveals nothing of the token.
function sameToken(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ (y[i % Math.max(1, y.length)] ?? 0);
  return diff === 0;
}

/** Route middleware admitting only the admin token. */
export function adminAuth(ctx: AlertingContext) {
  return bearerAuth({
    realm: 'edgewatch-alerting',
    unavailable: () => (ctx.config().adminToken ? undefined : 'The admin token is not configured: set SPIN_VARIABLE_ADMIN_TOKEN.'),
    verify: (token) => (sameToken(token, ctx.config().adminToken ?? '') ? 'admin' : undefined),
  });
}
