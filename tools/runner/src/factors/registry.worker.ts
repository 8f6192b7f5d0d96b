// The capabilities the runner serves (worker halves), in the same order as registry.ts.
import type { WorkerFactor } from './factor.ts';
import { wasiWorkerFactor } from './wasi/host.worker.ts';
import { variablesWorkerFactor } from './variables/host.worker.ts';
import { keyValueWorkerFactor } from './key-value/host.worker.ts';
import { outboundHttpWorkerFactor } from './outbound-http/host.worker.ts';

export const WORKER_FACTORS: WorkerFactor<any, any>[] = [wasiWorkerFactor, variablesWorkerFactor, keyValueWorkerFactor, outboundHttpWorkerFactor];
