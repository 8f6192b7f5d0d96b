// Every error the runner reports at start-up has a stable code from this table,
// naming the capability and phase it comes from (like Spin's factor errors), so
// users and tests can match on the code rather than on prose.

export const ERROR_CODES = {
  MANIFEST_READ: { capability: 'manifest', phase: 'load', summary: 'spin.toml could not be read' },
  MANIFEST_SYNTAX: { capability: 'manifest', phase: 'load', summary: 'spin.toml is not valid TOML' },
  MANIFEST_SCHEMA: { capability: 'manifest', phase: 'validate', summary: 'spin.toml has an unknown or malformed key' },
  MANIFEST_UNSUPPORTED: { capability: 'manifest', phase: 'validate', summary: 'spin.toml uses a feature this runner does not support' },
  TRIGGER_UNKNOWN_COMPONENT: { capability: 'http-trigger', phase: 'validate', summary: 'a trigger names a component that is not defined' },
  TRIGGER_DUPLICATE_ROUTE: { capability: 'http-trigger', phase: 'validate', summary: 'two triggers use the same route' },
  TRIGGER_RESERVED_ROUTE: { capability: 'http-trigger', phase: 'validate', summary: 'a route is under the reserved /.well-known/spin/ prefix' },
  TRIGGER_BAD_ROUTE: { capability: 'http-trigger', phase: 'validate', summary: 'a route pattern is malformed' },
  TRIGGER_BASE: { capability: 'http-trigger', phase: 'validate', summary: 'application.trigger.http.base must be "/"' },
  COMPONENT_SOURCE_MISSING: { capability: 'engine', phase: 'load', summary: "a component's wasm source file does not exist" },
  COMPONENT_INVALID: { capability: 'engine', phase: 'load', summary: "a component's wasm could not be loaded" },
  DEPENDENCY_INVALID: { capability: 'engine', phase: 'load', summary: 'a component dependency cannot be resolved' },
  VARIABLE_NAME: { capability: 'variables', phase: 'validate', summary: 'a variable name is not valid' },
  VARIABLE_UNDECLARED: { capability: 'variables', phase: 'validate', summary: 'a template refers to a variable that is not declared' },
  VARIABLE_REQUIRED: { capability: 'variables', phase: 'configure', summary: 'a required variable has no value' },
  KV_UNDECLARED_STORE: { capability: 'key-value', phase: 'validate', summary: 'a component uses a store label with no backend' },
  KV_BACKEND: { capability: 'key-value', phase: 'configure', summary: 'a key-value backend could not be opened' },
  OUTBOUND_HOST: { capability: 'outbound-http', phase: 'validate', summary: 'an allowed_outbound_hosts entry is malformed' },
  RUNTIME_CONFIG: { capability: 'runtime-config', phase: 'load', summary: 'the runtime config file is invalid' },
  RELOAD_UNKNOWN_COMPONENT: { capability: 'hot-swap', phase: 'reload', summary: 'a reload names a component that is not in the app' },
  RELOAD_FAILED: { capability: 'hot-swap', phase: 'reload', summary: 'the reloaded code did not start; the previous code keeps serving' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A start-up error: `code` from ERROR_CODES, `component` when one is to blame, and a message that names the fix. */
export class RunnerError extends Error {
  readonly code: ErrorCode;
  readonly component?: string;
  constructor(code: ErrorCode, message: string, component?: string) {
    const { capability, phase } = ERROR_CODES[code];
    super(`[${code}] ${capability}/${phase}${component ? ` (component "${component}")` : ''}: ${message}`);
    this.name = 'RunnerError';
    this.code = code;
    this.component = component;
  }
}
