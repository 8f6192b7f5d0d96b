// Reads the real Nx project graph (the same one `nx affected` and the module
// boundary check use) and reduces it to affected.ts's WorkspaceGraph: each
// project's root, what its `build` writes, which files outside its root its
// build reads and which inside it it excludes (named inputs such as nx.json's
// `production` expanded), and its dependencies (static, dynamic and implicit).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProjectGraph } from 'nx/src/devkit-exports.js';
import type { ProjectInfo, WorkspaceGraph } from './affected.ts';

type Input = string | { fileset?: string } | Record<string, unknown>;

/** The workspace Nx works on: found from the current directory, as every nx command does. */
export async function nxWorkspaceRoot(): Promise<string> {
  return (await import('nx/src/devkit-exports.js')).workspaceRoot;
}

/** Resolve `{workspaceRoot}`/`{projectRoot}` in an output or input path; undefined for anything else (options). */
function workspacePath(pattern: string, projectRoot: string): string | undefined {
  if (pattern.startsWith('{workspaceRoot}/')) return pattern.slice('{workspaceRoot}/'.length);
  if (pattern.startsWith('{projectRoot}/')) return `${projectRoot}/${pattern.slice('{projectRoot}/'.length)}`;
  return undefined;
}

/** File patterns of `inputs`, named inputs expanded; `^name` (the dependencies' inputs) is left out: dependents cover it. */
function filePatterns(inputs: Input[], named: Record<string, Input[]>, seen = new Set<string>()): string[] {
  return inputs.flatMap((input) => {
    const pattern = typeof input === 'string' ? input : typeof input.fileset === 'string' ? input.fileset : undefined;
    if (pattern === undefined || pattern.startsWith('^')) return [];
    if (named[pattern] && !seen.has(pattern)) return filePatterns(named[pattern], named, new Set([...seen, pattern]));
    return [pattern];
  });
}

/** Reduce an Nx ProjectGraph to what dev needs (see affected.ts); `namedInputs` from nx.json. */
export function reduceProjectGraph(graph: ProjectGraph, namedInputs: Record<string, Input[]> = {}): WorkspaceGraph {
  const projects: Record<string, ProjectInfo> = {};
  const dependsOn: Record<string, string[]> = {};
  for (const [name, node] of Object.entries(graph.nodes)) {
    const root = node.data.root;
    const build = node.data.targets?.build;
    const patterns = filePatterns((build?.inputs ?? []) as Input[], { ...namedInputs, ...((node.data.namedInputs ?? {}) as Record<string, Input[]>) });
    // Only inputs outside the project are needed: the root already covers its own files.
    const buildInputGlobs = patterns.filter((p) => p.startsWith('{workspaceRoot}/')).map((p) => workspacePath(p, root)!);
    const buildExcludeGlobs = patterns.filter((p) => p.startsWith('!')).map((p) => workspacePath(p.slice(1), root)).filter((p): p is string => p !== undefined);
    const buildOutputs = (build?.outputs ?? []).map((output) => workspacePath(output, root)).filter((p): p is string => p !== undefined);
    projects[name] = { root, buildOutputs, buildInputGlobs, buildExcludeGlobs };
    dependsOn[name] = (graph.dependencies[name] ?? []).map((d) => d.target).filter((target) => graph.nodes[target] !== undefined);
  }
  return { projects, dependsOn };
}

/** Compute the workspace's project graph now (no daemon needed) and reduce it. */
export async function loadWorkspaceGraph(): Promise<WorkspaceGraph> {
  const { createProjectGraphAsync, workspaceRoot } = await import('nx/src/devkit-exports.js');
  const nxJson = JSON.parse(readFileSync(path.join(workspaceRoot, 'nx.json'), 'utf8')) as { namedInputs?: Record<string, Input[]> };
  return reduceProjectGraph(await createProjectGraphAsync({ exitOnError: false }), nxJson.namedInputs);
}
