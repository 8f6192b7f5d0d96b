// A small kustomize: renders deploy/spinkube overlays without kubectl, so the
// tests can check what `kubectl apply -k` would send on any machine. It covers
// exactly the subset the overlays use (resources, components, patches,
// configMap/secret generators with fixed names, namespace) and refuses any
// other key, so it can never silently render something kubectl would not.
// Where kubectl is installed, a test compares both renderings.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as parsed from YAML. */
export type KubeObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; [k: string]: unknown }; [k: string]: unknown };

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  literals?: string[];
  files?: string[];
  type?: string;
}

interface Patch {
  path?: string;
  patch?: string;
  target?: { group?: string; version?: string; kind?: string; name?: string };
}

const KNOWN_KEYS = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'configMapGenerator', 'secretGenerator', 'generatorOptions', 'namespace']);

/** Thrown for a kustomization this renderer cannot render; names the file and key. */
export class KustomizeError extends Error {
  override name = 'KustomizeError';
}

/** Parse every YAML document of a file (empty documents dropped); throws naming the file. */
export function readYamlDocuments(file: string): unknown[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'));
  return docs
    .map((doc) => {
      if (doc.errors.length) throw new KustomizeError(`${file}: ${doc.errors[0]!.message.split('\n')[0]}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

const idOf = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
const isBuiltIn = (apiVersion: string) => !apiVersion.includes('/') || !apiVersion.split('/')[0]!.includes('.');

/** RFC 7386 JSON merge patch: objects merge, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function containsArray(value: unknown): boolean {
  return Array.isArray(value) || (value !== null && typeof value === 'object' && Object.values(value).some(containsArray));
}

function generate(file: string, dir: string, kind: 'ConfigMap' | 'Secret', gen: Generator, objects: KubeObject[]): void {
  const where = `${file}: ${kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator'} "${gen.name}"`;
  const unknown = Object.keys(gen).filter((k) => !['name', 'behavior', 'literals', 'files', 'type'].includes(k));
  if (unknown.length) throw new KustomizeError(`${where}: ${unknown.join(', ')} not supported here; use literals or files`);
  const data: Record<string, string> = {};
  for (const literal of gen.literals ?? []) {
    const eq = literal.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`${where}: literal "${literal}" is not key=value`);
    data[literal.slice(0, eq)] = literal.slice(eq + 1);
  }
  for (const entry of gen.files ?? []) {
    const [key, rel] = entry.includes('=') ? [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] : [path.basename(entry), entry];
    const abs = path.resolve(dir, rel);
    if (!existsSync(abs)) throw new KustomizeError(`${where}: file ${rel} does not exist next to the kustomization`);
    data[key] = readFileSync(abs, 'utf8');
  }
  const encode = (d: Record<string, string>) => (kind === 'Secret' ? Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Buffer.from(v).toString('base64')])) : d);
  const existing = objects.findIndex((o) => o.kind === kind && o.metadata.name === gen.name);
  const behavior = gen.behavior ?? 'create';
  if (behavior === 'create') {
    if (existing >= 0) throw new KustomizeError(`${where}: already exists in a resource; use behavior: merge or replace`);
    objects.push({ apiVersion: 'v1', kind, metadata: { name: gen.name }, data: encode(data), ...(kind === 'Secret' ? { type: gen.type ?? 'Opaque' } : {}) });
    return;
  }
  if (existing < 0) throw new KustomizeError(`${where}: behavior ${behavior} needs an existing ${kind} "${gen.name}" from the resources`);
  const old = objects[existing]!;
  objects[existing] = { ...old, data: behavior === 'merge' ? { ...(old.data as Record<string, string>), ...encode(data) } : encode(data) };
}

