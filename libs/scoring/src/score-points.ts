// Ad-hoc scoring of a batch of points (POST /api/v1/inference/score): nothing is
// stored, the detector starts fresh, points are scored in the order given.
import { checkPoint, detectorByName, type DetectorKernels } from '@edgewatch/detectors';

/** Most points one ad-hoc request may score (guests run interpreted JS; keep requests short). */
export const MAX_ADHOC_POINTS = 20_000;

/** A point to score: epoch seconds and a value. */
export type ScorePoint = [t: number, v: number];

/** Validate `[[t, v], ...]`; throws a RangeError naming the first bad point by index. */
export function parsePoints(raw: unknown): ScorePoint[] {
  if (!Array.isArray(raw)) throw new RangeError('"points" must be an array of [t, v] pairs (t in epoch seconds)');
  if (raw.length > MAX_ADHOC_POINTS) throw new RangeError(`"points" has ${raw.length} entries; at most ${MAX_ADHOC_POINTS} per request`);
  return raw.map((point, index) => {
    if (!Array.isArray(point) || point.length !== 2 || typeof point[0] !== 'number' || typeof point[1] !== 'number') {
      throw new RangeError(`points[${index}] must be [t, v] with two numbers`);
    }
    try {
      checkPoint(point[1], point[0] * 1000, index);
    } catch (error) {
      throw new RangeError(`points[${index}]: ${(error as Error).message}`);
    }
    return [point[0], point[1]] as ScorePoint;
  });
}

/** Score points with a fresh detector; returns `[t, score]` pairs. */
export function scorePoints(points: ScorePoint[], detectorName: string, kernels?: DetectorKernels): [number, number][] {
  const detector = detectorByName(detectorName).create(kernels);
  return points.map(([t, v]) => [t, detector.update(v, t * 1000)]);
}
