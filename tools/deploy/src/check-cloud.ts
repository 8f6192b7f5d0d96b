#!/usr/bin/env node
// `node tools/deploy/src/check-cloud.ts [spin.toml]`: report, per manifest key,
// what Fermyon Cloud / Akamai Functions would refuse. Exit 0 when clean, 1 with
// refusals (one line each), 2 when the manifest cannot be read.
import path from 'node:path';
import { fail, parseCli } from './cli-util.ts';
import { cloudRefusals } from './cloud/refusals.ts';
import { ManifestError, readSpinToml } from './manifest/spin-toml.ts';

const TOOL = 'check-cloud';
const USAGE = 'usage: node tools/deploy/src/check-cloud.ts [spin.toml]';
const { values, positionals } = parseCli(TOOL, { help: { type: 'boolean', short: 'h' } }, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length > 1) fail(TOOL, `expected at most one manifest path (${USAGE})`);
const file = path.resolve(positionals[0] ?? 'spin.toml');
const shown = path.relative(process.cwd(), file) || file;
try {
  const refusals = cloudRefusals(readSpinToml(file));
  for (const r of refusals) console.log(`${shown}: ${r.key}: ${r.reason}`);
  console.log(refusals.length ? `${shown}: ${refusals.length} refusal(s) for Fermyon Cloud; deploy deploy/fermyon-cloud/spin.toml instead` : `${shown}: nothing Fermyon Cloud would refuse`);
  process.exit(refusals.length ? 1 : 0);
} catch (error) {
  if (error instanceof ManifestError) fail(TOOL, error.message);
  throw error;
}
