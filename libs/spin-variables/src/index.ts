// Typed access to Spin application variables. Components read through a
// `VariableSource` so handler logic is testable without the host.

/** Looks up a variable by its spin.toml name; undefined when it has no value. */
export type VariableSource = (name: string) => string | undefined;

/** A source backed by a plain object (unit tests, defaults). */
export function staticVariables(values: Record<string, string>): VariableSource {
  return (name) => (Object.hasOwn(values, name) ? values[name] : undefined);
}

/** Read an integer variable, falling back to `fallback`; a malformed value is a configuration error. */
export function integerVariable(source: VariableSource, name: string, fallback: number): number {
  const raw = source(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) {
    throw new Error(`variable ${name} must be an integer, got "${raw}": fix it in spin.toml or SPIN_VARIABLE_${name.toUpperCase()}`);
  }
  return value;
}

/** Wrap a source so reading a name outside `declared` throws: keeps the list in contracts honest. */
export function restrictVariables(source: VariableSource, declared: readonly string[]): VariableSource {
  const allowed = new Set(declared);
  return (name) => {
    if (!allowed.has(name)) throw new Error(`variable "${name}" is not in this component's declared list (libs/contracts COMPONENT_VARIABLES)`);
    return source(name);
  };
}
