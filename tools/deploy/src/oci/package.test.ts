// The Spin OCI artifact: an OCI image layout whose blobs are content-addressed,
// whose manifest carries one wasm layer per component and dependency, a data
// layer per mounted file and the locked app under Spin's media type, and whose
// locked app mirrors spin.toml.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSpinToml } from '../manifest/spin-toml.ts';
import { LOCKED_APP_DIGEST_LABEL, MEDIA_TYPES, readLayoutBlob, type ImageManifest } from './layout.ts';
import { sha256Digest, type LockedApp } from './locked-app.ts';
import { packageApp } from './package.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SENSOR = path.join(ROOT, 'rust-kernels/dist/sensor-handler.wasm');
const KERNELS = path.join(ROOT, 'rust-kernels/dist/anomaly.wasm');

const FIXTURE = `spin_manifest_version = 2
[application]
name = "fixture"
version = "1.2.3"
authors = ["a", "b"]
[variables]
token = { required = true, secret = true }
greeting = { default = "hi" }
[[trigger.http]]
route = "/a/..."
component = "front"
[[trigger.http]]
route = "/b"
component = "front"
[[trigger.http]]
route = "/k/..."
component = "kernel-user"
[component.front]
source = "front.wasm"
allowed_outbound_hosts = ["http://kernel-user.spin.internal"]
files = [{ source = "static", destination = "/www" }]
[component.front.variables]
token = "{{ token }}"
[component.kernel-user]
source = "front.wasm"
key_value_stores = ["default"]
[component.kernel-user.dependencies]
"edgewatch:kernels/anomaly@0.1.0" = { path = "kernels.wasm" }
`;

function readManifest(dir: string): { manifest: ImageManifest; locked: LockedApp } {
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(readLayoutBlob(dir, index.manifests[0]!.digest).toString('utf8')) as ImageManifest;
  const lockedLayer = manifest.layers.find((l) => l.mediaType === MEDIA_TYPES.lockedApp)!;
  return { manifest, locked: JSON.parse(readLayoutBlob(dir, lockedLayer.digest).toString('utf8')) as LockedApp };
}

