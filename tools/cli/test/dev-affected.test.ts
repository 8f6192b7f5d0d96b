// `edgewatch dev`'s mapping from changed files to the components to rebuild, on
// this repository's real Nx project graph and real spin.toml: a lib change
// reaches exactly the components that import it (directly or through other
// libs), an app change only its own component, a Rust crate change the
// component that links its wasm.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadManifest, resolveManifestPath } from '@edgewatch/runner';
import { componentProjects, planRebuild, projectsOfFile, type ComponentProjects, type WorkspaceGraph } from '../src/dev/affected.ts';
import { loadWorkspaceGraph, nxWorkspaceRoot } from '../src/dev/workspace-graph.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
let graph: WorkspaceGraph;
let components: ComponentProjects[];

beforeAll(async () => {
  expect(await nxWorkspaceRoot()).toBe(ROOT);
  graph = await loadWorkspaceGraph();
  components = componentProjects(loadManifest(resolveManifestPath(ROOT)), graph, ROOT);
});

const rebuilt = (...files: string[]) => planRebuild(files, graph, components).components.map((c) => c.id);

describe('dev: changed files to components', () => {
  it('maps_each_component_to_the_projects_building_its_wasm', () => {
    const byId = Object.fromEntries(components.map((c) => [c.id, c.projects]));
    expect(byId.ingest).toEqual(['app-ingest']);
    expect(byId.alerting).toEqual(['app-alerting']);
    // Its own app, and the Rust component linked as its dependency (rust-kernels/dist/anomaly.wasm).
    expect(byId.inference).toEqual(['anomaly', 'app-inference']);
    expect(byId['sensor-handler']).toEqual(['sensor-handler']);
  });

  it('rebuilds_ingest_and_inference_but_not_alerting_for_a_senml_change', () => {
    // ingest imports senml; inference reaches it through scoring → series-store → senml.
    const plan = planRebuild(['libs/senml/src/resolve.ts'], graph, components);
    expect(plan.components.map((c) => c.id).sort()).toEqual(['inference', 'ingest']);
    expect(plan.projects).toEqual(['app-inference', 'app-ingest']);
  });

  it('rebuilds_only_alerting_for_an_alerting_app_change', () => {
    expect(rebuilt('apps/alerting/src/index.guest.ts')).toEqual(['alerting']);
  });

  it('rebuilds_inference_with_its_kernels_for_a_rust_kernel_change', () => {
    const plan = planRebuild(['rust-kernels/anomaly/src/lib.rs'], graph, components);
    expect(plan.components).toEqual([{ id: 'inference', projects: ['anomaly', 'app-inference'] }]);
    // A crate that is not an Nx project reaches the component through the build inputs naming it.
    expect(projectsOfFile('rust-kernels/kernels/src/lib.rs', graph)).toEqual(['anomaly']);
    expect(rebuilt('rust-kernels/kernels/src/lib.rs')).toEqual(['inference']);
    expect(rebuilt('rust-kernels/sensor-handler/src/lib.rs')).toEqual(['sensor-handler']);
  });

  it('rebuilds_every_key_value_user_for_a_spin_key_value_change_but_not_the_rust_handler', () => {
    const ids = rebuilt('libs/spin-key-value/src/index.ts');
    expect(ids).toEqual(expect.arrayContaining(['alerting', 'inference', 'ingest']));
    expect(ids).not.toContain('sensor-handler');
  });

  it('rebuilds_nothing_for_files_no_component_is_built_from', () => {
    expect(rebuilt('tools/runner/src/app.ts')).toEqual([]);
    // nx.json's `production` inputs, which `build` uses, exclude tests: they never reach the wasm.
    expect(rebuilt('apps/alerting/test/app.test.ts')).toEqual([]);
    expect(rebuilt('libs/senml/src/resolve.test.ts')).toEqual([]);
    const plan = planRebuild(['docs-that-do-not-exist.md'], graph, components);
    expect(plan).toEqual({ components: [], projects: [], unowned: ['docs-that-do-not-exist.md'] });
  });
});
