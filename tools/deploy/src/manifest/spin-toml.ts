// Read spin.toml (manifest v2) as raw TOML for the deploy tools. The runner's
// loader validates and resolves for serving; packaging and profile generation
// need the document as written (templates unrendered, trigger order kept), so
// they read it here and check only what they rely on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';

/** One [variables] entry as written. */
export interface VariableDoc {
  default?: string;
  required?: boolean;
  secret?: boolean;
}

/** A `files` entry: a path or a { source, destination } placement. */
export type FileMount = string | { source: string; destination: string };

/** One [component.<id>] table as written (unknown keys kept). */
export interface ComponentDoc {
  description?: string;
  source: string | Record<string, unknown>;
  files?: FileMount[];
  exclude_files?: string[];
  allowed_outbound_hosts?: string[];
  key_value_stores?: string[];
  sqlite_databases?: string[];
  ai_models?: string[];
  environment?: Record<string, string>;
  variables?: Record<string, string>;
  dependencies?: Record<string, string | { path?: string; export?: string; [key: string]: unknown }>;
  build?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One [[trigger.http]] entry as written. */
export interface HttpTriggerDoc {
  id?: string;
  route: string | { private: boolean };
  component: string;
  [key: string]: unknown;
}

/** The whole manifest document as written. */
export interface SpinTomlDoc {
  spin_manifest_version: number;
  application: { name: string; version?: string; description?: string; authors?: string[]; [key: string]: unknown };
  variables?: Record<string, VariableDoc>;
  trigger?: { http?: HttpTriggerDoc[]; [kind: string]: unknown };
  component?: Record<string, ComponentDoc>;
}

/** A parsed manifest with where it lives. */
export interface SpinToml {
  /** Absolute path of the manifest. */
  file: string;
  /** Folder relative paths in the manifest resolve against. */
  appDir: string;
  doc: SpinTomlDoc;
}

/** Thrown for a manifest the deploy tools cannot use; the message names the key and the fix. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Parse a spin.toml string; `file` only names it in errors. */
export function parseSpinToml(text: string, file: string): SpinToml {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (error) {
    throw new ManifestError(`${file}: not valid TOML: ${(error as Error).message.split('\n')[0]}`);
  }
  const doc = raw as SpinTomlDoc;
  if (doc.spin_manifest_version !== 2) throw new ManifestError(`${file}: spin_manifest_version must be 2; migrate the manifest with \`spin doctor\``);
  if (typeof doc.application?.name !== 'string') throw new ManifestError(`${file}: application.name is missing; add name = "..." under [application]`);
  for (const [index, trigger] of (doc.trigger?.http ?? []).entries()) {
    if (typeof trigger.component !== 'string') throw new ManifestError(`${file}: trigger.http[${index}].component: inline components are not supported; define [component.NAME] and refer to it`);
    if (!doc.component?.[trigger.component]) throw new ManifestError(`${file}: trigger.http[${index}].component: "${trigger.component}" is not defined; add [component.${trigger.component}]`);
  }
  return { file: path.resolve(file), appDir: path.dirname(path.resolve(file)), doc };
}

/** Read and parse a spin.toml file. */
export function readSpinToml(file: string): SpinToml {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ManifestError(`${file}: cannot read the manifest; pass the path of a spin.toml`);
  }
  return parseSpinToml(text, file);
}

const TEMPLATE = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** Variable names a manifest expression (`{{ name }}`) refers to. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(TEMPLATE)].map((m) => m[1]!);
}

/** The component a `<id>.spin.internal` URL chains to, if it is one. */
export function chainedComponent(host: string): string | undefined {
  const match = /^[a-z]+:\/\/([a-z0-9-]+|\*)\.spin\.internal(:\d+)?$/.exec(host);
  return match?.[1];
}
