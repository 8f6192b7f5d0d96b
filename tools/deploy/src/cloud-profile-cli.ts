#!/usr/bin/env node
// `node tools/deploy/src/cloud-profile-cli.ts [-f spin.toml] [--out deploy/fermyon-cloud] [--host var=https://...]... [--check]`:
// (re)generate the Fermyon Cloud / Akamai Functions profile from the root
// spin.toml. --check only reports whether the committed file is up to date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail, parseCli } from './cli-util.ts';
import { cloudProfileToml, ProfileError } from './cloud/profile.ts';
import { ManifestError, readSpinToml } from './manifest/spin-toml.ts';

const TOOL = 'cloud-profile';
const USAGE = 'usage: node tools/deploy/src/cloud-profile-cli.ts [-f spin.toml] [--out deploy/fermyon-cloud] [--host var=https://host]... [--check]';
const { values } = parseCli(TOOL, { from: { type: 'string', short: 'f' }, out: { type: 'string' }, host: { type: 'string', multiple: true }, check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const hosts: Record<string, string> = {};
for (const entry of values.host ?? []) {
  const match = /^([a-z][a-z0-9_]*)=(\S+)$/.exec(entry);
  if (!match) fail(TOOL, `--host "${entry}": expected variable=scheme://host[:port], e.g. webhook_allowed_host=https://hooks.example.com`);
  hosts[match[1]!] = match[2]!;
}
const outDir = path.resolve(values.out ?? 'deploy/fermyon-cloud');
const target = path.join(outDir, 'spin.toml');
try {
  const text = cloudProfileToml(readSpinToml(path.resolve(values.from ?? 'spin.toml')), { outDir, hosts });
  if (values.check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) fail(TOOL, `${path.relative(process.cwd(), target)} is stale; regenerate it with node tools/deploy/src/cloud-profile-cli.ts`);
    console.log(`${path.relative(process.cwd(), target)} is up to date`);
  } else {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(target, text);
    console.log(`wrote ${path.relative(process.cwd(), target)}`);
  }
} catch (error) {
  if (error instanceof ManifestError || error instanceof ProfileError) fail(TOOL, error.message);
  throw error;
}
