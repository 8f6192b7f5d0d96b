// WASI 0.2 base interfaces (io, cli, clocks, random, filesystem, http types):
// served to every component.
import type { WorkerFactor } from '../factor.ts';
import type { WasiState } from './factor.ts';
import { ioImports } from '../../host/io.worker.ts';
import { wasiBaseImports } from '../../host/wasi-base.worker.ts';
import { httpTypesImports } from '../../host/http-types.worker.ts';

export const wasiWorkerFactor: WorkerFactor<WasiState, WasiState> = {
  name: 'wasi',
  init: (state) => state,
  imports: (state, ctx) => ({
    ...ioImports(),
    ...wasiBaseImports(ctx.log, state.environment[ctx.componentId] ?? {}),
    ...httpTypesImports(),
  }),
};
