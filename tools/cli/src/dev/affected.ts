// `edgewatch dev`'s question "what must be rebuilt and swapped for these changed
// files?", answered from the Nx project graph, as `nx affected` would, but down
// to spin.toml components:
//   changed file → the projects whose build reads it (by project root, or named
//   by a `{workspaceRoot}/...` build input, as the Rust crates' inputs are; not
//   when the build inputs exclude it, as `production` excludes tests)
//   → those projects and every project depending on them (static and implicit
//   dependencies) → the components whose wasm one of those projects builds.
// Pure functions over plain data, so they are tested on the real graph.
import path from 'node:path';
import type { AppConfig } from '@edgewatch/runner';

/** What dev needs to know about one Nx project. */
export interface ProjectInfo {
  /** Workspace-relative folder. */
  root: string;
  /** Workspace-relative files or folders the `build` target writes. */
  buildOutputs: string[];
  /** Workspace-relative globs of `build` inputs outside the project root (`{workspaceRoot}/...`). */
  buildInputGlobs: string[];
  /** Workspace-relative globs the `build` inputs exclude (`!{projectRoot}/test/**`): tests never reach the wasm. */
  buildExcludeGlobs: string[];
}

/** The project graph reduced to what dev needs; `dependsOn[p]` lists the projects p depends on. */
export interface WorkspaceGraph {
  projects: Record<string, ProjectInfo>;
  dependsOn: Record<string, string[]>;
}

/** A spin.toml component and the Nx projects that build its wasm (and its dependencies' wasm). */
export interface ComponentProjects {
  id: string;
  projects: string[];
}

/** What one batch of changes asks for. */
export interface RebuildPlan {
  /** Components to rebuild and swap, each with the affected projects that build it. */
  components: ComponentProjects[];
  /** Every project to build (the union of the above), sorted. */
  projects: string[];
  /** Changed files that belong to no project (they change nothing dev can rebuild). */
  unowned: string[];
}

const inside = (file: string, folder: string) => folder === '.' || folder === '' || file === folder || file.startsWith(`${folder}/`);

/**
 * The projects whose build a workspace-relative file is an input of: the deepest project root
 * holding it, and projects naming it as a build input, unless their build inputs exclude it.
 */
export function projectsOfFile(file: string, graph: WorkspaceGraph): string[] {
  const owners = new Set<string>();
  let deepest: string | undefined;
  for (const [name, project] of Object.entries(graph.projects)) {
    if (inside(file, project.root) && (!deepest || project.root.length > graph.projects[deepest]!.root.length)) deepest = name;
    if (project.buildInputGlobs.some((glob) => path.matchesGlob(file, glob))) owners.add(name);
  }
  if (deepest) owners.add(deepest);
  return [...owners].filter((name) => !graph.projects[name]!.buildExcludeGlobs.some((glob) => path.matchesGlob(file, glob))).sort();
}

/** `projects` plus every project that depends on one of them, directly or not. */
export function withDependents(projects: Iterable<string>, graph: WorkspaceGraph): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const [from, targets] of Object.entries(graph.dependsOn)) {
    for (const to of targets) dependents.set(to, [...(dependents.get(to) ?? []), from]);
  }
  const result = new Set(projects);
  const queue = [...result];
  while (queue.length > 0) {
    for (const next of dependents.get(queue.pop()!) ?? []) {
      if (!result.has(next)) {
        result.add(next);
        queue.push(next);
      }
    }
  }
  return result;
}

/** Project names a component's `build.command` mentions (`nx run app-ingest:build`, `nx run-many -p anomaly app-inference`). */
function projectsInCommand(command: string[] | string | undefined, graph: WorkspaceGraph): string[] {
  if (command === undefined) return [];
  const text = Array.isArray(command) ? command.join(' ') : command;
  const afterNx = text.split(/\bnx\b/).slice(1).join(' ');
  return afterNx
    .split(/[\s,=]+/)
    .map((token) => token.split(':')[0]!)
    .filter((token) => Object.hasOwn(graph.projects, token));
}

/** For each component of `app`: the projects whose build writes its wasm or a dependency's, or that its build command names. */
export function componentProjects(app: AppConfig, graph: WorkspaceGraph, workspaceRoot: string): ComponentProjects[] {
  return Object.values(app.components).map((component) => {
    const projects = new Set(projectsInCommand(component.build?.command, graph));
    for (const wasm of [component.source, ...Object.values(component.dependencies)]) {
      const file = path.relative(workspaceRoot, wasm).split(path.sep).join('/');
      for (const [name, project] of Object.entries(graph.projects)) {
        if (project.buildOutputs.some((output) => inside(file, output))) projects.add(name);
      }
    }
    return { id: component.id, projects: [...projects].sort() };
  });
}

/** The rebuild `files` (workspace-relative) call for, given each component's projects. */
export function planRebuild(files: string[], graph: WorkspaceGraph, components: ComponentProjects[]): RebuildPlan {
  const changed = new Set<string>();
  const unowned: string[] = [];
  for (const file of files) {
    const owners = projectsOfFile(file, graph);
    if (owners.length === 0) unowned.push(file);
    owners.forEach((owner) => changed.add(owner));
  }
  const affected = withDependents(changed, graph);
  const planned = components
    .map((component) => ({ id: component.id, projects: component.projects.filter((p) => affected.has(p)) }))
    .filter((component) => component.projects.length > 0);
  return { components: planned, projects: [...new Set(planned.flatMap((c) => c.projects))].sort(), unowned };
}
