// wasi:io/poll in the runner: a chained request runs in the caller's thread when its
// pollable is checked, so poll() checks such (deferred) pollables only when nothing
// cheap is ready — a guest that answered and fired a background chained request
// finishes its response first, as in Spin where the chained component runs concurrently.
import { describe, expect, it } from 'vitest';
import { Pollable, poll } from '../../src/host/io.worker.ts';

describe('poll', () => {
  it('returns_ready_cheap_pollables_without_running_deferred_ones', () => {
    let chainedRuns = 0;
    const chained = new Pollable(() => (chainedRuns++, true), () => {}, true);
    const bodyWritable = new Pollable(() => true);
    expect(Array.from(poll([chained, bodyWritable]))).toEqual([1]);
    expect(chainedRuns).toBe(0);
  });

  it('runs_deferred_pollables_when_nothing_else_is_ready', () => {
    let chainedRuns = 0;
    const chained = new Pollable(() => (chainedRuns++, true), () => {}, true);
    const notYet = new Pollable(() => false, () => {});
    expect(Array.from(poll([notYet, chained]))).toEqual([1]);
    expect(chainedRuns).toBe(1);
  });
});
