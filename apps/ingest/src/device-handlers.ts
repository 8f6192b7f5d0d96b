// Admin endpoints of the device registry, and `/devices/:id/latest` for admins
// and the device itself.
import type { IRequest } from 'itty-router';
import { forbidden, HttpProblem, readJsonBody } from '@edgewatch/http';
import { createDevice, DeviceExists, deviceIdProblem, getDevice, listDevices, revokeDevice, rotateToken, type DeviceRecord } from '@edgewatch/devices';
import { deviceActivity, latestForDevice } from '@edgewatch/series-store';
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import type { IngestContext } from './context.ts';
import type { Principal } from './auth.ts';

const notFound = (id: string) => new HttpProblem({ status: 404, type: 'no-such-device', title: 'No such device', detail: `No device "${id}" is registered.` });

/** A device as admins see it: registry facts plus activity, never the token hash. */
function describeDevice(store: KeyValueStore, device: DeviceRecord, keys: string[]) {
  return {
    id: device.id,
    createdAt: device.createdAt,
    ...(device.revokedAt ? { revokedAt: device.revokedAt } : {}),
    signing: device.signingKey !== undefined,
    ...deviceActivity(store, device.id, keys),
  };
}

/** Handlers of the device routes. */
export function deviceHandlers(ctx: IngestContext) {
  return {
    create: async (request: IRequest) => {
      const body = (await readJsonBody(request as unknown as Request, 4096)) as { id?: unknown; signing?: unknown } | null;
      const id = body && typeof body === 'object' ? body.id : undefined;
      const problem = deviceIdProblem(id) ?? (body?.signing !== undefined && typeof body.signing !== 'boolean' ? '"signing" must be a boolean' : undefined);
      if (problem) throw new HttpProblem({ status: 400, type: 'invalid-device', title: 'Invalid device', detail: problem });
      try {
        const { device, token } = await createDevice(ctx.store(), id as string, { signing: body?.signing === true, now: new Date(ctx.nowMs()) });
        const shown = { id: device.id, token, createdAt: device.createdAt, ...(device.signingKey ? { signingKey: device.signingKey } : {}) };
        return Response.json(shown, { status: 201, headers: { 'cache-control': 'no-store' } });
      } catch (error) {
        if (error instanceof DeviceExists) throw new HttpProblem({ status: 409, type: 'device-exists', title: 'Device exists', detail: `${error.message}; rotate its token with POST /api/v1/devices/${id}/token.` });
        throw error;
      }
    },
    list: () => {
      const store = ctx.store();
      const keys = store.getKeys();
      return Response.json({ devices: listDevices(store, keys).map((d) => describeDevice(store, d, keys)) });
    },
    get: (request: IRequest) => {
      const store = ctx.store();
      const device = getDevice(store, request.params.id!);
      if (!device) throw notFound(request.params.id!);
      return Response.json(describeDevice(store, device, store.getKeys()));
    },
    revoke: (request: IRequest) => {
      if (!revokeDevice(ctx.store(), request.params.id!, new Date(ctx.nowMs()))) throw notFound(request.params.id!);
      return Response.json({ id: request.params.id, revoked: true });
    },
    rotate: async (request: IRequest) => {
      const token = await rotateToken(ctx.store(), request.params.id!);
      if (!token) throw notFound(request.params.id!);
      return Response.json({ id: request.params.id, token }, { headers: { 'cache-control': 'no-store' } });
    },
    latest: (request: IRequest) => {
      const id = request.params.id!;
      const principal = request.principal as Principal;
      if (principal.kind === 'device' && principal.id !== id) forbidden('A device token reads only its own device.');
      if (principal.kind === 'admin' && !getDevice(ctx.store(), id)) throw notFound(id);
      return Response.json({ device: id, series: latestForDevice(ctx.store(), id) });
    },
  };
}
