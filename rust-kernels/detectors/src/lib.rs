//! The anomaly detectors of `libs/detectors`, ported to Rust so the inference
//! component scores in compiled wasm instead of interpreted JS.
//!
//! Same constants, same member order and the same f64 operations in the same
//! order as the TS reference (JS `Math.max`/`Math.min`/`Math.exp` semantics
//! where they matter, see [`math`]), so scores agree bit for bit; the parity
//! tests in tools/nab-cli hold them to 1e-6 per point. Every detector is
//! causal, keeps constant memory and saves it as bytes ([`state`], this
//! engine's own format, ≤ 16 KiB) between batches.

pub mod calibrator;
pub mod ensemble;
pub mod knn;
pub mod level_cusum;
pub mod math;
pub mod range_breakout;
pub mod rest_period;
pub mod ring;
pub mod robust_z;
pub mod seasonal;
pub mod sorted_window;
pub mod state;
pub mod windowed_gaussian;

use ensemble::Ensemble;
use robust_z::RobustZ;
use windowed_gaussian::WindowedGaussian;

/// Registered detectors, baselines first (libs/detectors/src/registry.ts order).
pub const DETECTOR_NAMES: [&str; 3] = [windowed_gaussian::NAME, robust_z::NAME, ensemble::NAME];

/// A causal, constant-memory detector for one series.
pub trait StreamingDetector {
    /// Score the newest point (finite value and epoch-ms timestamp; see [`check_point`]) in [0, 1].
    fn update(&mut self, value: f64, timestamp_ms: f64) -> f64;
    /// The full state; restoring it continues bit for bit.
    fn state(&self) -> Vec<u8>;
}

/// Why a batch was refused; nothing is scored and no state changes.
#[derive(Debug, Clone, PartialEq)]
pub enum DetectorError {
    /// No detector has this name.
    UnknownDetector(String),
    /// `values` and `timestamps` differ in length.
    Lengths { values: usize, timestamps: usize },
    /// A non-finite value or timestamp at `row` (0-based, within the batch).
    BadPoint { field: &'static str, value: f64, row: usize },
    /// The state bytes are not this detector's (foreign, truncated, other engine).
    State(String),
}

/// JS's spelling of the only numbers a bad point can hold.
fn js_number(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v == f64::INFINITY {
        "Infinity".into()
    } else if v == f64::NEG_INFINITY {
        "-Infinity".into()
    } else {
        v.to_string()
    }
}

impl core::fmt::Display for DetectorError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::UnknownDetector(name) => write!(f, "unknown detector \"{name}\" (use one of: {})", DETECTOR_NAMES.join(", ")),
            Self::Lengths { values, timestamps } => write!(f, "{values} values but {timestamps} timestamps"),
            Self::BadPoint { field: "value", value, row } => write!(f, "value {} at row {row} is not a finite number", js_number(*value)),
            Self::BadPoint { field, value, row } => write!(f, "{field} {} at row {row} is not a finite epoch-ms number", js_number(*value)),
            Self::State(detail) => write!(f, "detector state: {detail}"),
        }
    }
}

impl std::error::Error for DetectorError {}

/// Refuse a point the detectors cannot score (same messages as the TS `checkPoint`).
pub fn check_point(value: f64, timestamp_ms: f64, row: usize) -> Result<(), DetectorError> {
    if !value.is_finite() {
        return Err(DetectorError::BadPoint { field: "value", value, row });
    }
    if !timestamp_ms.is_finite() {
        return Err(DetectorError::BadPoint { field: "timestamp", value: timestamp_ms, row });
    }
    Ok(())
}

/// A fresh detector by name.
pub fn create(name: &str) -> Result<Box<dyn StreamingDetector>, DetectorError> {
    Ok(match name {
        windowed_gaussian::NAME => Box::new(WindowedGaussian::default()),
        robust_z::NAME => Box::new(RobustZ::default()),
        ensemble::NAME => Box::new(Ensemble::default()),
        _ => return Err(DetectorError::UnknownDetector(name.into())),
    })
}

/// A detector by name, continuing from `state` bytes it wrote.
pub fn restore(name: &str, state: &[u8]) -> Result<Box<dyn StreamingDetector>, DetectorError> {
    Ok(match name {
        windowed_gaussian::NAME => Box::new(WindowedGaussian::restore(state)?),
        robust_z::NAME => Box::new(RobustZ::restore(state)?),
        ensemble::NAME => Box::new(Ensemble::restore(state)?),
        _ => return Err(DetectorError::UnknownDetector(name.into())),
    })
}

/// Scores of one batch and the state after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// One score in [0, 1] per point.
    pub scores: Vec<f64>,
    /// State to pass to the next batch.
    pub state: Vec<u8>,
}

/// Score `values` (with their epoch-ms timestamps) in order with detector `name`,
/// continuing from `state` (None: fresh). Every point is checked before any is
/// scored, so an error leaves nothing half-done.
pub fn score_batch(name: &str, state: Option<&[u8]>, values: &[f64], timestamps_ms: &[f64]) -> Result<Scored, DetectorError> {
    if values.len() != timestamps_ms.len() {
        return Err(DetectorError::Lengths { values: values.len(), timestamps: timestamps_ms.len() });
    }
    for (row, (&v, &t)) in values.iter().zip(timestamps_ms).enumerate() {
        check_point(v, t, row)?;
    }
    let mut detector = match state {
        Some(bytes) => restore(name, bytes)?,
        None => create(name)?,
    };
    let scores = values.iter().zip(timestamps_ms).map(|(&v, &t)| detector.update(v, t)).collect();
    Ok(Scored { scores, state: detector.state() })
}
