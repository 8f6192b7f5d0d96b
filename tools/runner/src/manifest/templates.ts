// Spin manifest expressions: `{{ name }}` references to application variables,
// used in component variables and allowed_outbound_hosts.

const TEMPLATE = /\{\{\s*([^}\s]+)\s*\}\}/g;

/** Names referenced by a template, in order. */
export function templateReferences(template: string): string[] {
  return [...template.matchAll(TEMPLATE)].map((m) => m[1]!);
}

/** Substitute every reference; `lookup` returns undefined for a name with no value. */
export function renderTemplate(template: string, lookup: (name: string) => string | undefined): string | undefined {
  let missing = false;
  const out = template.replace(TEMPLATE, (_, name: string) => {
    const value = lookup(name);
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? undefined : out;
}
