// The OpenAPI document (libs/contracts/openapi/openapi.json) against the code:
// it is valid OpenAPI 3.1, it describes exactly the routes the components
// register (TS routers, the Rust router, spin.toml triggers), the ingest
// component serves it, and the contract checker that judges every integration
// exchange (contract-hook.ts) really refuses drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { OPENAPI_DOCUMENT, OPENAPI_ROUTE } from '@edgewatch/contracts';
import { loadManifest, startTestApp } from '@edgewatch/runner';
import { createIngestApp } from '../../../apps/ingest/src/app.ts';
import { createInferenceApp } from '../../../apps/inference/src/app.ts';
import { createAlertingApp } from '../../../apps/alerting/src/app.ts';
import { createContractChecker, HTTP_METHODS, normalizePath, type Exchange } from './openapi-contract.ts';
import { REPO_ROOT } from './repo.ts';

const document = OPENAPI_DOCUMENT as { paths: Record<string, Record<string, unknown>> };
/** spin.toml components that are not part of the API (static pages), with why. */
const NOT_API: Record<string, string> = { dashboard: 'the operator dashboard: HTML and assets, not an API' };

/** `METHOD /path/{param}` of every operation the document describes. */
const documented = new Set(
  Object.entries(document.paths).flatMap(([template, item]) => HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${template}`)),
);

/** `METHOD /path/{param}` of every route the TS routers and the Rust sensor-handler register. */
function registeredRoutes(): Set<string> {
  // Routes are registered when a router is built; no handler runs, so no store, variable or kernel is read.
  const unused = (): never => {
    throw new Error('only the routes are read');
  };
  const variables = () => undefined;
  const routers = [
    createIngestApp({ openStore: unused, variables }),
    createInferenceApp({ kernels: { dot: unused }, openStore: unused, variables }),
    createAlertingApp({ store: unused, variables }),
  ];
  const routes = routers.flatMap((router) => router.routes.map(([method, , , route]) => `${method} ${normalizePath(String(route)).replace(/:(\w+)/g, '{$1}')}`));
  // The Rust router matches (path, method) pairs in one `match`: read them from its source.
  const rust = readFileSync(path.join(REPO_ROOT, 'rust-kernels/sensor-handler/src/router.rs'), 'utf8');
  for (const [, route, method] of rust.matchAll(/\("(\/[^"]*)", "([A-Z]+)"\) =>/g)) routes.push(`${method} ${route}`);
  return new Set(routes);
}

describe('the OpenAPI document', () => {
  it('is_a_valid_openapi_3_1_document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(OPENAPI_DOCUMENT) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents_every_route_the_components_register_and_nothing_else', () => {
    const registered = registeredRoutes();
    expect(registered.size, 'routes found in the routers').toBeGreaterThan(30);
    expect([...registered].filter((r) => !documented.has(r)).sort(), 'registered but not documented').toEqual([]);
    expect([...documented].filter((r) => !registered.has(r)).sort(), 'documented but not registered').toEqual([]);
  });

  it('routes_every_documented_path_through_a_spin_toml_trigger_of_an_api_component_and_back', () => {
    // Private endpoints (route null) are not reachable from outside: nothing to document.
    const triggers = loadManifest(path.join(REPO_ROOT, 'spin.toml'))
      .httpRoutes.filter((t) => !(t.component in NOT_API))
      .flatMap((t) => (t.route === null ? [] : [{ route: t.route, component: t.component }]));
    const reaches = (route: string, p: string) => (route.endsWith('/...') ? p === route.slice(0, -4) || p.startsWith(route.slice(0, -3)) : p === route);
    const paths = Object.keys(document.paths);
    expect(paths.filter((p) => !triggers.some((t) => reaches(t.route, p))), 'documented paths no trigger routes').toEqual([]);
    expect(triggers.filter((t) => !paths.some((p) => reaches(t.route, p))).map((t) => t.route), 'triggers with no documented path').toEqual([]);
  });

  it('gives_every_operation_a_unique_id_and_a_problem_json_for_every_error', () => {
    const ids = Object.values(document.paths).flatMap((item) => HTTP_METHODS.flatMap((m) => (item[m] ? [(item[m] as { operationId: string }).operationId] : [])));
    expect(new Set(ids).size).toBe(ids.length);
    const checker = createContractChecker(OPENAPI_DOCUMENT as Record<string, unknown>);
    for (const key of documented) {
      const [method, template] = key.split(' ') as [string, string];
      const { operation } = checker.match(method, template)!;
      for (const status of Object.keys(operation.responses).filter((s) => Number(s) >= 400)) {
        const body = { type: 'https://edgewatch.dev/problems/x', title: 'X', status: Number(status), detail: 'x' };
        const verdict = checker.check(exchange(method, template.replace(/\{\w+\}/g, 'p1'), Number(status), body, 'application/problem+json'));
        expect(verdict.violations, `${key} ${status}`).toEqual([]);
      }
    }
  });
});

/** A synthetic exchange for the checker's own tests (admin token, JSON bodies). */
function exchange(method: string, target: string, status: number, body: unknown, contentType = 'application/json', requestBody?: unknown): Exchange {
  return {
    method,
    url: new URL(target, 'http://localhost'),
    requestHeaders: new Headers({ authorization: 'Bearer t', 'content-type': 'application/json' }),
    requestBody: requestBody === undefined ? '' : JSON.stringify(requestBody),
    status,
    responseHeaders: new Headers(body === undefined ? {} : { 'content-type': contentType }),
    responseBody: body === undefined ? '' : JSON.stringify(body),
  };
}

describe('the contract checker', () => {
  const checker = createContractChecker(OPENAPI_DOCUMENT as Record<string, unknown>);
  const ack = { batch: 'b1', device: 'd1', accepted: 2, series: 1, replayed: false };
  const pack = [{ n: 'd1/t', v: 1 }];

  it('accepts_an_exchange_that_follows_the_document', () => {
    expect(checker.check(exchange('POST', '/api/v1/ingest/readings', 201, ack, 'application/json', { temperature: 1 }))).toEqual({ operation: 'ingestReadings', violations: [] });
    expect(checker.check(exchange('GET', '/api/v1/alerts/', 200, { alerts: [] })).violations).toEqual([]);
  });

  it('names_the_operation_and_the_schema_error_of_a_drifted_response', () => {
    const { replayed: _dropped, ...drifted } = ack;
    const verdict = checker.check(exchange('POST', '/api/v1/ingest/readings', 201, drifted, 'application/json', { temperature: 1 }));
    expect(verdict.operation).toBe('ingestReadings');
    expect(verdict.violations.join()).toMatch(/must have required property 'replayed'/);
    expect(checker.check(exchange('GET', '/api/v1/alerts/deliveries', 200, { deliveries: [{ id: 'x' }] })).violations.join()).toMatch(/required property/);
  });

  it('refuses_undocumented_statuses_and_media_types', () => {
    expect(checker.check(exchange('GET', '/api/v1/devices', 418, { type: 'x', title: 'x', status: 418, detail: 'x' }, 'application/problem+json')).violations.join()).toMatch(/status 418 is not documented/);
    expect(checker.check(exchange('GET', '/api/v1/devices', 401, { type: 'x', title: 'x', status: 401, detail: 'x' }, 'application/json')).violations.join()).toMatch(/content-type "application\/json"/);
    expect(checker.check(exchange('DELETE', '/api/v1/alerts/rules/r1', 204, { deleted: true })).violations.join()).toMatch(/documents no body/);
  });

  it('flags_a_request_the_document_calls_invalid_that_the_app_accepted', () => {
    const verdict = checker.check(exchange('POST', '/api/v1/ingest/senml', 201, ack, 'application/json', [{ n: 'd1/t', v: 'not a number' }]));
    expect(verdict.violations.join()).toMatch(/request is invalid.*v must be number.*answered 201/);
    const noToken = { ...exchange('POST', '/api/v1/ingest/senml', 201, ack, 'application/json', pack), requestHeaders: new Headers({ 'content-type': 'application/json' }) };
    expect(checker.check(noToken).violations.join()).toMatch(/no bearer token/);
  });

  it('lets_an_invalid_request_be_refused_with_a_documented_problem', () => {
    const problem = { type: 'https://edgewatch.dev/problems/invalid-record', title: 'Invalid record', status: 400, detail: 'bad', index: 0, field: 'v', pointer: '/0/v' };
    expect(checker.check(exchange('POST', '/api/v1/ingest/senml', 400, problem, 'application/problem+json', [{ n: 'd1/t', v: 'x' }])).violations).toEqual([]);
    expect(checker.check(exchange('POST', '/api/v1/ingest/senml', 400, { ...problem, index: 'zero' }, 'application/problem+json', pack)).violations.join()).toMatch(/index must be integer/);
  });

  it('expects_unrouted_api_paths_to_answer_a_404_problem_and_ignores_non_api_paths', () => {
    const notFound = { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No route.' };
    expect(checker.check(exchange('GET', '/api/v1/ingest/nothing-here', 404, notFound, 'application/problem+json')).violations).toEqual([]);
    expect(checker.check(exchange('GET', '/api/v1/ingest/nothing-here', 200, { ok: true })).violations.join()).toMatch(/not documented/);
    expect(checker.inScope('/sensor')).toBe(true);
    expect(checker.inScope('/index.html')).toBe(false);
  });
});

describe('served by the ingest component', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  beforeAll(async () => {
    app = await startTestApp({ from: REPO_ROOT });
  });
  afterAll(() => app?.close());

  it('answers_GET_openapi_json_with_the_document_in_the_repo', async () => {
    const response = await fetch(`${app.url}${OPENAPI_ROUTE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(readFileSync(path.join(REPO_ROOT, 'libs/contracts/openapi/openapi.json'), 'utf8')));
  });
});
