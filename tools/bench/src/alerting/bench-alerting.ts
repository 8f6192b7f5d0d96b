// Alerting benchmark (`npm run bench -- --only alerting`), as issue #8 asks:
// (a) rule evaluations/s for 1,000 rules over a stream of readings in the
// alerting component, next to plain Node running libs/alerts on the same
// workload (reported, no target); (b) ingest → webhook latency, with the
// target p99 < 50 ms from the ingest acknowledgement to the receiver getting
// the Alertmanager notification (no group wait).
import path from 'node:path';
import { measureRuleThroughput, type RuleThroughput } from './rule-throughput.ts';
import { nodeEngine, wasmEngine } from './rule-engines.ts';
import { benchRules, RULE_COUNT, type RuleWorkload } from './rule-workload.ts';
import { measureWebhookLatency, percentile, type WebhookLatency } from './webhook-latency.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const ADMIN = 'bench-admin';

export const TARGETS = { webhookP99AfterAckMs: 50 };

export interface AlertingBenchOptions {
  /** Steady evaluate calls after the firing one, and readings per call. */
  calls: number;
  batch: number;
  /** Sequential ingest → webhook samples. */
  samples: number;
}

export const ALERTING_BENCH_DEFAULTS: AlertingBenchOptions = { calls: 5, batch: 10, samples: 100 };

export interface AlertingBenchResult {
  workload: RuleWorkload;
  wasm: RuleThroughput;
  node: RuleThroughput;
  latency: WebhookLatency;
}

/** Run both parts, one after the other (never concurrently: they would share the two cores). */
export async function benchAlerting(options: AlertingBenchOptions = ALERTING_BENCH_DEFAULTS): Promise<AlertingBenchResult> {
  const workload: RuleWorkload = { rules: RULE_COUNT, batch: options.batch, calls: options.calls };
  const rules = benchRules(workload.rules);
  const node = nodeEngine(rules);
  const nodeResult = await measureRuleThroughput(node, workload);
  await node.close();
  const wasm = await wasmEngine(REPO_ROOT, rules, ADMIN);
  let wasmResult: RuleThroughput;
  try {
    wasmResult = await measureRuleThroughput(wasm, workload);
  } finally {
    await wasm.close();
  }
  const latency = await measureWebhookLatency(REPO_ROOT, options.samples, ADMIN);
  return { workload, wasm: wasmResult, node: nodeResult, latency };
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
const num = (n: number, digits = 0) => n.toFixed(digits);

/** Render the tables `npm run bench` prints. */
export function formatAlertingBench(r: AlertingBenchResult): string {
  const w = r.workload;
  const lines = [`Alerting (a): ${w.rules} threshold rules on one series; 1 call firing all of them, then ${w.calls} calls × ${w.batch} readings keeping them firing; evaluations = rules × readings`];
  lines.push('phase                    | plain Node eval/s       ms | runner eval/s       ms | runner/Node');
  for (const phase of ['fire', 'steady'] as const) {
    const n = r.node[phase];
    const x = r.wasm[phase];
    const label = phase === 'fire' ? `fire (${x.transitions} transitions)` : `steady (${x.evaluations} evals)`;
    lines.push(
      `${label.padEnd(24)} | ${num(n.perSecond).padStart(17)} ${num(n.ms).padStart(8)} | ${num(x.perSecond).padStart(13)} ${num(x.ms).padStart(8)} | ${num(x.perSecond / n.perSecond, 3).padStart(11)}`,
    );
  }
  lines.push(`checked: ${r.wasm.firing} alerts firing in the component (GET /api/v1/alerts), ${r.node.firing} in the Node run`);
  const l = r.latency;
  const p99 = percentile(l.afterAckMs, 99);
  const row = (label: string, values: number[]) =>
    `${label.padEnd(30)} ${num(percentile(values, 50), 1).padStart(8)} ${num(percentile(values, 99), 1).padStart(8)} ${num(Math.max(...values), 1).padStart(8)}`;
  lines.push('');
  lines.push(`Alerting (b): ingest → webhook, ${l.samples} sequential readings of 85 from distinct devices (each a new alert), receiver group_wait ${l.groupWait}, SQLite store, ${l.workers ?? 'default'} runner workers`);
  lines.push('measure                          p50 ms   p99 ms   max ms | target p99 ms | verdict');
  lines.push(`${row('ingest ack (201) → webhook', l.afterAckMs)} | ${String(TARGETS.webhookP99AfterAckMs).padStart(13)} | ${verdict(p99 < TARGETS.webhookP99AfterAckMs && l.arrived === l.samples)}`);
  lines.push(`${row('post start → webhook', l.latencyMs)} |`);
  lines.push(`${row('ingest answer (201)', l.ingestMs)} |`);
  lines.push(`notifications: ${l.arrived}/${l.samples} arrived, ${l.duplicates} duplicates`);
  return lines.join('\n');
}
