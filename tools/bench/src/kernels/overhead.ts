// Per-call cost of the component boundary: `anomaly.dot` through the
// transpiled component (canonical ABI: both lists copied into linear memory,
// result lifted) against the same kernel called on the core module with the
// data already resident, and with the copy-in done by hand. Small sizes are
// timed in batches of many calls so the clock's resolution does not matter.
import { floats } from './inputs.ts';
import { markdown } from './table.ts';
import { summarize } from './timing.ts';
import type { KernelsComponent } from './wasm/component.ts';
import type { CoreModule } from './wasm/core-module.ts';

/** µs per call for each way of calling, for one element count. */
export interface OverheadRow {
  elements: number;
  component: number;
  coreResident: number;
  coreWithCopy: number;
}

/** Median µs per call of `call`, over `batches` batches of `calls` calls. */
function perCall(call: () => unknown, calls: number, batches: number): number {
  for (let i = 0; i < calls; i++) call(); // warm-up batch
  const samples: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) call();
    samples.push(((performance.now() - t0) * 1000) / calls);
  }
  return summarize(samples).median;
}

/** Measures 1, 1k and 1M elements (`batches` ≥ 7 for the table). */
export function measureOverhead(component: KernelsComponent, core: CoreModule, batches: number): OverheadRow[] {
  return [1, 1000, 1 << 20].map((n) => {
    const [a, b] = [floats(21, n), floats(22, n)];
    const calls = n === 1 ? 20_000 : n === 1000 ? 5_000 : 3;
    const [pa, pb] = [core.put(a), core.put(b)];
    const coreResident = perCall(() => core.x.ek_dot(pa.ptr, pb.ptr, n), calls, batches);
    const coreWithCopy = perCall(() => {
      const [qa, qb] = [core.put(a), core.put(b)];
      core.x.ek_dot(qa.ptr, qb.ptr, n);
      core.free(qa, qb);
    }, calls, batches);
    core.free(pa, pb);
    const viaComponent = perCall(() => component.anomaly.dot(a, b), calls, batches);
    return { elements: n, component: viaComponent, coreResident, coreWithCopy };
  });
}

/** Markdown table of the overhead rows (µs per call). */
export function overheadTable(rows: OverheadRow[]): string {
  const f = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(2));
  return markdown(
    ['dot, elements', 'component call µs', 'core, data resident µs', 'core + copy-in µs', 'boundary overhead µs'],
    rows.map((r) => [r.elements.toLocaleString('en'), f(r.component), f(r.coreResident), f(r.coreWithCopy), f(r.component - r.coreResident)]),
  );
}
