// SenML packs of a given size for the ingest benchmark: one device, two series,
// absolute times one second apart ending now.

/** A SenML JSON pack of `records` records for `device`. */
export function senmlPack(device: string, records: number, nowS = Math.floor(Date.now() / 1000)): string {
  const pack: Record<string, unknown>[] = [{ bn: `${device}/`, bt: nowS - records, bu: 'Cel', n: 'temperature', v: 21.5, t: 0 }];
  for (let i = 1; i < records; i++) pack.push(i % 2 ? { n: 'humidity', u: '%RH', v: 40 + (i % 7), t: i } : { n: 'temperature', v: 21 + (i % 5) / 10, t: i });
  return JSON.stringify(pack);
}
