// deploy/spinkube, checked without a cluster: every YAML parses, each overlay
// renders, every object validates against its schema (SpinApp: ours; built-in
// kinds: kubernetes-models), and the rendering agrees with spin.toml. Each
// check is also shown to fail on a broken manifest, and where kubectl is
// installed our rendering is compared with `kubectl kustomize`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readSpinToml } from '../manifest/spin-toml.ts';
import { crossCheck, checkRuntimeConfig } from './crosscheck.ts';
import { kustomize, KustomizeError, readYamlDocuments, type KubeObject } from './kustomize.ts';
import { validateObjects } from './validate.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SPINKUBE = path.join(ROOT, 'deploy/spinkube');
const OVERLAYS = ['dev', 'edge'];
const spin = readSpinToml(path.join(ROOT, 'spin.toml'));
const render = (overlay: string) => kustomize(path.join(SPINKUBE, 'overlays', overlay));
const spinApp = (objects: KubeObject[]) => objects.find((o) => o.kind === 'SpinApp') as KubeObject & { spec: Record<string, any> };
const hasKubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));
}

describe('deploy/spinkube manifests', () => {
  it('parses_every_yaml_file_under_deploy', () => {
    const files = yamlFiles(path.join(ROOT, 'deploy'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) expect(readYamlDocuments(file).length, file).toBeGreaterThan(0);
  });

  for (const overlay of OVERLAYS) {
    describe(`overlay ${overlay}`, () => {
      it('validates_every_object_against_its_schema', async () => {
        const objects = render(overlay);
        expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['SpinApp', 'CronJob', 'Deployment', 'Service', 'Secret', 'ConfigMap']));
        expect(await validateObjects(objects)).toEqual([]);
      });

      it('agrees_with_spin_toml', () => {
        expect(crossCheck(spin, render(overlay))).toEqual([]);
      });

      it.skipIf(!hasKubectl)('renders_what_kubectl_kustomize_renders', () => {
        const kubectl = spawnSync('kubectl', ['kustomize', path.join(SPINKUBE, 'overlays', overlay)], { encoding: 'utf8' });
        expect(kubectl.status, kubectl.stderr).toBe(0);
        // kubectl folds long base64 values; compare decoded bytes.
        const normalize = (o: KubeObject) => JSON.parse(JSON.stringify(o.kind === 'Secret' ? { ...o, data: Object.fromEntries(Object.entries(o.data as object).map(([k, v]) => [k, String(v).replace(/\s/g, '')])) } : o));
        const theirs = parseAllDocuments(kubectl.stdout).map((d) => normalize(d.toJS() as KubeObject));
        const ours = render(overlay).map(normalize);
        const key = (o: KubeObject) => `${o.kind}/${o.metadata.name}`;
        expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
        for (const o of theirs) expect(isDeepStrictEqual(ours.find((x) => key(x) === key(o)), o), key(o)).toBe(true);
      });
    });
  }

  it('lets_the_edge_overlay_autoscale_without_fixed_replicas', () => {
    const edge = render('edge');
    expect(spinApp(edge).spec.enableAutoscaling).toBe(true);
    expect(spinApp(edge).spec).not.toHaveProperty('replicas');
    const hpa = edge.find((o) => o.kind === 'HorizontalPodAutoscaler')!;
    expect((hpa.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe(spinApp(edge).metadata.name);
    expect(spinApp(render('dev')).spec.replicas).toBe(1);
  });

  it('changes_image_namespace_and_redis_url_per_overlay_without_touching_the_base', () => {
    const [dev, edge] = [render('dev'), render('edge')];
    expect(spinApp(dev).spec.image).not.toBe(spinApp(edge).spec.image);
    expect(new Set(dev.map((o) => o.metadata.namespace))).toEqual(new Set(['edgewatch-dev']));
    const runtimeConfig = (objects: KubeObject[]) => Buffer.from((objects.find((o) => o.metadata.name === 'edgewatch-runtime-config')!.data as Record<string, string>)['runtime-config.toml']!, 'base64').toString();
    expect(runtimeConfig(edge)).toMatch(/edgewatch-redis\.edgewatch\.svc\.cluster\.local/);
    expect(runtimeConfig(dev)).not.toBe(runtimeConfig(edge));
  });
});

describe('the checks catch broken manifests', () => {
  const broken = (mutate: (app: KubeObject & { spec: Record<string, any> }, objects: KubeObject[]) => void) => {
    const objects = structuredClone(render('dev'));
    mutate(spinApp(objects), objects);
    return objects;
  };

  it('refuses_unknown_spinapp_fields_and_replicas_with_autoscaling', async () => {
    const problems = await validateObjects(broken((app) => Object.assign(app.spec, { enableAutoscaling: true, replica: 3 })));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/additional properties "replica"/), expect.stringMatching(/replicas together with enableAutoscaling/)]));
  });

  it('refuses_invalid_built_in_objects', async () => {
    const problems = await validateObjects(broken((_, objects) => ((objects.find((o) => o.kind === 'CronJob')!.spec as { schedule: unknown }).schedule = 5)));
    expect(problems).toEqual([expect.stringMatching(/^CronJob\/edgewatch-alert-evaluator: .*schedule must be string/)]);
  });

  it('refuses_unknown_variables_and_secrets_outside_a_secret', () => {
    const problems = crossCheck(spin, broken((app) => {
      app.spec.variables.push({ name: 'no_such_variable', value: 'x' });
      app.spec.variables.find((v: { name: string }) => v.name === 'admin_token').valueFrom = { configMapKeyRef: { name: 'edgewatch-variables', key: 'admin_token' } };
    }));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/no_such_variable.*declares no variable/), expect.stringMatching(/admin_token.*must come from valueFrom\.secretKeyRef/)]));
  });

  it('requires_every_secret_variable_to_be_supplied', () => {
    const problems = crossCheck(spin, broken((app) => (app.spec.variables = app.spec.variables.filter((v: { name: string }) => v.name !== 'admin_token'))));
    expect(problems).toEqual([expect.stringMatching(/"admin_token" is secret in spin.toml and must be supplied/)]);
  });

  it('requires_the_image_of_this_app_and_version', () => {
    expect(crossCheck(spin, broken((app) => (app.spec.image = 'ghcr.io/acme/other:0.1.0')))).toEqual([expect.stringMatching(/repository named "edgewatch"/)]);
    expect(crossCheck(spin, broken((app) => (app.spec.image = 'ghcr.io/acme/edgewatch:9.9.9')))).toEqual([expect.stringMatching(/tag "9\.9\.9" should be/)]);
    expect(crossCheck(spin, broken((app) => (app.spec.image = `ghcr.io/acme/edgewatch@sha256:${'a'.repeat(64)}`)))).toEqual([]);
  });

  it('requires_probe_paths_routed_to_a_health_endpoint', () => {
    expect(crossCheck(spin, broken((app) => (app.spec.checks.readiness.httpGet.path = '/nowhere/health')))).toEqual([expect.stringMatching(/checks\.readiness.*not a component's \/health route/)]);
  });

  it('requires_the_runtime_config_to_serve_exactly_the_used_stores_from_redis', () => {
    const where = 'runtime-config.toml';
    expect(checkRuntimeConfig(spin, '[key_value_store.default]\ntype = "redis"\nurl = "redis://r:6379/0"\n', where)).toEqual([]);
    expect(checkRuntimeConfig(spin, '[key_value_store.defualt]\ntype = "redis"\nurl = "redis://r:6379"\n', where)).toEqual(
      expect.arrayContaining([expect.stringMatching(/no \[key_value_store\.default\]/), expect.stringMatching(/defualt\] is not used/)]),
    );
    expect(checkRuntimeConfig(spin, '[key_value_store.default]\ntype = "spin"\n', where)).toEqual([expect.stringMatching(/type is "spin"/)]);
  });

  it('refuses_kustomization_keys_it_cannot_render', () => {
    expect(() => kustomize(path.join(ROOT, 'tools/deploy/src/kube/__fixtures__/unsupported'))).toThrow(KustomizeError);
  });
});
