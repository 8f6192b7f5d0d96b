#!/usr/bin/env node
// `edgewatch` — the command line of the local Spin runner.
//   edgewatch up [-f spin.toml|dir] [--listen host:port] [--runtime-config-file F]
//                [--state-dir DIR] [--log-dir DIR] [--variable name=value]...
//                [--request-timeout-ms N] [--max-body-bytes N] [--max-memory-mb N]
//                [--workers N] [--metrics-listen host:port] [--spin]
// With --spin (or EDGEWATCH_USE_SPIN=1) it runs the real `spin up` with the same
// flags when spin is on PATH. Every error is one line naming what to fix.
import { spawn, spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { startApp, DEFAULTS } from './app.ts';
import { APP_FLAGS, printServing, runnerOptionsFromFlags } from './up-options.ts';
import { RunnerError } from './errors.ts';

const USAGE = `usage: edgewatch up [options]

Serve a Spin app (spin.toml, manifest version 2) from its wasm components, like \`spin up\`.

options:
  -f, --from <path>              spin.toml or the folder holding it (default: .)
      --listen <host:port>       address to serve on (default: ${DEFAULTS.listen})
      --runtime-config-file <f>  Spin runtime config (key_value_store backends)
      --state-dir <dir>          local state, incl. the default SQLite store (default: <app>/.spin)
      --log-dir <dir>            write request logs and component stdout/stderr here
      --variable <name=value>    set an application variable (repeatable)
      --request-timeout-ms <n>   stop a component that has not answered (default: ${DEFAULTS.requestTimeoutMs})
      --max-body-bytes <n>       refuse larger request bodies with 413 (default: ${DEFAULTS.maxBodyBytes})
      --max-memory-mb <n>        cap each instance's linear memory (default: ${DEFAULTS.maxMemoryBytes / 1048576})
      --workers <n>              worker threads running guests (default: cores, at least 2)
      --metrics-listen <host:port>  serve Prometheus metrics at GET /metrics on this separate
                                 admin address (default: off)
      --generate-secret <name>   give an unset secret variable a random value (kept in the
                                 state dir, printed at start) instead of running open
      --spin                     run the real \`spin up\` instead (needs spin on PATH)
  -h, --help                     show this help`;

function fail(message: string): never {
  // One line, always: a schema error with several issues lists them separated by "; ".
  console.error(`edgewatch: ${message.split('\n').map((l) => l.trim()).filter(Boolean).join('; ')}`);
  process.exit(2);
}

function runRealSpin(args: string[]): never {
  if (spawnSync('spin', ['--version'], { stdio: 'ignore' }).error) fail('--spin: the `spin` CLI is not on PATH; install Spin or drop --spin to use the local runner');
  const child = spawn('spin', ['up', ...args.filter((a) => a !== '--spin')], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 1));
  return undefined as never;
}

async function up(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        ...APP_FLAGS,
        spin: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    fail(`${(error as Error).message.split('\n')[0]} (see edgewatch up --help)`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.spin || process.env.EDGEWATCH_USE_SPIN === '1') runRealSpin(args);
  // Flags shared with `edgewatch dev` (up-options.ts); a bad value throws one line, failed below.
  const { options, generated } = runnerOptionsFromFlags(values);
  const app = await startApp(options);
  printServing(app, generated);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log(`\n${signal}: finishing in-flight requests…`);
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'up') await up(rest);
  else if (command === undefined || command === '--help' || command === '-h' || command === 'help') console.log(USAGE);
  else fail(`unknown command "${command}"; try: edgewatch up --help`);
} catch (error) {
  if (error instanceof RunnerError) fail(error.message);
  fail((error as Error).message);
}
