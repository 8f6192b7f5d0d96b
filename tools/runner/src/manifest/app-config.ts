// The resolved application the rest of the runner works from: paths absolute,
// defaults applied, everything checked. Plain data, so it can be sent to workers.

export interface VariableDecl {
  default?: string;
  required: boolean;
  secret: boolean;
}

export interface ComponentConfig {
  id: string;
  /** Absolute path of the component's wasm. */
  source: string;
  allowedOutboundHosts: string[];
  keyValueStores: string[];
  environment: Record<string, string>;
  /** Component variable name -> template over application variables (`{{ name }}`). */
  variables: Record<string, string>;
  /** WIT import name (e.g. `edgewatch:kernels/anomaly@0.1.0`) -> absolute path of the providing component. */
  dependencies: Record<string, string>;
  build?: { command: string[] | string; workdir?: string; watch?: string[] };
}

export interface HttpRouteConfig {
  component: string;
  /** The route as written (`/api/...`, `/...` wildcard, `:name` segments); null for a private endpoint. */
  route: string | null;
}

export interface AppConfig {
  manifestPath: string;
  appDir: string;
  name: string;
  version?: string;
  variables: Record<string, VariableDecl>;
  components: Record<string, ComponentConfig>;
  httpRoutes: HttpRouteConfig[];
}
