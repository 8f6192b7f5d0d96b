// Dashboard benchmark (issue #10's performance targets), reported, never asserted:
//   - the page's JS, gzipped (target < 150 KB), from the built apps/dashboard/dist/web;
//   - rendering a 7-day series of 1-minute data (10k points) × 3 measurements, each
//     with its anomaly track, with the dashboard's own chart module in headless
//     Chromium, timed in the page with performance.now() up to the next frame.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const WEB_DIST = path.join(REPO_ROOT, 'apps/dashboard/dist/web/assets');
const CHART_DIR = path.join(REPO_ROOT, 'apps/dashboard/web');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface DashboardBench {
  jsFile: string;
  jsBytes: number;
  jsGzipBytes: number;
  points: number;
  measurements: number;
  renderMs: number[];
}

// The chart module is bundled from source here (by path, not by import: tools do not import apps).
const ENTRY = `
import { renderMeasurementChart } from './chart.ts';
window.benchRender = async (points, measurements, width) => {
  const root = document.getElementById('root');
  root.replaceChildren();
  const t0 = 1_700_000_000;
  const xs = Array.from({ length: points }, (_, i) => t0 + i * 60);
  const data = Array.from({ length: measurements }, (_, m) => ({
    name: 'm' + m, unit: null, periods: [{ from: t0 + 3000 * 60, to: t0 + 3600 * 60, state: 'firing', name: 'x' }],
    range: { from: xs[0], to: xs[points - 1] },
    values: [xs, xs.map((_, i) => 20 + 5 * Math.sin(i / 1440 * 2 * Math.PI) + ((i * 7919) % 100) / 100 + m)],
    scores: [xs, xs.map((_, i) => ((i * 104729) % 1000) / 1000)],
  }));
  const start = performance.now();
  const charts = data.flatMap((chart) => renderMeasurementChart(root, chart, width));
  await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  const ms = performance.now() - start;
  for (const c of charts) c.destroy();
  return ms;
};`;

/** Measure the bundle size and `runs` renders. */
export async function benchDashboard(runs = 7): Promise<DashboardBench> {
  const jsFile = readdirSync(WEB_DIST).find((f) => f.endsWith('.js'));
  if (!jsFile) throw new Error(`no built dashboard in ${WEB_DIST}; run: npx nx run app-dashboard:build`);
  const js = readFileSync(path.join(WEB_DIST, jsFile));
  const bundle = await build({ stdin: { contents: ENTRY, resolveDir: CHART_DIR, loader: 'ts' }, bundle: true, minify: true, write: false, format: 'iife', loader: { '.css': 'empty' } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.setContent('<!doctype html><body><div id="root" style="width:1200px"></div></body>');
    await page.addStyleTag({ content: readFileSync(path.join(REPO_ROOT, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8') });
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const renderMs: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const ms = await page.evaluate(([p, m, w]) => (window as unknown as { benchRender: (p: number, m: number, w: number) => Promise<number> }).benchRender(p, m, w), [10_080, 3, 1168] as const);
      if (i > 0) renderMs.push(ms); // the first run warms the JIT up
    }
    return { jsFile, jsBytes: js.length, jsGzipBytes: gzipSync(js).length, points: 10_080, measurements: 3, renderMs };
  } finally {
    await browser.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The report lines. */
export function formatDashboardBench(b: DashboardBench): string {
  return [
    'Dashboard (headless Chromium, the dashboard\'s own uPlot chart module):',
    `  page JS ${b.jsFile}: ${(b.jsBytes / 1024).toFixed(1)} KiB, ${(b.jsGzipBytes / 1024).toFixed(1)} KiB gzipped (target < 150 KB)`,
    `  render ${b.measurements} × ${b.points.toLocaleString('en')} points (+ anomaly tracks): median ${median(b.renderMs).toFixed(0)} ms, ` +
      `min ${Math.min(...b.renderMs).toFixed(0)} ms, max ${Math.max(...b.renderMs).toFixed(0)} ms over ${b.renderMs.length} runs (target < 500 ms)`,
  ].join('\n');
}
