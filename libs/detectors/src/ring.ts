// Fixed-capacity ring of float64 values: the constant-memory history most detectors keep.
import type { StateReader, StateWriter } from './state-codec.ts';

/** Oldest-first ring buffer of numbers with O(1) push. */
export class Ring {
  readonly capacity: number;
  private data: Float64Array;
  private head = 0;
  size = 0;

  /** A ring holding at most `capacity` values. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.data = new Float64Array(capacity);
  }

  /** Append a value; returns the value evicted (or undefined while filling). */
  push(v: number): number | undefined {
    let evicted: number | undefined;
    if (this.size === this.capacity) {
      evicted = this.data[this.head]!;
      this.data[this.head] = v;
      this.head = (this.head + 1) % this.capacity;
    } else {
      this.data[(this.head + this.size) % this.capacity] = v;
      this.size++;
    }
    return evicted;
  }

  /** The i-th value, 0 = oldest. */
  at(i: number): number {
    return this.data[(this.head + i) % this.capacity]!;
  }

  /** The value `back` steps before the newest (0 = newest). */
  fromEnd(back: number): number {
    return this.at(this.size - 1 - back);
  }

  /** Append the contents oldest-first. */
  write(w: StateWriter): void {
    const out = new Float64Array(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.at(i);
    w.f64s(out);
  }

  /** Refill from what `write` produced. */
  read(r: StateReader): void {
    const vals = r.f64s();
    const n = vals.length;
    if (n > this.capacity) throw new RangeError('detector state: ring larger than its capacity');
    this.data.fill(0);
    this.data.set(vals);
    this.head = 0;
    this.size = n;
  }
}
