// `edgewatch send <device> temperature=21.5 humidity=40`: one reading, as the device.
import { callApi, defaultUrl } from '../api-client.ts';
import { fail, parseFlags } from '../output.ts';

/** Parse `name=value` pairs into numeric measurements, naming the bad one. */
export function parseMeasurements(pairs: string[]): Record<string, number> {
  if (pairs.length === 0) fail('send: give at least one measurement, e.g. temperature=21.5');
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const value = Number(pair.slice(eq + 1));
    if (eq <= 0 || pair.slice(eq + 1) === '' || !Number.isFinite(value)) fail(`send: "${pair}" is not name=number (e.g. temperature=21.5)`);
    out[pair.slice(0, eq)] = value;
  }
  return out;
}

/** Run `send`. */
export async function sendCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { url: { type: 'string' }, token: { type: 'string' } }, 'send');
  const [device, ...pairs] = positionals;
  if (!device) fail('send: give a device id, e.g. edgewatch send d1 temperature=21.5');
  const measurements = parseMeasurements(pairs);
  const token = values.token ?? process.env.EDGEWATCH_DEVICE_TOKEN;
  if (!token) fail('send: no device token; pass --token (printed by `edgewatch devices add`) or set EDGEWATCH_DEVICE_TOKEN');
  const reading = { device, ts: Math.floor(Date.now() / 1000), ...measurements };
  const answer = await callApi({ url: values.url ?? defaultUrl(), token }, 'POST', '/api/v1/ingest/readings', reading);
  console.log(JSON.stringify(answer));
}
