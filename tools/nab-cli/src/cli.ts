#!/usr/bin/env node
// `npm run nab -- ...`: the NAB harness CLI. Errors print one line naming the culprit and exit 1.
import { tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';
import { loadWasmDetectorEngine, WasmEngineUnavailable } from './wasm-engine.ts';
import { parseArgs, USAGE, UsageError, type NabOptions } from './args.ts';
import { CsvError } from './csv.ts';
import { runNab } from './run.ts';

async function engineFor(opts: NabOptions): Promise<DetectorEngine> {
  if (opts.engine === 'ts') return tsDetectorEngine();
  try {
    return (await loadWasmDetectorEngine()).engine;
  } catch (e) {
    if (e instanceof WasmEngineUnavailable) throw new UsageError(`--engine wasm: ${e.message} (or use --engine ts)`);
    throw e;
  }
}

try {
  const opts = parseArgs(process.argv.slice(2));
  if (opts === 'help') console.log(USAGE);
  else runNab(opts, await engineFor(opts), (line) => console.log(line));
} catch (e) {
  if (e instanceof UsageError || e instanceof CsvError) {
    console.error(`nab: ${e.message}`);
    process.exit(2);
  }
  console.error(`nab: ${(e as Error).message}`);
  process.exit(1);
}
