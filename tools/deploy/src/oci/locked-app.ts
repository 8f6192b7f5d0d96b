// Spin's locked application (the JSON `spin registry push` stores as the
// `application/vnd.fermyon.spin.application.v1+config` layer), built from
// spin.toml the way Spin's loader does: metadata, variables, one trigger per
// [[trigger.http]] with Spin's generated ids, and components whose wasm (and
// dependencies, and mounted files) are referenced by sha256 digest.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chainedComponent, ManifestError, type SpinToml } from '../manifest/spin-toml.ts';

/** Content by digest; `inline` (base64) only for tiny files, as Spin does. */
export interface ContentRef {
  digest: string;
  inline?: string;
}

/** A component in the locked app: wasm by digest, metadata, config, dependencies. */
export interface LockedComponent {
  id: string;
  metadata: Record<string, unknown>;
  source: { content_type: 'application/wasm' } & ContentRef;
  env?: Record<string, string>;
  files?: (ContentRef & { path: string })[];
  config?: Record<string, string>;
  dependencies?: Record<string, { source: { content_type: 'application/wasm' } & ContentRef; export: string | null }>;
}

/** Spin's LockedApp (spin_lock_version 0/1) as JSON. */
export interface LockedApp {
  spin_lock_version: 0 | 1;
  must_understand?: ['host_requirements'];
  metadata: Record<string, unknown>;
  host_requirements?: { local_service_chaining: 'required' };
  variables?: Record<string, { default?: string; secret?: boolean }>;
  triggers: { id: string; trigger_type: string; trigger_config: Record<string, unknown> }[];
  components: LockedComponent[];
}

/** One blob the OCI artifact must carry, with where it came from. */
export interface Blob {
  digest: string;
  bytes: Uint8Array;
  kind: 'wasm' | 'data';
  origin: string;
}

// Spin inlines content up to this size into the locked app instead of a layer
// (some registries refuse 0- and 1-byte blobs).
const INLINE_MAX_BYTES = 128;

