#!/usr/bin/env node
// Build the Rust crates to wasm32 core modules (Debian rustc-web + build-std,
// SIMD on unless --no-simd), then wrap each component crate with jco's JS API.
//
//   node rust-kernels/scripts/build.mjs [--no-simd] [sensor-handler] [anomaly] [kernels-core]
//
// Outputs: rust-kernels/dist/<name>.wasm (component) and
//          rust-kernels/dist/core/<name>.core.wasm (core module, for benchmarks);
//          with --no-simd the same under dist/scalar/ (own target dir, target/wasm-scalar).
// kernels-core is a plain core module (extern "C" exports), never componentized.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..'); // rust-kernels/
const CRATES = ['sensor-handler', 'anomaly', 'kernels-core'];
const CORE_ONLY = new Set(['kernels-core']);
const TARGET = 'wasm32-unknown-unknown';
// Debian rustc-web: rustup's cargo/rustc (earlier on PATH) have no wasm targets.
// Overridable only to test the failure path / odd installs.
const CARGO = process.env.KERNELS_CARGO ?? '/usr/bin/cargo';
const RUSTC = process.env.KERNELS_RUSTC ?? '/usr/bin/rustc';
const LINKER = 'wasm-ld-14'; // must match .cargo/config.toml
const SETUP = 'run scripts/setup (installs rustc-web, cargo-web, rust-web-src, lld-14)';

function die(msg) {
  console.error(`build.mjs: error: ${msg}`);
  process.exit(1);
}
const secs = (t0) => `${((performance.now() - t0) / 1000).toFixed(1)}s`;
const rel = (p) => relative(process.cwd(), p) || '.';

function preflight() {
  for (const bin of [CARGO, RUSTC]) {
    if (!existsSync(bin)) die(`${bin} is missing (Debian rustc-web toolchain); ${SETUP}`);
  }
  const sysroot = spawnSync(RUSTC, ['--print', 'sysroot'], { encoding: 'utf8' }).stdout?.trim();
  const stdSrc = join(sysroot ?? '', 'lib/rustlib/src/rust/library/std/Cargo.toml');
  if (!sysroot || !existsSync(stdSrc)) die(`wasm std source missing (${stdSrc}, package rust-web-src); ${SETUP}`);
  if (spawnSync(LINKER, ['--version']).status !== 0) die(`linker ${LINKER} not found (package lld-14); ${SETUP}`);
}

async function main() {
  const args = process.argv.slice(2);
  const simd = !args.includes('--no-simd');
  const names = args.filter((a) => a !== '--no-simd');
  const unknown = names.filter((a) => !CRATES.includes(a));
  if (unknown.length) die(`unknown crate or flag ${unknown.join(', ')}; known: --no-simd, ${CRATES.join(', ')}`);
  const crates = names.length ? [...new Set(names)] : CRATES;
  // Own target dirs: native `cargo test` (rustup 1.95) keeps using target/debug,
  // and the scalar flavour never invalidates the SIMD one's cache.
  const targetDir = join(ROOT, 'target', simd ? 'wasm' : 'wasm-scalar');
  const distDir = simd ? join(ROOT, 'dist') : join(ROOT, 'dist', 'scalar');
  preflight();

  const env = {
    ...process.env,
    RUSTC,
    RUSTC_BOOTSTRAP: '1', // -Zbuild-std on a stable toolchain
  };
  // Linker (wasm-ld-14) and `+simd128` come from rust-kernels/.cargo/config.toml
  // (cwd below), so a hand-run cargo shares this build's cache. Not repeated as
  // CARGO_TARGET_*_RUSTFLAGS env: cargo would append both and rebuild everything.
  // RUSTFLAGS would replace the config's target rustflags (dropping SIMD).
  delete env.RUSTFLAGS;
  delete env.CARGO_ENCODED_RUSTFLAGS;
  // Scalar flavour: RUSTFLAGS replaces the config's target rustflags, so this
  // drops +simd128 for the crates and the rebuilt std alike (linker unaffected).
  if (!simd) env.RUSTFLAGS = '-C target-feature=-simd128';

  const cargoArgs = ['build', '--release', '--locked', '--target', TARGET, '-Zbuild-std=std,panic_abort',
    '--target-dir', targetDir, ...crates.flatMap((c) => ['-p', c])];
  console.log(`build.mjs: ${simd ? '' : `RUSTFLAGS="${env.RUSTFLAGS}" `}${CARGO} ${cargoArgs.join(' ')}`);
  let t0 = performance.now();
  const r = spawnSync(CARGO, cargoArgs, { cwd: ROOT, env, stdio: 'inherit' });
  if (r.error) die(`could not run ${CARGO}: ${r.error.message}; ${SETUP}`);
  if (r.status !== 0) die(`cargo build failed (exit ${r.status ?? r.signal}) for ${crates.join(', ')}`);
  console.log(`build.mjs: cargo build ${secs(t0)}`);

  // Imported lazily so a missing toolchain is reported before jco loads.
  const { componentNew } = await import('@bytecodealliance/jco');
  mkdirSync(join(distDir, 'core'), { recursive: true });
  for (const name of crates) {
    t0 = performance.now();
    const built = join(targetDir, TARGET, 'release', `${name.replaceAll('-', '_')}.wasm`);
    const core = readFileSync(built);
    const coreOut = join(distDir, 'core', `${name}.core.wasm`);
    writeFileSync(coreOut, core);
    if (CORE_ONLY.has(name)) {
      if (statSync(coreOut).size === 0) die(`output ${rel(coreOut)} is empty`);
      console.log(`build.mjs: ${rel(coreOut)} ${(statSync(coreOut).size / 1024).toFixed(1)} KiB (core module only)`);
      continue;
    }
    // wit-bindgen already embedded the component-type section: no componentEmbed,
    // and no preview1 adapter (wasm32-unknown-unknown imports no wasi_snapshot_preview1).
    let component;
    try {
      component = await componentNew(core);
    } catch (e) {
      die(`jco componentNew failed for ${name}: ${e?.message ?? e}`);
    }
    const out = join(distDir, `${name}.wasm`);
    writeFileSync(out, component);
    for (const f of [coreOut, out]) {
      if (!existsSync(f) || statSync(f).size === 0) die(`output ${rel(f)} is missing or empty`);
    }
    const kib = (f) => (statSync(f).size / 1024).toFixed(1);
    console.log(`build.mjs: ${rel(out)} ${kib(out)} KiB (core ${kib(coreOut)} KiB) componentize ${secs(t0)}`);
  }
}

const t = performance.now();
main().then(
  () => console.log(`build.mjs: done in ${secs(t)}`),
  (e) => die(e?.stack ?? String(e)),
);
