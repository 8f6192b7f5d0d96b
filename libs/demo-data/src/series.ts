// The demo series: a NAB-style CSV (timestamp,value) or a synthetic machine,
// cut to the last days and shifted so it ends now. Pure: runs in Node and in the page.

export type Point = [t: number, v: number];

/** Parse a NAB-style CSV (`timestamp,value`, UTC times); names the first bad line. */
export function parseNabCsv(text: string, file = 'CSV'): Point[] {
  const lines = text.trim().split(/\r?\n/);
  const points: Point[] = [];
  for (const [i, line] of lines.entries()) {
    if (i === 0 && /[a-z]/i.test(line.split(',')[1] ?? '')) continue; // header
    const [stamp, raw] = line.split(',');
    const t = Date.parse(`${stamp?.trim().replace(' ', 'T')}Z`) / 1000;
    const v = Number(raw);
    if (!Number.isFinite(t) || raw === undefined || raw.trim() === '' || !Number.isFinite(v)) throw new Error(`${file} line ${i + 1} is not "timestamp,value": ${line.slice(0, 60)}`);
    points.push([t, v]);
  }
  if (points.length === 0) throw new Error(`${file} holds no points`);
  return points;
}

/**
 * A synthetic machine: 5-minute readings, a daily cycle, noise, and a failure
 * (half a day of overheating, then the machine stops) at 80 % of the span.
 * Deterministic for a seed, so tests and screenshots are repeatable.
 */
export function syntheticSeries(days: number, seed = 42): Point[] {
  let state = seed;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const n = Math.round((days * 86_400) / 300);
  const points: Point[] = [];
  for (let i = 0; i < n; i++) {
    const t = i * 300;
    let v = 85 + 6 * Math.sin((2 * Math.PI * t) / 86_400) + (random() - 0.5) * 2;
    const fault = i - Math.round(n * 0.8);
    if (fault >= 0 && fault < 144) v += fault * 0.12;
    if (fault >= 144 && fault < 200) v = 20 + random() * 10;
    points.push([t, Math.round(v * 100) / 100]);
  }
  return points;
}

/** Keep the last `days` days (0: everything) and shift so the newest point is at `nowS` (whole minute). */
export function shiftToNow(points: Point[], nowS: number, days: number): Point[] {
  const last = points[points.length - 1]![0];
  const kept = days > 0 ? points.filter(([t]) => t > last - days * 86_400) : points;
  const offset = Math.floor(nowS / 60) * 60 - last;
  return kept.map(([t, v]) => [t + offset, v]);
}
