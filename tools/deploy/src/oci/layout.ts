// The Spin OCI artifact as an OCI image layout directory (`oci-layout`,
// `index.json`, `blobs/sha256/*`): the same manifest `spin registry push`
// sends — one layer per wasm and per mounted file, the locked app as a layer of
// Spin's application media type, and a minimal wasm/wasip1 image config that
// points at it — so `oras cp --from-oci-layout` can push it unchanged.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256Digest, type Blob, type LockedApp } from './locked-app.ts';

/** Media types, as in Spin's crates/oci client. */
export const MEDIA_TYPES = {
  lockedApp: 'application/vnd.fermyon.spin.application.v1+config',
  wasm: 'application/vnd.wasm.content.layer.v1+wasm',
  data: 'application/vnd.wasm.content.layer.v1+data',
  imageConfig: 'application/vnd.oci.image.config.v1+json',
  manifest: 'application/vnd.oci.image.manifest.v1+json',
  index: 'application/vnd.oci.image.index.v1+json',
} as const;

/** Label through which Spin ties the image config to the locked app layer. */
export const LOCKED_APP_DIGEST_LABEL = 'com.fermyon.spin.lockedAppDigest';

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

/** The OCI image manifest of the artifact. */
export interface ImageManifest {
  schemaVersion: 2;
  mediaType: typeof MEDIA_TYPES.manifest;
  config: Descriptor;
  layers: Descriptor[];
  annotations: Record<string, string>;
}

/** What writeOciLayout wrote: the folder, the manifest and its descriptor. */
export interface WrittenLayout {
  dir: string;
  manifest: ImageManifest;
  manifestDescriptor: Descriptor;
}

function writeBlob(dir: string, bytes: Uint8Array): { digest: string; size: number } {
  const digest = sha256Digest(bytes);
  writeFileSync(path.join(dir, 'blobs', 'sha256', digest.slice('sha256:'.length)), bytes);
  return { digest, size: bytes.length };
}

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** Write `locked` and its blobs to `dir` (replaced), tagged `tag` in index.json. */
export function writeOciLayout(dir: string, locked: LockedApp, blobs: Blob[], options: { tag: string; created: string }): WrittenLayout {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true });

  const layers: Descriptor[] = blobs.map((blob) => ({ mediaType: blob.kind === 'wasm' ? MEDIA_TYPES.wasm : MEDIA_TYPES.data, ...writeBlob(dir, blob.bytes) }));
  const lockedLayer = { mediaType: MEDIA_TYPES.lockedApp, ...writeBlob(dir, json(locked)) };
  layers.push(lockedLayer);

  // Without the locked app's digest every Spin app would share one image config
  // digest, and container runtimes would take them for the same image.
  const imageConfig = {
    architecture: 'wasm',
    os: 'wasip1',
    config: { Labels: { [LOCKED_APP_DIGEST_LABEL]: lockedLayer.digest } },
    rootfs: { type: 'layers', diff_ids: [] },
  };
  const config = { mediaType: MEDIA_TYPES.imageConfig, ...writeBlob(dir, json(imageConfig)) };

  const meta = locked.metadata as { name: string; version?: string; description?: string; authors?: string[] };
  const annotations: Record<string, string> = {
    'org.opencontainers.image.title': meta.name,
    ...(meta.version ? { 'org.opencontainers.image.version': meta.version } : {}),
    ...(meta.description ? { 'org.opencontainers.image.description': meta.description } : {}),
    ...(meta.authors?.length ? { 'org.opencontainers.image.authors': meta.authors.join(', ') } : {}),
    'org.opencontainers.image.created': options.created,
  };
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MEDIA_TYPES.manifest, config, layers, annotations };
  const manifestDescriptor: Descriptor = {
    mediaType: MEDIA_TYPES.manifest,
    ...writeBlob(dir, json(manifest)),
    annotations: { 'org.opencontainers.image.ref.name': options.tag },
  };
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: MEDIA_TYPES.index, manifests: [manifestDescriptor] }, null, 2));
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  return { dir, manifest, manifestDescriptor };
}

/** Read a blob back from a layout by digest (tests, push). */
export function readLayoutBlob(dir: string, digest: string): Buffer {
  return readFileSync(path.join(dir, 'blobs', 'sha256', digest.replace(/^sha256:/, '')));
}