/** `sha256:<hex>` of some bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function readBlob(file: string, kind: Blob['kind'], where: string, blobs: Map<string, Blob>): ContentRef {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new ManifestError(`${where}: ${file} does not exist; build it first (npm run build)`);
  }
  const digest = sha256Digest(bytes);
  if (bytes.length <= INLINE_MAX_BYTES) return { digest, inline: Buffer.from(bytes).toString('base64') };
  if (!blobs.has(digest)) blobs.set(digest, { digest, bytes, kind, origin: file });
  return { digest };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => statSync(path.join(dir, rel)).isFile())
    .sort();
}

function lockFiles(spin: SpinToml, id: string, mounts: NonNullable<SpinToml['doc']['component']>[string]['files'], blobs: Map<string, Blob>) {
  const files: (ContentRef & { path: string })[] = [];
  for (const [index, mount] of (mounts ?? []).entries()) {
    const where = `${spin.file}: component.${id}.files[${index}]`;
    const source = typeof mount === 'string' ? mount : mount.source;
    const destination = typeof mount === 'string' ? mount : mount.destination;
    if (/[*?[\]]/.test(source)) throw new ManifestError(`${where}: glob patterns are not packaged by this tool; list the folder or use { source, destination }`);
    const abs = path.resolve(spin.appDir, source);
    const isDir = statSync(abs, { throwIfNoEntry: false })?.isDirectory();
    const entries = isDir ? listFiles(abs).map((rel) => [path.join(abs, rel), path.posix.join(destination, rel.split(path.sep).join('/'))]) : [[abs, destination]];
    for (const [file, guestPath] of entries) files.push({ ...readBlob(file!, 'data', where, blobs), path: guestPath!.replace(/^\/+/, '') });
  }
  return files;
}

function triggerIds(spin: SpinToml): string[] {
  // Spin's normalize_trigger_ids: `<component>-http-trigger` the first time a
  // component is seen, otherwise `http-trigger<N>` with the first free N.
  const triggers = spin.doc.trigger?.http ?? [];
  const taken = new Set(triggers.map((t) => t.id).filter((id): id is string => !!id));
  let counter = 1;
  return triggers.map((t) => {
    if (t.id) return t.id;
    const natural = `${t.component}-http-trigger`;
    if (!taken.has(natural)) return taken.add(natural), natural;
    while (taken.has(`http-trigger${counter}`)) counter++;
    const id = `http-trigger${counter}`;
    taken.add(id);
    return id;
  });
}

/** Lock `spin` for publishing: returns the locked app and the blobs its digests name. */
export function lockApp(spin: SpinToml): { locked: LockedApp; blobs: Blob[] } {
  const { doc } = spin;
  const blobs = new Map<string, Blob>();
  const variables: NonNullable<LockedApp['variables']> = {};
  for (const [name, v] of Object.entries(doc.variables ?? {})) {
    // Spin's loader refuses a variable that is neither required nor defaulted (and one that is both).
    if (!!v.required === (v.default !== undefined)) {
      throw new ManifestError(`${spin.file}: variables.${name}: Spin requires exactly one of \`required = true\` or a \`default\`; e.g. ${name} = { default = ""${v.secret ? ', secret = true' : ''} }`);
    }
    variables[name] = { ...(v.default !== undefined ? { default: v.default } : {}), ...(v.secret ? { secret: true } : {}) };
  }

  const components: LockedComponent[] = Object.entries(doc.component ?? {}).map(([id, c]) => {
    const where = `${spin.file}: component.${id}.source`;
    if (typeof c.source !== 'string') throw new ManifestError(`${where}: only local paths are packaged; download the wasm and give its path`);
    const dependencies: NonNullable<LockedComponent['dependencies']> = {};
    for (const [name, dep] of Object.entries(c.dependencies ?? {})) {
      if (typeof dep === 'string' || typeof dep.path !== 'string') throw new ManifestError(`${spin.file}: component.${id}.dependencies."${name}": only { path = "..." } dependencies are packaged`);
      const ref = readBlob(path.resolve(spin.appDir, dep.path), 'wasm', `${spin.file}: component.${id}.dependencies."${name}"`, blobs);
      dependencies[name] = { source: { content_type: 'application/wasm', ...ref }, export: dep.export ?? null };
    }
    const files = lockFiles(spin, id, c.files, blobs);
    return {
      id,
      metadata: {
        ...(c.description !== undefined ? { description: c.description } : {}),
        allowed_outbound_hosts: c.allowed_outbound_hosts ?? [],
        key_value_stores: c.key_value_stores ?? [],
        databases: c.sqlite_databases ?? [],
        ai_models: c.ai_models ?? [],
        ...(c.build ? { build: c.build } : {}),
      },
      source: { content_type: 'application/wasm', ...readBlob(path.resolve(spin.appDir, c.source), 'wasm', where, blobs) },
      ...(c.environment && Object.keys(c.environment).length ? { env: c.environment } : {}),
      ...(files.length ? { files } : {}),
      ...(c.variables && Object.keys(c.variables).length ? { config: c.variables } : {}),
      ...(Object.keys(dependencies).length ? { dependencies } : {}),
    };
  });

  const ids = triggerIds(spin);
  const triggers = (doc.trigger?.http ?? []).map((t, i) => {
    const { id: _id, ...config } = t;
    return { id: ids[i]!, trigger_type: 'http', trigger_config: config };
  });

  const chaining = Object.values(doc.component ?? {}).some((c) => (c.allowed_outbound_hosts ?? []).some((h) => chainedComponent(h) !== undefined));
  const { name, version, description, authors } = doc.application;
  const locked: LockedApp = {
    spin_lock_version: chaining ? 1 : 0,
    ...(chaining ? { must_understand: ['host_requirements'] as ['host_requirements'] } : {}),
    metadata: {
      name,
      ...(version !== undefined ? { version } : {}),
      ...(description !== undefined ? { description } : {}),
      authors: authors ?? [],
      triggers: {},
      trigger: { type: 'http' },
    },
    ...(chaining ? { host_requirements: { local_service_chaining: 'required' as const } } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
    triggers,
    components,
  };
  return { locked, blobs: [...blobs.values()] };
}