function applyPatch(file: string, dir: string, patch: Patch, objects: KubeObject[]): void {
  const text = patch.patch ?? (patch.path ? readFileSync(path.resolve(dir, patch.path), 'utf8') : undefined);
  if (text === undefined) throw new KustomizeError(`${file}: patches entry needs path or patch`);
  const docs = parseAllDocuments(text).map((d) => d.toJS() as unknown);
  if (docs.length !== 1 || Array.isArray(docs[0])) throw new KustomizeError(`${file}: patch ${patch.path ?? '(inline)'}: only one strategic-merge patch document is supported (no JSON6902 lists)`);
  const body = docs[0] as KubeObject;
  const t = patch.target ?? {};
  const kind = t.kind ?? body.kind;
  const name = t.name ?? body.metadata?.name;
  const matches = objects.filter((o) => o.kind === kind && o.metadata.name === name && (!t.group || o.apiVersion.startsWith(`${t.group}/`)) && (!t.version || o.apiVersion.endsWith(`/${t.version}`)));
  if (matches.length === 0) throw new KustomizeError(`${file}: patch ${patch.path ?? '(inline)'}: no resource ${kind}/${name} to patch`);
  for (const target of matches) {
    // kustomize merges lists of built-in kinds by key (strategic merge); for
    // custom resources it replaces them, which is what mergePatch does.
    if (isBuiltIn(target.apiVersion) && containsArray(body.spec)) {
      throw new KustomizeError(`${file}: patch ${patch.path ?? '(inline)'}: lists in a patch of built-in ${target.kind} merge by key in kustomize; not supported here`);
    }
    const { apiVersion: _a, kind: _k, ...rest } = body;
    const patched = mergePatch(target, { ...rest, metadata: { ...body.metadata, name: target.metadata.name } }) as KubeObject;
    objects[objects.indexOf(target)] = patched;
  }
}

function render(dir: string, expectKind: 'Kustomization' | 'Component'): KubeObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  if (!existsSync(file)) throw new KustomizeError(`${dir}: no kustomization.yaml`);
  const k = readYamlDocuments(file)[0] as Record<string, unknown> & { resources?: string[]; components?: string[]; patches?: Patch[]; configMapGenerator?: Generator[]; secretGenerator?: Generator[]; generatorOptions?: Record<string, unknown>; namespace?: string };
  const unknown = Object.keys(k).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length) throw new KustomizeError(`${file}: ${unknown.join(', ')} is not supported by tools/deploy's renderer; extend kustomize.ts or use the supported keys`);
  if (k.kind !== expectKind) throw new KustomizeError(`${file}: kind must be ${expectKind} here (got ${String(k.kind)})`);
  const generators = (k.configMapGenerator?.length ?? 0) + (k.secretGenerator?.length ?? 0);
  if (generators && k.generatorOptions?.disableNameSuffixHash !== true) {
    throw new KustomizeError(`${file}: generators need generatorOptions.disableNameSuffixHash: true (SpinApp references are not rewritten to hashed names)`);
  }

  const objects: KubeObject[] = [];
  for (const ref of k.resources ?? []) {
    const abs = path.resolve(dir, ref);
    if (!existsSync(abs)) throw new KustomizeError(`${file}: resources: ${ref} does not exist`);
    if (statSync(abs).isDirectory()) objects.push(...render(abs, 'Kustomization'));
    else objects.push(...(readYamlDocuments(abs) as KubeObject[]));
  }
  for (const ref of k.components ?? []) {
    const componentDir = path.resolve(dir, ref);
    const component = readYamlDocuments(path.join(componentDir, 'kustomization.yaml'))[0] as { patches?: Patch[] };
    // A component's resources join ours; its patches then apply to everything.
    objects.push(...render(componentDir, 'Component'));
    for (const patch of component.patches ?? []) applyPatch(path.join(componentDir, 'kustomization.yaml'), componentDir, patch, objects);
  }
  for (const gen of k.configMapGenerator ?? []) generate(file, dir, 'ConfigMap', gen, objects);
  for (const gen of k.secretGenerator ?? []) generate(file, dir, 'Secret', gen, objects);
  if (expectKind === 'Kustomization') for (const patch of k.patches ?? []) applyPatch(file, dir, patch, objects);
  if (k.namespace) for (const o of objects) o.metadata = { ...o.metadata, namespace: k.namespace };

  const seen = new Set<string>();
  for (const o of objects) {
    if (seen.has(idOf(o))) throw new KustomizeError(`${file}: ${idOf(o)} is defined twice`);
    seen.add(idOf(o));
  }
  return objects;
}

/** Render the kustomization in `dir` like `kubectl kustomize dir`. */
export function kustomize(dir: string): KubeObject[] {
  return render(dir, 'Kustomization');
}
