// Numenta Anomaly Benchmark scoring rules
export {};
