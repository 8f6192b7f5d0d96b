// Baseline 2: robust z-score — distance of the value from the trailing median in units of
// the median absolute deviation, which a single spike cannot inflate the way it inflates σ.
import { checkPoint, type DetectorFactory, type StreamingDetector } from './detector.ts';
import { zToScore } from './math.ts';
import { SortedWindow } from './sorted-window.ts';
import { StateReader, StateWriter } from './state-codec.ts';

const NAME = 'robust-z';
/** Trailing window. 256 rows ≈ a day of 5-minute data: long enough for a stable MAD. */
const WINDOW = 256;
/** MAD × 1.4826 estimates σ for Gaussian data. */
const MAD_TO_SIGMA = 1.4826;

class RobustZ implements StreamingDetector {
  readonly name = NAME;
  private readonly window = new SortedWindow(WINDOW);
  /**
   * Running mean |deviation|: the unit when the MAD is 0 (quantised or mostly flat series),
   * so that every change in a flat series is not scored as infinitely surprising.
   */
  private meanAbsDev = 0;

  update(value: number, timestampMs: number): number {
    checkPoint(value, timestampMs);
    let score = 0;
    if (this.window.size >= 16) {
      const median = this.window.median();
      const scale = MAD_TO_SIGMA * this.window.mad(median);
      const dev = Math.abs(value - median);
      const unit = Math.max(scale, this.meanAbsDev, 1e-9 * Math.abs(median), Number.MIN_VALUE);
      score = zToScore(dev / unit);
      this.meanAbsDev += (dev - this.meanAbsDev) / Math.min(this.window.size, WINDOW);
    }
    this.window.push(value);
    return Math.min(1, score);
  }

  serialize(): Uint8Array {
    const w = new StateWriter(NAME).f64(this.meanAbsDev);
    this.window.write(w);
    return w.finish();
  }

  restore(bytes: Uint8Array): this {
    const r = new StateReader(bytes, NAME);
    this.meanAbsDev = r.f64();
    this.window.read(r);
    r.end();
    return this;
  }
}

/** Robust z-score baseline (median/MAD of the trailing 256 rows). */
export const robustZ: DetectorFactory = {
  name: NAME,
  description: 'baseline: |value − median| / (1.4826·MAD) over the trailing 256 rows',
  create: () => new RobustZ(),
  deserialize: (bytes) => new RobustZ().restore(bytes),
};
