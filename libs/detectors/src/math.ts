// Small numeric helpers shared by detectors: Gaussian tails and the z → [0,1] score map.

/** erf(x) by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough for a score. */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-ax * ax));
}

/**
 * Map a deviation in standard units to a score in [0, 1): z/(z + 4), so 0.5 at 4σ.
 * Chosen over 1 − tail-probability because it does not round to exactly 1 for large z,
 * which keeps extreme points ordered when NAB sweeps thresholds over all files.
 */
export function zToScore(z: number): number {
  if (!(z > 0)) return 0;
  if (z === Infinity) return 1;
  return z / (z + Z_AT_HALF);
}

/** The deviation that maps to score 0.5 in `zToScore`. */
export const Z_AT_HALF = 4;
