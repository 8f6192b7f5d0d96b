// The shape every host capability ("factor", after Spin's runtime) implements.
// A factor lives in its own folder with two files: `factor.ts` runs on the main
// thread, `host.worker.ts` in each worker thread that runs guests.
//
// Phases, in order:
//   1. configure()      main thread, once at start-up: check the app against the
//                       capability (throw RunnerError naming the culprit) and build
//                       plain-data state for workers.
//   2. bridgeHandlers() main thread: async operations workers call synchronously.
//   3. init()           worker, once per worker: open per-worker resources.
//   4. imports()        worker, once per fresh component instance: the WIT
//                       interfaces the factor serves to that component.
//   5. dispose()        main thread, at shutdown.
import type { AppConfig } from '../manifest/app-config.ts';
import type { BridgeClient, BridgeHandler } from '../engine/sync-bridge.ts';
import type { GuestLog } from '../host/wasi-base.worker.ts';
import type { IncomingRequestData, IncomingResponseData } from '../host/http-types.worker.ts';
import type { RuntimeConfig } from '../runtime-config.ts';

export interface FactorContext {
  app: AppConfig;
  runtimeConfig: RuntimeConfig;
  /** Folder for local state (`.spin/` beside spin.toml by default). */
  stateDir: string;
  /** The resolved value of an application variable (after env and overrides), or undefined. */
  variable(name: string): string | undefined;
}

export interface Factor<State = unknown> {
  readonly name: string;
  configure(ctx: FactorContext): Promise<State> | State;
  bridgeHandlers?(state: State): Record<string, BridgeHandler>;
  dispose?(state: State): Promise<void> | void;
}

/** What a worker knows while building one instance's imports. */
export interface InstanceContext {
  componentId: string;
  bridge: BridgeClient;
  log: GuestLog;
  /**
   * Service chaining: run a request through a component in this worker, synchronously.
   * `componentId` undefined routes by path (`self` requests); undefined result = no such component/route.
   */
  chain(componentId: string | undefined, request: IncomingRequestData): IncomingResponseData | undefined;
}

export interface WorkerFactor<State = unknown, WorkerState = unknown> {
  readonly name: string;
  init(state: State, bridge: BridgeClient): WorkerState;
  imports(workerState: WorkerState, ctx: InstanceContext): Record<string, object>;
}
