// Per-series scoring configuration: which detector and how sensitive, with
// defaults for series nobody configured.
import { DEFAULT_DETECTOR, detectorByName } from '@edgewatch/detectors';
import { getJson, setJson, type KeyValueStore } from '@edgewatch/spin-key-value';
import { configKey } from './keys.ts';

export interface ScoringConfig {
  detector: string;
  /**
   * In (0, 1]: the score level above which a point counts as anomalous for this
   * series is `1 − sensitivity / 2` (0.5 → 0.75). Alerting's anomaly rules use it
   * as their default level; the stored scores themselves are not rescaled.
   */
  sensitivity: number;
}

export const DEFAULT_SCORING: ScoringConfig = { detector: DEFAULT_DETECTOR, sensitivity: 0.5 };

/** Validate a configuration body; throws a RangeError naming the bad field. */
export function parseScoringConfig(body: unknown): ScoringConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new RangeError('the body must be a JSON object like {"detector":"ensemble","sensitivity":0.5}');
  const { detector = DEFAULT_SCORING.detector, sensitivity = DEFAULT_SCORING.sensitivity, ...rest } = body as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length) throw new RangeError(`unknown field "${unknown[0]}" (allowed: detector, sensitivity)`);
  if (typeof detector !== 'string') throw new RangeError('field "detector" must be a string');
  detectorByName(detector);
  if (typeof sensitivity !== 'number' || !(sensitivity > 0 && sensitivity <= 1)) throw new RangeError('field "sensitivity" must be a number in (0, 1]');
  return { detector, sensitivity };
}

/** The score level that counts as anomalous under a configuration. */
export const anomalyLevel = (config: ScoringConfig): number => 1 - config.sensitivity / 2;

/** Read a series' configuration, or the defaults. */
export function readScoringConfig(store: KeyValueStore, device: string, name: string): ScoringConfig {
  return getJson<ScoringConfig>(store, configKey(device, name)) ?? DEFAULT_SCORING;
}

/** Store a series' configuration (whole value replaced). */
export function writeScoringConfig(store: KeyValueStore, device: string, name: string, config: ScoringConfig): void {
  setJson(store, configKey(device, name), config);
}
