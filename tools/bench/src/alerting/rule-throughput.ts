// Part (a) of the alerting benchmark: rule evaluations per second (rules ×
// readings evaluated / wall time), for the call that fires every rule and for
// steady calls that keep them firing, each checked against what the engine
// then reports (transitions made, alerts firing), so no figure is hollow.
import { DEVICE, evaluationsOf, readingBatch, type RuleWorkload } from './rule-workload.ts';
import type { RuleEngine } from './rule-engines.ts';

export interface PhaseResult {
  evaluations: number;
  ms: number;
  transitions: number;
  perSecond: number;
}

export interface RuleThroughput {
  engine: string;
  fire: PhaseResult;
  steady: PhaseResult;
  /** Firing alerts of the bench device afterwards: must equal the rule count. */
  firing: number;
}

async function timed(engine: RuleEngine, batches: ReturnType<typeof readingBatch>[], workload: RuleWorkload): Promise<PhaseResult> {
  let transitions = 0;
  let evaluations = 0;
  const start = performance.now();
  for (const readings of batches) {
    transitions += await engine.evaluate(readings);
    evaluations += evaluationsOf(workload, readings.length);
  }
  const ms = performance.now() - start;
  return { evaluations, ms, transitions, perSecond: evaluations / (ms / 1000) };
}

/** Run the workload on one engine and check its outcome; throws when the engine did not do the work. */
export async function measureRuleThroughput(engine: RuleEngine, workload: RuleWorkload): Promise<RuleThroughput> {
  // Readings an hour old and one second apart: times only order them here.
  const t0 = Math.floor(Date.now() / 1000) - 3600;
  const fire = await timed(engine, [readingBatch(1, 100, t0)], workload);
  const steadyBatches = Array.from({ length: workload.calls }, (_, c) => readingBatch(workload.batch, 101 + c, t0 + (c + 1) * workload.batch));
  const steady = await timed(engine, steadyBatches, workload);
  const firing = await engine.firing(DEVICE);
  const problems = [
    fire.transitions !== workload.rules && `the firing call made ${fire.transitions} transitions, expected ${workload.rules}`,
    steady.transitions !== 0 && `steady calls made ${steady.transitions} transitions, expected none`,
    firing !== workload.rules && `${firing} alerts firing afterwards, expected ${workload.rules}`,
  ].filter(Boolean);
  if (problems.length) throw new Error(`${engine.name}: ${problems.join('; ')}`);
  return { engine: engine.name, fire, steady, firing };
}
