// Timestamp handling for NAB files: NAB writes naive `YYYY-MM-DD HH:MM:SS[.ffffff]`
// strings; we read them as UTC epoch milliseconds so rows and windows compare as numbers.

const NAB_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$/;

/** Parse a NAB timestamp (or an epoch-ms number) to epoch ms; throws on anything else. */
export function parseNabTimestamp(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new RangeError(`timestamp ${input} is not a finite epoch-ms number`);
    return input;
  }
  const m = NAB_TIME.exec(input.trim());
  if (!m) throw new RangeError(`timestamp "${input}" is not YYYY-MM-DD HH:MM:SS[.ffffff]`);
  const ms = m[7] ? Math.floor(Number(m[7].padEnd(6, '0')) / 1000) : 0;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
  // Date.UTC silently rolls 2015-02-30 over to March; refuse it instead.
  const back = new Date(t);
  if (back.getUTCDate() !== +m[3]! || back.getUTCHours() !== +m[4]! || back.getUTCMinutes() !== +m[5]!) {
    throw new RangeError(`timestamp "${input}" is not a valid calendar time`);
  }
  return t;
}

/** Format epoch ms the way NAB data files write timestamps (`YYYY-MM-DD HH:MM:SS`). */
export function formatNabTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
