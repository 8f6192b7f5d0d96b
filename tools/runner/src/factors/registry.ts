// The capabilities the runner serves (main-thread halves). Adding one is a new
// folder plus one line here and one in registry.worker.ts.
import type { Factor } from './factor.ts';
import { wasiFactor } from './wasi/factor.ts';
import { variablesFactor } from './variables/factor.ts';
import { keyValueFactor } from './key-value/factor.ts';
import { outboundHttpFactor } from './outbound-http/factor.ts';

export const FACTORS: Factor<any>[] = [wasiFactor, variablesFactor, keyValueFactor, outboundHttpFactor];
