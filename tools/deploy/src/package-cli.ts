#!/usr/bin/env node
// `npm run package [-- --out DIR] [-f spin.toml] [--tag TAG]`: build edgewatch
// as a Spin OCI artifact in an OCI image layout directory, ready for
// `npm run push -- <registry/repo:tag>` (or `oras cp --from-oci-layout`).
import path from 'node:path';
import { fail, parseCli } from './cli-util.ts';
import { ManifestError } from './manifest/spin-toml.ts';
import { packageApp } from './oci/package.ts';

const TOOL = 'package';
const USAGE = 'usage: npm run package -- [--out DIR] [-f spin.toml] [--tag TAG]';
const { values } = parseCli(TOOL, { out: { type: 'string' }, from: { type: 'string', short: 'f' }, tag: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.tag !== undefined && !/^[\w][\w.-]{0,127}$/.test(values.tag)) fail(TOOL, `--tag "${values.tag}": an OCI tag is letters, digits, _ . - (at most 128, not starting with . or -)`);
const from = path.resolve(values.from ?? 'spin.toml');
const out = path.resolve(values.out ?? 'dist/oci');
try {
  const { manifest, manifestDescriptor, tag } = packageApp(from, out, { tag: values.tag });
  const wasm = manifest.layers.filter((l) => l.mediaType.endsWith('+wasm'));
  const bytes = manifest.layers.reduce((n, l) => n + l.size, 0);
  console.log(`packaged ${path.relative(process.cwd(), from) || from} -> ${path.relative(process.cwd(), out) || out} (tag ${tag}, ${wasm.length} wasm layers, ${(bytes / 1048576).toFixed(1)} MiB)`);
  console.log(`manifest ${manifestDescriptor.digest}`);
} catch (error) {
  if (error instanceof ManifestError) fail(TOOL, error.message);
  throw error;
}
