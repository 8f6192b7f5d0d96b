// `edgewatch dev`'s file watcher: recursive fs.watch (inotify on Linux, since
// Node 20) on the source folders, build output and caches filtered out, events
// gathered into one batch per burst (an editor save or a `git checkout` writes
// many files; one rebuild should follow, not many).
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Path segments whose files are build output, dependencies or caches, never sources. */
const IGNORED_SEGMENTS = new Set(['dist', 'node_modules', '.nx', '.spin', 'target', '.git']);
/**
 * Editor droppings (backups, swap files, vim's write test, `sed -i` temp files) and generated
 * files: a build that writes `*.generated.*` into src/ would otherwise trigger itself, and the
 * generator's own inputs are watched anyway.
 */
const IGNORED_NAMES = /(~|\.swp|\.swx|\.tmp|^4913|^sed[A-Za-z0-9]{6}|\.generated\.\w+)$/;

export interface WatchOptions {
  /** The workspace root; batches hold paths relative to it, with `/`. */
  root: string;
  /** Folders (workspace-relative) watched recursively; missing ones are skipped. */
  folders: string[];
  /** Single files (absolute) watched through their folder, e.g. spin.toml. */
  files: string[];
  debounceMs: number;
  onBatch(files: string[]): void;
}

/** The folders dev watches: apps/, libs/, each Rust crate's src/ and the WIT (not rust-kernels/target: huge, and output). */
export function defaultWatchFolders(root: string): string[] {
  const rust = path.join(root, 'rust-kernels');
  const crates = existsSync(rust)
    ? readdirSync(rust, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(rust, entry.name, 'src')))
        .map((entry) => `rust-kernels/${entry.name}/src`)
    : [];
  return ['apps', 'libs', ...crates, 'rust-kernels/wit'];
}

/** Whether a workspace-relative path is a source dev should react to. */
export function isWatchedSource(file: string): boolean {
  const segments = file.split('/');
  return !segments.some((segment) => IGNORED_SEGMENTS.has(segment)) && !IGNORED_NAMES.test(segments.at(-1)!);
}

/** Start watching; returns the folders actually watched and a close function. */
export function watchSources(options: WatchOptions): { folders: string[]; close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const add = (file: string) => {
    if (!isWatchedSource(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = [...pending].sort();
      pending.clear();
      options.onBatch(batch);
    }, options.debounceMs);
  };
  const relative = (absolute: string) => path.relative(options.root, absolute).split(path.sep).join('/');

  const watchers: FSWatcher[] = [];
  const folders = options.folders.filter((folder) => existsSync(path.join(options.root, folder)));
  for (const folder of folders) {
    const absolute = path.join(options.root, folder);
    watchers.push(watch(absolute, { recursive: true }, (_event, name) => name && add(relative(path.join(absolute, name.toString())))));
  }
  // Editors replace a file (write a new one, rename it over): watch its folder, not its inode.
  for (const file of options.files) {
    const dir = path.dirname(file);
    const base = path.basename(file);
    watchers.push(watch(dir, (_event, name) => name?.toString() === base && add(relative(file))));
  }
  return {
    folders,
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}
