// The dashboard end to end: the real spin.toml through the runner (every
// component is real wasm), demo data loaded by the real `edgewatch demo`, and
// the page driven in Debian's Chromium. Screenshots go to artifacts/.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '@edgewatch/runner';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const ARTIFACTS = path.join(import.meta.dirname, '../artifacts');
const README_IMAGE = path.join(REPO_ROOT, 'apps/dashboard/docs/dashboard-device.png');
const ADMIN = 'e2e-admin-token-0123456789';
// The CLI replays NAB as this device; the page's button loads the synthetic "demo-machine".
const DEVICE = 'nab-machine';

let app: Awaited<ReturnType<typeof startTestApp>>;
let browser: Browser;
let page: Page;

const admin = (p: string, init: RequestInit = {}) => app.fetch(p, { ...init, headers: { authorization: `Bearer ${ADMIN}`, ...init.headers } });
const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  app = await startTestApp({ from: REPO_ROOT, variables: { admin_token: ADMIN } });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('dashboard', () => {
  it('unauthenticated_api_calls_get_401_never_data', async () => {
    for (const p of ['/api/v1/devices', '/api/v1/alerts', `/api/v1/series?device=${DEVICE}&name=temperature`, `/api/v1/devices/${DEVICE}/latest`]) {
      const response = await app.fetch(p);
      expect(response.status, p).toBe(401);
      expect(response.headers.get('content-type'), p).toBe('application/problem+json');
    }
  });

  it('serves_the_page_and_hashed_assets_with_caching_headers', async () => {
    const html = await app.fetch('/devices/anything');
    expect(html.status).toBe(200);
    expect(html.headers.get('cache-control')).toBe('no-cache');
    const script = /src="([^"]+\.js)"/.exec(await html.text())![1]!;
    const js = await app.fetch(script);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await app.fetch(script, { headers: { 'if-none-match': js.headers.get('etag')! } })).status).toBe(304);
    expect((await app.fetch('/api/v1/no-such-thing')).headers.get('content-type')).toBe('application/problem+json');
  });

  it('asks_for_the_token_and_offers_demo_data_on_an_empty_store', async () => {
    await page.goto(`${app.url}/`);
    await page.fill('input[name=token]', 'wrong-token');
    await page.click('button[type=submit]');
    await page.getByText('That token was refused (401).').waitFor();
    await page.fill('input[name=token]', ADMIN);
    await page.click('button[type=submit]');
    const empty = page.locator('[data-empty=devices]');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('npx edgewatch demo');
    // The token lives in this tab's sessionStorage only.
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await shot('01-empty.png');
  });

  it('loads_demo_data_with_the_button', async () => {
    await page.click('button[data-action=load-demo]');
    await page.waitForURL(/\/devices\/demo-machine\?range=7d$/, { timeout: 240_000 });
    const chart = page.locator('.chart[data-kind=measurement][data-series=temperature]');
    await chart.locator('canvas').waitFor();
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(100);
    const { devices } = (await (await admin('/api/v1/devices')).json()) as { devices: { id: string; points: number }[] };
    // Points count the readings the device sent (7 days every 5 minutes), not the anomaly scores stored beside them.
    expect(devices.find((d) => d.id === 'demo-machine')?.points).toBe(7 * 288);
  });

  it('loads_demo_data_with_the_cli', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, 'tools/cli/src/main.ts'), 'demo', '--url', app.url, '--token', ADMIN, '--days', '14', '--device', DEVICE],
      { timeout: 280_000 },
    );
    expect(stdout).toMatch(/demo: \d+ readings of .* as device "nab-machine"/);
    const { devices } = (await (await admin('/api/v1/devices')).json()) as { devices: { id: string; points: number }[] };
    expect(devices.find((d) => d.id === DEVICE)?.points).toBeGreaterThan(1000);
  });

  it('lists_the_device_with_status_counts_and_search', async () => {
    await page.goto(`${app.url}/`);
    const row = page.locator(`tr[data-device=${DEVICE}]`);
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toMatch(/^(ok|alerting)$/);
    await page.fill('input[type=search]', 'no-such-device');
    await expect.poll(() => row.isHidden()).toBe(true);
    await page.fill('input[type=search]', 'nab');
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.locator('tr[data-device=demo-machine]').isHidden()).toBe(true);
    // The components' counters (issue #11): the demo's readings are counted as accepted.
    expect(await page.locator('[data-stats]').count()).toBe(3);
    const ingestCard = page.locator('[data-stats=ingest]');
    if (!(await ingestCard.textContent())?.includes('not available')) expect(await ingestCard.textContent()).toMatch(/accepted[\s\S]*[1-9]/);
    await shot('02-devices.png');
  });

  it('charts_each_measurement_with_its_anomaly_track', async () => {
    await page.goto(`${app.url}/devices/${DEVICE}?range=7d`);
    const measurement = page.locator('.chart[data-kind=measurement][data-series=temperature]');
    const anomaly = page.locator('.chart[data-kind=anomaly][data-series="temperature/anomaly_score"]');
    await measurement.locator('canvas').waitFor();
    await anomaly.locator('canvas').waitFor();
    expect(Number(await measurement.getAttribute('data-points'))).toBeGreaterThan(100);
    expect(Number(await anomaly.getAttribute('data-points'))).toBeGreaterThan(100);
    // Downsampled server-side: never more windows than the chart has pixels.
    expect(Number(await measurement.getAttribute('data-points'))).toBeLessThanOrEqual(1280);
    // The canvases hold a drawn line, not just axes: count the line colour's pixels.
    const linePixels = (selector: string, rgb: [number, number, number]) =>
      page.evaluate(
        ([sel, [r, g, b]]) => {
          const canvas = document.querySelector(`${sel} canvas`) as HTMLCanvasElement;
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - r) < 40 && Math.abs(data[i + 1]! - g) < 40 && Math.abs(data[i + 2]! - b) < 40 && data[i + 3]! > 100) n++;
          return n;
        },
        [selector, rgb] as const,
      );
    expect(await linePixels('.chart[data-kind=measurement]', [37, 99, 235])).toBeGreaterThan(200);
    expect(await linePixels('.chart[data-kind=anomaly]', [220, 38, 38])).toBeGreaterThan(50);
    await page.click('button[data-range="1h"]');
    await expect.poll(async () => Number(await measurement.getAttribute('data-points'))).toBeLessThan(20);
    await page.click('button[data-range="7d"]');
    await expect.poll(async () => Number(await page.locator('.chart[data-kind=measurement]').getAttribute('data-points'))).toBeGreaterThan(100);
    await expect.poll(() => page.url()).toContain('range=7d');
  });

  it('shows_a_custom_range_from_the_link', async () => {
    const now = Math.floor(Date.now() / 1000);
    await page.goto(`${app.url}/devices/${DEVICE}?from=${now - 14 * 86_400}&to=${now}`);
    expect(await page.locator('button[data-range=custom]').getAttribute('class')).toBe('active');
    expect(await page.locator('input[aria-label=From]').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    const measurement = page.locator('.chart[data-kind=measurement]');
    await measurement.locator('canvas').waitFor();
    // 14 days of 5-minute data is 4032 points: downsampled to the chart's width.
    const points = Number(await measurement.getAttribute('data-points'));
    expect(points).toBeGreaterThan(500);
    expect(points).toBeLessThanOrEqual(1280);
    await shot('03-device.png');
    mkdirSync(path.dirname(README_IMAGE), { recursive: true });
    copyFileSync(path.join(ARTIFACTS, '03-device.png'), README_IMAGE);
  });

  it('acknowledging_an_alert_in_the_page_changes_its_state_through_the_api', async () => {
    await page.goto(`${app.url}/alerts?state=all`);
    const ackButton = page.locator('tr[data-state=firing] button[data-action=ack], tr[data-state=pending] button[data-action=ack]').first();
    await ackButton.waitFor();
    const id = await ackButton.locator('xpath=ancestor::tr').getAttribute('data-alert');
    expect(id).toBeTruthy();
    const before = (await (await admin(`/api/v1/alerts/${id}`)).json()) as { state: string };
    expect(['firing', 'pending']).toContain(before.state);
    await ackButton.click();
    await page.locator(`tr[data-alert="${id}"][data-state=acknowledged]`).waitFor();
    const after = (await (await admin(`/api/v1/alerts/${id}`)).json()) as { state: string; status: { acknowledged: { by: string } | null } };
    expect(after.state).toBe('acknowledged');
    expect(after.status.acknowledged?.by).toBe('dashboard');
    await shot('04-alerts.png');
  });

  it('silencing_an_alert_in_the_page_creates_a_silence', async () => {
    const button = page.locator('button[data-action=silence]').first();
    await button.waitFor();
    await button.click();
    await expect
      .poll(async () => ((await (await admin('/api/v1/alerts/silences')).json()) as { silences: unknown[] }).silences.length)
      .toBeGreaterThan(0);
  });

  it('sends_the_user_back_to_login_when_the_token_stops_working', async () => {
    await page.evaluate(() => sessionStorage.setItem('edgewatch.adminToken', 'revoked'));
    await page.goto(`${app.url}/devices/${DEVICE}`);
    await page.getByText('Your session ended: sign in again.').waitFor();
  });
});
