// Step 1 of a TS component build: one ESM bundle with the WIT imports left
// external (build-tools' esbuild plugin reads them from the package's
// witDependencies), so componentize-js can bind them to host imports.
import path from 'node:path';
import { build } from 'esbuild';
import { SpinEsbuildPlugin } from '@spinframework/build-tools/plugins/esbuild/index.js';

export interface BundleOptions {
  /** The component's package folder (holds package.json with its WIT dependencies). */
  appDir: string;
  entry: string;
  outfile: string;
  tsconfig: string;
}

/** Bundle `entry` for StarlingMonkey; returns the bundle size in bytes. */
export async function bundleComponent(options: BundleOptions): Promise<number> {
  // The plugin scans package.json dependencies from the current directory.
  const previous = process.cwd();
  process.chdir(options.appDir);
  try {
    const result = await build({
      entryPoints: [path.resolve(options.appDir, options.entry)],
      outfile: path.resolve(options.appDir, options.outfile),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: false,
      sourcemap: false,
      metafile: true,
      tsconfig: options.tsconfig,
      logLevel: 'warning',
      plugins: [await SpinEsbuildPlugin()],
    });
    return Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
  } finally {
    process.chdir(previous);
  }
}
