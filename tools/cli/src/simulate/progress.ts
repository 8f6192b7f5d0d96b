// The live progress of a run on stderr (stdout stays for the summary, so
// `--json` can be piped): on a terminal one line rewritten in place every
// second; otherwise (CI logs, pipes) a plain line every few seconds.
import { progressLine } from './report.ts';
import type { LoadStats } from './load.ts';

/** Where progress goes; process.stderr in the CLI. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** Start reporting `stats`; call the returned function once the run is over. */
export function startProgress(stats: LoadStats, stream: ProgressStream, plainEverySeconds = 5): () => void {
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
    if (stream.isTTY) stream.write(`\r${progressLine(stats)}\x1b[K`);
    else if (ticks % plainEverySeconds === 0) stream.write(`${progressLine(stats)}\n`);
  }, 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    if (stream.isTTY) stream.write(`\r${progressLine(stats)}\x1b[K\n`);
  };
}
