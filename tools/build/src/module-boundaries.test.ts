// Architecture rules on the real Nx project graph: apps never import the runner
// or each other, libs never import apps, only kernel wrappers (and tools/tests)
// touch the Rust kernels. The constraints live in ../module-boundaries.json.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

interface Constraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}
interface Graph {
  nodes: Record<string, { data: { tags?: string[] } }>;
  /** `implicit` edges come from nx.implicitDependencies: build order, not imports. */
  dependencies: Record<string, { target: string; type?: string }[]>;
}

const root = path.resolve(import.meta.dirname, '../../..');
const { depConstraints } = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../module-boundaries.json'), 'utf8')) as { depConstraints: Constraint[] };

function projectGraph(): Graph {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'nx-graph-')), 'graph.json');
  execFileSync(path.join(root, 'node_modules/.bin/nx'), ['graph', `--file=${file}`], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  return (JSON.parse(readFileSync(file, 'utf8')) as { graph: Graph }).graph;
}

/** Every dependency edge that breaks a constraint, as `source -> target (rule)`. */
export function violations(graph: Graph, constraints: Constraint[]): string[] {
  const out: string[] = [];
  const tags = (name: string) => graph.nodes[name]?.data.tags ?? [];
  for (const [source, deps] of Object.entries(graph.dependencies)) {
    for (const { target, type } of deps) {
      if (!graph.nodes[target] || type === 'implicit') continue; // npm packages; build-order-only edges
      for (const rule of constraints) {
        if (!tags(source).includes(rule.sourceTag)) continue;
        if (!tags(target).some((t) => rule.onlyDependOnLibsWithTags.includes(t))) out.push(`${source} -> ${target} (${rule.sourceTag} may only use ${rule.onlyDependOnLibsWithTags.join(', ') || 'nothing'})`);
      }
    }
  }
  return out;
}

describe('module boundaries', () => {
  const graph = projectGraph();

  it('tags_every_project_with_a_scope_and_a_type', () => {
    for (const [name, node] of Object.entries(graph.nodes)) {
      const tags = node.data.tags ?? [];
      expect(tags.some((t) => t.startsWith('scope:')), `${name} has a scope tag`).toBe(true);
      expect(tags.some((t) => t.startsWith('type:')), `${name} has a type tag`).toBe(true);
    }
  });

  it('has_no_dependency_that_breaks_a_constraint', () => {
    expect(violations(graph, depConstraints)).toEqual([]);
  });

  it('ignores_build_order_only_edges', () => {
    const fake: Graph = {
      nodes: { cli: { data: { tags: ['type:tool', 'scope:tooling'] } }, app: { data: { tags: ['type:app', 'scope:x'] } } },
      dependencies: { cli: [{ target: 'app', type: 'implicit' }] },
    };
    expect(violations(fake, depConstraints)).toEqual([]);
  });

  it('detects_a_forbidden_edge', () => {
    const fake: Graph = {
      nodes: { app: { data: { tags: ['type:app', 'scope:x'] } }, runner: { data: { tags: ['type:runner', 'scope:tooling'] } } },
      dependencies: { app: [{ target: 'runner', type: 'static' }] },
    };
    expect(violations(fake, depConstraints)).toEqual(['app -> runner (type:app may only use type:lib, type:wit, type:kernel-wrapper)']);
  });
});
