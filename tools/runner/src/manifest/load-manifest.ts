// Load spin.toml: parse with a real TOML library, validate strictly, resolve
// paths, and check cross-references — so every mistake is reported at start-up
// with the key to fix, never at the first request.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { RunnerError } from '../errors.ts';
import { compileRoute, routeKey } from '../trigger-http/routes.ts';
import type { AppConfig, ComponentConfig, HttpRouteConfig, VariableDecl } from './app-config.ts';
import { formatSchemaIssues } from './format-issues.ts';
import { httpTriggersSchema, manifestSchema, type ComponentDocument } from './schema.ts';
import { templateReferences } from './templates.ts';

const COMPONENT_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const VARIABLE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const RESERVED_PREFIX = '/.well-known/spin/';

/** Find the manifest from a file or folder path (`-f`), as `spin up` does. */
export function resolveManifestPath(from: string): string {
  const candidate = path.resolve(from);
  if (existsSync(candidate) && statSync(candidate).isDirectory()) return path.join(candidate, 'spin.toml');
  return candidate;
}

function unsupported(message: string, component?: string): never {
  throw new RunnerError('MANIFEST_UNSUPPORTED', message, component);
}

function checkVariableName(file: string, name: string, where: string): void {
  if (!VARIABLE_NAME.test(name)) {
    throw new RunnerError(
      'VARIABLE_NAME',
      `${file}: ${where}: "${name}" is not a valid variable name; use lower-case letters, digits and single underscores, starting with a letter (e.g. "${name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}")`,
    );
  }
}

function resolveComponent(file: string, appDir: string, id: string, doc: ComponentDocument, variables: Record<string, VariableDecl>): ComponentConfig {
  if (!COMPONENT_ID.test(id)) {
    throw new RunnerError('MANIFEST_SCHEMA', `${file}: component.${id}: component ids are kebab-case (lower-case letters, digits, single hyphens)`, id);
  }
  if (typeof doc.source !== 'string') unsupported(`${file}: component.${id}.source: only local file paths are supported; download the wasm and give its path`, id);
  if (doc.allowed_http_hosts) unsupported(`${file}: component.${id}.allowed_http_hosts: removed in manifest version 2; use allowed_outbound_hosts = ["https://host"]`, id);
  if (doc.sqlite_databases?.length) unsupported(`${file}: component.${id}.sqlite_databases: the SQLite interface is not served by this runner yet; run \`spin up\` or remove it`, id);
  if (doc.ai_models?.length) unsupported(`${file}: component.${id}.ai_models: Serverless AI is not served by this runner; run \`spin up\` or remove it`, id);
  if (doc.files?.length) unsupported(`${file}: component.${id}.files: mounting files is not supported by this runner yet; embed assets in the component`, id);

  for (const [name, template] of Object.entries(doc.variables ?? {})) {
    checkVariableName(file, name, `component.${id}.variables`);
    for (const ref of templateReferences(template)) {
      if (!variables[ref]) {
        throw new RunnerError('VARIABLE_UNDECLARED', `${file}: component.${id}.variables.${name}: "{{ ${ref} }}" is not declared; add it under [variables]`, id);
      }
    }
  }
  for (const host of doc.allowed_outbound_hosts ?? []) {
    for (const ref of templateReferences(host)) {
      if (!variables[ref]) {
        throw new RunnerError('VARIABLE_UNDECLARED', `${file}: component.${id}.allowed_outbound_hosts: "{{ ${ref} }}" is not declared; add it under [variables]`, id);
      }
    }
  }

  const dependencies: Record<string, string> = {};
  for (const [name, dep] of Object.entries(doc.dependencies ?? {})) {
    if (typeof dep === 'string' || !('path' in dep)) {
      unsupported(`${file}: component.${id}.dependencies."${name}": only { path = "..." } dependencies are supported; registry and URL dependencies need \`spin up\``, id);
    }
    if (dep.export) unsupported(`${file}: component.${id}.dependencies."${name}".export: renamed exports are not supported yet`, id);
    dependencies[name] = path.resolve(appDir, dep.path);
  }

  return {
    id,
    source: path.resolve(appDir, doc.source),
    allowedOutboundHosts: doc.allowed_outbound_hosts ?? [],
    keyValueStores: doc.key_value_stores ?? [],
    environment: doc.environment ?? {},
    variables: doc.variables ?? {},
    dependencies,
    ...(doc.build ? { build: { command: doc.build.command, workdir: doc.build.workdir, watch: doc.build.watch } } : {}),
  };
}

