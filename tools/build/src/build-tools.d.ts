// @spinframework/build-tools ships its esbuild plugin without types.
declare module '@spinframework/build-tools/plugins/esbuild/index.js' {
  import type { Plugin } from 'esbuild';
  export function SpinEsbuildPlugin(): Promise<Plugin>;
}
