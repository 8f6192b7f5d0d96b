// `edgewatch demo`: the first-run data set, so the dashboard is never blank.
// Replays a NAB series (machine temperature, ending in a known failure; from
// ../shared/nab) or, without it, a synthetic daily cycle with an injected fault,
// shifted so it ends now, as device "demo-machine" (or --device) — through the public API, with
// libs/demo-data's flow (the dashboard's "Load demo data" button runs the same).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_DEVICE, DEMO_SERIES, parseNabCsv, replayDemo, shiftToNow, syntheticSeries, type DemoCall } from '@edgewatch/demo-data';
import { adminToken, callApi, defaultUrl } from '../api-client.ts';
import { fail, parseFlags } from '../output.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
/** The NAB file replayed by default, when the shared NAB corpus sits next to the repo. */
export const DEFAULT_NAB_FILE = path.join(REPO_ROOT, '../shared/nab/data/realKnownCause/machine_temperature_system_failure.csv');

/** Run `demo`. */
export async function demoCommand(args: string[]): Promise<void> {
  const { values } = parseFlags(args, { url: { type: 'string' }, token: { type: 'string' }, from: { type: 'string' }, days: { type: 'string' }, synthetic: { type: 'boolean' }, device: { type: 'string' } }, 'demo');
  const days = Number(values.days ?? 14);
  if (!Number.isInteger(days) || days < 0 || days > 365) fail(`demo: --days must be a whole number of days from 0 (all) to 365, got "${values.days}"`);
  if (values.from && !existsSync(values.from)) fail(`demo: --from ${values.from} does not exist; give a NAB-style CSV (timestamp,value) or leave --from out`);
  const url = values.url ?? defaultUrl();
  const admin = values.token ?? adminToken();
  const file = values.from ?? (values.synthetic ? undefined : existsSync(DEFAULT_NAB_FILE) ? DEFAULT_NAB_FILE : undefined);
  const source = file ? parseNabCsv(readFileSync(file, 'utf8'), file) : syntheticSeries(days || 14);
  const points = shiftToNow(source, Date.now() / 1000, days);

  const call: DemoCall = (method, apiPath, body, token) => callApi({ url, token: token ?? admin }, method, apiPath, body);
  const device = values.device ?? DEMO_DEVICE;
  const report = await replayDemo(call, points, { device, progress: (posted, total) => process.stderr.write(`\rposted ${posted}/${total} readings`) });
  process.stderr.write('\n');
  console.log(
    `demo: ${report.readings} readings of ${file ? path.basename(file) : 'a synthetic daily cycle with a fault'} as device "${device}" ` +
      `(series "${DEMO_SERIES}"), ${report.scored} newly scored, ${report.evaluated} scores evaluated, ${report.alerts} alert(s); ` +
      `open ${url}/devices/${encodeURIComponent(device)}`,
  );
}
