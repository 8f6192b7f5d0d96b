// Checks one HTTP exchange (request + response) against the OpenAPI 3.1
// document: finds the operation by method and path, judges the request
// (security, required parameters, body schema), then the response (documented
// status, media type, body schema). OpenAPI 3.1 schemas are JSON Schema 2020-12,
// so ajv's 2020 dialect validates them as written, $refs included.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** What the checker needs to know of one request and its answer. */
export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  /** The request body as text ('' when none). */
  requestBody: string;
  status: number;
  responseHeaders: Headers;
  responseBody: string;
}

/** The verdict on one exchange: the operation it matched and what broke the contract. */
export interface ContractVerdict {
  /** `operationId`, or `unrouted METHOD /path` when no documented operation matches. */
  operation: string;
  violations: string[];
}

type Json = Record<string, unknown>;
interface Parameter { name: string; in: string; required?: boolean; schema?: Json }
interface Operation { operationId: string; parameters?: Parameter[]; requestBody?: Json & { required?: boolean; content?: Json }; responses: Record<string, Json>; security?: Json[] }
interface Route { template: string; pattern: RegExp; item: Json }

const DOC_ID = 'edgewatch-openapi';
/** The operation keys of an OpenAPI path item. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const isJsonMedia = (media: string) => media === 'application/json' || media.endsWith('+json');
const mediaOf = (headers: Headers) => (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Drop a trailing slash (`/api/v1/alerts/` is served like `/api/v1/alerts`). */
export const normalizePath = (path: string) => (path.length > 1 ? path.replace(/\/+$/, '') : path);

