// Two ways to run the same evaluation: the alerting wasm component through the
// runner (POST /api/v1/alerts/evaluate over loopback HTTP, memory key-value),
// and plain Node calling libs/alerts' evaluate() on a memory store. Both answer
// how many transitions a call made and how many alerts are firing afterwards,
// so the figures can be checked, not just timed.
import { createMemoryStore } from '@edgewatch/spin-key-value';
import { collectAlerts, evaluate, knownDevices, loadConfig, saveCollection, type AlertsEnv, type Reading, type Rule } from '@edgewatch/alerts';
import { startApp } from '@edgewatch/runner';

/** One way of evaluating readings against a stored rule set. */
export interface RuleEngine {
  name: string;
  /** Evaluate a batch; returns the number of alert transitions it made. */
  evaluate(readings: Reading[]): Promise<number>;
  /** Firing alerts of `device`, as the engine's own store says. */
  firing(device: string): Promise<number>;
  close(): Promise<void>;
}

// The component's default (apps/alerting/src/context.ts DEFAULT_CLAIM_SETTLE_MS), so both pay the same claim waits.
const CLAIM_SETTLE_MS = 25;

/** libs/alerts on V8 with the memory store: no wasm, no worker hop, no HTTP. */
export function nodeEngine(rules: Rule[]): RuleEngine {
  const env: AlertsEnv = {
    store: createMemoryStore(),
    now: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    fetch: (input, init) => fetch(input, init),
    claimSettleMs: CLAIM_SETTLE_MS,
    externalUrl: 'http://localhost:3000',
  };
  saveCollection(env, 'rules', rules);
  return {
    name: 'plain Node (libs/alerts)',
    evaluate: async (readings) => (await evaluate(env, readings)).transitions.length,
    firing: async (device) => collectAlerts(env, loadConfig(env), knownDevices(env)).filter(({ record }) => record.state === 'firing' && record.labels.device === device).length,
    close: async () => {},
  };
}

/** The alerting component in the runner; rules are created one by one through the admin API. */
export async function wasmEngine(from: string, rules: Rule[], adminToken: string): Promise<RuleEngine> {
  // A generous timeout: a call that fires 1,000 alerts waits on 1,000 claims.
  const app = await startApp({ from, listen: '127.0.0.1:0', keyValue: 'memory', quiet: true, requestTimeoutMs: 300_000, variables: { admin_token: adminToken } });
  const headers = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${app.url}/api/v1/alerts${path}`, { ...init, headers });
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    return response.json() as Promise<Record<string, unknown>>;
  };
  try {
    // Sequential: the rule set is one document, last writer wins.
    for (const rule of rules) await call('/rules', { method: 'POST', body: JSON.stringify(rule) });
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    name: 'runner, alerting wasm',
    evaluate: async (readings) => ((await call('/evaluate', { method: 'POST', body: JSON.stringify({ readings }) })).transitions as unknown[]).length,
    firing: async (device) => ((await call(`?state=firing&device=${encodeURIComponent(device)}`)).alerts as unknown[]).length,
    close: () => app.close(),
  };
}
