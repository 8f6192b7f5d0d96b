// Every start-up error the manifest loader (and the factors' configure phase)
// can report: a stable code, and a message naming the key and the fix.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadManifest, RunnerError, startTestApp } from '../src/index.ts';
import type { ErrorCode } from '../src/errors.ts';
import { PROBE_WASM, freshStateDir, probeManifest, tempDir, writeManifest } from './support/fixture.ts';

function loadError(toml: string): RunnerError {
  const dir = writeManifest(toml);
  try {
    loadManifest(path.join(dir, 'spin.toml'));
  } catch (error) {
    expect(error).toBeInstanceOf(RunnerError);
    return error as RunnerError;
  }
  throw new Error('expected the manifest to be refused');
}

async function startError(toml: string, options: Parameters<typeof startTestApp>[0] extends infer O ? Partial<O> : never = {}): Promise<RunnerError> {
  const dir = writeManifest(toml);
  const error = await startTestApp({ from: dir, stateDir: freshStateDir(), ...options }).then(
    async (app) => {
      await app.close();
      throw new Error('expected start-up to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunnerError);
  return error as RunnerError;
}

const expectError = (error: RunnerError, code: ErrorCode, ...mentions: (string | RegExp)[]) => {
  expect(error.code).toBe(code);
  expect(error.message).toContain(`[${code}]`);
  for (const m of mentions) expect(error.message).toMatch(typeof m === 'string' ? new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : m);
};

describe('manifest loader errors', () => {
  it('refuses_a_missing_file_and_says_to_pass_-f', () => {
    expect(() => loadManifest(path.join(tempDir(), 'spin.toml'))).toThrow(expect.objectContaining({ code: 'MANIFEST_READ', message: expect.stringContaining('-f') }));
  });

  it('refuses_invalid_toml_naming_the_file', () => {
    expectError(loadError('spin_manifest_version = 2\n[application\nname = "x"'), 'MANIFEST_SYNTAX', 'spin.toml');
  });

  it('refuses_manifest_version_1_and_names_the_migration', () => {
    expectError(loadError('spin_manifest_version = 1\n[application]\nname = "x"\n'), 'MANIFEST_SCHEMA', 'spin_manifest_version', 'spin doctor');
  });

  it('refuses_an_unknown_key_with_did_you_mean', () => {
    const error = loadError(probeManifest({ component: 'key_value_store = ["default"]' }));
    expectError(error, 'MANIFEST_SCHEMA', 'component.probe.key_value_store', 'did you mean "key_value_stores"');
  });

  it('refuses_an_unknown_top_level_key_with_did_you_mean', () => {
    expectError(loadError(probeManifest({ extra: '[variable]\nx = { default = "1" }' })), 'MANIFEST_SCHEMA', 'variable', 'did you mean "variables"');
  });

  it('refuses_an_unrelated_unknown_key_and_says_to_remove_it', () => {
    expectError(loadError(probeManifest({ component: 'zzzzzzzzzz = 1' })), 'MANIFEST_SCHEMA', 'component.probe.zzzzzzzzzz', 'remove it');
  });

  it('refuses_a_trigger_naming_an_undefined_component', () => {
    const error = loadError(probeManifest({ extra: '[[trigger.http]]\nroute = "/b"\ncomponent = "prob"' }));
    expectError(error, 'TRIGGER_UNKNOWN_COMPONENT', 'trigger.http[1].component', '"prob"', 'defined: probe', '[component.prob]');
  });

  it('refuses_a_duplicate_route_naming_both_components', () => {
    const error = loadError(probeManifest({ extra: `[[trigger.http]]\nroute = "/..."\ncomponent = "other"\n[component.other]\nsource = "${PROBE_WASM}"` }));
    expectError(error, 'TRIGGER_DUPLICATE_ROUTE', 'trigger.http[1].route', '"/..."', 'component "probe"', 'another route');
  });

  it('refuses_a_reserved_well_known_route', () => {
    const error = loadError(probeManifest({ extra: '[[trigger.http]]\nroute = "/.well-known/spin/health"\ncomponent = "probe"' }));
    expectError(error, 'TRIGGER_RESERVED_ROUTE', 'trigger.http[1].route', '/.well-known/spin/', 'choose another path');
  });

  it('refuses_a_malformed_route', () => {
    expectError(loadError(probeManifest({ extra: '[[trigger.http]]\nroute = "/a/.../b"\ncomponent = "probe"' })), 'TRIGGER_BAD_ROUTE', 'trigger.http[1].route', '/...');
  });

  it('refuses_a_private_false_route', () => {
    expectError(loadError(probeManifest({ extra: '[[trigger.http]]\nroute = { private = false }\ncomponent = "probe"' })), 'TRIGGER_BAD_ROUTE', 'private = true');
  });

  it('refuses_a_base_other_than_slash', () => {
    const error = loadError(probeManifest({ head: '[application.trigger.http]\nbase = "/api"' }));
    expectError(error, 'TRIGGER_BASE', 'application.trigger.http.base', '"/api"', 'put the prefix into each route');
  });

  it.each([
    ['variables', '[variables]\nBad-Name = { default = "1" }', 'variables: "Bad-Name"', '"bad_name"'],
    ['component variables', '[component.probe.variables]\nmyVar = "x"', 'component.probe.variables: "myVar"', 'lower-case'],
  ])('refuses_a_bad_variable_name_in_%s', (_, extra, where, fix) => {
    expectError(loadError(probeManifest({ extra })), 'VARIABLE_NAME', where, fix);
  });

  it('refuses_a_template_naming_an_undeclared_variable', () => {
    const error = loadError(probeManifest({ extra: '[component.probe.variables]\ngreeting = "{{ greting }}"' }));
    expectError(error, 'VARIABLE_UNDECLARED', 'component.probe.variables.greeting', '{{ greting }}', 'add it under [variables]');
  });

  it('refuses_an_allowed_outbound_host_template_naming_an_undeclared_variable', () => {
    const error = loadError(probeManifest({ component: 'allowed_outbound_hosts = ["{{ origin }}"]' }));
    expectError(error, 'VARIABLE_UNDECLARED', 'component.probe.allowed_outbound_hosts', '{{ origin }}', '[variables]');
  });

  it('refuses_a_variable_both_required_and_defaulted', () => {
    expectError(loadError(probeManifest({ extra: '[variables]\nx = { required = true, default = "1" }' })), 'MANIFEST_SCHEMA', 'variables.x', 'drop one');
    expectError(loadError(probeManifest({ extra: '[variables]\nx = { secret = true }' })), 'MANIFEST_SCHEMA', 'variables.x', 'default = ""', 'required = true');
  });

  it.each([
    ['files', 'files = ["static/**"]', 'component.probe.files'],
    ['url_sources', '', 'component.probe.source'],
    ['sqlite_databases', 'sqlite_databases = ["default"]', 'component.probe.sqlite_databases'],
    ['ai_models', 'ai_models = ["llama2-chat"]', 'component.probe.ai_models'],
    ['allowed_http_hosts', 'allowed_http_hosts = ["example.com"]', 'allowed_outbound_hosts'],
  ])('refuses_unsupported_feature_%s', (feature, component, where) => {
    const toml =
      feature === 'url_sources'
        ? probeManifest().replace(`source = "${PROBE_WASM}"`, 'source = { url = "https://example.com/x.wasm", digest = "sha256:00" }')
        : probeManifest({ component });
    const error = loadError(toml);
    expectError(error, 'MANIFEST_UNSUPPORTED', where);
    expect(error.component).toBe('probe');
  });

  it('refuses_the_redis_trigger', () => {
    expectError(loadError(probeManifest({ head: '[application.trigger.redis]\naddress = "redis://localhost"' })), 'MANIFEST_UNSUPPORTED', 'application.trigger.redis');
    expectError(
      loadError(probeManifest({ extra: '[[trigger.redis]]\nchannel = "c"\ncomponent = "probe"' })),
      'MANIFEST_UNSUPPORTED',
      'trigger.redis',
      'only HTTP triggers',
    );
  });

  it('refuses_non_kebab_component_ids', () => {
    expectError(loadError(probeManifest().replaceAll('probe', 'My_Probe')), 'MANIFEST_SCHEMA', 'component.My_Probe', 'kebab-case');
  });
});

describe('start-up errors from the factors and the engine', () => {
  it('refuses_a_missing_wasm_source_and_says_to_build_it', async () => {
    const error = await startError(probeManifest().replace(PROBE_WASM, 'dist/missing.wasm'));
    expectError(error, 'COMPONENT_SOURCE_MISSING', 'missing.wasm', 'build it first');
    expect(error.component).toBe('probe');
  });

  it('refuses_a_missing_dependency_and_names_it', async () => {
    const error = await startError(probeManifest({ extra: '[component.probe.dependencies]\n"edgewatch:kernels/anomaly@0.1.0" = { path = "dist/no-such-kernel.wasm" }' }));
    expectError(error, 'DEPENDENCY_INVALID', 'edgewatch:kernels/anomaly@0.1.0', 'no-such-kernel.wasm', 'build it first');
    expect(error.component).toBe('probe');
  });

  it('refuses_a_file_that_is_not_a_component', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'bogus.wasm'), 'not wasm at all');
    const error = await startError(probeManifest().replace(PROBE_WASM, path.join(dir, 'bogus.wasm')));
    expectError(error, 'COMPONENT_INVALID', 'bogus.wasm');
  });

  it('refuses_an_undeclared_store_label', async () => {
    const error = await startError(probeManifest({ component: 'key_value_stores = ["default", "cache"]' }), { keyValue: undefined });
    expectError(error, 'KV_UNDECLARED_STORE', '"cache"', '[key_value_store.cache]', '--runtime-config-file');
    expect(error.component).toBe('probe');
  });

  it('refuses_a_malformed_allowed_outbound_host', async () => {
    const error = await startError(probeManifest({ component: 'allowed_outbound_hosts = ["example.com"]' }));
    expectError(error, 'OUTBOUND_HOST', '"example.com"', 'scheme://host');
  });

  it('refuses_a_required_variable_without_a_value', async () => {
    const error = await startError(probeManifest({ extra: '[variables]\napi_key = { required = true }' }));
    expectError(error, 'VARIABLE_REQUIRED', 'variables.api_key', 'SPIN_VARIABLE_API_KEY', '--variable api_key=');
  });

  it('refuses_an_unknown_runtime_config_key', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'runtime-config.toml');
    writeFileSync(file, '[key_value_store.default]\ntype = "azure_cosmos"\n');
    const error = await startError(probeManifest({ component: 'key_value_stores = ["default"]' }), { keyValue: undefined, runtimeConfigFile: file });
    expectError(error, 'RUNTIME_CONFIG', 'runtime-config.toml', 'key_value_store.default', 'redis');
  });

  it('refuses_an_unreachable_redis_store', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'runtime-config.toml');
    // Port 1 on loopback: nothing listens there.
    writeFileSync(file, '[key_value_store.default]\ntype = "redis"\nurl = "redis://127.0.0.1:1"\n');
    const error = await startError(probeManifest({ component: 'key_value_stores = ["default"]' }), { keyValue: undefined, runtimeConfigFile: file });
    expectError(error, 'KV_BACKEND', 'store "default"', 'redis://127.0.0.1:1');
  });
});
