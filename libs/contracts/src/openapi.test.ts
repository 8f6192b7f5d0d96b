// The OpenAPI document's own consistency: it covers the route it is served at
// and every component's health route, states auth on every operation, and every
// $ref points at something. (Validity as OpenAPI 3.1 and agreement with the code
// are checked in tools/integration/test/openapi.test.ts.)
import { describe, expect, it } from 'vitest';
import { COMPONENT_ROUTES, OPENAPI_DOCUMENT, OPENAPI_ROUTE } from './index.ts';

type Node = Record<string, unknown>;
const document = OPENAPI_DOCUMENT as unknown as Node & { paths: Record<string, Record<string, Node>> };
const operations = Object.entries(document.paths).flatMap(([path, item]) =>
  ['get', 'put', 'post', 'delete', 'patch'].flatMap((method) => (item[method] ? [{ key: `${method.toUpperCase()} ${path}`, operation: item[method]! }] : [])),
);

/** Every `$ref` string anywhere in the document. */
function refs(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refs);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refs(value)));
}

describe('the OpenAPI document', () => {
  it('describes_the_route_it_is_served_at', () => {
    expect(document.paths[OPENAPI_ROUTE]?.get).toBeDefined();
  });

  it('documents_the_health_route_of_every_component', () => {
    for (const base of Object.values(COMPONENT_ROUTES)) expect(document.paths[`${base}/health`]?.get, base).toBeDefined();
  });

  it('states_the_security_of_every_operation_explicitly', () => {
    const schemes = Object.keys((document.components as { securitySchemes: Node }).securitySchemes);
    for (const { key, operation } of operations) {
      expect(Array.isArray(operation.security), key).toBe(true);
      for (const requirement of operation.security as Node[]) for (const name of Object.keys(requirement)) expect(schemes, key).toContain(name);
    }
  });

  it('resolves_every_ref_inside_the_document', () => {
    const all = refs(document);
    expect(all.length).toBeGreaterThan(50);
    for (const ref of new Set(all)) {
      expect(ref.startsWith('#/'), ref).toBe(true);
      const target = ref.slice(2).split('/').reduce<unknown>((node, key) => (node as Node | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], document);
      expect(target, ref).toBeDefined();
    }
  });
});
