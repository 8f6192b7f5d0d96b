// What each simulated device measures: a synthetic daily cycle with noise and,
// on request, injected faults (spikes, level shifts, stuck values), or a CSV
// series (NAB's `timestamp,value`) replayed row by row. Both are seeded, so a
// run with the same --seed sends the same values in the same order per device.
//
// Time is compressed: one reading is one 5-minute step of the signal (NAB's
// sampling), so a day's cycle shows in 288 readings; readings are stamped with
// the time they are sent, because ingest refuses times far in the past.
import { readFileSync } from 'node:fs';

/** Readings of one device: the numeric fields of its next reading. */
export interface ReadingSource {
  next(): Record<string, number>;
  /** Faults injected so far (synthetic with anomalies only). */
  readonly faults: number;
}

/** Signal steps per simulated day (5-minute sampling). */
export const STEPS_PER_DAY = 288;

/** mulberry32: a small, fast, seedable PRNG (Math.random cannot be seeded). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

type Fault = { kind: 'shift'; delta: number; left: number } | { kind: 'stuck'; value: number; left: number };

/** Temperature and humidity of device `index`: daily cycle + Gaussian noise (+ faults). */
export function syntheticSource(seed: number, index: number, anomalies: boolean): ReadingSource {
  const random = seededRandom(seed * 31 + index);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const base = 18 + random() * 6;
  const phase = random() * STEPS_PER_DAY;
  let step = 0;
  let faults = 0;
  let fault: Fault | undefined;
  let last = base;
  return {
    get faults() {
      return faults;
    },
    next() {
      let temperature = base + 4 * Math.sin((2 * Math.PI * (step + phase)) / STEPS_PER_DAY) + 0.3 * gaussian();
      step += 1;
      if (anomalies && !fault && random() < 0.01) {
        faults += 1;
        const pick = random();
        if (pick < 0.4) temperature += (random() < 0.5 ? -1 : 1) * (8 + 7 * random()); // spike: this reading only
        else if (pick < 0.7) fault = { kind: 'shift', delta: (random() < 0.5 ? -1 : 1) * (4 + 3 * random()), left: 30 + Math.floor(random() * 30) };
        else fault = { kind: 'stuck', value: last, left: 20 + Math.floor(random() * 20) };
      }
      if (fault) {
        temperature = fault.kind === 'shift' ? temperature + fault.delta : fault.value;
        fault.left -= 1;
        if (fault.left <= 0) fault = undefined;
      }
      last = temperature;
      const humidity = Math.min(100, Math.max(0, 50 - 1.5 * (temperature - base) + 2 * gaussian()));
      return { temperature: round2(temperature), humidity: round2(humidity) };
    },
  };
}

/** Values of a `timestamp,value` CSV in row order; throws one line naming file and row. */
export function loadCsvSeries(file: string): number[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--from ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give a timestamp,value CSV such as ../shared/nab/data/realKnownCause/machine_temperature_system_failure.csv`);
  }
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines[0]?.trim() !== 'timestamp,value') throw new Error(`--from ${file}: the header must be "timestamp,value" (NAB's format), got "${(lines[0] ?? '').slice(0, 60)}"`);
  const values = lines.slice(1).map((line, i) => {
    const value = Number(line.slice(line.lastIndexOf(',') + 1));
    if (!line.includes(',') || !Number.isFinite(value)) throw new Error(`--from ${file}: row ${i + 2} "${line.slice(0, 60)}" has no numeric value`);
    return value;
  });
  if (values.length === 0) throw new Error(`--from ${file}: no rows after the header`);
  return values;
}

/** Device `index` replays `values` as `value` readings, starting at its own offset so devices differ. */
export function csvSource(values: number[], index: number, devices: number): ReadingSource {
  let row = Math.floor((index * values.length) / devices);
  return {
    faults: 0,
    next() {
      const value = values[row % values.length]!;
      row += 1;
      return { value };
    },
  };
}
