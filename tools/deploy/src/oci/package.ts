// Build the Spin OCI artifact of an app: lock spin.toml, then write the OCI
// image layout. What `npm run package` runs; tests call it directly.
import { readSpinToml } from '../manifest/spin-toml.ts';
import { lockApp } from './locked-app.ts';
import { writeOciLayout, type WrittenLayout } from './layout.ts';

/** Options of packageApp. */
export interface PackageOptions {
  /** Tag recorded in index.json (`org.opencontainers.image.ref.name`); default the app version. */
  tag?: string;
  /** RFC 3339 creation time; default SOURCE_DATE_EPOCH when set (reproducible builds), else now. */
  created?: string;
}

/** The creation time to stamp: SOURCE_DATE_EPOCH wins so two builds of one commit are byte-identical. */
export function creationTime(env: Record<string, string | undefined> = process.env): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  return epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000).toISOString() : new Date().toISOString();
}

/** Package the app of `manifestPath` into the OCI layout `outDir` (replaced). */
export function packageApp(manifestPath: string, outDir: string, options: PackageOptions = {}): WrittenLayout & { tag: string } {
  const spin = readSpinToml(manifestPath);
  const { locked, blobs } = lockApp(spin);
  const tag = options.tag ?? spin.doc.application.version ?? 'latest';
  return { ...writeOciLayout(outDir, locked, blobs, { tag, created: options.created ?? creationTime() }), tag };
}
