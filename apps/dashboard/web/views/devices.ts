// Devices: last seen, status (ok / stale / alerting), reading counts, search,
// the components' counters, and the first-run hint when the store is empty.
import { DEMO_DEVICE, replayDemo, shiftToNow, syntheticSeries } from '@edgewatch/demo-data';
import { api } from '../api.ts';
import { fmtTime, h, link, navigate } from '../dom.ts';
import { ago, deviceStatus } from '../time.ts';
import { renderStats } from './stats.ts';

export interface DeviceRow { id: string; createdAt: string; revokedAt?: string; batches: number; points: number; lastSeen?: number }
interface AlertLite { state: string; labels: Record<string, string> }

const BUTTON_DAYS = 7;

/** The empty state: the store has no device yet. */
function firstRun(): HTMLElement {
  const progress = h('p', { class: 'muted', 'aria-live': 'polite' });
  // The browser cannot read ../shared/nab, so the button replays the synthetic machine; the CLI replays NAB.
  const load = async () => {
    button.disabled = true;
    try {
      const points = shiftToNow(syntheticSeries(BUTTON_DAYS), Date.now() / 1000, BUTTON_DAYS);
      const report = await replayDemo(
        (method, path, body, token) => api(path, { method, body, ...(token ? { as: token } : {}) }),
        points,
        { progress: (posted, total) => (progress.textContent = `Posted ${posted} of ${total} readings…`) },
      );
      progress.textContent = `Loaded ${report.readings} readings, ${report.alerts} alert(s).`;
      navigate(`/devices/${DEMO_DEVICE}?range=${BUTTON_DAYS}d`);
    } catch (error) {
      progress.textContent = (error as Error).message;
      button.disabled = false;
    }
  };
  const button = h('button', { type: 'button', 'data-action': 'load-demo', onclick: load }, `Load demo data (${BUTTON_DAYS} days, synthetic)`);
  return h(
    'section',
    { class: 'card empty', 'data-empty': 'devices' },
    h('h2', {}, 'No devices yet'),
    h('p', {}, 'Load a demo data set: a machine replayed as device "demo-machine", with anomaly scores and alerts.'),
    h('p', {}, button),
    progress,
    h('p', {}, 'Or from a shell (replays the NAB machine-temperature series when ../shared/nab is there):'),
    h('pre', {}, 'EDGEWATCH_ADMIN_TOKEN=<token> npx edgewatch demo'),
    h('p', {}, 'Register a real device with ', h('code', {}, 'npx edgewatch devices add <id>'), '.'),
  );
}

/** Render the device list into `root`. */
export async function renderDevices(root: HTMLElement): Promise<void> {
  const [{ devices }, { alerts }, stats] = await Promise.all([
    api<{ devices: DeviceRow[] }>('/api/v1/devices'),
    api<{ alerts: AlertLite[] }>('/api/v1/alerts?state=firing'),
    renderStats(),
  ]);
  const firing = new Map<string, number>();
  for (const a of alerts) if (a.labels.device) firing.set(a.labels.device, (firing.get(a.labels.device) ?? 0) + 1);
  const now = Date.now() / 1000;
  const rows = devices.map((d) => {
    const status = d.revokedAt ? 'revoked' : deviceStatus(d.lastSeen, now, firing.get(d.id) ?? 0);
    return h(
      'tr',
      { 'data-device': d.id },
      h('td', {}, link(`/devices/${encodeURIComponent(d.id)}`, d.id)),
      h('td', {}, h('span', { class: `badge ${status}` }, status)),
      h('td', { title: d.lastSeen ? fmtTime(d.lastSeen) : '' }, ago(d.lastSeen, now)),
      h('td', { class: 'num' }, d.points.toLocaleString()),
      h('td', { class: 'num' }, d.batches.toLocaleString()),
    );
  });
  const search = h('input', { type: 'search', placeholder: 'Search devices', 'aria-label': 'Search devices' });
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    for (const row of rows) row.hidden = q !== '' && !row.dataset.device!.toLowerCase().includes(q);
  });
  const table = h(
    'table',
    { class: 'devices' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Device'), h('th', {}, 'Status'), h('th', {}, 'Last seen'), h('th', { class: 'num', title: 'readings the device sent (anomaly scores not counted)' }, 'Readings'), h('th', { class: 'num' }, 'Batches'))),
    h('tbody', {}, ...rows),
  );
  root.replaceChildren(h('h1', {}, 'Devices'), stats, devices.length === 0 ? firstRun() : h('section', { class: 'card' }, search, table));
}
