// `npm run push`: refuses bad references and a missing tool in one line, and
// hands the packaged layout to oras unchanged (an `oras` script on PATH records
// the command line it was given).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('push-cli', () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'edgewatch-push-'));
    // A minimal valid layout is all push needs to read: index.json with a tag.
    writeFileSync(path.join(work, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ annotations: { 'org.opencontainers.image.ref.name': '0.1.0' } }] }));
    writeFileSync(path.join(work, 'oras'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${work}/oras-args"\n`);
    chmodSync(path.join(work, 'oras'), 0o755);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const push = (args: string[], pathVar: string) => spawnSync(process.execPath, ['tools/deploy/src/push-cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: pathVar } });

  it('says_what_to_install_when_neither_spin_nor_oras_is_on_path', () => {
    const result = push(['ghcr.io/acme/edgewatch:0.1.0'], path.join(work, 'empty'));
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^push: spin or oras is not on PATH; install Spin .* or ORAS/)]);
  });

  it('refuses_a_reference_without_a_registry', () => {
    const result = push(['edgewatch'], work);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^push: "edgewatch" is not a registry reference/);
  });

  it('pushes_the_layout_with_oras_cp', () => {
    const result = push(['localhost:5000/edgewatch:0.1.0', '--layout', work, '--with', 'oras'], work);
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(path.join(work, 'oras-args'), 'utf8').trim().split('\n')).toEqual(['cp', '--from-oci-layout', `${work}:0.1.0`, 'localhost:5000/edgewatch:0.1.0']);
  });
});
