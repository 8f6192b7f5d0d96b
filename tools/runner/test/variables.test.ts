// Application variables end to end: default, --variable override, and the
// SPIN_VARIABLE_<NAME> environment winning over both; required variables.
import { describe, expect, it } from 'vitest';
import { RunnerError, startTestApp } from '../src/index.ts';
import { freshStateDir, probeManifest, writeManifest } from './support/fixture.ts';

const manifest = probeManifest({
  extra: `[variables]
region = { default = "eu" }
api_key = { required = true }
[component.probe.variables]
greeting = "region {{ region }}"
key = "{{ api_key }}"`,
});

async function readVariables(options: { env?: Record<string, string>; variables?: Record<string, string> }) {
  const app = await startTestApp({ from: writeManifest(manifest), stateDir: freshStateDir(), ...options });
  try {
    const read = async (name: string) => ((await (await fetch(`${app.url}/var?name=${name}`)).json()) as { value: string }).value;
    return { greeting: await read('greeting'), key: await read('key') };
  } finally {
    await app.close();
  }
}

describe('variables', () => {
  it('uses_the_default_when_nothing_overrides_it', async () => {
    expect(await readVariables({ variables: { api_key: 'k1' } })).toEqual({ greeting: 'region eu', key: 'k1' });
  });

  it('lets_spin_variable_env_win_over_overrides_and_defaults', async () => {
    const values = await readVariables({ env: { SPIN_VARIABLE_REGION: 'us', SPIN_VARIABLE_API_KEY: 'from-env' }, variables: { api_key: 'from-flag', region: 'ap' } });
    expect(values).toEqual({ greeting: 'region us', key: 'from-env' });
  });

  it('refuses_to_start_without_a_required_variable', async () => {
    const error = await startTestApp({ from: writeManifest(manifest), stateDir: freshStateDir() }).then(
      (app) => app.close().then(() => undefined),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunnerError);
    expect((error as RunnerError).code).toBe('VARIABLE_REQUIRED');
    expect((error as RunnerError).message).toContain('SPIN_VARIABLE_API_KEY');
  });
});
