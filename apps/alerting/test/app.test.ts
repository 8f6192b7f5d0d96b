import { describe, expect, it } from 'vitest';
import { staticVariables } from '@edgewatch/spin-variables';
import { createAlertingApp } from '../src/app.ts';

const get = (vars: Record<string, string>, path: string) => createAlertingApp({ variables: staticVariables(vars) }).fetch(new Request(`http://localhost${path}`));

describe('alerting router', () => {
  it('reports_the_configured_webhook_origin', async () => {
    const body = (await (await get({ webhook_allowed_host: 'http://127.0.0.1:9099' }, '/api/v1/alerts/health')).json()) as { component: string; details: Record<string, string> };
    expect(body.component).toBe('alerting');
    expect(body.details.webhookAllowedHost).toBe('http://127.0.0.1:9099');
  });

  it('treats_an_unset_webhook_origin_as_none', async () => {
    const body = (await (await get({}, '/api/v1/alerts/health')).json()) as { details: Record<string, string> };
    expect(body.details.webhookAllowedHost).toBe('');
  });

  it('answers_unknown_routes_with_problem_json', async () => {
    const response = await get({}, '/api/v1/alerts/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