function resolveRoutes(file: string, triggers: unknown[], components: Record<string, ComponentConfig>): HttpRouteConfig[] {
  const parsed = httpTriggersSchema.safeParse(triggers);
  if (!parsed.success) throw new RunnerError('MANIFEST_SCHEMA', formatSchemaIssues(file, parsed.error, ['trigger', 'http']).join('\n'));
  const seen = new Map<string, string>();
  return parsed.data.map((trigger, index) => {
    const where = `${file}: trigger.http[${index}]`;
    if (typeof trigger.component !== 'string') unsupported(`${where}.component: inline components are not supported; define [component.NAME] and refer to it by name`);
    if (trigger.executor && trigger.executor.type !== 'spin') unsupported(`${where}.executor: "${trigger.executor.type}" is not supported; only the default Spin (wasi:http) executor is`);
    if (trigger.static_response !== undefined) unsupported(`${where}.static_response: not supported by this runner`);
    const component = trigger.component;
    if (!components[component]) {
      const known = Object.keys(components).join(', ') || 'none';
      throw new RunnerError('TRIGGER_UNKNOWN_COMPONENT', `${where}.component: "${component}" is not defined (defined: ${known}); add [component.${component}] or fix the name`);
    }
    if (typeof trigger.route !== 'string') {
      if (!trigger.route.private) throw new RunnerError('TRIGGER_BAD_ROUTE', `${where}.route: must be a path or { private = true }`);
      return { component, route: null };
    }
    const route = trigger.route;
    if (route.startsWith(RESERVED_PREFIX) || `${route}/` === RESERVED_PREFIX) {
      throw new RunnerError('TRIGGER_RESERVED_ROUTE', `${where}.route: "${route}" is under ${RESERVED_PREFIX}, which Spin reserves; choose another path`);
    }
    let compiled;
    try {
      compiled = compileRoute(component, route);
    } catch (error) {
      throw new RunnerError('TRIGGER_BAD_ROUTE', `${where}.route: ${(error as Error).message}`);
    }
    const key = routeKey(compiled);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new RunnerError('TRIGGER_DUPLICATE_ROUTE', `${where}.route: "${route}" is already routed to component "${other}"; give one of them another route`);
    }
    seen.set(key, component);
    return { component, route };
  });
}

/** Parse and validate a manifest file into an AppConfig; throws RunnerError naming the culprit. */
export function loadManifest(manifestPath: string): AppConfig {
  const file = path.relative(process.cwd(), manifestPath) || manifestPath;
  let text: string;
  try {
    text = readFileSync(manifestPath, 'utf8');
  } catch (error) {
    throw new RunnerError('MANIFEST_READ', `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file; pass -f <spin.toml or its folder>' : (error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    throw new RunnerError('MANIFEST_SYNTAX', `${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new RunnerError('MANIFEST_SCHEMA', formatSchemaIssues(file, parsed.error).join('\n'));
  const doc = parsed.data;
  const appDir = path.dirname(manifestPath);

  const base = doc.application.trigger?.http?.base;
  if (base !== undefined && base !== '/') {
    throw new RunnerError('TRIGGER_BASE', `${file}: application.trigger.http.base: "${base}" is not supported since Spin 3; remove it and put the prefix into each route`);
  }
  if (doc.application.trigger?.redis) unsupported(`${file}: application.trigger.redis: the Redis trigger is not supported by this runner`);

  const variables: Record<string, VariableDecl> = {};
  for (const [name, decl] of Object.entries(doc.variables ?? {})) {
    checkVariableName(file, name, 'variables');
    if (decl.required && decl.default !== undefined) {
      throw new RunnerError('MANIFEST_SCHEMA', `${file}: variables.${name}: a variable cannot be both required and have a default; drop one`);
    }
    // Spin's loader insists on one of the two, so the runner does too.
    if (!decl.required && decl.default === undefined) {
      throw new RunnerError('MANIFEST_SCHEMA', `${file}: variables.${name}: give it a default (e.g. default = "") or mark it required = true`);
    }
    variables[name] = { default: decl.default, required: decl.required ?? false, secret: decl.secret ?? false };
  }

  const components: Record<string, ComponentConfig> = {};
  for (const [id, componentDoc] of Object.entries(doc.component ?? {})) {
    components[id] = resolveComponent(file, appDir, id, componentDoc, variables);
  }

  for (const kind of Object.keys(doc.trigger ?? {})) {
    if (kind !== 'http') unsupported(`${file}: trigger.${kind}: only HTTP triggers are supported by this runner`);
  }
  const httpRoutes = resolveRoutes(file, doc.trigger?.http ?? [], components);

  return { manifestPath, appDir, name: doc.application.name, version: doc.application.version, variables, components, httpRoutes };
}
