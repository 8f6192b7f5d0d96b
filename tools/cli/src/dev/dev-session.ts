// The loop of `edgewatch dev`: each batch of changed files becomes a rebuild
// plan (affected.ts), one build of exactly the planned projects, and one hot
// swap of the planned components into the running app. Batches that arrive
// during a build wait and are merged into the next cycle, so builds never
// overlap. A failed build or swap is reported and the previous code keeps
// serving. Every line starts with `dev:` (tests and people grep for it).
import path from 'node:path';
import type { ReloadResult, RunningApp } from '@edgewatch/runner';
import { componentProjects, planRebuild, type ComponentProjects, type WorkspaceGraph } from './affected.ts';
import { outputTail, runBuild } from './run-build.ts';

export interface DevSessionOptions {
  app: RunningApp;
  workspaceRoot: string;
  /** Shell command with `{projects}` (see run-build.ts). */
  buildCommand: string;
  graph: WorkspaceGraph;
  /** Re-read the project graph (after a package.json or project.json change). */
  reloadGraph(): Promise<WorkspaceGraph>;
  print(line: string): void;
}

/** Files whose change can alter the project graph itself. */
const GRAPH_FILES = /(^|\/)(package\.json|project\.json|nx\.json)$/;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function describeFiles(files: string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 2).join(', ')} and ${files.length - 2} more files`;
}

/** Start with `new DevSession(...)`, feed it batches with `enqueue`, `stop()` it on shutdown. */
export class DevSession {
  readonly #options: DevSessionOptions;
  readonly #manifestFile: string;
  #graph: WorkspaceGraph;
  #components: ComponentProjects[];
  readonly #pending = new Set<string>();
  #running: Promise<void> | undefined;
  readonly #stopped = new AbortController();

  constructor(options: DevSessionOptions) {
    this.#options = options;
    this.#graph = options.graph;
    this.#components = componentProjects(options.app.app, options.graph, options.workspaceRoot);
    this.#manifestFile = path.relative(options.workspaceRoot, options.app.app.manifestPath).split(path.sep).join('/');
  }

  /** Each component and the Nx projects that build it, as dev sees them. */
  get components(): ComponentProjects[] {
    return this.#components;
  }

  /** Queue changed files (workspace-relative); a cycle starts unless one is running. */
  enqueue(files: string[]): void {
    if (this.#stopped.signal.aborted) return;
    files.forEach((file) => this.#pending.add(file));
    this.#running ??= this.#drain().finally(() => (this.#running = undefined));
  }

  /** Drop queued changes and stop a running build (shutting down). */
  stop(): void {
    this.#pending.clear();
    this.#stopped.abort();
  }

  async #drain(): Promise<void> {
    while (this.#pending.size > 0) {
      const files = [...this.#pending].sort();
      this.#pending.clear();
      try {
        await this.#cycle(files);
      } catch (error) {
        this.#options.print(`dev: ${(error as Error).message}; still serving the previous code`);
      }
    }
  }

  async #cycle(changed: string[]): Promise<void> {
    const { print } = this.#options;
    if (changed.includes(this.#manifestFile)) {
      print(`dev: ${this.#manifestFile} changed: routes, components and variables are read at start only; restart edgewatch dev to apply them`);
    }
    const files = changed.filter((file) => file !== this.#manifestFile);
    if (files.length === 0) return;
    if (files.some((file) => GRAPH_FILES.test(file))) {
      this.#graph = await this.#options.reloadGraph();
      this.#components = componentProjects(this.#options.app.app, this.#graph, this.#options.workspaceRoot);
    }
    const plan = planRebuild(files, this.#graph, this.#components);
    if (plan.components.length === 0) {
      print(`dev: ${describeFiles(files)} changed; no component is built from ${files.length === 1 ? 'it' : 'them'}`);
      return;
    }
    const ids = plan.components.map((c) => c.id);
    print(`dev: ${describeFiles(files)} changed → building ${ids.join(', ')} (${plan.projects.join(' ')})`);
    const build = await runBuild(this.#options.buildCommand, plan.projects, this.#options.workspaceRoot, this.#stopped.signal);
    if (this.#stopped.signal.aborted) return;
    if (!build.ok) {
      print(`dev: build of ${plan.projects.join(' ')} failed after ${seconds(build.ms)}; still serving the previous code. Last lines of \`${build.command}\`:`);
      for (const line of outputTail(build.output)) print(`dev:   ${line}`);
      return;
    }
    let result: ReloadResult;
    try {
      result = await this.#options.app.reloadComponents(ids);
    } catch (error) {
      print(`dev: built ${ids.join(', ')} in ${seconds(build.ms)} but could not swap it in (${(error as Error).message}); still serving the previous code`);
      return;
    }
    print(`dev: ${this.#summary(ids, plan.projects, build.ms, result)}`);
  }

  #summary(ids: string[], projects: string[], buildMs: number, result: ReloadResult): string {
    const rebuilt = `rebuilt ${ids.join(', ')} in ${seconds(buildMs)} (${projects.join(' ')})`;
    if (!result.swapped) return `${rebuilt}: the wasm is unchanged, nothing to swap`;
    const changed = result.sources.filter((s) => s.changed).map((s) => s.path);
    const transpiled = result.sources.reduce((sum, s) => sum + s.transpileMs, 0);
    return (
      `${rebuilt}, swapped in ${seconds(result.prepareMs + result.startMs + result.drainMs)} ` +
      `(${changed.join(', ')}${transpiled > 0 ? `, transpiled in ${seconds(transpiled)}` : ''}); ` +
      `${result.failedDuringSwap} requests failed during the swap, ${result.drainedRequests} finished on the old code`
    );
  }
}
