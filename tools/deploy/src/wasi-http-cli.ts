#!/usr/bin/env node
// `node tools/deploy/src/wasi-http-cli.ts [-f spin.toml] [--out dist/wasi-http]`:
// the portable wasi:http profile. Lists every component with what keeps it off
// a plain wasi:http host, and copies the portable ones into --out with a
// components.json (file, sha256, imports, the routes spin.toml gave it).
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fail, parseCli } from './cli-util.ts';
import { ManifestError, readSpinToml } from './manifest/spin-toml.ts';
import { sha256Digest } from './oci/locked-app.ts';
import { judgeApp } from './wasi-http/portability.ts';

const TOOL = 'wasi-http';
const USAGE = 'usage: node tools/deploy/src/wasi-http-cli.ts [-f spin.toml] [--out dist/wasi-http]';
const { values } = parseCli(TOOL, { from: { type: 'string', short: 'f' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, USAGE);
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
try {
  const spin = readSpinToml(path.resolve(values.from ?? 'spin.toml'));
  for (const c of Object.entries(spin.doc.component ?? {})) {
    const source = c[1].source;
    if (typeof source === 'string' && !existsSync(path.resolve(spin.appDir, source))) fail(TOOL, `component.${c[0]}.source: ${source} does not exist; run npm run build first`);
  }
  const judged = await judgeApp(spin);
  const out = path.resolve(values.out ?? 'dist/wasi-http');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const listed = [];
  for (const j of judged) {
    console.log(`${j.portable ? 'portable    ' : 'Spin only   '} ${j.component}${j.portable ? '' : `: ${j.blockers.join(', ')}`}`);
    if (!j.portable) continue;
    const file = `${j.component}.wasm`;
    copyFileSync(j.file, path.join(out, file));
    const routes = (spin.doc.trigger?.http ?? []).filter((t) => t.component === j.component).map((t) => t.route);
    listed.push({ component: j.component, file, digest: sha256Digest(readFileSync(j.file)), imports: j.imports, exports: j.exports, routes });
  }
  writeFileSync(path.join(out, 'components.json'), JSON.stringify({ components: listed }, null, 2) + '\n');
  console.log(`${listed.length} portable component(s) in ${path.relative(process.cwd(), out) || out}; serve one with: wasmtime serve ${path.relative(process.cwd(), out) || out}/<component>.wasm`);
} catch (error) {
  if (error instanceof ManifestError) fail(TOOL, error.message);
  throw error;
}
