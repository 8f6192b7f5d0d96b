// Alerts: filter by state, acknowledge and silence buttons, and the delivery log.
import { api } from '../api.ts';
import { h, link } from '../dom.ts';

interface AlertView {
  id: string;
  state: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string | null;
  value: number | null;
  status: { acknowledged: { at: string; by: string } | null; silencedBy: string[] };
}
interface Delivery { id: string; receiver: string; status: string; alertStatus: string; alerts: { alertname?: string; device?: string }[]; createdAt: string; attempts: { ok: boolean; httpStatus?: number; error?: string }[] }

const FILTERS = ['firing', 'pending', 'acknowledged', 'silenced', 'resolved', 'all'] as const;
const SILENCE_HOURS = 1;

/** Render the alerts page; `state` is the filter from the URL. */
export async function renderAlerts(root: HTMLElement, state: string, rerender: (state: string) => void): Promise<void> {
  const query = state === 'all' ? '' : `?state=${encodeURIComponent(state)}`;
  const [{ alerts }, deliveries] = await Promise.all([
    api<{ alerts: AlertView[] }>(`/api/v1/alerts${query}`),
    api<{ deliveries: Delivery[] } | Delivery[]>('/api/v1/alerts/deliveries?limit=50'),
  ]);
  const log = Array.isArray(deliveries) ? deliveries : deliveries.deliveries;
  const message = h('p', { class: 'error', role: 'alert' });
  const act = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
      rerender(state);
    } catch (e) {
      message.textContent = (e as Error).message;
    }
  };
  const ack = (a: AlertView) => api(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST', body: { by: 'dashboard' } });
  // Silence exactly this alert: match every label it has.
  const silence = (a: AlertView) =>
    api('/api/v1/alerts/silences', {
      method: 'POST',
      body: {
        matchers: Object.entries(a.labels).map(([name, value]) => ({ name, value })),
        endsAt: new Date(Date.now() + SILENCE_HOURS * 3600_000).toISOString(),
        comment: `silenced from the dashboard for ${SILENCE_HOURS} h`,
        createdBy: 'dashboard',
      },
    });
  const rows = alerts.map((a) =>
    h(
      'tr',
      { 'data-alert': a.id, 'data-state': a.state },
      h('td', {}, a.labels.alertname ?? a.id),
      h('td', {}, a.labels.device ? link(`/devices/${encodeURIComponent(a.labels.device)}`, a.labels.device) : '–'),
      h('td', {}, a.labels.severity ?? ''),
      h('td', {}, h('span', { class: `badge ${a.state}` }, a.state)),
      h('td', {}, a.startsAt ? new Date(a.startsAt).toLocaleString() : ''),
      h('td', { class: 'num' }, a.value === null ? '' : a.value.toPrecision(4)),
      h(
        'td',
        { class: 'actions' },
        a.state === 'firing' || a.state === 'pending' ? h('button', { type: 'button', 'data-action': 'ack', onclick: act(() => ack(a)) }, 'Acknowledge') : null,
        a.state !== 'resolved' && a.state !== 'silenced' ? h('button', { type: 'button', 'data-action': 'silence', onclick: act(() => silence(a)) }, `Silence ${SILENCE_HOURS} h`) : null,
      ),
    ),
  );
  const deliveryRows = log.map((d) =>
    h(
      'tr',
      {},
      h('td', {}, new Date(d.createdAt).toLocaleString()),
      h('td', {}, d.receiver),
      h('td', {}, d.alerts.map((x) => `${x.alertname ?? ''} ${x.device ?? ''}`.trim()).join(', ')),
      h('td', {}, d.alertStatus),
      h('td', {}, h('span', { class: `badge ${d.status}` }, d.status)),
      h('td', {}, d.attempts.map((t) => (t.ok ? `ok ${t.httpStatus ?? ''}` : (t.error ?? `HTTP ${t.httpStatus ?? '?'}`))).join('; ')),
    ),
  );
  root.replaceChildren(
    h('h1', {}, 'Alerts'),
    h('div', { class: 'toolbar' }, ...FILTERS.map((f) => h('button', { type: 'button', class: f === state ? 'active' : '', 'data-filter': f, onclick: () => rerender(f) }, f))),
    message,
    h(
      'section',
      { class: 'card' },
      alerts.length === 0
        ? h('p', { class: 'muted' }, `No ${state === 'all' ? '' : `${state} `}alerts.`)
        : h('table', { class: 'alerts' }, h('thead', {}, h('tr', {}, ...['Alert', 'Device', 'Severity', 'State', 'Since', 'Value', ''].map((t) => h('th', {}, t)))), h('tbody', {}, ...rows)),
    ),
    h('h2', {}, 'Delivery log'),
    h(
      'section',
      { class: 'card' },
      log.length === 0
        ? h('p', { class: 'muted' }, 'No notifications sent yet (add a receiver: POST /api/v1/alerts/receivers).')
        : h('table', { class: 'deliveries' }, h('thead', {}, h('tr', {}, ...['Created', 'Receiver', 'Alerts', 'Kind', 'Status', 'Attempts'].map((t) => h('th', {}, t)))), h('tbody', {}, ...deliveryRows)),
    ),
  );
}
