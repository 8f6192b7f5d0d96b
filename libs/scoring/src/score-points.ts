// Ad-hoc scoring of a batch of points (POST /api/v1/inference/score): nothing is
// stored, the detector starts fresh, points are scored in the order given, in one
// engine call.
import { checkPoint, tsDetectorEngine, type DetectorEngine } from '@edgewatch/detectors';

/** Most points one ad-hoc request may score (bounds the request body and the response). */
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

/** Score points with a fresh detector on `engine` (default: the TS reference); returns `[t, score]` pairs. */
export function scorePoints(points: ScorePoint[], detectorName: string, engine: DetectorEngine = tsDetectorEngine()): [number, number][] {
  const values = Float64Array.from(points, (p) => p[1]);
  const timestampsMs = Float64Array.from(points, (p) => p[0] * 1000);
  const { scores } = engine.scoreBatch(detectorName, undefined, values, timestampsMs);
  return points.map(([t], i) => [t, scores[i]!]);
}
