//! Nearest-neighbour subsequence distance (libs/detectors/src/knn-distance.ts):
//! RMS distance of the last m values to the nearest of the 512 earlier,
//! non-overlapping windows, for m = 8 and m = 32. Squared distances are kept
//! per lag and advanced in O(1) per lag per point (`kernels::advance_lag_distances`,
//! bit-identical to the TS loop), recomputed exactly every 256 points
//! (`kernels::sliding_sq_distances_into`) against drift. All of it is state.
//! Until 512 earlier windows exist, the nearest distance is searched directly over the
//! ones that do (from `START_LAGS` on), so the member's calibrator learns during NAB's
//! probationary rows instead of starting cold after them.

use crate::DetectorError;
use crate::math::js_max;
use crate::state::{StateReader, StateWriter};

/// Subsequence lengths searched, one distance profile each.
pub const LENGTHS: [usize; 2] = [8, 32];
/// Earlier subsequences compared per length.
const HISTORY: usize = 512;
/// Points between exact recomputations.
const REFRESH: u64 = 256;
/// Earlier windows needed before a distance is reported while the history fills.
const START_LAGS: u64 = 16;
/// Newest value, then the lag-m window back to the oldest value advancing still reads.
const SPAN: usize = HISTORY + 2 * 32;

/// Streaming nearest-neighbour distances of the newest subsequences to their history.
#[derive(Debug, Clone)]
pub struct KnnDistance {
    /// Values minus `offset`, rounded to f32 (so state stores them as f32 exactly).
    buf: Vec<f64>,
    len: usize,
    seen: u64,
    offset: f64,
    /// Per length: squared distance at lag m+i in slot i.
    dist: [Vec<f64>; 2],
    scratch: Vec<f64>,
}

impl Default for KnnDistance {
    fn default() -> Self {
        Self {
            buf: vec![0.0; 2 * SPAN],
            len: 0,
            seen: 0,
            offset: f64::NAN,
            dist: [vec![0.0; HISTORY], vec![0.0; HISTORY]],
            scratch: vec![0.0; HISTORY],
        }
    }
}

/// Smallest entry, skipping NaN like the TS `d[i] < best` loop (Infinity if none).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn nearest(d: &[f64]) -> f64 {
    let mut best = f64::INFINITY;
    for &x in d {
        if x < best {
            best = x;
        }
    }
    best
}

/// f64x2 path: `pmin(best, x)` is `x < best ? x : best` per lane, the scalar step, so NaN
/// is skipped the same way. Only which of −0/+0 survives a tie can differ, and the caller's
/// `max(best, 0)` maps both to +0.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn nearest(d: &[f64]) -> f64 {
    use core::arch::wasm32::*;
    let mut best = f64x2_splat(f64::INFINITY);
    let pairs = d.chunks_exact(2);
    let tail = pairs.remainder();
    for p in pairs {
        best = f64x2_pmin(best, f64x2(p[0], p[1]));
    }
    let (a, b) = (f64x2_extract_lane::<0>(best), f64x2_extract_lane::<1>(best));
    let mut out = if b < a { b } else { a };
    for &x in tail {
        if x < out {
            out = x;
        }
    }
    out
}

impl KnnDistance {
    /// Add a value; writes each length's nearest RMS distance into `out`, −1 while not ready.
    pub fn next(&mut self, value: f64, out: &mut [f64; 2]) {
        // Differences only: keeps f32 storage precise for series far from zero.
        if self.offset.is_nan() {
            self.offset = value;
        }
        if self.len == self.buf.len() {
            let keep = SPAN - 1;
            self.buf.copy_within(self.len - keep..self.len, 0);
            self.len = keep;
        }
        self.buf[self.len] = f64::from((value - self.offset) as f32);
        self.len += 1;
        self.seen += 1;
        let t = self.len - 1;
        let ready = self.seen >= SPAN as u64;
        let refresh = self.seen == SPAN as u64 || self.seen.is_multiple_of(REFRESH);
        for (s, &m) in LENGTHS.iter().enumerate() {
            if !ready {
                out[s] = self.partial_nearest(t, m);
                continue;
            }
            if refresh {
                self.recompute(t, m, s);
            } else {
                kernels::advance_lag_distances(&self.buf[..self.len], t, m, m, &mut self.dist[s])
                    .expect("ready implies every lag lies inside the buffer");
            }
            out[s] = (js_max(nearest(&self.dist[s]), 0.0) / m as f64).sqrt();
        }
    }

    /// While the history fills: nearest RMS distance over the lags that exist (at most
    /// HISTORY), −1 below `START_LAGS`. No compaction has happened yet (seen < SPAN), so
    /// t = seen − 1 and the windows ending at t−m … t−m−lags+1 start at index 0 or later.
    fn partial_nearest(&mut self, t: usize, m: usize) -> f64 {
        let two_m = 2 * m as u64;
        if self.seen + 1 < two_m + START_LAGS {
            return -1.0;
        }
        // The nearest HISTORY lags at most, as once ready.
        let lags = ((self.seen + 1 - two_m) as usize).min(HISTORY);
        let scratch = &mut self.scratch[..lags];
        kernels::sliding::sliding_sq_distances_into(&self.buf[t + 2 - 2 * m - lags..t + 1 - m], &self.buf[t + 1 - m..=t], scratch);
        let mut best = f64::INFINITY;
        for &x in scratch.iter() {
            if x < best {
                best = x;
            }
        }
        (js_max(best, 0.0) / m as f64).sqrt()
    }

    /// Exact distances of the window ending at t to those ending at t−m … t−m−HISTORY+1.
    fn recompute(&mut self, t: usize, m: usize, s: usize) {
        let first = t + 2 - 2 * m - HISTORY; // start of the window at the largest lag
        let query = &self.buf[t + 1 - m..=t];
        kernels::sliding::sliding_sq_distances_into(&self.buf[first..t + 1 - m], query, &mut self.scratch);
        // scratch[j] is the window starting at first+j, i.e. lag m+HISTORY−1−j.
        for (j, &v) in self.scratch.iter().enumerate() {
            self.dist[s][HISTORY - 1 - j] = v;
        }
    }

    /// Append state: counters, offset, reachable values (f32) and running distances.
    pub fn write(&self, w: &mut StateWriter) {
        let keep = self.len.min(SPAN - 1);
        w.u64(self.seen).f64(self.offset);
        w.f32s(self.buf[self.len - keep..self.len].iter().map(|&v| v as f32), keep);
        for d in &self.dist {
            w.f64s(d.iter().copied(), d.len());
        }
    }

    /// Restore state written by [`KnnDistance::write`].
    pub fn read(&mut self, r: &mut StateReader<'_>) -> Result<(), DetectorError> {
        self.seen = r.u64()?;
        self.offset = r.f64()?;
        self.buf.fill(0.0);
        self.len = r.f32s_upto(&mut self.buf, SPAN - 1)?;
        // Every value since the last compaction is kept, so a real state holds exactly
        // min(seen, SPAN − 1); anything else would make the lag update read before the buffer.
        if self.len as u64 != self.seen.min(SPAN as u64 - 1) {
            return Err(DetectorError::State(format!("knn history of {} values after {} points", self.len, self.seen)));
        }
        for d in &mut self.dist {
            r.f64s_exact(d)?;
        }
        Ok(())
    }
}
