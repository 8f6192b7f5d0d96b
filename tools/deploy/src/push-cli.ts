#!/usr/bin/env node
// `npm run push -- <registry/repo:tag> [--layout DIR] [-f spin.toml] [--with spin|oras]`:
// publish edgewatch to an OCI registry. With `spin` on PATH it runs
// `spin registry push` (Spin locks and uploads the app itself); with `oras` it
// uploads the layout `npm run package` built, unchanged. Neither: one line
// saying what to install. Registry login is the tool's own (`spin registry
// login` / `oras login`).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fail, parseCli } from './cli-util.ts';

const TOOL = 'push';
const USAGE = 'usage: npm run push -- <registry/repo:tag> [--layout dist/oci] [-f spin.toml] [--with spin|oras]';
// registry host (with a dot or port, or localhost) / path [:tag]
const REFERENCE = /^((?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?|localhost(?::\d+)?|[a-z0-9-]+:\d+)\/[a-z0-9]+(?:[._/-][a-z0-9]+)*(?::[\w][\w.-]{0,127})?$/;

/** Absolute path of `name` on `pathVar` (PATH syntax), if it is an executable there. */
function findOnPath(name: string, pathVar = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathVar.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

const { values, positionals } = parseCli(TOOL, { layout: { type: 'string' }, from: { type: 'string', short: 'f' }, with: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const reference = positionals[0];
if (!reference || positionals.length > 1) fail(TOOL, `expected exactly one registry reference, e.g. ghcr.io/acme/edgewatch:0.1.0 (${USAGE})`);
if (!REFERENCE.test(reference)) fail(TOOL, `"${reference}" is not a registry reference; write host/repository:tag, e.g. ghcr.io/acme/edgewatch:0.1.0`);
if (values.with !== undefined && values.with !== 'spin' && values.with !== 'oras') fail(TOOL, `--with "${values.with}": expected spin or oras`);

const spin = values.with === 'oras' ? undefined : findOnPath('spin');
const oras = values.with === 'spin' ? undefined : findOnPath('oras');
let command: string[];
if (spin) {
  command = [spin, 'registry', 'push', '-f', path.resolve(values.from ?? 'spin.toml'), reference];
} else if (oras) {
  const layout = path.resolve(values.layout ?? 'dist/oci');
  if (!existsSync(path.join(layout, 'index.json'))) fail(TOOL, `--layout ${layout}: no OCI layout there; run \`npm run package -- --out ${path.relative(process.cwd(), layout) || layout}\` first`);
  const index = JSON.parse(readFileSync(path.join(layout, 'index.json'), 'utf8')) as { manifests: { annotations?: Record<string, string> }[] };
  const tag = index.manifests[0]?.annotations?.['org.opencontainers.image.ref.name'];
  if (!tag) fail(TOOL, `${layout}/index.json: the manifest has no org.opencontainers.image.ref.name tag; rebuild it with npm run package`);
  command = [oras, 'cp', '--from-oci-layout', `${layout}:${tag}`, reference];
} else {
  fail(TOOL, `${values.with ?? 'spin or oras'} is not on PATH; install Spin (https://spinframework.dev, then \`spin registry login\`) or ORAS (https://oras.land, then \`oras login\`) and retry`);
}
console.log(`$ ${command.join(' ')}`);
const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' });
if (result.error) fail(TOOL, `${command[0]}: ${result.error.message}`);
process.exit(result.status ?? 1);
