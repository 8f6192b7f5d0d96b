// Per-instance context handed to every handler: the store and configuration,
// each resolved on first use so a route that needs neither never touches the host.
import type { KeyValueStore } from '@edgewatch/spin-key-value';
import type { VariableSource } from '@edgewatch/spin-variables';
import { readIngestConfig, type IngestConfig } from './config.ts';
import type { Handoff } from './handoff.ts';

/** Host capabilities the component is built over (Spin in the guest, fakes in tests). */
export interface IngestDeps {
  /** Opens the component's store lazily, so routes that do not need it never touch the host. */
  openStore: () => KeyValueStore;
  variables: VariableSource;
  /** Current time in ms; injected so tests control time windows. */
  now?: () => number;
  /** Told about each newly stored batch (inference scoring); see handoff.ts. */
  handoff?: Handoff;
}

/** What handlers get: the store, the configuration and the clock. */
export interface IngestContext {
  store(): KeyValueStore;
  config(): IngestConfig;
  nowMs(): number;
  handoff: Handoff;
}

/** Memoise the deps into the context handlers use. */
export function createContext(deps: IngestDeps): IngestContext {
  let store: KeyValueStore | undefined;
  let config: IngestConfig | undefined;
  return {
    store: () => (store ??= deps.openStore()),
    config: () => (config ??= readIngestConfig(deps.variables)),
    nowMs: () => (deps.now ?? Date.now)(),
    handoff: deps.handoff ?? (async () => {}),
  };
}
