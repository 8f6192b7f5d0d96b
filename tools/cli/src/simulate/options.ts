// Flags of `edgewatch simulate`, parsed and checked into a SimulateOptions the
// simulator (and benchmarks, which build one directly) can run. Every problem
// is thrown as one sentence naming the flag and a valid example.

/** What one simulator run does. */
export interface SimulateOptions {
  url: string;
  adminToken: string;
  devices: number;
  /** Readings per second across the whole fleet; Infinity = as fast as `concurrency` allows. */
  rate: number;
  durationMs: number;
  /** Readings per request (one device per request). */
  batch: number;
  /** Requests in flight at most. */
  concurrency: number;
  seed: number;
  anomalies: boolean;
  /** CSV (`timestamp,value`) to replay instead of the synthetic signal. */
  from?: string;
  /** Device ids are `<devicePrefix>-<n>`; a fresh run id by default so reruns never collide. */
  devicePrefix: string;
}

/** Turn `10/s`, `600/m`, `36000/h` or `max` into readings per second. */
export function parseRate(text: string): number {
  if (text === 'max') return Infinity;
  const match = /^(\d+(?:\.\d+)?)\/(s|m|h)$/.exec(text);
  const per = match ? { s: 1, m: 60, h: 3600 }[match[2] as 's' | 'm' | 'h'] : 0;
  const rate = match ? Number(match[1]) / per : 0;
  if (!(rate > 0)) throw new Error(`--rate "${text}" is not a rate; use e.g. --rate 10/s, 600/m or max`);
  return rate;
}

/** Turn `30s`, `2m`, `1h` or `500ms` into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  const ms = match ? Number(match[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'] : 0;
  if (!(ms > 0)) throw new Error(`--duration "${text}" is not a duration; use e.g. --duration 30s or 2m`);
  return ms;
}

function positiveInt(text: string, flag: string, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${flag} "${text}" must be a whole number from 1 to ${max}`);
  return n;
}

/** The raw flag values parseArgs gives the command. */
export interface SimulateFlags {
  url: string;
  token?: string;
  devices?: string;
  rate?: string;
  duration?: string;
  batch?: string;
  concurrency?: string;
  seed?: string;
  anomalies?: boolean;
  from?: string;
  'device-prefix'?: string;
}

/** Check flags and fill defaults; throws one-line errors. */
export function resolveSimulateOptions(flags: SimulateFlags, env: Record<string, string | undefined> = process.env): SimulateOptions {
  const adminToken = flags.token ?? env.EDGEWATCH_ADMIN_TOKEN;
  if (!adminToken) throw new Error('simulate: no admin token; set EDGEWATCH_ADMIN_TOKEN (printed by `npm start`) or pass --token');
  try {
    new URL(flags.url);
  } catch {
    throw new Error(`--url "${flags.url}" is not a URL; use e.g. --url http://127.0.0.1:3000`);
  }
  const seed = flags.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(flags.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed "${flags.seed}" must be an integer`);
  const devicePrefix = flags['device-prefix'] ?? `sim-${Math.random().toString(36).slice(2, 8)}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,50}$/.test(devicePrefix)) throw new Error(`--device-prefix "${devicePrefix}" must be up to 51 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit`);
  if (flags.from !== undefined && flags.anomalies) throw new Error('--anomalies applies to the synthetic signal only; drop it or --from');
  return {
    url: flags.url,
    adminToken,
    devices: positiveInt(flags.devices ?? '10', 'devices', 10_000),
    rate: parseRate(flags.rate ?? '10/s'),
    durationMs: parseDuration(flags.duration ?? '10s'),
    batch: positiveInt(flags.batch ?? '1', 'batch', 5000),
    concurrency: positiveInt(flags.concurrency ?? '8', 'concurrency', 1024),
    seed,
    anomalies: flags.anomalies ?? false,
    from: flags.from,
    devicePrefix,
  };
}
