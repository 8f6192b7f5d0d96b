//! Trailing window kept in arrival order and sorted (libs/detectors/src/sorted-window.ts):
//! median in O(1), MAD by a short two-pointer walk. Same insertion and removal
//! order as the TS, so ties and signed zeros land in the same slots.

use crate::DetectorError;
use crate::ring::Ring;
use crate::state::{StateReader, StateWriter};

/// Trailing window with robust location and scale.
#[derive(Debug, Clone)]
pub struct SortedWindow {
    ring: Ring,
    sorted: Vec<f64>,
}

impl SortedWindow {
    /// A window over the last `capacity` values.
    pub fn new(capacity: usize) -> Self {
        Self { ring: Ring::new(capacity), sorted: vec![0.0; capacity] }
    }

    /// Number of values held.
    pub fn len(&self) -> usize {
        self.ring.len()
    }

    /// Whether the window is empty.
    pub fn is_empty(&self) -> bool {
        self.ring.is_empty()
    }

    fn lower_bound(&self, v: f64, n: usize) -> usize {
        let (mut lo, mut hi) = (0, n);
        while lo < hi {
            let mid = (lo + hi) >> 1;
            if self.sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        lo
    }

    /// Add a value, evicting the oldest once full.
    pub fn push(&mut self, v: f64) {
        let mut n = self.ring.len();
        if let Some(evicted) = self.ring.push(v) {
            let at = self.lower_bound(evicted, n);
            self.sorted.copy_within(at + 1..n, at);
            n -= 1;
        }
        let at = self.lower_bound(v, n);
        self.sorted.copy_within(at..n, at + 1);
        self.sorted[at] = v;
    }

    /// Median (0 when empty).
    pub fn median(&self) -> f64 {
        let n = self.ring.len();
        if n == 0 {
            return 0.0;
        }
        if n % 2 == 1 { self.sorted[n >> 1] } else { (self.sorted[(n >> 1) - 1] + self.sorted[n >> 1]) / 2.0 }
    }

    /// Median absolute deviation from `center`: walk outward merging both sides.
    pub fn mad(&self, center: f64) -> f64 {
        let n = self.ring.len();
        if n == 0 {
            return 0.0;
        }
        let k = n >> 1;
        let mut right = self.lower_bound(center, n);
        let mut left = right as isize - 1;
        let mut d = 0.0;
        for _ in 0..=k {
            let dl = if left >= 0 { center - self.sorted[left as usize] } else { f64::INFINITY };
            let dr = if right < n { self.sorted[right] - center } else { f64::INFINITY };
            if dl <= dr {
                d = dl;
                left -= 1;
            } else {
                d = dr;
                right += 1;
            }
        }
        d
    }

    /// Append the window (the sorted copy is rebuilt on read).
    pub fn write(&self, w: &mut StateWriter) {
        self.ring.write(w);
    }

    /// Restore from what [`SortedWindow::write`] produced.
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.ring.read(r)?;
        let n = self.ring.len();
        for i in 0..n {
            self.sorted[i] = self.ring.at(i);
        }
        // Float64Array#sort order: numeric, −0 before +0 (total_cmp agrees; no NaN here).
        self.sorted[..n].sort_by(f64::total_cmp);
        Ok(())
    }
}
