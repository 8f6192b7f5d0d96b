// Per-request wiring: host capabilities (store, clock, network) turned into the
// AlertsEnv the alerts lib works on. Opening the store is lazy, so routes
// that never touch it (health) work without one.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import type { VariableSource } from '@edgewatch/spin-variables';
import type { AlertsEnv } from '@edgewatch/alerts';
import { readAlertingConfig, type AlertingConfig } from './config.ts';

/** What the host gives the component; tests pass a memory store, a fake clock and a fake fetch. */
export interface AlertingDeps {
  variables: VariableSource;
  store?: () => KeyValueStore;
  fetch?: AlertsEnv['fetch'];
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Fischer settle delay of write-once claims, used only by stores without `increment`; must exceed one store round trip. */
  claimSettleMs?: number;
}

/** Default settle delay: a store round trip is well under a millisecond locally and a few ms on Redis. */
export const DEFAULT_CLAIM_SETTLE_MS = 25;

/** Everything a handler needs, resolved on first use. */
export interface AlertingContext {
  config(): AlertingConfig;
  env(): AlertsEnv;
}

/** Build the lazy per-request context. */
export function createContext(deps: AlertingDeps): AlertingContext {
  let env: AlertsEnv | undefined;
  return {
    config: () => readAlertingConfig(deps.variables),
    env: () => {
      if (env) return env;
      if (!deps.store) throw new Error('no key-value store was wired into the alerting component');
      const store = deps.store();
      env = {
        store,
        now: deps.now ?? Date.now,
        sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
        random: deps.random ?? Math.random,
        fetch: deps.fetch ?? ((input, init) => fetch(input, init)),
        claimSettleMs: deps.claimSettleMs ?? DEFAULT_CLAIM_SETTLE_MS,
        externalUrl: readAlertingConfig(deps.variables).externalUrl,
      };
      return env;
    },
  };
}
