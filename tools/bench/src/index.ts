// Benchmarks entry (see README).
