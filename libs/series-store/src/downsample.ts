// Downsampling for `step` queries: fixed windows aligned to multiples of `step`
// seconds since the epoch, so pages and repeated queries line up.
import type { SeriesPoint } from './model.ts';

/** Aggregations a step query can ask for. */
export const AGGREGATIONS = ['min', 'max', 'avg', 'last', 'count'] as const;
/** One of AGGREGATIONS. */
export type Aggregation = (typeof AGGREGATIONS)[number];

/** Reduce points (ascending) to one `[windowStart, value]` per non-empty window; non-numeric values only count. */
export function downsample(points: SeriesPoint[], step: number, agg: Aggregation): [number, number | null][] {
  const out: [number, number | null][] = [];
  let windowStart: number | undefined;
  let values: number[] = [];
  let count = 0;
  const flush = () => {
    if (windowStart === undefined) return;
    out.push([windowStart, reduce(values, count, agg)]);
  };
  for (const [t, v] of points) {
    const start = Math.floor(t / step) * step;
    if (start !== windowStart) {
      flush();
      windowStart = start;
      values = [];
      count = 0;
    }
    count += 1;
    if (typeof v === 'number') values.push(v);
  }
  flush();
  return out;
}

function reduce(values: number[], count: number, agg: Aggregation): number | null {
  if (agg === 'count') return count;
  if (values.length === 0) return null;
  switch (agg) {
    case 'min':
      return values.reduce((min, v) => (v < min ? v : min));
    case 'max':
      return values.reduce((max, v) => (v > max ? v : max));
    case 'avg':
      return values.reduce((sum, v) => sum + v, 0) / values.length;
    case 'last':
      return values[values.length - 1]!;
  }
}
