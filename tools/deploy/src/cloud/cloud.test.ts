// The Fermyon Cloud / Akamai Functions profile: check-cloud lists what the
// cloud would refuse in the default spin.toml and nothing in the generated
// profile; the committed profile is exactly what the generator makes from
// today's spin.toml; and the profile loads and serves through the runner.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from '@edgewatch/runner';
import { chainedComponent, parseSpinToml, readSpinToml } from '../manifest/spin-toml.ts';
import { cloudProfileToml, INTERNAL_CALL_MODE } from './profile.ts';
import { cloudRefusals } from './refusals.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const PROFILE = path.join(ROOT, 'deploy/fermyon-cloud/spin.toml');
const checkCloud = (...args: string[]) => spawnSync(process.execPath, ['tools/deploy/src/check-cloud.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('check-cloud', () => {
  it('lists_the_known_refusals_of_the_default_spin_toml', () => {
    const result = checkCloud('spin.toml');
    expect(result.status).toBe(1);
    const lines = result.stdout.trim().split('\n');
    // Known today: ingest and sensor-handler chain to other components; alerting templates its webhook host.
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^spin\.toml: component\.ingest\.allowed_outbound_hosts: "http:\/\/inference\.spin\.internal": local service chaining/),
      expect.stringMatching(/^spin\.toml: component\.sensor-handler\.allowed_outbound_hosts: "http:\/\/ingest\.spin\.internal": local service chaining/),
      expect.stringMatching(/^spin\.toml: component\.alerting\.allowed_outbound_hosts: "\{\{ webhook_allowed_host \}\}": manifest expressions/),
    ]));
    // And every chaining or templated host in the manifest is reported, whatever was added since.
    const spin = readSpinToml(path.join(ROOT, 'spin.toml'));
    for (const [id, c] of Object.entries(spin.doc.component ?? {})) {
      for (const host of (c.allowed_outbound_hosts ?? []).filter((h) => chainedComponent(h) !== undefined || h.includes('{{'))) {
        expect(lines.some((l) => l.includes(`component.${id}.allowed_outbound_hosts: "${host}"`)), `${id} ${host}`).toBe(true);
      }
    }
  });

  it('finds_nothing_to_refuse_in_the_cloud_profile', () => {
    const result = checkCloud('deploy/fermyon-cloud/spin.toml');
    expect(result.stdout.trim()).toBe('deploy/fermyon-cloud/spin.toml: nothing Fermyon Cloud would refuse');
    expect(result.status).toBe(0);
  });

  it('names_an_unreadable_manifest_in_one_line', () => {
    const result = checkCloud('no/such/spin.toml');
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^check-cloud: .*no\/such\/spin\.toml: cannot read the manifest/)]);
  });

  it('refuses_a_second_key_value_store_and_non_http_triggers', () => {
    const spin = parseSpinToml(
      `spin_manifest_version = 2
[application]
name = "x"
[variables]
optional = { secret = true }
[[trigger.redis]]
channel = "c"
component = "a"
[component.a]
source = "a.wasm"
key_value_stores = ["default", "audit"]
`,
      'fixture.toml',
    );
    expect(cloudRefusals(spin).map((r) => r.key)).toEqual(['variables.optional', 'trigger.redis', 'component.a.key_value_stores', 'component.a.key_value_stores']);
  });
});

describe('the generated cloud profile', () => {
  it('is_what_the_generator_makes_from_the_current_spin_toml', () => {
    const expected = cloudProfileToml(readSpinToml(path.join(ROOT, 'spin.toml')), { outDir: path.dirname(PROFILE) });
    expect(readFileSync(PROFILE, 'utf8'), 'stale: run node tools/deploy/src/cloud-profile-cli.ts').toBe(expected);
  });

  it('replaces_chaining_with_self_requests_and_declares_the_call_mode', () => {
    const profile = readSpinToml(PROFILE);
    expect(profile.doc.variables?.[INTERNAL_CALL_MODE]).toEqual({ default: 'self' });
    const root = readSpinToml(path.join(ROOT, 'spin.toml'));
    for (const [id, c] of Object.entries(root.doc.component ?? {})) {
      const chains = (c.allowed_outbound_hosts ?? []).some((h) => chainedComponent(h) !== undefined);
      const cloud = profile.doc.component![id]!;
      expect(cloud.allowed_outbound_hosts?.includes('http://self') ?? false, id).toBe(chains);
      expect(cloud.variables?.[INTERNAL_CALL_MODE], id).toBe(chains ? `{{ ${INTERNAL_CALL_MODE} }}` : undefined);
    }
  });

  it('writes_templated_hosts_literally_with_an_override', () => {
    const text = cloudProfileToml(readSpinToml(path.join(ROOT, 'spin.toml')), { outDir: path.dirname(PROFILE), hosts: { webhook_allowed_host: 'https://hooks.example.com' } });
    expect(parseSpinToml(text, 'profile').doc.component!.alerting!.allowed_outbound_hosts).toEqual(['https://hooks.example.com']);
  });

  describe('served by the runner', () => {
    let app: RunningApp & { url: string };
    beforeAll(async () => {
      app = await startTestApp({ from: PROFILE, variables: { admin_token: 'cloud-admin' } });
    });
    afterAll(async () => app?.close());

    it('answers_each_components_health_route', async () => {
      for (const route of ['/api/v1/ingest/health', '/api/v1/alerts/health', '/sensor/health']) {
        const response = await fetch(`${app.url}${route}`);
        expect(response.status, route).toBe(200);
      }
    });

    it('stores_a_tokened_sensor_reading_through_the_apps_own_routes', async () => {
      const admin = { authorization: 'Bearer cloud-admin', 'content-type': 'application/json' };
      const created = await fetch(`${app.url}/api/v1/devices`, { method: 'POST', headers: admin, body: JSON.stringify({ id: 'cloud-2' }) });
      expect(created.status).toBe(201);
      const { token } = (await created.json()) as { token: string };
      const ts = Math.floor(Date.now() / 1000) - 3600; // within ingest's max_past_seconds
      const response = await fetch(`${app.url}/sensor`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ device: 'cloud-2', temperature: 70, ts }) });
      expect(await response.json()).toMatchObject({ stored: true });
      const series = (await (await fetch(`${app.url}/api/v1/series?device=cloud-2&name=temperature`, { headers: admin })).json()) as { points: [number, number][] };
      expect(series.points).toEqual([[ts, 70]]);
    });

    it('judges_a_reading_sent_without_a_token', async () => {
      const response = await fetch(`${app.url}/sensor`, { method: 'POST', body: JSON.stringify({ device: 'cloud-1', temperature: 85 }) });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { alert: boolean }).alert).toBe(true);
    });
  });
});
