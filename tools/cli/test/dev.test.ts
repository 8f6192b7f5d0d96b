// `edgewatch dev` end to end, as a user runs it: the real command in a child
// process, the real Nx project graph of this repository, real wasm served by the
// runner. The app is a temporary spin.toml whose two components are built (per
// their build commands) by the Nx projects sensor-handler and app-alerting; the
// injected --build-command records which projects it was asked to build and
// "builds" sensor-handler by copying a second real component over the served
// file, so the test costs no real build. A source change is an mtime bump (no
// content change in the shared checkout). The touched crate is one nothing else
// depends on, so edits elsewhere in a busy checkout do not join its batch.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The runner's own test helper: builds a tiny real component answering a fixed text.
import { buildTextComponent } from '../../runner/test/support/variant-component.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const MAIN = path.join(ROOT, 'tools/cli/src/main.ts');
const dir = mkdtempSync(path.join(os.tmpdir(), 'edgewatch-dev-'));
const BUILDS_LOG = path.join(dir, 'builds.log');
const FAIL_NEXT = path.join(dir, 'fail-next');
let child: ChildProcess;
let url = '';
const lines: string[] = [];

/** Resolves with the first output line (seen so far or later) matching `pattern`. */
async function line(pattern: RegExp, from = 0): Promise<string> {
  for (;;) {
    const found = lines.slice(from).find((l) => pattern.test(l));
    if (found) return found;
    if (child.exitCode !== null) throw new Error(`edgewatch dev exited (${child.exitCode}):\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const text = async (route: string) => {
  const response = await fetch(`${url}${route}`);
  expect(response.status).toBe(200);
  return response.text();
};

/** The builds the injected build command ran that included `project` (one line of project names each). */
const buildsOf = (project: string) =>
  readFileSync(BUILDS_LOG, 'utf8')
    .split('\n')
    .filter((l) => l.split(' ').includes(project));

const touch = (file: string) => {
  const now = new Date();
  utimesSync(path.join(ROOT, file), now, now);
};

beforeAll(async () => {
  const [v1, v2] = await Promise.all([buildTextComponent('first build'), buildTextComponent('second build')]);
  copyFileSync(v1, path.join(dir, 'alerting.wasm'));
  copyFileSync(v1, path.join(dir, 'edge.wasm'));
  writeFileSync(
    path.join(dir, 'build.mjs'),
    `import { appendFileSync, copyFileSync, existsSync } from 'node:fs';
const projects = process.argv.slice(2);
appendFileSync(${JSON.stringify(BUILDS_LOG)}, projects.join(' ') + '\\n');
if (existsSync(${JSON.stringify(FAIL_NEXT)})) {
  console.error('error TS2322: simulated compile error');
  process.exit(1);
}
if (projects.includes('sensor-handler')) copyFileSync(${JSON.stringify(v2)}, ${JSON.stringify(path.join(dir, 'edge.wasm'))});
`,
  );
  writeFileSync(
    path.join(dir, 'spin.toml'),
    `spin_manifest_version = 2
[application]
name = "dev-test"
[[trigger.http]]
route = "/alerting/..."
component = "alerting"
[[trigger.http]]
route = "/edge/..."
component = "edge"
[component.alerting]
source = "alerting.wasm"
[component.alerting.build]
command = "npx nx run app-alerting:build"
[component.edge]
source = "edge.wasm"
[component.edge.build]
command = "npx nx run sensor-handler:build"
`,
  );
  const buildCommand = `"${process.execPath}" ${path.join(dir, 'build.mjs')} {projects}`;
  child = spawn(
    process.execPath,
    [MAIN, 'dev', '-f', dir, '--listen', '127.0.0.1:0', '--workers', '2', '--state-dir', path.join(dir, 'state'), '--build-command', buildCommand, '--debounce-ms', '200'],
    { cwd: ROOT, env: { ...process.env, NX_DAEMON: 'false' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let partial = '';
  const collect = (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  url = /Serving (http:\/\/\S+)/.exec(await line(/^Serving /))![1]!;
  await line(/^dev: watching /);
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
});

describe('edgewatch dev', () => {
  it('maps_both_components_to_their_nx_projects_at_start', async () => {
    expect(await line(/^dev: watching /)).toContain('rebuilds: alerting (app-alerting), edge (sensor-handler)');
  });

  it('rebuilds_only_the_touched_component_and_serves_its_new_code', async () => {
    expect(await text('/edge/x')).toBe('first build');
    const from = lines.length;
    touch('rust-kernels/sensor-handler/src/verdict.rs');
    expect(await line(/verdict\.rs.* → building /, from)).toMatch(/rust-kernels\/sensor-handler\/src\/verdict\.rs changed → building edge \(sensor-handler\)$/);
    const done = await line(/^dev: (rebuilt edge|build of sensor-handler)/, from);
    expect(done).toMatch(/^dev: rebuilt edge in \d+\.\d s \(sensor-handler\), swapped in \d+\.\d s \(edge\.wasm, transpiled in \d+\.\d s\); 0 requests failed during the swap/);
    expect(buildsOf('sensor-handler')).toEqual(['sensor-handler']);
    expect(await text('/edge/x')).toBe('second build');
    expect(await text('/alerting/x')).toBe('first build');
  });

  it('keeps_serving_the_previous_code_when_the_build_fails', async () => {
    writeFileSync(FAIL_NEXT, '');
    try {
      const from = lines.length;
      touch('rust-kernels/sensor-handler/src/router.rs');
      expect(await line(/^dev: build of sensor-handler/, from)).toMatch(/^dev: build of sensor-handler failed after \d+\.\d s; still serving the previous code/);
      expect(await line(/simulated compile error/, from)).toBe('dev:   error TS2322: simulated compile error');
      expect(buildsOf('sensor-handler')).toEqual(['sensor-handler', 'sensor-handler']);
      expect(await text('/edge/x')).toBe('second build');
    } finally {
      rmSync(FAIL_NEXT);
    }
  });

  it('does_not_apply_a_spin_toml_change_live_and_says_so', async () => {
    const from = lines.length;
    const manifest = path.join(dir, 'spin.toml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8'));
    expect(await line(/spin\.toml changed/, from)).toContain('restart edgewatch dev to apply them');
  });
});
