// Messages between the main thread and guest workers.
import type { MessagePort } from 'node:worker_threads';
import type { AppConfig } from '../manifest/app-config.ts';
import type { IncomingRequestData } from '../host/http-types.worker.ts';
import type { PreparedComponent } from './prepare-component.ts';
import type { WorkerCounts } from '../metrics/worker-counters.worker.ts';

export interface WorkerInit {
  app: AppConfig;
  factorStates: Record<string, unknown>;
  /** Prepared wasm by absolute source path (components and their dependencies). */
  prepared: Record<string, PreparedComponent>;
  bridgePort: MessagePort;
  bridgeSignal: SharedArrayBuffer;
  /** Fresh instances each worker keeps ready per component. */
  warmInstances: number;
  /** Disable core-instance recycling (a new WebAssembly.Instance every time); for comparisons. */
  freshCoreInstances?: boolean;
  /** Count key-value and outbound calls for the metrics listener (off: no counting at all). */
  metrics?: boolean;
}

export type ToWorker = { type: 'request'; id: number; componentId: string; request: IncomingRequestData };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'start'; id: number; status: number; headers: [string, string][] }
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  // `counts`: the worker's key-value/outbound counts since its last message, when metrics are on.
  | { type: 'end'; id: number; counts?: WorkerCounts }
  | { type: 'fail'; id: number; message: string; counts?: WorkerCounts }
  /** The guest call returned: the response may have ended earlier (work in waitUntil runs after it). */
  | { type: 'idle'; id: number }
  | { type: 'log'; componentId: string; stream: 'stdout' | 'stderr'; line: string }
  | { type: 'instance-time'; componentId: string; ms: number; kind: 'fresh' | 'recycled' };
