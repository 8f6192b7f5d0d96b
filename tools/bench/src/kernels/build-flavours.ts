// Builds every flavour the kernel benchmark and parity test need; each step
// is incremental (its own cargo target dir), so a warm run takes seconds.
//
//   node tools/bench/src/kernels/build-flavours.ts [--check]
//
// --check builds nothing: it exits 1 with one line naming the command to run
// when an artifact is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, RUST_ROOT } from './paths.ts';

/** One build flavour: the command that makes it and what it produces. */
export interface BuildStep {
  flavour: string;
  command: string[];
  /** RUSTFLAGS for the step (undefined: removed from the environment). */
  rustflags?: string;
  outputs: string[];
}

const BUILD_MJS = join(RUST_ROOT, 'scripts', 'build.mjs');
const nativeCargo = (dir: string) => ['cargo', 'build', '--release', '--locked', '-p', 'kernel-bench', '--target-dir', join(RUST_ROOT, 'target', dir)];

/** Every flavour, SIMD wasm first (it is also what `nx run anomaly:build` makes). */
export const BUILD_STEPS: BuildStep[] = [
  { flavour: 'wasm+SIMD', command: ['node', BUILD_MJS, 'anomaly', 'kernels-core'], outputs: [ARTIFACTS.simdCore, ARTIFACTS.simdComponent] },
  { flavour: 'wasm (scalar)', command: ['node', BUILD_MJS, '--no-simd', 'anomaly', 'kernels-core'], outputs: [ARTIFACTS.scalarCore, ARTIFACTS.scalarComponent] },
  { flavour: 'native', command: nativeCargo('native'), outputs: [ARTIFACTS.native] },
  { flavour: 'native (target-cpu=native)', command: nativeCargo('native-cpu'), rustflags: '-C target-cpu=native', outputs: [ARTIFACTS.nativeCpu] },
];

/** The command line to show for a step. */
export function describe(step: BuildStep): string {
  return `${step.rustflags ? `RUSTFLAGS="${step.rustflags}" ` : ''}${step.command.join(' ')}`;
}

/** Steps whose outputs are missing. */
export function missingSteps(): BuildStep[] {
  return BUILD_STEPS.filter((s) => s.outputs.some((o) => !existsSync(o)));
}

/** Runs every step (logs to stderr); throws one line naming the failed command. */
export function buildFlavours(): void {
  for (const step of BUILD_STEPS) {
    const env = { ...process.env };
    delete env.RUSTFLAGS;
    delete env.CARGO_ENCODED_RUSTFLAGS;
    if (step.rustflags) env.RUSTFLAGS = step.rustflags;
    const [cmd, ...args] = step.command;
    const r = spawnSync(cmd!, args, { cwd: RUST_ROOT, env, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`building ${step.flavour} failed; run \`cd rust-kernels && ${describe(step)}\` to see why`);
  }
}

if (import.meta.main) {
  if (process.argv.includes('--check')) {
    const missing = missingSteps();
    if (missing.length) {
      console.error(`build-flavours: ${missing[0]!.flavour} is not built; run \`cd rust-kernels && ${describe(missing[0]!)}\` (or node tools/bench/src/kernels/build-flavours.ts)`);
      process.exit(1);
    }
  } else {
    try {
      buildFlavours();
    } catch (e) {
      console.error(`build-flavours: ${(e as Error).message}`);
      process.exit(1);
    }
  }
}