/** Build a checker over a parsed OpenAPI 3.1 document. */
export function createContractChecker(document: Json) {
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  // ajv-formats is CommonJS: depending on the loader its default import is the plugin or holds it.
  (addFormats.default ?? (addFormats as unknown as typeof addFormats.default))(ajv);
  ajv.addSchema({ ...document, $id: DOC_ID });
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (path: string) => {
    let validate = validators.get(path);
    if (!validate) validators.set(path, (validate = ajv.compile({ $ref: `${DOC_ID}#${path}` })));
    return validate;
  };
  const errorsOf = (path: string, value: unknown, name = 'body') => {
    const validate = validatorAt(path);
    if (validate(value)) return undefined;
    // ajv's text plus the allowed values, so "must be equal to one of the allowed values" says which.
    return (validate.errors ?? [])
      .map((e) => `${name}${e.instancePath} ${e.message}${e.keyword === 'const' || e.keyword === 'enum' ? ` ${JSON.stringify(e.params)}` : ''}`)
      .join(', ');
  };
  // Follow OpenAPI-level $refs (responses, parameters), which are not schemas.
  const resolve = <T>(node: T, at: string): { node: T; at: string } => {
    const ref = (node as Json | undefined)?.$ref;
    if (typeof ref !== 'string') return { node, at };
    const path = ref.slice(1);
    const target = path.split('/').slice(1).reduce<unknown>((o, key) => (o as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    return resolve(target as T, path);
  };

  // Concrete paths before templated ones, as OpenAPI's matching rule requires.
  const routes: Route[] = Object.entries(document.paths as Record<string, Json>)
    .map(([template, item]) => ({ template, item, pattern: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));

  /** The documented path template and operation for a request, if any. */
  function match(method: string, path: string): { template: string; operation: Operation; parameters: { node: Parameter; at: string }[] } | undefined {
    const route = routes.find((r) => r.pattern.test(normalizePath(path)));
    const operation = route?.item[method.toLowerCase()] as Operation | undefined;
    if (!route || !operation) return undefined;
    const itemAt = `/paths/${pointer(route.template)}`;
    const parameters = [
      ...((route.item.parameters as Parameter[] | undefined) ?? []).map((p, i) => resolve(p, `${itemAt}/parameters/${i}`)),
      ...(operation.parameters ?? []).map((p, i) => resolve(p, `${itemAt}/${method.toLowerCase()}/parameters/${i}`)),
    ];
    return { template: route.template, operation, parameters };
  }

  /** Why the request does not conform to the operation (empty when it does). */
  function requestProblems(exchange: Exchange, template: string, operation: Operation, parameters: { node: Parameter; at: string }[]): string[] {
    const problems: string[] = [];
    const security = operation.security ?? (document.security as Json[] | undefined) ?? [];
    const open = security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0);
    if (!open && !/^Bearer\s+\S+/i.test(exchange.requestHeaders.get('authorization') ?? '')) problems.push('no bearer token');
    for (const { node: parameter, at } of parameters) {
      const value = parameter.in === 'query' ? exchange.url.searchParams.get(parameter.name) : parameter.in === 'header' ? exchange.requestHeaders.get(parameter.name) : 'path';
      if (value === null) {
        if (parameter.required) problems.push(`missing ${parameter.in} parameter "${parameter.name}"`);
        continue;
      }
      const type = parameter.schema?.type;
      const typed = (type === 'number' || type === 'integer') && value.trim() !== '' ? Number(value) : value;
      const ajvErrors = parameter.schema ? errorsOf(`${at}/schema`, typed, parameter.name) : undefined;
      if (ajvErrors) problems.push(`${parameter.in} parameter: ${ajvErrors}`);
    }
    if (!operation.requestBody) return problems;
    const { node: body, at: bodyAt } = resolve(operation.requestBody, `/paths/${pointer(template, exchange.method.toLowerCase())}/requestBody`);
    if (exchange.requestBody === '') {
      if (body.required) problems.push('missing request body');
      return problems;
    }
    const media = mediaOf(exchange.requestHeaders);
    const content = body.content as Record<string, Json>;
    if (!content[media]) return [...problems, `request media type "${media}" is not one of ${Object.keys(content).join(', ')}`];
    if (!isJsonMedia(media) || !content[media]!.schema) return problems;
    let parsed: unknown;
    try {
      parsed = JSON.parse(exchange.requestBody);
    } catch {
      return [...problems, 'request body is not JSON'];
    }
    const errors = errorsOf(`${bodyAt}/content/${pointer(media)}/schema`, parsed);
    if (errors) problems.push(`request ${errors}`);
    return problems;
  }

  /** Whether the response is one the document promises for this status. */
  function responseProblems(exchange: Exchange, responses: Record<string, Json>, basePath: string): string[] {
    const key = [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return [`status ${exchange.status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const { node: response, at } = resolve(responses[key]!, `${basePath}/${pointer(key)}`);
    const content = response.content as Record<string, Json> | undefined;
    if (!content) return exchange.responseBody === '' ? [] : [`status ${exchange.status} documents no body, got ${exchange.responseBody.length} bytes`];
    const media = mediaOf(exchange.responseHeaders);
    if (!content[media]) return [`status ${exchange.status}: content-type "${media}" is not one of ${Object.keys(content).join(', ')}`];
    if (!isJsonMedia(media) || !content[media]!.schema) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(exchange.responseBody);
    } catch {
      return [`status ${exchange.status}: the ${media} body is not JSON`];
    }
    const errors = errorsOf(`${at}/content/${pointer(media)}/schema`, parsed);
    return errors ? [`status ${exchange.status} response ${errors}`] : [];
  }

  // The API's top-level segments (`api`, `sensor`): other paths (the dashboard's pages) are not the API.
  const apiRoots = new Set(Object.keys(document.paths as Json).map((p) => p.split('/')[1]));

  /** Whether a path belongs to the API this document describes. */
  function inScope(path: string): boolean {
    return apiRoots.has(path.split('/')[1] ?? '');
  }

  /** Judge one exchange. */
  function check(exchange: Exchange): ContractVerdict {
    const path = exchange.url.pathname;
    const matched = match(exchange.method, path);
    if (!matched) {
      const violations = exchange.status === 404 || exchange.status === 405 ? responseProblems(exchange, { [exchange.status]: { $ref: '#/components/responses/Unrouted' } }, '') : [`${exchange.method} ${path} is not documented, yet answered ${exchange.status}`];
      return { operation: `unrouted ${exchange.method} ${path}`, violations };
    }
    const { template, operation, parameters } = matched;
    const invalidRequest = requestProblems(exchange, template, operation, parameters);
    const violations = responseProblems(exchange, operation.responses, `/paths/${pointer(template, exchange.method.toLowerCase())}/responses`);
    if (invalidRequest.length > 0 && exchange.status < 400) {
      violations.push(`the document says the request is invalid (${invalidRequest.join('; ')}), yet it was answered ${exchange.status}`);
    }
    return { operation: operation.operationId, violations };
  }

  return { match, check, inScope };
}
