// The portable wasi:http profile, proven: each component's imports read from its
// wasm; the Rust sensor-handler imports only wasi:* and answers a real request
// through a second wasi:http host (preview2-shim's HTTPServer, no Spin, no
// runner), while the TypeScript components import fermyon:spin/*.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpile } from '@bytecodealliance/jco';
import { readSpinToml } from '../manifest/spin-toml.ts';
import { freePort } from '../testing/redis-server.ts';
import { judgeApp, type Portability } from './portability.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
// Inside the repository (and git-ignored), so the transpiled glue resolves the workspace's preview2-shim.
const OUT = fileURLToPath(new URL('../../dist/wasi-http-test/', import.meta.url));

describe('portable wasi:http components', () => {
  let judged: Portability[];
  beforeAll(async () => {
    judged = await judgeApp(readSpinToml(path.join(ROOT, 'spin.toml')));
  });
  const byId = (id: string) => judged.find((j) => j.component === id)!;

  it('finds_sensor_handler_portable_with_only_wasi_imports', () => {
    const sensor = byId('sensor-handler');
    expect(sensor.portable).toBe(true);
    expect(sensor.imports.length).toBeGreaterThan(0);
    expect(sensor.imports.every((i) => i.startsWith('wasi:'))).toBe(true);
    expect(sensor.exports).toContain('wasi:http/incoming-handler@0.2.3');
  });

  it('finds_the_typescript_components_tied_to_spin', () => {
    for (const id of ['ingest', 'alerting']) {
      const c = byId(id);
      expect(c.portable, id).toBe(false);
      expect(c.imports.some((i) => i.startsWith('fermyon:spin/')), `${id} imports ${c.imports.join(', ')}`).toBe(true);
      expect(c.blockers.every((b) => b.startsWith('imports ') && !b.includes(' wasi:'))).toBe(true);
    }
  });

  describe('sensor-handler on preview2-shim HTTPServer', () => {
    let server: { listen(port: number, host: string): void; stop(): void };
    let base: string;
    beforeAll(async () => {
      const wasm = readFileSync(byId('sensor-handler').file);
      const { files } = await transpile(wasm, { name: 'sensor-handler', quiet: true });
      rmSync(OUT, { recursive: true, force: true });
      for (const [file, data] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(OUT, file)), { recursive: true });
        writeFileSync(path.join(OUT, file), data);
      }
      const mod = (await import(pathToFileURL(path.join(OUT, 'sensor-handler.js')).href)) as { incomingHandler: unknown };
      const { HTTPServer } = (await import('@bytecodealliance/preview2-shim/http')) as unknown as { HTTPServer: new (handler: unknown) => typeof server };
      server = new HTTPServer(mod.incomingHandler);
      const port = await freePort();
      server.listen(port, '127.0.0.1');
      base = `http://127.0.0.1:${port}`;
    });
    afterAll(() => server?.stop());

    it('answers_a_reading_without_token_with_a_verdict', async () => {
      const response = await fetch(`${base}/sensor`, { method: 'POST', body: JSON.stringify({ device: 'edge-1', temperature: 91.5, humidity: 20 }) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      const verdict = (await response.json()) as { device: string; alert: boolean };
      expect(verdict.device).toBe('edge-1');
      expect(verdict.alert).toBe(true);
    });

    it('judges_a_normal_reading_as_no_alert', async () => {
      const response = await fetch(`${base}/sensor`, { method: 'POST', body: JSON.stringify({ device: 'edge-2', temperature: 21, humidity: 40 }) });
      expect(((await response.json()) as { alert: boolean }).alert).toBe(false);
    });
  });
});
