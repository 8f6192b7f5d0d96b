// `edgewatch devices add|list|revoke`: the admin device API of a running app.
import { adminToken, callApi, defaultUrl } from '../api-client.ts';
import { fail, parseFlags } from '../output.ts';

interface DeviceView {
  id: string;
  batches?: number;
  points?: number;
  lastSeen?: string | number | null;
  revokedAt?: string | number | null;
}

/** Run a devices subcommand. */
export async function devicesCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { url: { type: 'string' } }, 'devices');
  const [action, id] = positionals;
  const api = { url: values.url ?? defaultUrl(), token: adminToken() };
  switch (action) {
    case 'add': {
      if (!id) fail('devices add: give a device id, e.g. edgewatch devices add d1');
      const created = (await callApi(api, 'POST', '/api/v1/devices', { id })) as { id: string; token: string };
      console.log(`device ${created.id} created; its token (shown once):\n${created.token}`);
      return;
    }
    case 'list': {
      const listed = (await callApi(api, 'GET', '/api/v1/devices')) as { devices?: DeviceView[] } | DeviceView[];
      const devices = Array.isArray(listed) ? listed : (listed.devices ?? []);
      console.log('id                    points  batches  last seen                 status');
      for (const d of devices) {
        const seen = d.lastSeen == null ? '-' : new Date(typeof d.lastSeen === 'number' ? d.lastSeen * (d.lastSeen < 1e12 ? 1000 : 1) : d.lastSeen).toISOString();
        console.log(`${d.id.padEnd(20)} ${String(d.points ?? 0).padStart(7)} ${String(d.batches ?? 0).padStart(8)}  ${seen.padEnd(25)} ${d.revokedAt ? 'revoked' : 'active'}`);
      }
      return;
    }
    case 'revoke': {
      if (!id) fail('devices revoke: give a device id, e.g. edgewatch devices revoke d1');
      await callApi(api, 'POST', `/api/v1/devices/${encodeURIComponent(id)}/revoke`);
      console.log(`device ${id} revoked; its data stays`);
      return;
    }
    default:
      fail(`devices: unknown action "${action ?? ''}"; use add, list or revoke`);
  }
}
