// Turns schema issues into one line each that names the key and the fix.
import type { z } from 'zod';

const KNOWN_KEYS: Record<string, string[]> = {
  '': ['spin_manifest_version', 'application', 'variables', 'trigger', 'component'],
  component: ['description', 'source', 'files', 'exclude_files', 'allowed_outbound_hosts', 'key_value_stores', 'sqlite_databases', 'ai_models', 'environment', 'variables', 'targets', 'build', 'tool', 'dependencies_inherit_configuration', 'dependencies'],
  application: ['name', 'version', 'description', 'authors', 'targets', 'trigger', 'tool'],
  trigger: ['id', 'route', 'component', 'executor', 'static_response'],
  build: ['command', 'workdir', 'watch', 'environment'],
};

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggest(key: string, path: PropertyKey[]): string {
  const section = path.length === 0 ? '' : path.includes('build') ? 'build' : String(path[0]);
  const candidates = KNOWN_KEYS[section] ?? [];
  const best = candidates.map((c) => [c, distance(key, c)] as const).sort((x, y) => x[1] - y[1])[0];
  return best && best[1] <= 3 ? ` (did you mean "${best[0]}"?)` : ' (remove it: Spin refuses unknown keys)';
}

/** Render a dotted TOML path such as `component.ingest.source`. */
export function tomlPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[') || '(top level)';
}

/** One message per issue; unknown keys get a suggestion. */
export function formatSchemaIssues(file: string, error: z.ZodError, prefix: PropertyKey[] = []): string[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${file}: ${tomlPath([...path, key])}: unknown key${suggest(key, path)}`).join('\n');
    }
    return `${file}: ${tomlPath(path)}: ${issue.message}`;
  });
}
