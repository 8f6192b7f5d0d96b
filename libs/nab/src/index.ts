// Numenta Anomaly Benchmark scoring rules, as pure functions over arrays (guest-safe):
// windows → per-row weights → threshold sweep over a corpus → normalised 0–100 score.
export { NAB_PROFILES, profileByName, scaledSigmoid, probationaryLength, type CostProfile, type ProfileName } from './profiles.ts';
export { parseNabTimestamp, formatNabTimestamp } from './timestamps.ts';
export { windowsToRows, type RowWindow, type LabelledWindow } from './windows.ts';
export { rowWeights, OUTSIDE, PROBATION, type RowWeights } from './sweep.ts';
export { optimizeThreshold, optimizeThresholds, scoreAtThreshold, normalizeScore, type ScoredFile, type CorpusScore } from './corpus-score.ts';
