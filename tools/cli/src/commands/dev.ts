// `edgewatch dev`: run the app like `edgewatch up` (same flags, same runner), then
// watch the sources; a change rebuilds only the components it affects (Nx
// project graph) and swaps them into the running app without a restart or a
// dropped request. spin.toml changes are not applied live (restart).
import path from 'node:path';
import { APP_FLAGS, printServing, runnerOptionsFromFlags, startApp } from '@edgewatch/runner';
import { fail, parseFlags } from '../output.ts';
import { DevSession } from '../dev/dev-session.ts';
import { DEFAULT_BUILD_COMMAND } from '../dev/run-build.ts';
import { defaultWatchFolders, watchSources } from '../dev/watch-sources.ts';
import { loadWorkspaceGraph, nxWorkspaceRoot } from '../dev/workspace-graph.ts';

const DEV_USAGE = `usage: edgewatch dev [edgewatch up options] [--build-command CMD] [--debounce-ms 300]

Serve the app like \`edgewatch up\` (see edgewatch up --help for its options), watch apps/,
libs/ and rust-kernels/*/src, and on each change rebuild only the affected components and
swap them in while serving. Run it from the Nx workspace; build everything once first
(npm run build). A spin.toml change needs a restart.

options:
      --build-command <cmd>  how to build the affected Nx projects; {projects} becomes their
                             names (default: ${DEFAULT_BUILD_COMMAND})
      --debounce-ms <n>      wait this long after the last change before building (default: 300)`;

/** `edgewatch dev ...`: runs until SIGINT/SIGTERM. */
export async function devCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseFlags(args, { ...APP_FLAGS, 'build-command': { type: 'string' }, 'debounce-ms': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, 'dev');
  if (values.help) {
    console.log(DEV_USAGE);
    return;
  }
  if (positionals.length > 0) fail(`dev: unexpected argument "${positionals[0]}" (see edgewatch dev --help)`);
  const debounceMs = Number(values['debounce-ms'] ?? '300');
  if (!Number.isSafeInteger(debounceMs) || debounceMs < 0) fail(`dev: --debounce-ms "${values['debounce-ms']}": expected a whole number of milliseconds`);

  const workspaceRoot = await nxWorkspaceRoot();
  const { options, generated } = runnerOptionsFromFlags(values);
  const graph = await loadWorkspaceGraph();
  const app = await startApp(options);
  printServing(app, generated);

  const session = new DevSession({
    app,
    workspaceRoot,
    buildCommand: values['build-command'] ?? DEFAULT_BUILD_COMMAND,
    graph,
    reloadGraph: loadWorkspaceGraph,
    print: (line) => console.log(line),
  });
  const watcher = watchSources({
    root: workspaceRoot,
    folders: defaultWatchFolders(workspaceRoot),
    files: [app.app.manifestPath],
    debounceMs,
    onBatch: (files) => session.enqueue(files),
  });
  const built = session.components.filter((c) => c.projects.length > 0).map((c) => `${c.id} (${c.projects.join(' ')})`);
  const unbuilt = session.components.filter((c) => c.projects.length === 0).map((c) => c.id);
  console.log(`dev: watching ${watcher.folders.join(', ')} and ${path.relative(workspaceRoot, app.app.manifestPath)}; rebuilds: ${built.join(', ') || 'none'}`);
  if (unbuilt.length > 0) console.log(`dev: no Nx project builds ${unbuilt.join(', ')}: ${unbuilt.length === 1 ? 'it is' : 'they are'} served as is`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    watcher.close();
    session.stop();
    console.log(`\n${signal}: finishing in-flight requests…`);
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
