// NAB application profiles: the cost weights that turn detections into a score.
// Values are NAB's config/profiles.json; the three names are the ones NAB reports.

/** Weights of one NAB application profile (A_TP, A_FP, A_FN). */
export interface CostProfile {
  readonly name: ProfileName;
  readonly tpWeight: number;
  readonly fpWeight: number;
  readonly fnWeight: number;
}

/** The names NAB reports scores under. */
export type ProfileName = 'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate';

/** NAB's three profiles, in the order NAB prints them. */
export const NAB_PROFILES: readonly CostProfile[] = [
  { name: 'standard', tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  { name: 'reward_low_FP_rate', tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  { name: 'reward_low_FN_rate', tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
];

/** Look a profile up by its NAB name; throws on an unknown name. */
export function profileByName(name: string): CostProfile {
  const profile = NAB_PROFILES.find((p) => p.name === name);
  if (!profile) throw new RangeError(`unknown NAB profile "${name}" (use ${NAB_PROFILES.map((p) => p.name).join(', ')})`);
  return profile;
}

/**
 * NAB's scaled sigmoid: 2/(1+e^(5y)) − 1, and exactly −1 once y > 3
 * (NAB clamps there so far-away false positives cost the full weight).
 */
export function scaledSigmoid(y: number): number {
  if (y > 3) return -1;
  return 2 / (1 + Math.exp(5 * y)) - 1;
}

/** Rows NAB ignores at the start of a file: min(floor(15% of rows), 750). */
export function probationaryLength(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}
