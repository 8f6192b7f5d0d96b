// The default detector: complementary raw measures, each calibrated to standard units
// against its own history, combined by maximum with a range-breakout check, then thinned
// by a rest period (with a margin for follow-up alarms). A level CUSUM catches sustained
// shifts that no single point, shape or hour makes remarkable. Seasonal residuals measured against
// an hour the ensemble itself alarmed in one season earlier are echoes and do not count.
import { Calibrator, type CalibratorSettings } from './calibrator.ts';
import { checkPoint, type DetectorFactory, type StreamingDetector } from './detector.ts';
import { referenceDetectorKernels, type DetectorKernels } from './kernels.ts';
import { KnnDistance, type KnnSettings } from './knn-distance.ts';
import { LevelCusum, type LevelCusumSettings } from './level-cusum.ts';
import { zToScore } from './math.ts';
import { RangeBreakout, type RangeBreakoutSettings } from './range-breakout.ts';
import { RestPeriod } from './rest-period.ts';
import { SeasonalResidual, type SeasonalSettings } from './seasonal-residual.ts';
import { SortedWindow } from './sorted-window.ts';
import { StateReader, StateWriter } from './state-codec.ts';

/** Everything that shapes the ensemble; `ENSEMBLE_SETTINGS` holds the chosen values. */
export interface EnsembleSettings {
  /** Nearest-neighbour subsequence search (no lengths disables it). */
  readonly knn: KnnSettings;
  /** Trailing window of the robust level deviation (0 disables it). */
  readonly levelWindow: number;
  /** Seasonal-naive residuals, one member per season (empty disables them). */
  readonly seasons: readonly SeasonalSettings[];
  /** Two-sided CUSUM of the standardised value (horizon 0 disables it). */
  readonly cusum: LevelCusumSettings;
  readonly breakout: RangeBreakoutSettings;
  /** Score from which the ensemble's output is an alarm (0.5: a member at its recent record, z = Z_AT_HALF). */
  readonly alarm: number;
  /** Ignore seasonal residuals measured against an hour with an alarm one season earlier (its echo). */
  readonly seasonalEchoes: boolean;
  readonly calibrator: CalibratorSettings;
  readonly restPeriod: number;
  /** Within the rest period after a reported alarm, a report must beat it by this much (0 disables). */
  readonly followUpMargin: number;
  /** How member z values combine: the largest, or their sum (agreement adds up). */
  readonly combine: 'max' | 'sum';
}

/** The constants behind the `ensemble` detector (README: how they were chosen). */
export const ENSEMBLE_SETTINGS: EnsembleSettings = {
  knn: { lengths: [8, 32], history: 512, refresh: 256, startLags: 16 },
  levelWindow: 0,
  seasons: [
    { hours: 168, span: 3 },
    { hours: 24, span: 3 },
  ],
  cusum: { horizon: 8000, slack: 2 },
  breakout: { tolerance: 0.02, warmup: 150, score: 0.9 },
  alarm: 0.5,
  seasonalEchoes: true,
  calibrator: { horizon: 8000, warmup: 150, clip: 6, mode: 'peak' },
  restPeriod: 120,
  followUpMargin: 0.1,
  combine: 'max',
};

class Ensemble implements StreamingDetector {
  readonly name: string;
  private readonly settings: EnsembleSettings;
  private readonly knn: KnnDistance | undefined;
  private readonly knnOut: Float64Array;
  private readonly level: SortedWindow | undefined;
  private readonly seasons: SeasonalResidual[];
  private readonly cusum: LevelCusum | undefined;
  private readonly breakout: RangeBreakout;
  /** One per member, in order: kNN lengths, level, seasons, CUSUM. */
  private readonly calibrators: Calibrator[];
  private readonly rest: RestPeriod;

  constructor(name: string, settings: EnsembleSettings, kernels: DetectorKernels) {
    this.name = name;
    this.settings = settings;
    this.knn = settings.knn.lengths.length > 0 ? new KnnDistance(settings.knn, kernels) : undefined;
    this.knnOut = new Float64Array(settings.knn.lengths.length);
    this.level = settings.levelWindow > 0 ? new SortedWindow(settings.levelWindow) : undefined;
    this.seasons = settings.seasons.map((s) => new SeasonalResidual(s));
    this.cusum = settings.cusum.horizon > 0 ? new LevelCusum(settings.cusum) : undefined;
    this.breakout = new RangeBreakout(settings.breakout);
    const members = this.knnOut.length + (this.level ? 1 : 0) + this.seasons.length + (this.cusum ? 1 : 0);
    this.calibrators = Array.from({ length: members }, () => new Calibrator(settings.calibrator));
    const followUp = settings.followUpMargin > 0 ? { alarm: settings.alarm, margin: settings.followUpMargin } : undefined;
    this.rest = new RestPeriod(settings.restPeriod, followUp);
  }

  update(value: number, timestampMs: number): number {
    checkPoint(value, timestampMs);
    let z = 0;
    let m = 0;
    this.knn?.next(value, this.knnOut);
    for (; m < this.knnOut.length; m++) z = this.member(z, m, this.knnOut[m]!);
    if (this.level) {
      const w = this.level;
      z = this.member(z, m++, w.size >= 16 ? Math.abs(value - w.median()) : -1);
      w.push(value);
    }
    const echoes = this.settings.seasonalEchoes;
    for (const season of this.seasons) {
      const raw = season.next(value, timestampMs);
      z = this.member(z, m++, raw, echoes && season.leansOnAlarm());
    }
    if (this.cusum) z = this.member(z, m++, this.cusum.next(value));
    const breakout = this.breakout.next(value);
    const score = zToScore(z);
    const combined = breakout > score ? breakout : score;
    if (echoes && combined >= this.settings.alarm) for (const season of this.seasons) season.markAlarm();
    return this.rest.next(combined);
  }

  /** Fold member m's raw measure (negative: not ready) into the combined z; an echo only calibrates. */
  private member(acc: number, m: number, raw: number, echo = false): number {
    if (!(raw >= 0 && raw < Infinity)) return acc;
    const zi = this.calibrators[m]!.next(raw);
    if (echo) return acc;
    if (this.settings.combine === 'sum') return acc + Math.max(zi, 0);
    return zi > acc ? zi : acc;
  }

  serialize(): Uint8Array {
    const w = new StateWriter(this.name);
    this.knn?.write(w);
    this.level?.write(w);
    for (const s of this.seasons) s.write(w);
    this.cusum?.write(w);
    this.breakout.write(w);
    for (const c of this.calibrators) c.write(w);
    this.rest.write(w);
    return w.finish();
  }

  restore(bytes: Uint8Array): this {
    const r = new StateReader(bytes, this.name);
    this.knn?.read(r);
    this.level?.read(r);
    for (const s of this.seasons) s.read(r);
    this.cusum?.read(r);
    this.breakout.read(r);
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
    description: 'ensemble: kNN subsequence distance + weekly/daily seasonal residual (own echoes ignored) + level CUSUM, calibrated, max-combined with range breakout, rest period',
    create: (kernels = referenceDetectorKernels) => new Ensemble(name, settings, kernels),
    deserialize: (bytes, kernels = referenceDetectorKernels) => new Ensemble(name, settings, kernels).restore(bytes),
  };
}

/** The default detector. */
export const ensemble = ensembleFactory('ensemble', ENSEMBLE_SETTINGS);
