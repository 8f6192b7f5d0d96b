// Who may call what: admin endpoints take the `admin_token` variable; ingest
// takes a device token; reads take either (a device sees only its own data).
import { bearerAuth } from '@edgewatch/http';
import { authenticateDevice, verifyAdminToken } from '@edgewatch/devices';
import type { IngestContext } from './context.ts';

/** The caller a request was authenticated as. */
export type Principal = { kind: 'admin' } | { kind: 'device'; id: string; signingKey?: string };

const ADMIN_NOT_CONFIGURED =
  'The admin token is not configured: set the secret Spin variable admin_token ' +
  '(SPIN_VARIABLE_ADMIN_TOKEN=<token> spin up, or `npm start`, which generates and prints one).';

/** Route middlewares for the three kinds of endpoint. */
export function createAuth(ctx: IngestContext) {
  const asAdmin = async (token: string): Promise<Principal | undefined> => {
    const configured = ctx.config().adminToken;
    return configured !== undefined && (await verifyAdminToken(token, configured)) ? { kind: 'admin' } : undefined;
  };
  const asDevice = async (token: string): Promise<Principal | undefined> => {
    const device = await authenticateDevice(ctx.store(), token);
    return device ? { kind: 'device', id: device.id, ...(device.signingKey ? { signingKey: device.signingKey } : {}) } : undefined;
  };
  return {
    admin: bearerAuth<Principal>({ verify: asAdmin, unavailable: () => (ctx.config().adminToken ? undefined : ADMIN_NOT_CONFIGURED) }),
    device: bearerAuth<Principal>({ verify: asDevice }),
    // Admin first: an admin token never parses as a device token's id and secret anyway.
    reader: bearerAuth<Principal>({ verify: async (token) => (await asAdmin(token)) ?? asDevice(token) }),
  };
}
