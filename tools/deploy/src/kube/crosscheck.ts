// Cross-check rendered SpinKube manifests against spin.toml: the things a schema
// cannot see. The image is this app at this version; every SpinApp variable is
// declared, secret ones come from a Secret, required ones are always supplied;
// the runtime config serves exactly the key-value labels the components use;
// probe and CronJob paths reach the component they are meant for.
import { parse as parseToml } from 'smol-toml';
import { compileRoute, RouteTable } from '@edgewatch/runner';
import type { SpinToml } from '../manifest/spin-toml.ts';
import type { KubeObject } from './kustomize.ts';

interface SpinVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: KeyRef; secretKeyRef?: KeyRef };
}
interface KeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface SpinAppSpec {
  image: string;
  variables?: SpinVar[];
  runtimeConfig?: { loadFromSecret?: string };
  checks?: { liveness?: { httpGet?: { path: string } }; readiness?: { httpGet?: { path: string } } };
}

/** Key a SpinApp's runtimeConfig.loadFromSecret Secret must hold (spin-operator's contract). */
export const RUNTIME_CONFIG_KEY = 'runtime-config.toml';

const find = (objects: KubeObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const secretText = (secret: KubeObject, key: string) => {
  const data = (secret.data ?? {}) as Record<string, string>;
  const stringData = (secret.stringData ?? {}) as Record<string, string>;
  return stringData[key] ?? (data[key] !== undefined ? Buffer.from(data[key], 'base64').toString('utf8') : undefined);
};

function routeTable(spin: SpinToml): RouteTable {
  const routes = (spin.doc.trigger?.http ?? []).filter((t) => typeof t.route === 'string').map((t) => compileRoute(t.component, t.route as string));
  return new RouteTable(routes);
}

/** Problems with a runtime-config TOML for `spin`'s components; `where` names it in messages. */
export function checkRuntimeConfig(spin: SpinToml, text: string, where: string): string[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (error) {
    return [`${where}: not valid TOML: ${(error as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  for (const key of Object.keys(doc)) if (key !== 'key_value_store') problems.push(`${where}: [${key}] is not used by edgewatch; remove it`);
  const stores = (doc.key_value_store ?? {}) as Record<string, { type?: string; url?: string }>;
  const used = new Set(Object.values(spin.doc.component ?? {}).flatMap((c) => c.key_value_stores ?? []));
  for (const label of used) if (!stores[label]) problems.push(`${where}: no [key_value_store.${label}], which spin.toml's components use; add it`);
  for (const [label, store] of Object.entries(stores)) {
    if (!used.has(label)) problems.push(`${where}: [key_value_store.${label}] is not used by any component in spin.toml; remove it or fix the label`);
    if (store.type !== 'redis') problems.push(`${where}: key_value_store.${label}.type is "${store.type}"; the cluster profile serves key-value from Redis (type = "redis")`);
    else if (!/^rediss?:\/\/[^/\s]+(\/\d+)?$/.test(store.url ?? '')) problems.push(`${where}: key_value_store.${label}.url "${store.url ?? ''}" is not redis://host:port[/db]`);
  }
  return problems;
}

function checkVariables(spin: SpinToml, spec: SpinAppSpec, objects: KubeObject[]): string[] {
  const problems: string[] = [];
  const declared = spin.doc.variables ?? {};
  const seen = new Set<string>();
  for (const v of spec.variables ?? []) {
    const at = `SpinApp.spec.variables[${v.name}]`;
    const decl = declared[v.name];
    if (seen.has(v.name)) problems.push(`${at}: listed twice`);
    seen.add(v.name);
    if (!decl) {
      problems.push(`${at}: spin.toml declares no variable "${v.name}" (declared: ${Object.keys(declared).join(', ')}); fix the name or remove it`);
      continue;
    }
    const fromSecret = v.valueFrom?.secretKeyRef;
    const fromConfigMap = v.valueFrom?.configMapKeyRef;
    if (decl.secret && !fromSecret) problems.push(`${at}: secret in spin.toml, so it must come from valueFrom.secretKeyRef, not ${v.value !== undefined ? 'a literal value' : 'a ConfigMap'}`);
    const ref = fromSecret ?? fromConfigMap;
    if (decl.default === undefined && ref?.optional) problems.push(`${at}: spin.toml gives it no default, so its ${fromSecret ? 'Secret' : 'ConfigMap'} key must not be optional`);
    if (ref) {
      const kind = fromSecret ? 'Secret' : 'ConfigMap';
      const source = find(objects, kind, ref.name);
      const present = source && (kind === 'Secret' ? secretText(source, ref.key) !== undefined : (source.data as Record<string, string> | undefined)?.[ref.key] !== undefined);
      // A Secret created out of band (not rendered) is fine; a rendered one must carry the key unless optional.
      if (source && !present && !ref.optional) problems.push(`${at}: ${kind} ${ref.name} has no key "${ref.key}"`);
    }
  }
  for (const [name, decl] of Object.entries(declared)) {
    if ((decl.secret || decl.default === undefined) && !seen.has(name)) {
      problems.push(`SpinApp.spec.variables: "${name}" is ${decl.secret ? 'secret' : 'not defaulted'} in spin.toml and must be supplied from the edgewatch-secrets Secret; add it`);
    }
  }
  for (const o of objects.filter((x) => x.kind === 'ConfigMap')) {
    const referenced = (spec.variables ?? []).some((v) => v.valueFrom?.configMapKeyRef?.name === o.metadata.name);
    if (!referenced) continue;
    for (const key of Object.keys((o.data ?? {}) as object)) {
      if (!declared[key]) problems.push(`ConfigMap/${o.metadata.name}: key "${key}" is not a variable in spin.toml`);
      else if (declared[key]!.secret) problems.push(`ConfigMap/${o.metadata.name}: "${key}" is secret; move it to the Secret`);
      else if (!(spec.variables ?? []).some((v) => v.name === key)) problems.push(`ConfigMap/${o.metadata.name}: "${key}" is set but the SpinApp does not bind it; add it to spec.variables`);
    }
  }
  return problems;
}

/** Split `host[:port]/repo[:tag][@digest]`; a `:` before the last `/` is a registry port, not a tag. */
export function parseImage(image: string): { repository: string; tag?: string; digest?: string } {
  const [ref, digest] = image.split('@') as [string, string | undefined];
  const colon = ref.lastIndexOf(':');
  const tagged = colon > ref.lastIndexOf('/');
  return { repository: tagged ? ref.slice(0, colon) : ref, ...(tagged ? { tag: ref.slice(colon + 1) } : {}), ...(digest ? { digest } : {}) };
}

/** Everything in `objects` (one rendered overlay) that disagrees with `spin`. */
export function crossCheck(spin: SpinToml, objects: KubeObject[]): string[] {
  const apps = objects.filter((o) => o.kind === 'SpinApp');
  if (apps.length !== 1) return [`expected exactly one SpinApp, found ${apps.length}`];
  const spec = apps[0]!.spec as SpinAppSpec;
  const problems: string[] = [];
  const { name, version } = spin.doc.application;
  const image = parseImage(spec.image);
  if (image.repository.split('/').pop() !== name) problems.push(`SpinApp.spec.image: "${spec.image}" should be a repository named "${name}" (application.name in spin.toml)`);
  else if (!image.digest && image.tag !== version) problems.push(`SpinApp.spec.image: tag "${image.tag ?? '(none)'}" should be "${version}" (application.version in spin.toml) or pin a digest`);

  problems.push(...checkVariables(spin, spec, objects));

  const secretName = spec.runtimeConfig?.loadFromSecret;
  if (!secretName) problems.push('SpinApp.spec.runtimeConfig.loadFromSecret: not set; the key-value store would fall back to the pod-local default');
  else {
    const secret = find(objects, 'Secret', secretName);
    const text = secret && secretText(secret, RUNTIME_CONFIG_KEY);
    if (!secret) problems.push(`SpinApp.spec.runtimeConfig.loadFromSecret: Secret ${secretName} is not in the rendered manifests`);
    else if (text === undefined) problems.push(`Secret/${secretName}: no key ${RUNTIME_CONFIG_KEY}`);
    else problems.push(...checkRuntimeConfig(spin, text, `Secret/${secretName}[${RUNTIME_CONFIG_KEY}]`));
  }

  const routes = routeTable(spin);
  for (const probe of ['liveness', 'readiness'] as const) {
    const path = spec.checks?.[probe]?.httpGet?.path;
    if (!path) problems.push(`SpinApp.spec.checks.${probe}.httpGet.path: not set`);
    // The catch-all `/...` (the dashboard's static files) matches any path, so it proves nothing.
    else if (!/\/health$/.test(path) || (routes.match(path)?.route.raw ?? '/...') === '/...') problems.push(`SpinApp.spec.checks.${probe}.httpGet.path: "${path}" is not a component's /health route in spin.toml`);
  }
  for (const cron of objects.filter((o) => o.kind === 'CronJob')) {
    const containers = ((cron.spec as { jobTemplate?: { spec?: { template?: { spec?: { containers?: { args?: string[] }[] } } } } }).jobTemplate?.spec?.template?.spec?.containers ?? []);
    for (const url of containers.flatMap((c) => c.args ?? []).filter((a) => /^https?:\/\//.test(a))) {
      const parsed = new URL(url);
      const match = routes.match(parsed.pathname);
      if (parsed.hostname !== apps[0]!.metadata.name) problems.push(`CronJob/${cron.metadata.name}: ${url} should call the SpinApp's Service "${apps[0]!.metadata.name}"`);
      if (!match) problems.push(`CronJob/${cron.metadata.name}: ${parsed.pathname} is not routed by spin.toml`);
    }
  }
  return problems;
}
