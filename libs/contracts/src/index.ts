// Shared contracts: the URL layout and payload shapes that components, tools and
// tests agree on. Guest-safe (no Node APIs): bundled into every component.

/** Every public route lives under this versioned prefix. */
export const API_PREFIX = '/api/v1';

/** The HTTP components of spin.toml and the base route each one owns. */
export const COMPONENT_ROUTES = {
  ingest: `${API_PREFIX}/ingest`,
  inference: `${API_PREFIX}/inference`,
  alerting: `${API_PREFIX}/alerts`,
} as const;

export type ComponentId = keyof typeof COMPONENT_ROUTES;

/** Body of `GET <base>/health` on every component. */
export interface HealthReport {
  component: string;
  version: string;
  status: 'ok';
  /** Extra facts a component wants to surface (e.g. which kernel it loaded). */
  details?: Record<string, unknown>;
}

export { COMPONENT_VARIABLES } from './variables.ts';
export type { VariableName } from './variables.ts';

/** Base URL of the problem types edgewatch emits (RFC 9457 `type`). */
export const PROBLEM_BASE = 'https://edgewatch.dev/problems';

/** Where the OpenAPI document is served (by the ingest component). */
export const OPENAPI_ROUTE = `${API_PREFIX}/openapi.json`;

/**
 * The OpenAPI 3.1 description of every public route, kept by hand in
 * libs/contracts/openapi/openapi.json (see its README); components that do not
 * import it do not bundle it (esbuild drops unused JSON).
 */
export { default as OPENAPI_DOCUMENT } from '../openapi/openapi.json' with { type: 'json' };
