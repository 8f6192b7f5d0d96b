// Key-value keys of the scoring pipeline. Per-series keys are written by the
// inference component only; their value is replaced whole (no merge), and two
// instances processing the same series at once write identical values.

const SEP = '|';

/** Detector configuration of one series. */
export const configKey = (device: string, name: string): string => ['inference', 'config', device, name].join(SEP);

/** Detector state and scoring frontier of one series. */
export const stateKey = (device: string, name: string): string => ['inference', 'state', device, name].join(SEP);

/** Lease of one series: which instance is scoring it right now. */
export const leaseKey = (device: string, name: string): string => ['inference', 'lease', device, name].join(SEP);

/** Name of the series holding a series' anomaly scores. */
export const scoreSeriesName = (name: string): string => `${name}/anomaly_score`;

/** Whether a series is itself a score series (never scored again). */
export const isScoreSeries = (name: string): boolean => name.endsWith('/anomaly_score');
