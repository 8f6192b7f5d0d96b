// The first-run demo data set: series preparation (NAB CSV or synthetic) and
// its replay through the public API. Shared by `edgewatch demo` and the
// dashboard's "Load demo data" button; guest/browser-safe (no Node APIs).
export { parseNabCsv, syntheticSeries, shiftToNow } from './series.ts';
export type { Point } from './series.ts';
export { replayDemo, demoAnomalyRule, DEMO_DEVICE, DEMO_SERIES } from './replay.ts';
export type { DemoCall, DemoReport, ReplayOptions } from './replay.ts';
