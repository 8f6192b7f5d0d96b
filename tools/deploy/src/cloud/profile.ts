// The Fermyon Cloud / Akamai Functions profile of edgewatch, generated from the
// root spin.toml so it never drifts: paths rebased to deploy/fermyon-cloud/,
// service chaining replaced by self requests (the app's own public routes),
// manifest expressions in allowed_outbound_hosts written out literally, and the
// `internal_call_mode` variable telling components which of the two to use.
import path from 'node:path';
import { stringify as stringifyToml } from 'smol-toml';
import { chainedComponent, type ComponentDoc, type SpinToml, type SpinTomlDoc } from '../manifest/spin-toml.ts';

/** Spin variable components read to choose how they call each other: `chaining` (`http://<id>.spin.internal`, the default) or `self` (a request without authority, routed through the app's public routes). */
export const INTERNAL_CALL_MODE = 'internal_call_mode';

/** Hosts a self request needs, in Spin's allowed_outbound_hosts syntax. */
export const SELF_HOSTS = ['http://self', 'https://self'];

/** Options of the cloud profile generator. */
export interface CloudProfileOptions {
  /** Folder the profile's spin.toml will live in (paths are rebased to it). */
  outDir: string;
  /** Literal values for variables used in allowed_outbound_hosts; default each variable's default. */
  hosts?: Record<string, string>;
}

/** Thrown when the profile cannot be generated; names the key. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

const rebase = (from: string, to: string, rel: string) => path.relative(to, path.resolve(from, rel)).split(path.sep).join('/');

function literalHosts(spin: SpinToml, id: string, hosts: string[], overrides: Record<string, string>): { hosts: string[]; chains: boolean } {
  let chains = false;
  const out: string[] = [];
  for (const host of hosts) {
    if (chainedComponent(host) !== undefined) {
      chains = true;
      out.push(...SELF_HOSTS);
      continue;
    }
    out.push(
      host.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (_, name: string) => {
        const value = overrides[name] ?? spin.doc.variables?.[name]?.default;
        if (value === undefined) throw new ProfileError(`component.${id}.allowed_outbound_hosts: {{ ${name} }} has no default; pass --host ${name}=https://...`);
        return value;
      }),
    );
  }
  return { hosts: [...new Set(out)], chains };
}

/** The cloud profile's manifest document. */
export function cloudProfileDoc(spin: SpinToml, options: CloudProfileOptions): SpinTomlDoc {
  const doc = structuredClone(spin.doc);
  const to = path.resolve(options.outDir);
  const components: Record<string, ComponentDoc> = {};
  let anyChains = false;
  for (const [id, c] of Object.entries(doc.component ?? {})) {
    const next: ComponentDoc = { ...c };
    if (typeof c.source === 'string') next.source = rebase(spin.appDir, to, c.source);
    if (c.dependencies) {
      next.dependencies = Object.fromEntries(
        Object.entries(c.dependencies).map(([name, dep]) => [name, typeof dep === 'object' && typeof dep.path === 'string' ? { ...dep, path: rebase(spin.appDir, to, dep.path) } : dep]),
      );
    }
    if (c.files) next.files = c.files.map((f) => (typeof f === 'string' ? { source: rebase(spin.appDir, to, f), destination: f } : { ...f, source: rebase(spin.appDir, to, f.source) }));
    // Build commands and their watch globs stay relative to the repository root.
    if (c.build) next.build = { ...c.build, workdir: rebase(spin.appDir, to, typeof c.build.workdir === 'string' ? c.build.workdir : '.') };
    if (c.allowed_outbound_hosts) {
      const { hosts, chains } = literalHosts(spin, id, c.allowed_outbound_hosts, options.hosts ?? {});
      next.allowed_outbound_hosts = hosts;
      if (chains) {
        anyChains = true;
        next.variables = { ...c.variables, [INTERNAL_CALL_MODE]: `{{ ${INTERNAL_CALL_MODE} }}` };
        // Components that read no Spin variables (the wasi-only Rust sensor-handler) get it from the environment.
        next.environment = { ...c.environment, EDGEWATCH_INTERNAL_CALL_MODE: 'self' };
      }
    }
    components[id] = next;
  }
  doc.component = components;
  // Spin's loader needs `required = true` or a default; an optional variable
  // written without one (accepted by the local runner) becomes default "", which
  // components already read as unset.
  for (const [name, v] of Object.entries(doc.variables ?? {})) {
    if (!v.required && v.default === undefined) doc.variables![name] = { default: '', ...(v.secret ? { secret: true } : {}) };
  }
  if (anyChains) doc.variables = { ...doc.variables, [INTERNAL_CALL_MODE]: { default: 'self' } };
  for (const [name, value] of Object.entries(options.hosts ?? {})) {
    if (!doc.variables?.[name]) throw new ProfileError(`--host ${name}=${value}: spin.toml declares no variable "${name}"`);
  }
  return doc;
}

/** The cloud profile as TOML text, with a header saying how it was made. */
export function cloudProfileToml(spin: SpinToml, options: CloudProfileOptions): string {
  const rel = path.relative(path.resolve(options.outDir), spin.file).split(path.sep).join('/');
  const overrides = Object.entries(options.hosts ?? {}).map(([k, v]) => ` --host ${k}=${v}`).join('');
  const header = [
    `# GENERATED from ${rel} by \`node tools/deploy/src/cloud-profile-cli.ts${overrides}\`: do not edit;`,
    '# change the root spin.toml and regenerate (a test fails when this file is stale).',
    '# Fermyon Cloud / Akamai Functions profile: no local service chaining (components call',
    `# each other through the app's routes, ${INTERNAL_CALL_MODE} = "self"), no manifest`,
    '# expressions in allowed_outbound_hosts, one key-value store ("default"), no runtime config.',
    '',
  ].join('\n');
  return header + stringifyToml(cloudProfileDoc(spin, options)) + '\n';
}
