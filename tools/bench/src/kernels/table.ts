// Formats the kernel benchmark: medians per column, the three ratios the
// issue asks for, and the min–max spread; or the one-object JSON form.
import type { Timing } from './timing.ts';

/** Column keys, in table order (also the JSON keys). */
export const COLUMNS = ['js', 'wasm', 'wasm_simd', 'native', 'native_cpu'] as const;
/** One column key. */
export type Column = (typeof COLUMNS)[number];
const HEADERS: Record<Column, string> = {
  js: 'JS', wasm: 'wasm', wasm_simd: 'wasm+SIMD', native: 'native', native_cpu: 'native(cpu)',
};

/** One measured row; a missing column is null. */
export interface Row {
  task: string;
  cells: Record<Column, Timing | null>;
}

const ms = (t: Timing | null | undefined) => (t ? fmt(t.median) : '—');
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3));
const ratio = (a: Timing | null, b: Timing | null) => (a && b ? `${(a.median / b.median).toFixed(2)}×` : '—');

/** Markdown table of medians (ms) and ratios. */
export function medianTable(rows: Row[]): string {
  const head = ['task', ...COLUMNS.map((c) => HEADERS[c]), 'SIMD/native', 'wasm/SIMD', 'JS/SIMD'];
  const body = rows.map((r) => [
    r.task,
    ...COLUMNS.map((c) => ms(r.cells[c])),
    ratio(r.cells.wasm_simd, r.cells.native),
    ratio(r.cells.wasm, r.cells.wasm_simd),
    ratio(r.cells.js, r.cells.wasm_simd),
  ]);
  return markdown(head, body);
}

/** Markdown table of min–max per cell (ms), to judge the noise. */
export function spreadTable(rows: Row[]): string {
  const head = ['task (min–max ms)', ...COLUMNS.map((c) => HEADERS[c])];
  const body = rows.map((r) => [r.task, ...COLUMNS.map((c) => {
    const t = r.cells[c];
    return t ? `${fmt(t.min)}–${fmt(t.max)}` : '—';
  })]);
  return markdown(head, body);
}

/** The `--json` form: medians only, ms. */
export function jsonRows(rows: Row[]): string {
  return JSON.stringify({
    rows: rows.map((r) => ({ task: r.task, ...Object.fromEntries(COLUMNS.map((c) => [c, r.cells[c]?.median ?? null])) })),
  });
}

/** A Markdown table with padded columns. */
export function markdown(head: string[], body: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}
