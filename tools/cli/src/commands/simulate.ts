// `edgewatch simulate`: a fleet of devices streaming readings to a running app,
// with a live progress line and a summary — the demo's traffic and the
// benchmarks' load generator (they call `simulate()` directly).
import { defaultUrl } from '../api-client.ts';
import { fail, parseFlags } from '../output.ts';
import { resolveSimulateOptions } from '../simulate/options.ts';
import { formatSummary } from '../simulate/report.ts';
import { simulate } from '../simulate/simulate.ts';

/** Run `simulate`. */
export async function simulateCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(
    args,
    {
      url: { type: 'string' },
      token: { type: 'string' },
      devices: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      batch: { type: 'string' },
      concurrency: { type: 'string' },
      seed: { type: 'string' },
      anomalies: { type: 'boolean' },
      from: { type: 'string' },
      'device-prefix': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    'simulate',
  );
  if (positionals.length > 0) fail(`simulate: unexpected argument "${positionals[0]}"; every setting is a flag (see edgewatch --help)`);
  const options = resolveSimulateOptions({ ...values, url: values.url ?? defaultUrl() });
  const summary = await simulate(options, process.stderr);
  console.log(values.json ? JSON.stringify(summary) : formatSummary(summary));
  if (summary.requests.sent > 0 && summary.requests.accepted === 0) fail(`simulate: the app accepted none of ${summary.requests.sent} requests (${Object.keys(summary.refusedByStatus).join(', ')}); see the app's log`);
}
