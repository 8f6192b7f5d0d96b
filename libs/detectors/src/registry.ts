// Every detector by name, for the CLI's --detector flag and the inference component.
import type { DetectorFactory } from './detector.ts';
import { ensemble } from './ensemble.ts';
import { robustZ } from './robust-z.ts';
import { windowedGaussian } from './windowed-gaussian.ts';

/** All detectors, baselines first. */
export const DETECTORS: readonly DetectorFactory[] = [windowedGaussian, robustZ, ensemble];

/** The detector used when none is named. */
export const DEFAULT_DETECTOR = 'ensemble';

/** Look a detector up by name; throws a RangeError listing the valid names. */
export function detectorByName(name: string): DetectorFactory {
  const found = DETECTORS.find((d) => d.name === name);
  if (!found) throw new RangeError(`unknown detector "${name}" (use one of: ${DETECTORS.map((d) => d.name).join(', ')})`);
  return found;
}
