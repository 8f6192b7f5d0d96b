// The flags of every command that starts the app — `edgewatch up` and
// `edgewatch dev` — in one table, with one conversion to RunnerOptions and one
// start-up banner, so a new runner flag reaches every such command at once.
import path from 'node:path';
import type { ParseArgsOptionsConfig } from 'node:util';
import type { RunnerOptions, RunningApp } from './app.ts';
import { loadManifest, resolveManifestPath } from './manifest/load-manifest.ts';
import { generateMissingSecrets } from './generated-secrets.ts';

/** parseArgs options shared by `up` and `dev` (each adds its own, e.g. --spin, --help). */
export const APP_FLAGS = {
  from: { type: 'string', short: 'f', default: '.' },
  listen: { type: 'string' },
  'runtime-config-file': { type: 'string' },
  'state-dir': { type: 'string' },
  'log-dir': { type: 'string' },
  variable: { type: 'string', multiple: true },
  'generate-secret': { type: 'string', multiple: true },
  'request-timeout-ms': { type: 'string' },
  'max-body-bytes': { type: 'string' },
  'max-memory-mb': { type: 'string' },
  workers: { type: 'string' },
  'metrics-listen': { type: 'string' },
} as const satisfies ParseArgsOptionsConfig;

/** The values parseArgs returns for APP_FLAGS. */
export interface AppFlagValues {
  from?: string;
  listen?: string;
  'runtime-config-file'?: string;
  'state-dir'?: string;
  'log-dir'?: string;
  variable?: string[];
  'generate-secret'?: string[];
  'request-timeout-ms'?: string;
  'max-body-bytes'?: string;
  'max-memory-mb'?: string;
  workers?: string;
  'metrics-listen'?: string;
}

export type GeneratedSecrets = ReturnType<typeof generateMissingSecrets>;

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${flag} "${value}": expected a positive whole number`);
  return n;
}

/** RunnerOptions from parsed flags; generates the secrets --generate-secret asks for. Throws one-line errors. */
export function runnerOptionsFromFlags(values: AppFlagValues, env: Record<string, string | undefined> = process.env): { options: RunnerOptions; generated: GeneratedSecrets } {
  const from = values.from ?? '.';
  const variables: Record<string, string> = {};
  for (const entry of values.variable ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new Error(`--variable "${entry}": expected name=value`);
    variables[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  const maxMemoryMb = positiveInt('max-memory-mb', values['max-memory-mb']);
  let generated: GeneratedSecrets = [];
  if (values['generate-secret']?.length) {
    const manifest = loadManifest(resolveManifestPath(from));
    const stateDir = path.resolve(values['state-dir'] ?? path.join(manifest.appDir, '.spin'));
    generated = generateMissingSecrets(manifest, values['generate-secret'], stateDir, variables, env);
    for (const secret of generated) variables[secret.name] = secret.value;
  }
  const options: RunnerOptions = {
    from,
    listen: values.listen,
    runtimeConfigFile: values['runtime-config-file'],
    stateDir: values['state-dir'],
    logDir: values['log-dir'],
    variables,
    requestTimeoutMs: positiveInt('request-timeout-ms', values['request-timeout-ms']),
    maxBodyBytes: positiveInt('max-body-bytes', values['max-body-bytes']),
    maxMemoryBytes: maxMemoryMb && maxMemoryMb * 1048576,
    workers: positiveInt('workers', values.workers),
    metricsListen: values['metrics-listen'],
  };
  return { options, generated };
}

/** Print what `spin up` prints on start: the address, generated secrets, the routes. */
export function printServing(app: RunningApp, generated: GeneratedSecrets): void {
  console.log(`Serving ${app.url} (${app.app.name}, ${Object.keys(app.app.components).length} components)`);
  if (app.metricsUrl) console.log(`Metrics: ${app.metricsUrl}`);
  for (const secret of generated) {
    console.log(`${secret.name}: ${secret.value}  (${secret.fresh ? 'generated' : 'reused'}; kept in ${path.relative(process.cwd(), secret.file)}; set SPIN_VARIABLE_${secret.name.toUpperCase()} to choose your own)`);
  }
  console.log('Available Routes:');
  for (const route of app.app.httpRoutes) {
    console.log(`  ${route.component}: ${route.route === null ? '(private endpoint)' : `${app.url}${route.route.replace(/\/\.\.\.$/, '')} ${route.route.endsWith('/...') ? '(wildcard)' : ''}`}`);
  }
}
