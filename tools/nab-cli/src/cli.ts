#!/usr/bin/env node
// `npm run nab -- ...`: the NAB harness CLI. Errors print one line naming the culprit and exit 1.
import { parseArgs, USAGE, UsageError } from './args.ts';
import { CsvError } from './csv.ts';
import { runNab } from './run.ts';

try {
  const opts = parseArgs(process.argv.slice(2));
  if (opts === 'help') console.log(USAGE);
  else runNab(opts, (line) => console.log(line));
} catch (e) {
  if (e instanceof UsageError || e instanceof CsvError) {
    console.error(`nab: ${e.message}`);
    process.exit(2);
  }
  console.error(`nab: ${(e as Error).message}`);
  process.exit(1);
}
