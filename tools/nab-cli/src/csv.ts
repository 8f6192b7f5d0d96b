// NAB-style CSV in and out: `timestamp,value` rows parsed into arrays, and the
// `timestamp,value,anomaly_score` result files NAB's scorer reads.
import { parseNabTimestamp } from '@edgewatch/nab';

/** One data file as read: the raw text columns plus parsed numbers. */
export interface NabSeries {
  readonly timestampText: string[];
  readonly valueText: string[];
  readonly timestamps: Float64Array;
  readonly values: Float64Array;
}

/** Thrown for a malformed input file; the message names the file, row and fix. */
export class CsvError extends Error {}

/** Parse a NAB data CSV; `file` is only used in error messages. */
export function parseNabCsv(text: string, file: string): NabSeries {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const tCol = header.indexOf('timestamp');
  const vCol = header.indexOf('value');
  if (tCol < 0 || vCol < 0) throw new CsvError(`${file}: header must name columns "timestamp" and "value" (found "${lines[0] ?? ''}")`);
  const timestampText: string[] = [];
  const valueText: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    timestampText.push((cells[tCol] ?? '').trim());
    valueText.push((cells[vCol] ?? '').trim());
  }
  const timestamps = new Float64Array(timestampText.length);
  const values = new Float64Array(valueText.length);
  for (let i = 0; i < timestamps.length; i++) {
    const row = i + 2; // 1-based line number, after the header
    try {
      timestamps[i] = parseNabTimestamp(timestampText[i]!);
    } catch (e) {
      throw new CsvError(`${file}:${row}: ${(e as Error).message}; fix the timestamp column`);
    }
    const v = valueText[i] === '' ? Number.NaN : Number(valueText[i]);
    if (!Number.isFinite(v)) throw new CsvError(`${file}:${row}: value "${valueText[i]}" is not a finite number; fix or drop the row`);
    values[i] = v;
  }
  return { timestampText, valueText, timestamps, values };
}

/** Render the result CSV NAB reads: `timestamp,value,anomaly_score`. */
export function formatResultCsv(series: NabSeries, scores: ArrayLike<number>): string {
  const out: string[] = ['timestamp,value,anomaly_score'];
  for (let i = 0; i < scores.length; i++) out.push(`${series.timestampText[i]},${series.valueText[i]},${scores[i]}`);
  return out.join('\n') + '\n';
}
