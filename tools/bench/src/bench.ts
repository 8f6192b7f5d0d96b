#!/usr/bin/env node
// `npm run bench`: every product benchmark, measured in one run on this machine.
//   npm run bench [-- --seconds N] [--connections N] [--only runner|ingest|alerting|dashboard]
// Kernel benchmarks have their own command (npm run bench:kernels).
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchRunner, formatRunnerBench } from './runner/bench-runner.ts';
import { benchIngest, formatIngestBench } from './ingest/bench-ingest.ts';
import { benchAlerting, formatAlertingBench } from './alerting/bench-alerting.ts';
import { benchDashboard, formatDashboardBench } from './dashboard/bench-dashboard.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    only: { type: 'string' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
if (!(seconds > 0) || !(connections > 0)) {
  console.error('bench: --seconds and --connections take positive numbers');
  process.exit(2);
}

console.log(`edgewatch bench on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)}`);
if (!values.only || values.only === 'runner') {
  const options = { seconds, connections };
  console.log(`\n${formatRunnerBench(await benchRunner(options), options)}`);
}
if (!values.only || values.only === 'ingest') {
  console.log(`\n${formatIngestBench(await benchIngest(seconds), seconds)}`);
}
if (!values.only || values.only === 'alerting') {
  console.log(`\n${formatAlertingBench(await benchAlerting())}`);
}
if (!values.only || values.only === 'dashboard') {
  console.log(`\n${formatDashboardBench(await benchDashboard())}`);
}
