// Baseline 1: NAB's "windowed Gaussian" — how unlikely is the value under a Gaussian
// fitted to the trailing window. Kept as the reference point the ensemble must beat.
import { checkPoint, type DetectorFactory, type StreamingDetector } from './detector.ts';
import { erf } from './math.ts';
import { Ring } from './ring.ts';
import { StateReader, StateWriter } from './state-codec.ts';

const NAME = 'windowed-gaussian';
/** Trailing window length. NAB uses 6400 rows; 1024 keeps state at 8 KiB. */
const WINDOW = 1024;

class WindowedGaussian implements StreamingDetector {
  readonly name = NAME;
  private readonly window = new Ring(WINDOW);
  // Sums are carried, not recomputed, so they are state and get serialised bit-exactly.
  private sum = 0;
  private sumSq = 0;

  update(value: number, timestampMs: number): number {
    checkPoint(value, timestampMs);
    let score = 0;
    const n = this.window.size;
    if (n >= 2) {
      const mean = this.sum / n;
      const variance = Math.max(this.sumSq / n - mean * mean, 0);
      const std = Math.sqrt(variance);
      // A flat window has no spread: any change is maximally surprising, no change is not.
      if (std > 1e-12 * Math.max(1, Math.abs(mean))) score = erf(Math.abs(value - mean) / std / Math.SQRT2);
      else score = value === mean ? 0 : 1;
    }
    const old = this.window.push(value);
    this.sum += value - (old ?? 0);
    this.sumSq += value * value - (old ?? 0) * (old ?? 0);
    return Math.min(1, Math.max(0, score));
  }

  serialize(): Uint8Array {
    const w = new StateWriter(NAME).f64(this.sum).f64(this.sumSq);
    this.window.write(w);
    return w.finish();
  }

  restore(bytes: Uint8Array): this {
    const r = new StateReader(bytes, NAME);
    this.sum = r.f64();
    this.sumSq = r.f64();
    this.window.read(r);
    r.end();
    return this;
  }
}

/** Windowed Gaussian baseline (NAB's windowedGaussian on a 1024-row window). */
export const windowedGaussian: DetectorFactory = {
  name: NAME,
  description: 'baseline: two-sided Gaussian tail of the value against the trailing 1024 rows',
  create: () => new WindowedGaussian(),
  deserialize: (bytes) => new WindowedGaussian().restore(bytes),
};
