// The components' counters (issue #11): points accepted/refused by reason,
// alerts by state, deliveries. Either endpoint may be missing on an older
// deployment: its card then says so instead of failing the page.
import { optionalApi } from '../api.ts';
import { h } from '../dom.ts';

interface IngestStats { points: { accepted: number; refused: Record<string, number> }; batches: { accepted: number; refused: number } }
interface AlertStats { alerts: Record<string, number>; deliveries: Record<string, number> }

const card = (title: string, rows: [string, number | string][], id: string) =>
  h('section', { class: 'card stat', 'data-stats': id }, h('h3', {}, title), h('dl', {}, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));

const missing = (title: string, id: string) => h('section', { class: 'card stat muted', 'data-stats': id }, h('h3', {}, title), h('p', {}, 'not available on this deployment'));

/** Fetch both stats endpoints and render their cards. */
export async function renderStats(): Promise<HTMLElement> {
  const [ingest, alerts] = await Promise.all([
    optionalApi<IngestStats>('/api/v1/ingest/stats'),
    optionalApi<AlertStats>('/api/v1/alerts/stats'),
  ]);
  // Only the reasons that happened: a dozen zero rows would hide the one that matters.
  const refused = ingest ? Object.entries(ingest.points.refused).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]) : [];
  const refusedTotal = refused.reduce((sum, [, n]) => sum + n, 0);
  return h(
    'div',
    { class: 'stats' },
    ingest
      ? card('Points', [['accepted', ingest.points.accepted], ['refused (all reasons)', refusedTotal], ...refused.map(([reason, n]) => [`refused: ${reason}`, n] as [string, number]), ['batches accepted', ingest.batches.accepted], ['batches refused', ingest.batches.refused]], 'ingest')
      : missing('Points', 'ingest'),
    alerts ? card('Alerts', Object.entries(alerts.alerts), 'alerts') : missing('Alerts', 'alerts'),
    alerts ? card('Deliveries', Object.entries(alerts.deliveries), 'deliveries') : missing('Deliveries', 'deliveries'),
  );
}
