// `npm run bench:kernels [-- --json] [--runs N] [--warmup N] [--only a,b] [--no-build]`
//
// Times every kernel row in five columns — plain JS, wasm (scalar build),
// wasm+SIMD, native, native with -C target-cpu=native — then prints the table
// with the ratios, the min–max spread, reference rows and the per-call cost of
// the component boundary. With --json, stdout is exactly one JSON object of
// medians (ms). Builds every flavour first (incremental; --no-build only
// checks and names the command to run).
import { cpus, loadavg } from 'node:os';
import { buildFlavours, describe, missingSteps } from './build-flavours.ts';
import { runNativeBench } from './native.ts';
import { measureOverhead, overheadTable } from './overhead.ts';
import { ARTIFACTS } from './paths.ts';
import { COLUMNS, jsonRows, medianTable, type Row, spreadTable } from './table.ts';
import { REFERENCE_TASKS, TASKS, type TaskSpec } from './tasks.ts';
import { measure } from './timing.ts';
import { loadComponent } from './wasm/component.ts';
import { type CoreModule, loadCore } from './wasm/core-module.ts';

interface Options {
  json: boolean;
  runs: number;
  warmup: number;
  only: string[] | null;
  build: boolean;
}

function fail(message: string): never {
  console.error(`bench-kernels: ${message}`);
  process.exit(1);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, runs: 7, warmup: 2, only: null, build: true };
  const int = (flag: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) fail(`${flag} needs an integer ≥ ${min}, e.g. ${flag} 7`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') o.json = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--runs') o.runs = int(a, argv[++i], 1);
    else if (a === '--warmup') o.warmup = int(a, argv[++i], 0);
    else if (a === '--only') {
      o.only = (argv[++i] ?? '').split(',').filter(Boolean);
      const known = [...TASKS, ...REFERENCE_TASKS].map((t) => t.name);
      const bad = o.only.find((t) => !known.includes(t));
      if (bad !== undefined || o.only.length === 0) fail(`--only: unknown task "${bad ?? ''}"; known: ${known.join(', ')}`);
    } else fail(`unknown flag ${a}; usage: bench-kernels [--json] [--runs N] [--warmup N] [--only a,b] [--no-build]`);
  }
  return o;
}

function prepareBuilds(o: Options): void {
  if (o.build) {
    try {
      buildFlavours();
    } catch (e) {
      fail((e as Error).message);
    }
  }
  const missing = missingSteps()[0];
  if (missing) fail(`${missing.flavour} is not built; run \`cd rust-kernels && ${describe(missing)}\``);
}

function timeRow(task: TaskSpec, o: Options, scalar: CoreModule, simd: CoreModule): Row {
  const core = (m: CoreModule) => (task.core ? measure(task.core(m), o.runs, o.warmup) : null);
  const cells: Row['cells'] = { js: measure(task.js(), o.runs, o.warmup), wasm: core(scalar), wasm_simd: core(simd), native: null, native_cpu: null };
  if (task.core) {
    // Right after the wasm columns, so the row's columns share the machine's load.
    cells.native = runNativeBench(ARTIFACTS.native, [task.name], o.runs, o.warmup).get(task.name) ?? null;
    cells.native_cpu = runNativeBench(ARTIFACTS.nativeCpu, [task.name], o.runs, o.warmup).get(task.name) ?? null;
  }
  return { task: task.name, cells };
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  prepareBuilds(o);
  const log = (line: string) => (o.json ? console.error(line) : console.log(line));
  const [simd, scalar] = [loadCore(ARTIFACTS.simdCore), loadCore(ARTIFACTS.scalarCore)];
  if (!simd.simd || scalar.simd) fail('dist/core and dist/scalar/core are swapped or stale; run node tools/bench/src/kernels/build-flavours.ts');
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const selected = (list: TaskSpec[]) => list.filter((t) => !o.only || o.only.includes(t.name));
  const rows: Row[] = [];
  for (const task of selected(TASKS)) {
    if (!o.json) process.stderr.write(`bench-kernels: ${task.name}…\n`);
    rows.push(timeRow(task, o, scalar, simd));
  }
  if (o.json) {
    console.log(jsonRows(rows));
    return;
  }
  const reference = selected(REFERENCE_TASKS).map((t) => timeRow(t, o, scalar, simd));
  const component = await loadComponent(ARTIFACTS.simdComponent, 'anomaly');
  const overhead = measureOverhead(component, simd, Math.max(7, o.runs));
  log(`\nKernel benchmark — median of ${o.runs} runs after ${o.warmup} warm-up, ms (lower is better)`);
  log(`${cpus()[0]?.model ?? 'cpu'} × ${cpus().length}, Node ${process.version}; load average ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} over ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
  log(medianTable(rows));
  log(`\nSpread\n\n${spreadTable([...rows, ...reference])}`);
  if (reference.length) log(`\nReference rows (JS column = library call)\n\n${medianTable(reference)}`);
  log(`\nComponent boundary (anomaly.dot via jco-transpiled component vs kernels-core), µs per call\n\n${overheadTable(overhead)}`);
  log(`\ncolumns: ${COLUMNS.join(', ')}; ratios > 1 mean the left one is slower`);
}

await main();
