// Command-line flags of `npm run nab`: parsed into options or refused with a one-line fix.

/** Options after parsing. */
export interface NabOptions {
  data: string;
  out?: string;
  labels?: string;
  verbose: boolean;
  detector?: string;
  /** `wasm`: the Rust detectors in rust-kernels/dist/anomaly.wasm (default); `ts`: the TS reference. */
  engine: 'ts' | 'wasm';
}

/** Thrown for bad flags; the message names the flag and how to fix it. */
export class UsageError extends Error {}

/** One-paragraph usage shown by --help. */
export const USAGE = `usage: npm run nab -- --data DIR [--out DIR] [--labels combined_windows.json] [--detector NAME] [--engine wasm|ts] [--verbose]`;

/** Parse argv (without node and script); throws UsageError on anything it cannot use. */
export function parseArgs(argv: readonly string[]): NabOptions | 'help' {
  const opts: Partial<NabOptions> = { verbose: false, engine: 'wasm' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} needs a value, e.g. ${name} ${name === '--engine' ? 'ts' : 'DIR'}`);
      return v;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--data':
        opts.data = value();
        break;
      case '--out':
        opts.out = value();
        break;
      case '--labels':
        opts.labels = value();
        break;
      case '--detector':
        opts.detector = value();
        break;
      case '--engine': {
        const engine = value();
        if (engine !== 'ts' && engine !== 'wasm') throw new UsageError(`--engine ${engine}: unknown engine, use --engine wasm (Rust component) or --engine ts (reference)`);
        opts.engine = engine;
        break;
      }
      case '--verbose':
        opts.verbose = true;
        break;
      default:
        throw new UsageError(`${flag}: unknown flag; ${USAGE}`);
    }
  }
  if (!opts.data) throw new UsageError(`--data is required: point it at a folder of NAB-style CSVs (e.g. --data ../shared/nab/data)`);
  return opts as NabOptions;
}
