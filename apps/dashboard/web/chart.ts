// uPlot charts of one measurement: its values on top, its anomaly score in a
// short track underneath, cursors synced, alert periods shaded on both.
import uPlot from 'uplot';
import type { AlertPeriod } from './time.ts';

export interface MeasurementChart {
  name: string;
  unit: string | null;
  values: [number[], (number | null)[]];
  scores: [number[], (number | null)[]];
  periods: AlertPeriod[];
  range: { from: number; to: number };
}

const SHADE: Record<string, string> = { firing: 'rgba(220,38,38,0.16)', pending: 'rgba(234,179,8,0.18)', acknowledged: 'rgba(59,130,246,0.14)', silenced: 'rgba(107,114,128,0.14)' };
const shadeOf = (state: string) => SHADE[state] ?? 'rgba(220,38,38,0.10)';

/** A uPlot plugin that shades alert periods behind the series. */
function alertBands(periods: AlertPeriod[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        for (const p of periods) {
          const x0 = u.valToPos(p.from, 'x', true);
          const x1 = u.valToPos(p.to, 'x', true);
          ctx.fillStyle = shadeOf(p.state);
          ctx.fillRect(x0, top, Math.max(2, x1 - x0), height);
        }
        ctx.restore();
      },
    },
  };
}

function options(title: string, width: number, height: number, label: string, color: string, chart: MeasurementChart, syncKey: string, yRange?: [number, number]): uPlot.Options {
  return {
    title,
    width,
    height,
    cursor: { sync: { key: syncKey } },
    scales: { x: { time: true, range: [chart.range.from, chart.range.to] }, ...(yRange ? { y: { range: yRange } } : {}) },
    series: [{}, { label, stroke: color, width: 1.25, spanGaps: false, points: { show: false } }],
    axes: [{}, { size: 56 }],
    legend: { live: true },
    plugins: [alertBands(chart.periods)],
  };
}

/**
 * Draw the two charts of `chart` into `target`; returns the uPlot instances so the
 * caller can destroy them on re-render. `data-points` on each wrapper lets tests
 * and benchmarks see what was drawn.
 */
export function renderMeasurementChart(target: HTMLElement, chart: MeasurementChart, width: number): uPlot[] {
  const syncKey = `sync-${chart.name}`;
  const label = chart.unit ? `${chart.name} (${chart.unit})` : chart.name;
  const top = document.createElement('div');
  top.className = 'chart';
  top.dataset.kind = 'measurement';
  top.dataset.series = chart.name;
  top.dataset.points = String(chart.values[0].length);
  const bottom = document.createElement('div');
  bottom.className = 'chart anomaly';
  bottom.dataset.kind = 'anomaly';
  bottom.dataset.series = `${chart.name}/anomaly_score`;
  bottom.dataset.points = String(chart.scores[0].length);
  target.append(top, bottom);
  return [
    new uPlot(options(label, width, 220, chart.name, '#2563eb', chart, syncKey), chart.values as uPlot.AlignedData, top),
    new uPlot(options('', width, 110, 'anomaly score', '#dc2626', chart, syncKey, [0, 1]), chart.scores as uPlot.AlignedData, bottom),
  ];
}
