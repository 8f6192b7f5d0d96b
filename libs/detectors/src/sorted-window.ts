// Trailing window kept both in arrival order (ring) and sorted, so the median is O(1) and
// the MAD a short two-pointer walk: the robust statistics run once per point.
import { Ring } from './ring.ts';
import type { StateReader, StateWriter } from './state-codec.ts';

/** Trailing window with O(log n + n/2) robust location and scale. */
export class SortedWindow {
  private readonly ring: Ring;
  private readonly sorted: Float64Array;

  /** A window over the last `capacity` values. */
  constructor(capacity: number) {
    this.ring = new Ring(capacity);
    this.sorted = new Float64Array(capacity);
  }

  /** Number of values held. */
  get size(): number {
    return this.ring.size;
  }

  private lowerBound(v: number, n: number): number {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Add a value, evicting the oldest once full. */
  push(v: number): void {
    let n = this.ring.size;
    const evicted = this.ring.push(v);
    if (evicted !== undefined) {
      const at = this.lowerBound(evicted, n);
      this.sorted.copyWithin(at, at + 1, n);
      n--;
    }
    const at = this.lowerBound(v, n);
    this.sorted.copyWithin(at + 1, at, n);
    this.sorted[at] = v;
  }

  /** Median of the window (0 when empty). */
  median(): number {
    const n = this.ring.size;
    if (n === 0) return 0;
    return n % 2 ? this.sorted[n >> 1]! : (this.sorted[(n >> 1) - 1]! + this.sorted[n >> 1]!) / 2;
  }

  /** Value at quantile q ∈ [0,1] (nearest rank). */
  quantile(q: number): number {
    const n = this.ring.size;
    if (n === 0) return 0;
    return this.sorted[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]!;
  }

  /** Median absolute deviation from `center`: walk outward from it merging both sides. */
  mad(center: number): number {
    const n = this.ring.size;
    if (n === 0) return 0;
    const k = n >> 1; // the (k+1)-th smallest |x − center| (upper median is fine here)
    let right = this.lowerBound(center, n);
    let left = right - 1;
    let d = 0;
    for (let taken = 0; taken <= k; taken++) {
      const dl = left >= 0 ? center - this.sorted[left]! : Infinity;
      const dr = right < n ? this.sorted[right]! - center : Infinity;
      if (dl <= dr) {
        d = dl;
        left--;
      } else {
        d = dr;
        right++;
      }
    }
    return d;
  }

  /** The value `back` steps before the newest (0 = newest). */
  fromEnd(back: number): number {
    return this.ring.fromEnd(back);
  }

  /** Append the window (the sorted copy is rebuilt on read). */
  write(w: StateWriter): void {
    this.ring.write(w);
  }

  /** Restore from what `write` produced. */
  read(r: StateReader): void {
    this.ring.read(r);
    const n = this.ring.size;
    for (let i = 0; i < n; i++) this.sorted[i] = this.ring.at(i);
    this.sorted.subarray(0, n).sort();
  }
}
