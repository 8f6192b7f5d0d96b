// Prints the TS reference's fingerprint of tests/reference.rs's series (run from the repo
// root: node rust-kernels/detectors/tests/ts-reference.gen.ts) — paste it into
// reference.rs when the TS detectors change on purpose. The series uses only + − × ÷
// and integer arithmetic, so Rust rebuilds it bit for bit without sharing a file.
import { DETECTORS, scoreSeries } from '../../../libs/detectors/src/index.ts';

const N = 2000;
const values = new Float64Array(N);
const timestamps = new Float64Array(N);
for (let i = 0; i < N; i++) {
  const k = i % 288;
  const tri = (k < 144 ? k : 288 - k) / 14.4;
  const noise = ((i * 7919 + 13) % 101) / 50 - 1;
  values[i] = 50 + tri + noise + (i === 1700 ? 60 : 0) + (i >= 1850 ? 25 : 0);
  timestamps[i] = 1_704_067_200_000 + i * 300_000;
}

/** FNV-1a over the little-endian bytes of every score. */
function fnv1a(scores: Float64Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of new Uint8Array(scores.buffer)) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

for (const d of DETECTORS) {
  const s = scoreSeries(d.create(), values, timestamps);
  const nonzero = s.filter((x) => x > 0).length;
  console.log(`    ("${d.name}", 0x${fnv1a(s).toString(16).padStart(16, '0')}, ${nonzero}, ${Math.max(...s)}, ${s[1700]}),`);
}