describe('packaging a Spin app as an OCI layout', () => {
  let work: string;
  let out: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'edgewatch-package-'));
    copyFileSync(SENSOR, path.join(work, 'front.wasm'));
    copyFileSync(KERNELS, path.join(work, 'kernels.wasm'));
    mkdirSync(path.join(work, 'static/css'), { recursive: true });
    writeFileSync(path.join(work, 'static/index.html'), '<h1>edgewatch</h1>');
    writeFileSync(path.join(work, 'static/css/big.css'), 'x'.repeat(4096));
    writeFileSync(path.join(work, 'spin.toml'), FIXTURE);
    out = path.join(work, 'oci');
    packageApp(path.join(work, 'spin.toml'), out, { created: '2024-01-02T03:04:05.000Z' });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes_an_oci_image_layout_whose_blobs_match_their_digests', () => {
    expect(JSON.parse(readFileSync(path.join(out, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const blobs = readdirSync(path.join(out, 'blobs/sha256'));
    for (const hex of blobs) expect(sha256Digest(readFileSync(path.join(out, 'blobs/sha256', hex)))).toBe(`sha256:${hex}`);
    const { manifest } = readManifest(out);
    for (const d of [manifest.config, ...manifest.layers]) {
      expect(blobs).toContain(d.digest.slice('sha256:'.length));
      expect(readLayoutBlob(out, d.digest).length).toBe(d.size);
    }
  });

  it('has_one_wasm_layer_per_distinct_wasm_and_the_locked_app_layer', () => {
    const { manifest } = readManifest(out);
    const wasm = manifest.layers.filter((l) => l.mediaType === MEDIA_TYPES.wasm);
    // front.wasm is used by two components: one layer, as Spin deduplicates.
    expect(wasm.map((l) => l.digest).sort()).toEqual([sha256Digest(readFileSync(SENSOR)), sha256Digest(readFileSync(KERNELS))].sort());
    expect(manifest.layers.filter((l) => l.mediaType === MEDIA_TYPES.lockedApp)).toHaveLength(1);
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.config.mediaType).toBe('application/vnd.oci.image.config.v1+json');
  });

  it('ties_the_image_config_to_the_locked_app_digest', () => {
    const { manifest } = readManifest(out);
    const config = JSON.parse(readLayoutBlob(out, manifest.config.digest).toString('utf8')) as { architecture: string; os: string; config: { Labels: Record<string, string> } };
    expect(config.architecture).toBe('wasm');
    expect(config.os).toBe('wasip1');
    expect(config.config.Labels[LOCKED_APP_DIGEST_LABEL]).toBe(manifest.layers.find((l) => l.mediaType === MEDIA_TYPES.lockedApp)!.digest);
  });

  it('locks_components_triggers_and_variables_like_spin', () => {
    const { locked } = readManifest(out);
    expect(locked.spin_lock_version).toBe(1);
    expect(locked.host_requirements).toEqual({ local_service_chaining: 'required' });
    expect(locked.variables).toEqual({ token: { secret: true }, greeting: { default: 'hi' } });
    expect(locked.triggers.map((t) => t.id)).toEqual(['front-http-trigger', 'http-trigger1', 'kernel-user-http-trigger']);
    expect(locked.triggers[1]!.trigger_config).toEqual({ route: '/b', component: 'front' });
    const front = locked.components.find((c) => c.id === 'front')!;
    expect(front.source.digest).toBe(sha256Digest(readFileSync(SENSOR)));
    expect(front.config).toEqual({ token: '{{ token }}' });
    const user = locked.components.find((c) => c.id === 'kernel-user')!;
    expect(user.metadata.key_value_stores).toEqual(['default']);
    expect(user.dependencies?.['edgewatch:kernels/anomaly@0.1.0']?.source.digest).toBe(sha256Digest(readFileSync(KERNELS)));
  });

  it('packs_mounted_files_as_data_layers_and_inlines_tiny_ones', () => {
    const { manifest, locked } = readManifest(out);
    const files = locked.components.find((c) => c.id === 'front')!.files!;
    expect(files.map((f) => f.path).sort()).toEqual(['www/css/big.css', 'www/index.html']);
    const small = files.find((f) => f.path === 'www/index.html')!;
    expect(Buffer.from(small.inline!, 'base64').toString()).toBe('<h1>edgewatch</h1>');
    const big = files.find((f) => f.path === 'www/css/big.css')!;
    expect(manifest.layers.find((l) => l.digest === big.digest)?.mediaType).toBe(MEDIA_TYPES.data);
    expect(manifest.layers.some((l) => l.digest === small.digest)).toBe(false);
  });

  it('is_reproducible_for_the_same_creation_time', () => {
    const again = path.join(work, 'oci-again');
    const first = packageApp(path.join(work, 'spin.toml'), again, { created: '2024-01-02T03:04:05.000Z' });
    const second = packageApp(path.join(work, 'spin.toml'), path.join(work, 'oci-third'), { created: '2024-01-02T03:04:05.000Z' });
    expect(first.manifestDescriptor.digest).toBe(second.manifestDescriptor.digest);
    const later = packageApp(path.join(work, 'spin.toml'), path.join(work, 'oci-later'), { created: '2025-01-01T00:00:00.000Z' });
    expect(later.manifestDescriptor.digest).not.toBe(first.manifestDescriptor.digest);
  });

  it('refuses_a_variable_spin_would_refuse', () => {
    writeFileSync(path.join(work, 'bad.toml'), FIXTURE.replace('greeting = { default = "hi" }', 'greeting = { required = false }'));
    expect(() => packageApp(path.join(work, 'bad.toml'), path.join(work, 'oci-bad'))).toThrow(/variables\.greeting: Spin requires exactly one of/);
  });
});

describe('npm run package on the repository', () => {
  it('packages_every_component_of_spin_toml', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'edgewatch-oci-'));
    try {
      const result = spawnSync(process.execPath, ['tools/deploy/src/package-cli.ts', '--out', out], { cwd: ROOT, encoding: 'utf8' });
      expect(result.stderr, result.stderr).toBe('');
      expect(result.status).toBe(0);
      const { locked, manifest } = readManifest(out);
      const spin = readSpinToml(path.join(ROOT, 'spin.toml'));
      expect(locked.components.map((c) => c.id).sort()).toEqual(Object.keys(spin.doc.component ?? {}).sort());
      for (const [id, c] of Object.entries(spin.doc.component ?? {})) {
        const digest = sha256Digest(readFileSync(path.join(ROOT, c.source as string)));
        expect(locked.components.find((l) => l.id === id)!.source.digest).toBe(digest);
        expect(manifest.layers.some((l) => l.digest === digest && l.mediaType === MEDIA_TYPES.wasm)).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rejects_a_bad_tag_with_one_line', () => {
    const result = spawnSync(process.execPath, ['tools/deploy/src/package-cli.ts', '--tag', 'no spaces'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^package: --tag "no spaces"/);
  });
});

