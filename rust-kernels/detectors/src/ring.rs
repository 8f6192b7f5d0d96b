//! Fixed-capacity ring of f64 (libs/detectors/src/ring.ts): the constant-memory
//! history the baselines and the rest period keep.

use crate::DetectorError;
use crate::state::{StateReader, StateWriter};

/// Oldest-first ring buffer with O(1) push.
#[derive(Debug, Clone)]
pub struct Ring {
    data: Vec<f64>,
    head: usize,
    size: usize,
}

impl Ring {
    /// A ring holding at most `capacity` values.
    pub fn new(capacity: usize) -> Self {
        Self { data: vec![0.0; capacity], head: 0, size: 0 }
    }

    /// Number of values held.
    #[inline]
    pub fn len(&self) -> usize {
        self.size
    }

    /// Whether nothing was pushed yet.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.size == 0
    }

    /// Append a value; returns the one evicted once full.
    #[inline]
    pub fn push(&mut self, v: f64) -> Option<f64> {
        let cap = self.data.len();
        if self.size == cap {
            let evicted = self.data[self.head];
            self.data[self.head] = v;
            self.head = (self.head + 1) % cap;
            Some(evicted)
        } else {
            self.data[(self.head + self.size) % cap] = v;
            self.size += 1;
            None
        }
    }

    /// The i-th value, 0 = oldest.
    #[inline]
    pub fn at(&self, i: usize) -> f64 {
        self.data[(self.head + i) % self.data.len()]
    }

    /// The contents oldest first, as the two contiguous runs of the buffer.
    pub fn as_slices(&self) -> (&[f64], &[f64]) {
        let cap = self.data.len();
        if self.head + self.size <= cap {
            (&self.data[self.head..self.head + self.size], &[])
        } else {
            (&self.data[self.head..], &self.data[..self.head + self.size - cap])
        }
    }

    /// Values oldest first (no modulo per element: the rest period scans 120 per point).
    pub fn iter(&self) -> impl Iterator<Item = f64> + '_ {
        let (a, b) = self.as_slices();
        a.iter().chain(b).copied()
    }

    /// Append the contents oldest first.
    pub fn write(&self, w: &mut StateWriter) {
        let (a, b) = self.as_slices();
        w.f64s(a.iter().chain(b).copied(), self.size);
    }

    /// Refill from what [`Ring::write`] produced.
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.data.fill(0.0);
        let cap = self.data.len();
        self.size = r.f64s_upto(&mut self.data, cap)?;
        self.head = 0;
        Ok(())
    }
}
