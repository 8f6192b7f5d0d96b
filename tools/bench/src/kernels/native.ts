// Runs the native baseline binary (rust-kernels/kernel-bench): timings as
// JSON, or outputs for seeded check cases (one JSON value per line).
import { spawnSync } from 'node:child_process';
import type { Timing } from './timing.ts';

/** One native timing row as kernel-bench prints it. */
export interface NativeRow extends Timing {
  task: string;
}

/** Times `tasks` with the binary at `bin`; throws one line naming the binary on failure. */
export function runNativeBench(bin: string, tasks: string[], runs: number, warmup: number): Map<string, NativeRow> {
  const args = ['bench', '--runs', String(runs), '--warmup', String(warmup), '--only', tasks.join(',')];
  const r = spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  const parsed = JSON.parse(r.stdout) as { rows: NativeRow[] };
  return new Map(parsed.rows.map((row) => [row.task, row]));
}

/** Runs check cases (see kernel-bench/src/check.rs); returns one parsed value per case. */
export function runNativeCheck(bin: string, cases: string[]): unknown[] {
  const r = spawnSync(bin, ['check'], { input: cases.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${bin} check failed: ${(r.stderr || r.error?.message || '').trim()}`);
  const lines = r.stdout.trim().split('\n');
  if (lines.length !== cases.length) throw new Error(`${bin} check: ${cases.length} cases but ${lines.length} outputs`);
  return lines.map((l) => JSON.parse(l) as unknown);
}
