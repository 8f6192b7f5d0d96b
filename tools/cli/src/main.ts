#!/usr/bin/env node
// `edgewatch` — one command for the platform's first hour:
//   edgewatch up ...                         run the app (the local Spin runner; see `edgewatch up --help`)
//   edgewatch dev ...                        run the app, rebuild and hot-swap what a source change affects
//   edgewatch devices add|list|revoke ...    manage devices of a running app
//   edgewatch send <device> name=value ...   post a reading as a device
//   edgewatch kv list|get|set|delete ...     inspect the local key-value store
//   edgewatch simulate --devices N --rate R  stream simulated readings (also the benchmarks' load generator)
//   edgewatch demo [--from CSV] [--days N]   load the dashboard's demo device (a NAB series ending now)
// Every failure is one line on stderr and a non-zero exit.
import { fail, USAGE } from './output.ts';
import { devicesCommand } from './commands/devices.ts';
import { sendCommand } from './commands/send.ts';
import { kvCommand } from './commands/kv.ts';
import { devCommand } from './commands/dev.ts';
import { simulateCommand } from './commands/simulate.ts';
import { demoCommand } from './commands/demo.ts';

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case 'up':
      // The runner's CLI reads `up ...` from process.argv itself.
      await import('@edgewatch/runner/cli');
      break;
    case 'dev':
      await devCommand(args);
      break;
    case 'devices':
      await devicesCommand(args);
      break;
    case 'send':
      await sendCommand(args);
      break;
    case 'kv':
      await kvCommand(args);
      break;
    case 'simulate':
      await simulateCommand(args);
      break;
    case 'demo':
      await demoCommand(args);
      break;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      break;
    default:
      fail(`unknown command "${command}"; run: edgewatch --help`);
  }
} catch (error) {
  fail((error as Error).message);
}
