// spin.toml is the contract between the components, the runner and real Spin:
// check it parses strictly, points at built wasm, and declares what components read.
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadManifest } from '@edgewatch/runner';
import { COMPONENT_VARIABLES } from '@edgewatch/contracts';
import path from 'node:path';
import { REPO_ROOT } from './repo.ts';

const app = loadManifest(path.join(REPO_ROOT, 'spin.toml'));

describe('spin.toml', () => {
  it('has_a_built_wasm_component_for_every_source_and_dependency', () => {
    for (const component of Object.values(app.components)) {
      for (const file of [component.source, ...Object.values(component.dependencies)]) {
        expect(existsSync(file), `${component.id}: ${file}`).toBe(true);
        const bytes = statSync(file).size;
        expect(bytes, file).toBeGreaterThan(1000);
      }
    }
  });

  it('routes_every_trigger_to_a_defined_component_and_every_component_is_routed', () => {
    const routed = new Set(app.httpRoutes.map((r) => r.component));
    for (const route of app.httpRoutes) expect(app.components[route.component]).toBeDefined();
    expect([...routed].sort()).toEqual(Object.keys(app.components).sort());
  });

  it('declares_every_variable_each_component_reads', () => {
    for (const [component, names] of Object.entries(COMPONENT_VARIABLES)) {
      const declared = Object.keys(app.components[component]?.variables ?? {});
      for (const name of names) expect(declared, `${component} reads ${name}`).toContain(name);
    }
  });

  it('puts_ts_component_routes_under_the_versioned_prefix', () => {
    for (const route of app.httpRoutes) {
      // sensor-handler keeps the seed's /sensor; the dashboard is the catch-all `/...` for the web app.
      if (route.component !== 'sensor-handler' && route.component !== 'dashboard') expect(route.route).toMatch(/^\/api\/v1\//);
    }
  });

  it('builds_every_component_through_nx', () => {
    for (const component of Object.values(app.components)) {
      expect(String(component.build?.command)).toMatch(/^npx nx /);
    }
  });
});
