// Admin-token middleware shared by every component: the secret Spin variable
// `admin_token` guards management endpoints; unset, they answer 503 saying how
// to set it instead of running open.
import { bearerAuth } from './bearer-auth.ts';

export const ADMIN_NOT_CONFIGURED =
  'The admin token is not configured: set the secret Spin variable admin_token ' +
  '(SPIN_VARIABLE_ADMIN_TOKEN=<token> spin up, or `npm start`, which generates and prints one).';

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Compare two secrets in time independent of where they differ (and of their lengths, by hashing first). */
export async function secretsEqual(presented: string, configured: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(presented), digest(configured)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Route middleware admitting only the admin token; `configuredToken` is read per request. */
export function adminAuth(configuredToken: () => string | undefined) {
  return bearerAuth<{ kind: 'admin' }>({
    unavailable: () => (configuredToken() ? undefined : ADMIN_NOT_CONFIGURED),
    verify: async (token) => {
      const configured = configuredToken();
      return configured && (await secretsEqual(token, configured)) ? { kind: 'admin' } : undefined;
    },
  });
}
