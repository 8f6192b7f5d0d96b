// Streaming anomaly detectors with serialisable state
export {};
