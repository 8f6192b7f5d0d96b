// One device: a chart per measurement with its anomaly score underneath and
// alert periods shaded; range picker (1h / 24h / 7d / 30d / custom) and
// auto-refresh. The server downsamples: `step` follows from the chart width.
import type uPlot from 'uplot';
import { api, session, Unauthorized } from '../api.ts';
import { renderMeasurementChart } from '../chart.ts';
import { h, link, navigate } from '../dom.ts';
import { alertPeriods, customBounds, PRESET_RANGES, presetBounds, stepFor, toColumns, type RangeKey } from '../time.ts';

interface SeriesAnswer { unit: string | null; points: [number, number | null][] }
interface AlertLite { state: string; startsAt: string | null; endsAt: string | null; labels: Record<string, string> }

const SCORE_SUFFIX = '/anomaly_score';
const REFRESH_MS = 30_000;

const seriesUrl = (device: string, name: string, from: number, to: number, step: number, agg: string) =>
  `/api/v1/series?${new URLSearchParams({ device, name, from: String(Math.floor(from)), to: String(Math.ceil(to)), step: String(step), agg })}`;

/** `datetime-local` text of epoch seconds, in the browser's time zone. */
const localInput = (s: number) => {
  const d = new Date(s * 1000);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Render the device page into `root`; returns a cleanup (timers, charts). */
export async function renderDevice(root: HTMLElement, device: string, initial: { range: RangeKey; from?: number; to?: number } = { range: '24h' }): Promise<() => void> {
  let range: RangeKey = initial.range;
  let charts: uPlot[] = [];
  let timer: ReturnType<typeof setInterval> | undefined;
  const chartsBox = h('div', { class: 'charts' });
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const fromInput = h('input', { type: 'datetime-local', 'aria-label': 'From' });
  const toInput = h('input', { type: 'datetime-local', 'aria-label': 'To' });
  if (initial.from !== undefined && initial.to !== undefined) {
    fromInput.value = localInput(initial.from);
    toInput.value = localInput(initial.to);
  }
  const customBox = h('span', { class: 'custom', hidden: range !== 'custom' }, fromInput, toInput, h('button', { type: 'button', 'data-apply': true, onclick: () => pick('custom') }, 'Apply'));
  const buttons = [...PRESET_RANGES, 'custom' as const].map((key) =>
    h('button', { type: 'button', 'data-range': key, class: key === range ? 'active' : '', onclick: () => pick(key) }, key),
  );
  let drawn = 0;
  // Refreshes run unattended: a failure must land on the page, and a dead token on the login form.
  const refresh = () =>
    draw().catch((error: unknown) => {
      if (error instanceof Unauthorized) {
        session.logout();
        return navigate(location.pathname);
      }
      status.textContent = (error as Error).message;
    });
  const auto = h('input', { type: 'checkbox', checked: true });
  auto.addEventListener('change', () => schedule());

  function pick(key: RangeKey) {
    range = key;
    for (const b of buttons) b.classList.toggle('active', b.dataset.range === key);
    customBox.hidden = key !== 'custom';
    if (key !== 'custom') {
      // Keep the choice in the URL, so a reload or a shared link shows the same range.
      history.replaceState(null, '', `${location.pathname}?range=${key}`);
      void refresh();
    } else if (fromInput.value && toInput.value) void refresh();
  }

  function schedule() {
    clearInterval(timer);
    // A custom range is fixed in time: refreshing it would redraw the same data.
    if (auto.checked) timer = setInterval(() => range !== 'custom' && void refresh(), REFRESH_MS);
  }

  async function draw() {
    const mine = ++drawn;
    const now = Date.now() / 1000;
    let bounds: { from: number; to: number };
    if (range === 'custom') {
      const parsed = customBounds(fromInput.value, toInput.value);
      if ('error' in parsed) return void (status.textContent = parsed.error);
      bounds = parsed;
      history.replaceState(null, '', `${location.pathname}?from=${Math.floor(parsed.from)}&to=${Math.ceil(parsed.to)}`);
    } else bounds = presetBounds(range, now);
    const width = Math.max(320, chartsBox.clientWidth || root.clientWidth || 900);
    const step = stepFor(bounds.from, bounds.to, width);
    status.textContent = 'Loading…';
    const [{ series }, { alerts }] = await Promise.all([
      api<{ series: { name: string }[] }>(`/api/v1/devices/${encodeURIComponent(device)}/latest`),
      api<{ alerts: AlertLite[] }>(`/api/v1/alerts?device=${encodeURIComponent(device)}`),
    ]);
    const names = series.map((s) => s.name).filter((n) => !n.endsWith(SCORE_SUFFIX)).sort();
    const loaded = await Promise.all(
      names.map(async (name) => {
        const [values, scores] = await Promise.all([
          api<SeriesAnswer>(seriesUrl(device, name, bounds.from, bounds.to, step, 'avg')),
          api<SeriesAnswer>(seriesUrl(device, `${name}${SCORE_SUFFIX}`, bounds.from, bounds.to, step, 'max')),
        ]);
        const periods = alertPeriods(alerts.filter((a) => !a.labels.series || a.labels.series === name || a.labels.series === `${name}${SCORE_SUFFIX}`), bounds, now);
        return { name, unit: values.unit, values: toColumns(values.points), scores: toColumns(scores.points), periods, range: bounds };
      }),
    );
    // A newer draw (another range picked meanwhile) wins; this one's data is stale.
    if (mine !== drawn) return;
    for (const c of charts) c.destroy();
    chartsBox.replaceChildren();
    charts = loaded.flatMap((chart) => {
      const box = h('section', { class: 'card' });
      chartsBox.append(box);
      return renderMeasurementChart(box, chart, width - 32);
    });
    const open = alerts.filter((a) => a.state === 'firing' || a.state === 'pending').length;
    status.textContent = names.length === 0 ? 'This device has sent no numeric readings yet.' : `${names.length} measurement(s), step ${step} s, ${open} open alert(s). Updated ${new Date().toLocaleTimeString()}.`;
  }

  root.replaceChildren(
    h('p', {}, link('/', '← Devices')),
    h('h1', {}, device),
    h('div', { class: 'toolbar' }, h('span', { class: 'ranges' }, ...buttons), customBox, h('label', {}, auto, ' auto-refresh')),
    status,
    chartsBox,
  );
  await draw();
  schedule();
  return () => {
    clearInterval(timer);
    for (const c of charts) c.destroy();
  };
}
