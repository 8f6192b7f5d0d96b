// The NAB data files as arrays for the detector benchmark: `timestamp,value` CSVs under
// a folder, parsed like the NAB harness does (timestamps through @edgewatch/nab).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseNabTimestamp } from '@edgewatch/nab';

/** One file's points. */
export interface BenchSeries {
  name: string;
  values: Float64Array;
  timestamps: Float64Array;
}

function csvFiles(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? csvFiles(dir, join(rel, e.name)) : e.name.endsWith('.csv') ? [join(rel, e.name)] : []))
    .sort();
}

/** Every CSV below `dir`; throws naming the folder when there is none. */
export function loadNabSeries(dir: string): BenchSeries[] {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`--data ${dir}: not a directory (NAB data, e.g. ../shared/nab/data)`);
  const files = csvFiles(dir);
  if (files.length === 0) throw new Error(`--data ${dir}: no .csv files below it`);
  return files.map((name) => {
    const rows = readFileSync(join(dir, name), 'utf8').trim().split(/\r?\n/).slice(1);
    const values = new Float64Array(rows.length);
    const timestamps = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      const [t, v] = row.split(',');
      timestamps[i] = parseNabTimestamp(t!.trim());
      values[i] = Number(v);
      if (!Number.isFinite(values[i])) throw new Error(`${name}:${i + 2}: value "${v}" is not a finite number`);
    });
    return { name, values, timestamps };
  });
}
