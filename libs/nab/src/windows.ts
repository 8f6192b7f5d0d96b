// Anomaly windows: from the labelled [start, end] timestamps of combined_windows.json to
// inclusive row ranges, matched the way NAB's sweeper matches them (by timestamp equality).
import { parseNabTimestamp } from './timestamps.ts';

/** An anomaly window as inclusive row indices into one file. */
export interface RowWindow {
  readonly start: number;
  readonly end: number;
}

/** A window as labelled: two timestamps (NAB strings or epoch ms). */
export type LabelledWindow = readonly [string | number, string | number];

/**
 * Map labelled windows onto rows. The start is the first row at the start time and
 * the end the first row at the end time (NAB's `timestamps.index`); both must exist.
 */
export function windowsToRows(timestamps: ArrayLike<number>, windows: readonly LabelledWindow[]): RowWindow[] {
  const firstRow = new Map<number, number>();
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i]!;
    if (!firstRow.has(t)) firstRow.set(t, i);
  }
  const rows = windows.map(([from, to]) => {
    const start = firstRow.get(parseNabTimestamp(from));
    const end = firstRow.get(parseNabTimestamp(to));
    if (start === undefined || end === undefined) {
      throw new RangeError(`window [${from}, ${to}] does not match a row timestamp at both ends`);
    }
    if (end < start) throw new RangeError(`window [${from}, ${to}] ends before it starts`);
    return { start, end };
  });
  rows.sort((a, b) => a.start - b.start);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k]!.start <= rows[k - 1]!.end) throw new RangeError('anomaly windows overlap');
  }
  return rows;
}
