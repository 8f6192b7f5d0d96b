// Time ranges, downsampling steps and device status: the page's pure logic,
// unit-tested in apps/dashboard/test (no DOM needed).

export type RangeKey = '1h' | '24h' | '7d' | '30d' | 'custom';
export const RANGE_SECONDS: Record<Exclude<RangeKey, 'custom'>, number> = { '1h': 3600, '24h': 86_400, '7d': 604_800, '30d': 2_592_000 };
export const PRESET_RANGES = ['1h', '24h', '7d', '30d'] as const;

/** The range a link asks for: `?range=7d`, or `?from=&to=` (epoch seconds or ISO times) for a custom one. */
export function rangeFromQuery(params: URLSearchParams): { range: RangeKey; from?: number; to?: number } {
  const time = (name: string) => {
    const raw = params.get(name);
    if (!raw) return undefined;
    const s = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
    return Number.isFinite(s) ? s : undefined;
  };
  const from = time('from');
  const to = time('to');
  if (from !== undefined && to !== undefined && to > from) return { range: 'custom', from, to };
  const range = params.get('range');
  return { range: range && (PRESET_RANGES as readonly string[]).includes(range) ? (range as RangeKey) : '24h' };
}


// Steps a person reads easily on an axis; the server aggregates per epoch-aligned step.
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

/**
 * The step (seconds) that gives at most one window per pixel, so the server
 * downsamples to the chart's width and the browser never draws hidden points.
 */
export function stepFor(fromS: number, toS: number, widthPx: number): number {
  const raw = Math.max(1, (toS - fromS) / Math.max(1, Math.floor(widthPx)));
  return NICE_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86_400) * 86_400;
}

/** [from, to] in epoch seconds of a preset range ending now. */
export function presetBounds(key: Exclude<RangeKey, 'custom'>, nowS: number): { from: number; to: number } {
  return { from: nowS - RANGE_SECONDS[key], to: nowS };
}

/** Parse a custom range from two `datetime-local` values; answers why when invalid. */
export function customBounds(fromText: string, toText: string): { from: number; to: number } | { error: string } {
  const from = Date.parse(fromText) / 1000;
  const to = Date.parse(toText) / 1000;
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: 'Pick both a start and an end time.' };
  if (to <= from) return { error: 'The end must be after the start.' };
  return { from, to };
}

export type DeviceStatus = 'ok' | 'stale' | 'alerting';
/** A device is stale when nothing arrived for this long (the default rules run every minute). */
export const STALE_AFTER_S = 15 * 60;

/** ok / stale / alerting, as the device list shows it. */
export function deviceStatus(lastSeenS: number | undefined, nowS: number, firingAlerts: number): DeviceStatus {
  if (firingAlerts > 0) return 'alerting';
  if (lastSeenS === undefined || nowS - lastSeenS > STALE_AFTER_S) return 'stale';
  return 'ok';
}

/** "3 min ago" style text for a past epoch-seconds time. */
export function ago(thenS: number | undefined, nowS: number): string {
  if (thenS === undefined) return 'never';
  const d = Math.max(0, Math.round(nowS - thenS));
  if (d < 60) return `${d} s ago`;
  if (d < 3600) return `${Math.round(d / 60)} min ago`;
  if (d < 86_400) return `${Math.round(d / 3600)} h ago`;
  return `${Math.round(d / 86_400)} d ago`;
}

/** One shaded band on a chart: an alert's active period, clipped to the range. */
export interface AlertPeriod {
  from: number;
  to: number;
  state: string;
  name: string;
}

/** Alert periods of a device's alerts that overlap [from, to]; open alerts run to `nowS`. */
export function alertPeriods(
  alerts: readonly { state: string; startsAt: string | null; endsAt: string | null; labels: Record<string, string> }[],
  range: { from: number; to: number },
  nowS: number,
): AlertPeriod[] {
  const out: AlertPeriod[] = [];
  for (const alert of alerts) {
    if (!alert.startsAt) continue;
    const from = Date.parse(alert.startsAt) / 1000;
    const closed = alert.state === 'resolved' && alert.endsAt;
    const to = closed ? Date.parse(alert.endsAt!) / 1000 : nowS;
    if (!Number.isFinite(from) || to < range.from || from > range.to) continue;
    out.push({ from: Math.max(from, range.from), to: Math.min(to, range.to), state: alert.state, name: alert.labels.alertname ?? alert.labels.rule ?? 'alert' });
  }
  return out;
}

/** Split `[t, v]` points into uPlot's column arrays. */
export function toColumns(points: readonly (readonly [number, number | null])[]): [number[], (number | null)[]] {
  const xs = new Array<number>(points.length);
  const ys = new Array<number | null>(points.length);
  for (let i = 0; i < points.length; i++) {
    xs[i] = points[i]![0];
    ys[i] = points[i]![1];
  }
  return [xs, ys];
}
