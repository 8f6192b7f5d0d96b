// Deterministic synthetic series for tests: a daily-ish sine with noise and optional spikes.

/** Small seeded PRNG (mulberry32) so tests do not depend on Math.random. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` points every 5 minutes: 50 + 10·sin(day) + noise, with `spikes` rows raised by `height`. */
export function syntheticSeries(n: number, seed = 1, spikes: number[] = [], height = 60): { values: Float64Array; timestamps: Float64Array } {
  const rand = prng(seed);
  const values = new Float64Array(n);
  const timestamps = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = Date.UTC(2024, 0, 1) + i * 300_000;
    values[i] = 50 + 10 * Math.sin((2 * Math.PI * i) / 288) + 2 * (rand() - 0.5);
  }
  for (const s of spikes) values[s] = values[s]! + height;
  return { values, timestamps };
}
