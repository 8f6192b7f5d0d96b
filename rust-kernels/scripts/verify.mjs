#!/usr/bin/env node
// Self-check of rust-kernels/dist/*.wasm (run scripts/build.mjs first):
//  - prints each component's WIT (imports/exports) and enforces the contract:
//    anomaly imports nothing; sensor-handler imports only wasi:* and exports
//    wasi:http/incoming-handler@0.2.3;
//  - transpiles anomaly with jco and checks `dot` against a JS loop;
//  - transpiles sensor-handler, serves it on 127.0.0.1 through
//    @bytecodealliance/preview2-shim's HTTPServer and sends real requests.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { componentWit, print, transpile } from '@bytecodealliance/jco';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// Under rust-kernels/ so the transpiled code resolves the workspace's preview2-shim.
const OUT = join(ROOT, 'target', 'verify');
let passed = 0;
let failed = 0;
function check(name, ok, extra = '') {
  ok ? passed++ : failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${extra ? ` ${extra}` : ''}`);
}

async function load(name) {
  const bytes = readFileSync(join(ROOT, 'dist', `${name}.wasm`));
  const wit = await componentWit(bytes);
  console.log(`--- ${name}.wasm (${bytes.length} bytes) WIT:\n${wit.trim()}\n---`);
  const { files, imports, exports } = await transpile(bytes, { name, quiet: true });
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), data);
  }
  console.log(`${name}: imports ${JSON.stringify(imports)}`);
  console.log(`${name}: exports ${JSON.stringify(exports.map(([n, k]) => `${n} (${k})`))}`);
  return { imports, wit, mod: await import(pathToFileURL(join(dir, `${name}.js`)).href) };
}

async function verifyAnomaly() {
  const { imports, wit, mod } = await load('anomaly');
  check('anomaly imports nothing', imports.length === 0 && !/\bimport\b/.test(wit));
  const wat = await print(readFileSync(join(ROOT, 'dist', 'core', 'anomaly.core.wasm')));
  check('anomaly core module has the simd128 path', /f32x4\.mul/.test(wat) && /v128\.load/.test(wat));
  const jsDot = (a, b) => {
    let s = 0;
    for (let i = 0; i < Math.min(a.length, b.length); i++) s += Math.fround(a[i] * b[i]);
    return s;
  };
  const f32 = (xs) => Float32Array.from(xs);
  const got = mod.anomaly.dot(f32([1, 2, 3, 4, 5]), f32([5, 4, 3, 2, 1]));
  check('dot([1..5],[5..1]) == 35', got === 35, `got ${got}`);
  check('dot([],[]) == 0', mod.anomaly.dot(f32([]), f32([])) === 0);
  check('unequal lengths use shorter', mod.anomaly.dot(f32([1, 2, 3]), f32([4, 5, 6, 100, 100])) === 32);
  let seed = 7; // deterministic pseudo-random inputs
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (const n of [1, 3, 4, 5, 7, 8, 13, 17, 31, 33, 1001]) {
    const a = f32(Array.from({ length: n }, rnd));
    const b = f32(Array.from({ length: n }, rnd));
    const w = mod.anomaly.dot(a, b);
    const want = jsDot(a, b);
    // SIMD sums in a different order than the sequential loop: allow f32 rounding.
    check(`dot len ${n} ~ JS loop`, Math.abs(w - want) <= 1e-5 * Math.max(1, n), `wasm ${w} js ${want}`);
  }
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    }).on('error', reject);
  });
}

async function verifySensor() {
  const { imports, wit, mod } = await load('sensor-handler');
  const witImports = [...wit.matchAll(/^\s*import ([^;]+);/gm)].map((m) => m[1]);
  check('sensor-handler imports only wasi:*', witImports.length > 0 && witImports.every((i) => i.startsWith('wasi:')),
    witImports.join(', '));
  check('sensor-handler exports wasi:http/incoming-handler@0.2.3',
    /export wasi:http\/incoming-handler@0\.2\.3;/.test(wit));
  check('transpiled imports are preview2-shim', imports.every((i) => i.startsWith('@bytecodealliance/preview2-shim/')));

  const { HTTPServer } = await import('@bytecodealliance/preview2-shim/http');
  const server = new HTTPServer(mod.incomingHandler);
  const port = await freePort();
  server.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const req = async (method, path, body) => {
    const r = await fetch(base + path, { method, body, signal: AbortSignal.timeout(5000) });
    const text = await r.text();
    return { status: r.status, type: r.headers.get('content-type'), allow: r.headers.get('allow'), text, json: safeJson(text) };
  };
  try {
    let r = await req('POST', '/sensor', JSON.stringify({ device: 'd1', temperature: 81.5, humidity: 40, ts: 1 }));
    check('POST alert', r.status === 200 && r.type === 'application/json' && r.json?.alert === true
      && r.json.reason === 'threshold_exceeded' && r.json.device === 'd1', r.text);
    r = await req('POST', '/sensor?src=verify', JSON.stringify({ device: 'd2', humidity: 50, extra: [1] }));
    check('POST normal', r.status === 200 && r.json?.alert === false && r.json.status === 'normal', r.text);
    r = await req('POST', '/sensor', 'not json');
    check('POST not JSON -> 400 problem', r.status === 400 && r.type === 'application/problem+json'
      && r.json?.type === 'https://edgewatch.dev/problems/invalid-reading' && r.json.status === 400, r.text);
    r = await req('POST', '/sensor', JSON.stringify({ temperature: 1 }));
    check('POST missing device -> 400', r.status === 400 && /device/.test(r.json?.detail), r.text);
    r = await req('POST', '/sensor', JSON.stringify({ device: 'd', temperature: 1, pad: 'x'.repeat(70_000) }));
    check('POST > 64 KiB -> 400', r.status === 400 && /exceeds/.test(r.json?.detail), r.text);
    r = await req('GET', '/sensor');
    check('GET /sensor -> 405 allow POST', r.status === 405 && r.allow === 'POST' && r.type === 'application/problem+json', r.text);
    r = await req('GET', '/sensor/health?probe=1');
    check('GET /sensor/health', r.status === 200 && r.json?.component === 'sensor-handler' && r.json.status === 'ok', r.text);
  } finally {
    server.stop();
  }
}

function safeJson(t) {
  try { return JSON.parse(t); } catch { return undefined; }
}

try {
  await verifyAnomaly();
  await verifySensor();
} catch (e) {
  check('verify ran without exceptions', false, e?.stack ?? String(e));
}
console.log(`${passed} passed, ${failed} failed`);
// The shim's IO worker thread would keep the process alive.
process.exit(failed ? 1 : 0);
