// The non-HTTP WASI 0.2 interfaces a Spin guest imports: cli (stdio, env, exit),
// clocks, random, and filesystem without preopens (Spin components get no files
// unless the manifest mounts them, which this runner does not support yet).
import { randomFillSync } from 'node:crypto';
import { InputStream, OutputStream, deadlinePollable } from './io.worker.ts';

/** Where a component's stdout/stderr lines go. */
export interface GuestLog {
  stdout(text: string): void;
  stderr(text: string): void;
}

class TerminalInput {}
class TerminalOutput {}
class Descriptor {}
class DirectoryEntryStream {}

/** Splits a byte stream into lines and hands each complete line to `emit`. */
function lineSink(emit: (line: string) => void): (chunk: Uint8Array) => void {
  const decoder = new TextDecoder();
  let pending = '';
  return (chunk) => {
    pending += decoder.decode(chunk, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      emit(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
    if (pending.length > 64 * 1024) {
      emit(pending);
      pending = '';
    }
  };
}

/** The guest called wasi:cli/exit; the engine turns it into a trap-like failure. */
export class GuestExit extends Error {
  readonly status: { tag: 'ok' | 'err' };
  constructor(status: { tag: 'ok' | 'err' }) {
    super(`component called exit(${status.tag})`);
    this.status = status;
  }
}

function randomBytes(len: bigint): Uint8Array {
  const out = new Uint8Array(Number(len));
  randomFillSync(out);
  return out;
}

/** cli, clocks, random and filesystem imports for one instance. */
export function wasiBaseImports(log: GuestLog, environment: Record<string, string>) {
  const stdout = new OutputStream(lineSink(log.stdout));
  const stderr = new OutputStream(lineSink(log.stderr));
  const envPairs = Object.entries(environment);
  const wallNow = () => {
    const ms = Date.now();
    return { seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: (ms % 1000) * 1e6 };
  };
  return {
    'wasi:cli/environment': { getEnvironment: () => envPairs, getArguments: () => [], initialCwd: () => undefined },
    'wasi:cli/exit': {
      exit: (status: { tag: 'ok' | 'err' }) => {
        throw new GuestExit(status);
      },
    },
    'wasi:cli/stdin': { getStdin: () => new InputStream() },
    'wasi:cli/stdout': { getStdout: () => stdout },
    'wasi:cli/stderr': { getStderr: () => stderr },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: () => undefined },
    'wasi:cli/terminal-stdout': { getTerminalStdout: () => undefined },
    'wasi:cli/terminal-stderr': { getTerminalStderr: () => undefined },
    'wasi:clocks/monotonic-clock': {
      now: () => process.hrtime.bigint(),
      resolution: () => 1n,
      subscribeInstant: (when: bigint) => deadlinePollable(when),
      subscribeDuration: (duration: bigint) => deadlinePollable(process.hrtime.bigint() + duration),
    },
    'wasi:clocks/wall-clock': { now: wallNow, resolution: () => ({ seconds: 0n, nanoseconds: 1_000_000 }) },
    'wasi:random/random': { getRandomBytes: randomBytes, getRandomU64: () => new BigUint64Array(randomBytes(8n).buffer)[0]! },
    'wasi:random/insecure': { getInsecureRandomBytes: randomBytes, getInsecureRandomU64: () => new BigUint64Array(randomBytes(8n).buffer)[0]! },
    'wasi:random/insecure-seed': { insecureSeed: () => [BigInt(Date.now()), 0n] },
    'wasi:filesystem/preopens': { getDirectories: () => [] },
    'wasi:filesystem/types': { Descriptor, DirectoryEntryStream, filesystemErrorCode: () => undefined },
  };
}
