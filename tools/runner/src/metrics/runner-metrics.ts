// The runner's Prometheus metrics (main thread): one prom-client Registry per
// running app — never the global default, so two apps in one process (tests)
// do not mix — fed by the HTTP trigger (requests), the worker pool (instance
// times) and the workers' counter batches (key-value, outbound HTTP).
//
// prom-client resolves a label set to its series by building and hashing a
// labels object on every call (~1 µs). Counters are therefore added up here in
// one Map keyed by the joined label values and handed to prom-client in its
// `collect` hook, i.e. once per scrape; only the latency histogram observes per
// request, through a child bound once per label set.
import { Counter, Histogram, Registry } from 'prom-client';
import { SEPARATOR, type WorkerCounts } from './worker-counters.worker.ts';

/** Buckets (seconds) for request latency: a fresh instance answers in ~1 ms, a slow component in seconds. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Buckets (seconds) for instance creation: a reset instance takes ~0.5 ms, a cold one tens of ms. */
const INSTANCE_BUCKETS = [0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/** Label values each pending key carries after its kind. */
const LABEL_COUNT = { http: 4, kv: 4, outbound: 3 };

/** How an instance came to be: `recycled` reused a reset core instance, `fresh` instantiated every core module. */
export type InstanceKind = 'fresh' | 'recycled';

export interface RequestObservation {
  /** Empty when no route matched (the runner's own 404) or the request never reached routing. */
  component?: string;
  route?: string;
  method: string;
  status: number;
  ms: number;
}

/** Metrics of one running app; `registry` is what `/metrics` serves. */
export class RunnerMetrics {
  readonly registry = new Registry();
  /** Counter increments not yet handed to prom-client: `<metric>\0<label values...>` → n. */
  readonly #pending = new Map<string, number>();
  readonly #flush = () => this.#flushPending();
  readonly #requests = new Counter({
    name: 'spin_http_requests_total',
    help: 'HTTP requests served by the trigger, by component, route (as in spin.toml; empty: no route matched), method and status.',
    labelNames: ['component', 'route', 'method', 'status'] as const,
    collect: this.#flush,
    registers: [this.registry],
  });
  readonly #duration = new Histogram({
    name: 'spin_http_request_duration_seconds',
    help: 'Time from receiving a request to sending the end of its response, by component and route.',
    labelNames: ['component', 'route'] as const,
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  readonly #instances = new Histogram({
    name: 'edgewatch_runner_instance_creation_seconds',
    help: 'Time to create one component instance (incl. its dependencies), by component and kind (fresh | recycled).',
    labelNames: ['component', 'kind'] as const,
    buckets: INSTANCE_BUCKETS,
    registers: [this.registry],
  });
  readonly #keyValue = new Counter({
    name: 'spin_key_value_operations_total',
    help: 'fermyon:spin/key-value and wasi:keyvalue calls by component, store label, operation and outcome (ok or the WIT error tag).',
    labelNames: ['component', 'store', 'op', 'outcome'] as const,
    collect: this.#flush,
    registers: [this.registry],
  });
  readonly #outbound = new Counter({
    name: 'spin_outbound_http_requests_total',
    help: 'Outbound HTTP requests by component, host (host:port; *.spin.internal for service chaining) and status (HTTP status or wasi:http error code).',
    labelNames: ['component', 'host', 'status'] as const,
    collect: this.#flush,
    registers: [this.registry],
  });
  /** Histogram children bound once per label set (binding builds the labels object). */
  readonly #durationChildren = new Map<string, { observe(v: number): void }>();
  readonly #instanceChildren = new Map<string, { observe(v: number): void }>();

  /** Record one finished request (called by the HTTP trigger). */
  observeRequest(r: RequestObservation): void {
    const component = r.component ?? '';
    const route = r.route ?? '';
    this.#add(`http${SEPARATOR}${component}${SEPARATOR}${route}${SEPARATOR}${r.method}${SEPARATOR}${r.status}`, 1);
    const routeKey = `${component}${SEPARATOR}${route}`;
    let duration = this.#durationChildren.get(routeKey);
    if (!duration) this.#durationChildren.set(routeKey, (duration = this.#duration.labels(component, route)));
    duration.observe(r.ms / 1000);
  }

  /** Record one instance creation (posted by a worker, about once per request). */
  observeInstance(component: string, kind: InstanceKind, ms: number): void {
    const key = `${component}${SEPARATOR}${kind}`;
    let child = this.#instanceChildren.get(key);
    if (!child) this.#instanceChildren.set(key, (child = this.#instances.labels(component, kind)));
    child.observe(ms / 1000);
  }

  /** Add a worker's batch of key-value and outbound counts (keys start with `kv` or `outbound`). */
  addWorkerCounts(batch: WorkerCounts): void {
    for (const [key, n] of batch) this.#add(key, n);
  }

  #add(key: string, n: number): void {
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + n);
  }

  /** Hand the pending increments to prom-client (from each counter's collect hook: once per scrape). */
  #flushPending(): void {
    for (const [key, n] of this.#pending) {
      const [kind, ...labels] = key.split(SEPARATOR);
      // Each counter declares its label names in the order the key joins their values.
      const counter = { http: this.#requests, kv: this.#keyValue, outbound: this.#outbound }[kind!] as Counter<string> | undefined;
      if (counter && labels.length === LABEL_COUNT[kind as keyof typeof LABEL_COUNT]) counter.labels(...labels).inc(n);
    }
    this.#pending.clear();
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
