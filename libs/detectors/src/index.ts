// Streaming anomaly detectors with serialisable state (guest-safe: Web APIs only).
// Each detector scores a point from the points before it, in constant memory, and can be
// parked as bytes between requests. See README.md for the methods and NAB scores.
export { checkPoint, scoreSeries, type DetectorFactory, type StreamingDetector } from './detector.ts';
export { tsDetectorEngine, type DetectorEngine, type ScoredBatch } from './engine.ts';
export { referenceDetectorKernels, type DetectorKernels } from './kernels.ts';
export { DETECTORS, DEFAULT_DETECTOR, detectorByName } from './registry.ts';
