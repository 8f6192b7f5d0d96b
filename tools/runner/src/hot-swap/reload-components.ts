// Hot reload of built components into a running app (`edgewatch dev`): re-read
// the wasm of the named components and of their dependencies, prepare it (the
// transpile cache is keyed by content, so an unchanged file costs a hash; a new
// one is transpiled on another thread, see transpile-off-thread.ts), start a
// complete new worker pool on the new code, and swap it in through the
// SwappablePool; nothing is restarted when no file changed. Until the new pool
// is ready the old one serves everything; if preparing or starting fails, the
// old one simply keeps serving.
//
// Why a whole new pool rather than new workers for one component: every worker
// hosts every component so that service chaining stays an in-worker call, and a
// worker's components are fixed when it starts.
//
// Out of scope: the manifest. Routes, variables, stores and dependency names are
// read once at start; a spin.toml change needs a restart.
import path from 'node:path';
import type { AppConfig } from '../manifest/app-config.ts';
import { prepareComponent, type PreparedComponent } from '../engine/prepare-component.ts';
import type { WorkerPool } from '../engine/worker-pool.ts';
import { RunnerError } from '../errors.ts';
import { transpileOffThread } from './transpile-off-thread.ts';
import type { SwappablePool, SwapOutcome } from './swappable-pool.ts';

/** What a reload did: which components now run new code and where the time went. */
export interface ReloadResult extends SwapOutcome {
  /** Every component whose wasm (or a dependency's) was re-read, incl. others sharing the file. */
  components: string[];
  /** The wasm files re-read, with whether their content differed from what was running. */
  sources: { path: string; changed: boolean; transpileMs: number }[];
  /** Re-reading and preparing the wasm. */
  prepareMs: number;
  /** Starting the new workers until every one had loaded every component. */
  startMs: number;
  /** False when every file was byte-for-byte what was already running: nothing was restarted. */
  swapped: boolean;
}

export interface ReloadContext {
  app: AppConfig;
  /** The prepared wasm the current pool runs, by absolute path; updated by each reload. */
  prepared: Record<string, PreparedComponent>;
  cacheRoot: string;
  maxMemoryBytes: number;
  pool: SwappablePool;
  /** A new pool on the given prepared wasm, configured like the first one. */
  createPool(prepared: Record<string, PreparedComponent>): WorkerPool;
}

/** The wasm files a component runs: its source, then its dependencies. */
function sourcesOf(app: AppConfig, componentId: string): string[] {
  const component = app.components[componentId]!;
  return [component.source, ...Object.values(component.dependencies)];
}

/** Reload `componentIds` (see the file comment); throws RunnerError and leaves the old code serving on failure. */
export async function reloadComponents(ctx: ReloadContext, componentIds: string[]): Promise<ReloadResult> {
  const unknown = componentIds.filter((id) => !ctx.app.components[id]);
  if (unknown.length > 0) {
    throw new RunnerError('RELOAD_UNKNOWN_COMPONENT', `no component ${unknown.map((id) => `"${id}"`).join(', ')} in ${ctx.app.name}; known: ${Object.keys(ctx.app.components).join(', ')}`, unknown[0]);
  }
  const started = performance.now();
  const sources = [...new Set(componentIds.flatMap((id) => sourcesOf(ctx.app, id)))];
  const next = { ...ctx.prepared };
  const report: ReloadResult['sources'] = [];
  for (const source of sources) {
    const owner = componentIds.find((id) => sourcesOf(ctx.app, id).includes(source));
    // Off this thread: it serves HTTP, and transpiling blocks for seconds.
    const transpileMs = await transpileOffThread(source, ctx.cacheRoot);
    const fresh = await prepareComponent(source, ctx.cacheRoot, ctx.maxMemoryBytes, owner);
    // The glue file lives in a folder named by the content hash: same file, same code.
    report.push({ path: path.relative(ctx.app.appDir, source), changed: fresh.glueFile !== ctx.prepared[source]?.glueFile, transpileMs: transpileMs + fresh.transpileMs });
    next[source] = fresh;
  }
  const prepared = performance.now();
  const reloaded = new Set(sources);
  const components = Object.keys(ctx.app.components).filter((id) => sourcesOf(ctx.app, id).some((s) => reloaded.has(s)));
  if (!report.some((source) => source.changed)) {
    return { components, sources: report, prepareMs: prepared - started, startMs: 0, swapped: false, drainedRequests: 0, failedDuringSwap: 0, drainMs: 0 };
  }

  if (ctx.pool.closed) throw new RunnerError('RELOAD_FAILED', 'the app is closing');
  const pool = ctx.createPool(next);
  try {
    await pool.ready();
  } catch (error) {
    await pool.close();
    throw new RunnerError('RELOAD_FAILED', `the new code did not start, the previous code keeps serving: ${(error as Error).message}`, componentIds[0]);
  }
  const ready = performance.now();
  const outcome = await ctx.pool.swap(pool);
  Object.assign(ctx.prepared, next);
  return { components, sources: report, prepareMs: prepared - started, startMs: ready - prepared, swapped: true, ...outcome };
}
