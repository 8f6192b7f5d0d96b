// Anomaly scoring of edgewatch series (guest-safe): per-series configuration and
// detector state on key-value, catch-up scoring of stored series, ad-hoc scoring.
export { DEFAULT_SCORING, parseScoringConfig, readScoringConfig, writeScoringConfig, anomalyLevel } from './config.ts';
export type { ScoringConfig } from './config.ts';
export { processSeries, frontierAfter } from './process-series.ts';
export type { ProcessOptions, ProcessReport } from './process-series.ts';
export { parsePoints, scorePoints, MAX_ADHOC_POINTS } from './score-points.ts';
export type { ScorePoint } from './score-points.ts';
export { scoreSeriesName, isScoreSeries } from './keys.ts';
