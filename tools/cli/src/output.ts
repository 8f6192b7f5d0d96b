// Shared CLI plumbing: usage text, one-line failures, flag parsing that names the bad flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `usage: edgewatch <command> [options]

commands:
  up [options]                          run the app from spin.toml (local Spin runner; --help for flags)
  dev [up options] [--build-command C] run the app; on a source change rebuild only the affected components
                                        (Nx graph) and hot-swap them in without a restart (--help for more)
  devices add <id> [--url U]            register a device; prints its token once
  devices list [--url U]                devices with last-seen and counts
  devices revoke <id> [--url U]         stop a device's token
  send <device> name=value... [--token T] [--url U]
                                        post one reading as the device (token: --token or EDGEWATCH_DEVICE_TOKEN)
  demo [--from CSV] [--days N] [--synthetic] [--device ID] [--url U] [--token T]
                                        load demo device "demo-machine": a NAB series (or a synthetic one) ending now,
                                        scored and evaluated, so the dashboard has charts and alerts (token: EDGEWATCH_ADMIN_TOKEN)
  kv list|get|set|delete [key] [value] [--store default] [--prefix P] [--state-dir D] [--runtime-config-file F] [--raw]
                                        inspect the app's key-value store (SQLite file or Redis), keys decoded
  simulate [--devices 10] [--rate 10/s|600/m|max] [--duration 10s] [--from NAB.csv] [--anomalies]
           [--batch 1] [--concurrency 8] [--seed S] [--device-prefix P] [--token T] [--url U] [--json]
                                        register a fleet and stream readings (daily cycle + noise, faults
                                        with --anomalies, or a timestamp,value CSV replayed); prints a summary

environment:
  EDGEWATCH_ADMIN_TOKEN   admin token of the running app (printed by npm start)
  EDGEWATCH_URL           default for --url (otherwise http://127.0.0.1:3000)`;

/** Print one line to stderr and exit non-zero. */
export function fail(message: string): never {
  console.error(`edgewatch: ${message.split('\n')[0]}`);
  process.exit(1);
}

/** parseArgs that turns its errors into one line naming the flag. */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(`${command}: ${(error as Error).message.split('\n')[0]} (see edgewatch --help)`);
  }
}
