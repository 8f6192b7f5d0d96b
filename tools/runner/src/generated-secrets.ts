// `--generate-secret NAME`: give a secret variable that nobody set a random value
// instead of running open, keep it in the state dir so restarts reuse it, and
// tell the user once. Explicit values (env SPIN_VARIABLE_*, --variable) win.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from './manifest/app-config.ts';

export interface GeneratedSecret {
  name: string;
  value: string;
  /** True when it was made now rather than read back from the state dir. */
  fresh: boolean;
  file: string;
}

/** Resolve each named secret that has no value; returns the ones it supplied. */
export function generateMissingSecrets(
  app: AppConfig,
  names: string[],
  stateDir: string,
  explicit: Record<string, string>,
  env: Record<string, string | undefined>,
): GeneratedSecret[] {
  const file = path.join(stateDir, 'generated-secrets.json');
  let stored: Record<string, string> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  } catch {
    stored = {};
  }
  const supplied: GeneratedSecret[] = [];
  for (const name of names) {
    const decl = app.variables[name];
    if (!decl) throw new Error(`--generate-secret ${name}: no variable "${name}" in [variables] of ${app.manifestPath}`);
    // An empty default means "unset" (Spin requires a default or `required`).
    if (env[`SPIN_VARIABLE_${name.toUpperCase()}`] !== undefined || explicit[name] !== undefined || (decl.default ?? '') !== '') continue;
    const fresh = stored[name] === undefined;
    stored[name] ??= randomBytes(24).toString('base64url');
    supplied.push({ name, value: stored[name]!, fresh, file });
  }
  if (supplied.some((s) => s.fresh)) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return supplied;
}
