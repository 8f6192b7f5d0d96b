// The default detector: complementary raw measures, each calibrated to standard units
// against its own history, combined by maximum, then thinned by a rest period.
import { Calibrator, type CalibratorSettings } from './calibrator.ts';
import { checkPoint, type DetectorFactory, type StreamingDetector } from './detector.ts';
import { referenceDetectorKernels, type DetectorKernels } from './kernels.ts';
import { KnnDistance, type KnnSettings } from './knn-distance.ts';
import { zToScore } from './math.ts';
import { RestPeriod } from './rest-period.ts';
import { SortedWindow } from './sorted-window.ts';
import { StateReader, StateWriter } from './state-codec.ts';

/** Everything that shapes the ensemble; `ENSEMBLE_SETTINGS` holds the chosen values. */
export interface EnsembleSettings {
  /** Nearest-neighbour subsequence search (no lengths disables it). */
  readonly knn: KnnSettings;
  /** Trailing window of the robust level z (0 disables it). */
  readonly levelWindow: number;
  readonly calibrator: CalibratorSettings;
  readonly restPeriod: number;
  /** How member z values combine: the largest, or their sum (agreement adds up). */
  readonly combine: 'max' | 'sum';
}

/** The constants behind the `ensemble` detector (README: how they were chosen). */
export const ENSEMBLE_SETTINGS: EnsembleSettings = {
  knn: { lengths: [8, 32], history: 512, refresh: 256 },
  levelWindow: 256,
  calibrator: { horizon: 8000, warmup: 150, clip: 6, mode: 'peak' },
  restPeriod: 120,
  combine: 'max',
};

class Ensemble implements StreamingDetector {
  readonly name: string;
  private readonly settings: EnsembleSettings;
  private readonly knn: KnnDistance | undefined;
  private readonly knnOut: Float64Array;
  private readonly level: SortedWindow | undefined;
  private readonly calibrators: Calibrator[];
  private readonly rest: RestPeriod;

  constructor(name: string, settings: EnsembleSettings, kernels: DetectorKernels) {
    this.name = name;
    this.settings = settings;
    this.knn = settings.knn.lengths.length > 0 ? new KnnDistance(settings.knn, kernels) : undefined;
    this.knnOut = new Float64Array(settings.knn.lengths.length);
    this.level = settings.levelWindow > 0 ? new SortedWindow(settings.levelWindow) : undefined;
    const members = this.knnOut.length + (this.level ? 1 : 0);
    this.calibrators = Array.from({ length: members }, () => new Calibrator(settings.calibrator));
    this.rest = new RestPeriod(settings.restPeriod);
  }

  update(value: number, timestampMs: number): number {
    checkPoint(value, timestampMs);
    let z = 0;
    let m = 0;
    this.knn?.next(value, this.knnOut);
    for (; m < this.knnOut.length; m++) {
      const raw = this.knnOut[m]!;
      const zi = raw >= 0 ? this.calibrators[m]!.next(raw) : 0;
      z = this.combineZ(z, zi);
    }
    if (this.level) {
      const w = this.level;
      if (w.size >= 16) {
        const median = w.median();
        const raw = Math.abs(value - median);
        z = this.combineZ(z, this.calibrators[m]!.next(raw));
      }
      w.push(value);
    }
    return this.rest.next(zToScore(z));
  }

  private combineZ(acc: number, zi: number): number {
    if (this.settings.combine === 'sum') return acc + Math.max(zi, 0);
    return zi > acc ? zi : acc;
  }

  serialize(): Uint8Array {
    const w = new StateWriter(this.name);
    this.knn?.write(w);
    this.level?.write(w);
    for (const c of this.calibrators) c.write(w);
    this.rest.write(w);
    return w.finish();
  }

  restore(bytes: Uint8Array): this {
    const r = new StateReader(bytes, this.name);
    this.knn?.read(r);
    this.level?.read(r);
    for (const c of this.calibrators) c.read(r);
    this.rest.read(r);
    r.end();
    return this;
  }
}

/** Build an ensemble factory from settings (experiments; production uses `ensemble`). */
export function ensembleFactory(name: string, settings: EnsembleSettings): DetectorFactory {
  return {
    name,
    description: 'ensemble: kNN subsequence distance + robust level, calibrated, max-combined, rest period',
    create: (kernels = referenceDetectorKernels) => new Ensemble(name, settings, kernels),
    deserialize: (bytes, kernels = referenceDetectorKernels) => new Ensemble(name, settings, kernels).restore(bytes),
  };
}

/** The default detector. */
export const ensemble = ensembleFactory('ensemble', ENSEMBLE_SETTINGS);
