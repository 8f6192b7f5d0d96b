// WASI base capability (main thread): hands each component its manifest `environment`.
import type { Factor } from '../factor.ts';

export interface WasiState {
  environment: Record<string, Record<string, string>>;
}

export const wasiFactor: Factor<WasiState> = {
  name: 'wasi',
  configure: ({ app }) => ({
    environment: Object.fromEntries(Object.values(app.components).map((c) => [c.id, c.environment])),
  }),
};
