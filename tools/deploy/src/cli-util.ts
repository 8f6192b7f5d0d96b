// Shared command-line plumbing for the deploy CLIs: every failure is one line
// naming the file, flag or field and the fix, and a non-zero exit.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Print `<tool>: <message>` as a single line on stderr and exit 2. */
export function fail(tool: string, message: string): never {
  console.error(`${tool}: ${message.split('\n').map((l) => l.trim()).filter(Boolean).join('; ')}`);
  process.exit(2);
}

/** parseArgs that turns unknown flags and missing values into `fail` lines. */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(tool: string, options: T, usage: string) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, allowPositionals: true, strict: true });
  } catch (error) {
    fail(tool, `${(error as Error).message.split('\n')[0]} (${usage})`);
  }
}
