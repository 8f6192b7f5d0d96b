// Runner logs: one structured JSON line per request, and each component's
// stdout/stderr captured per component (to files under --log-dir, as Spin does,
// and to the console prefixed with the component id).
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface RequestEntry {
  method: string;
  path: string;
  status: number;
  ms: number;
  component?: string;
  route?: string;
}

export interface RequestLog {
  request(entry: RequestEntry): void;
  component(componentId: string, stream: 'stdout' | 'stderr', line: string): void;
  info(message: string): void;
}

export interface LogOptions {
  logDir?: string;
  /** false silences the console (tests); files are still written when logDir is set. */
  console?: boolean;
}

/** Create the runner's logger. */
export function createLog(options: LogOptions): RequestLog {
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const toConsole = options.console ?? true;
  const file = (name: string, line: string) => options.logDir && appendFileSync(path.join(options.logDir, name), `${line}\n`);
  return {
    request(entry) {
      const line = JSON.stringify({ time: new Date().toISOString(), ...entry, ms: Math.round(entry.ms * 100) / 100 });
      if (toConsole) console.log(line);
      file('requests.jsonl', line);
    },
    component(componentId, stream, line) {
      if (toConsole) (stream === 'stderr' ? console.error : console.log)(`[${componentId}] ${line}`);
      file(`${componentId}_${stream}.txt`, line);
    },
    info(message) {
      if (toConsole) console.log(message);
    },
  };
}
