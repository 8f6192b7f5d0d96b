// Runs `edgewatch dev`'s build of the affected projects: by default one Nx
// run-many over exactly those projects (Nx builds their dependencies first and
// serves unchanged ones from its cache). The output is kept, not streamed, so a
// successful rebuild is one line and a failed one shows what went wrong.
import { spawn } from 'node:child_process';

/** `{projects}` becomes the space-separated project names. */
export const DEFAULT_BUILD_COMMAND = 'npx nx run-many -t build --outputStyle=static -p {projects}';

export interface BuildOutcome {
  ok: boolean;
  ms: number;
  /** stdout and stderr, interleaved as they came. */
  output: string;
  /** The command as run. */
  command: string;
}

/**
 * Run `template` for `projects` in `cwd` (through the shell, like a spin.toml build command).
 * Aborting `signal` stops the whole build (its own process group: Nx starts grandchildren).
 */
export function runBuild(template: string, projects: string[], cwd: string, signal?: AbortSignal): Promise<BuildOutcome> {
  const command = template.replaceAll('{projects}', projects.join(' '));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, EDGEWATCH_DEV_PROJECTS: projects.join(',') } });
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
    };
    signal?.addEventListener('abort', stop, { once: true });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => resolve({ ok: false, ms: performance.now() - started, output: `${output}${error.message}\n`, command }));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', stop);
      resolve({ ok: code === 0, ms: performance.now() - started, output, command });
    });
  });
}

/** The last `lines` non-empty lines of a build's output, for a failure report. */
export function outputTail(output: string, lines = 25): string[] {
  return output.split('\n').map((line) => line.trimEnd()).filter(Boolean).slice(-lines);
}
