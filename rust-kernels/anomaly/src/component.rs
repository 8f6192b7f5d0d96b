//! WIT glue (wasm only): exports the `edgewatch:kernels@0.1.0` interfaces.
//! Shapes are checked in the `kernels` crate, points and state in the
//! `detectors` crate; errors cross as their message.

wit_bindgen::generate!({
    path: "../wit",
    world: "edgewatch:kernels/anomaly-kernels",
});

use exports::edgewatch::kernels::{anomaly, detectors as wit_detectors, digest, image, linalg};

struct Kernels;

impl anomaly::Guest for Kernels {
    fn dot(a: Vec<f32>, b: Vec<f32>) -> f32 {
        kernels::dot(&a, &b)
    }

    fn mean_variance(xs: Vec<f32>) -> anomaly::Moments {
        let (mean, variance) = kernels::mean_variance(&xs);
        anomaly::Moments { mean, variance }
    }

    fn welford_update(state: anomaly::RunningStats, xs: Vec<f32>) -> anomaly::RunningStats {
        let s = kernels::RunningStats { count: state.count, mean: state.mean, m2: state.m2 };
        let s = kernels::welford_update(s, &xs);
        anomaly::RunningStats { count: s.count, mean: s.mean, m2: s.m2 }
    }

    fn window_stats(xs: Vec<f32>, window: u32) -> anomaly::WindowSummary {
        let w = kernels::window_stats(&xs, window as usize);
        anomaly::WindowSummary { means: w.means, variances: w.variances }
    }

    fn sq_distances(query: Vec<f32>, points: Vec<f32>) -> Result<Vec<f32>, String> {
        kernels::sq_distances(&query, &points).map_err(|e| e.to_string())
    }

    fn dense(x: Vec<f32>, weights: Vec<f32>, bias: Vec<f32>, activation: anomaly::Activation) -> Result<Vec<f32>, String> {
        let act = match activation {
            anomaly::Activation::Linear => kernels::Activation::Linear,
            anomaly::Activation::Relu => kernels::Activation::Relu,
        };
        kernels::dense(&x, &weights, &bias, act).map_err(|e| e.to_string())
    }

    fn sliding_sq_distances(series: Vec<f64>, query: Vec<f64>, count: u32) -> Result<Vec<f64>, String> {
        kernels::sliding_sq_distances(&series, &query, count as usize).map_err(|e| e.to_string())
    }

    fn advance_lag_distances(s: Vec<f64>, t: u32, m: u32, first_lag: u32, mut d: Vec<f64>) -> Result<Vec<f64>, String> {
        kernels::advance_lag_distances(&s, t as usize, m as usize, first_lag as usize, &mut d).map_err(|e| e.to_string())?;
        Ok(d)
    }
}

impl linalg::Guest for Kernels {
    fn matmul(a: Vec<f32>, b: Vec<f32>, m: u32, k: u32, n: u32) -> Result<Vec<f32>, String> {
        kernels::matmul(&a, &b, m as usize, k as usize, n as usize).map_err(|e| e.to_string())
    }
}

impl digest::Guest for Kernels {
    fn sha256(data: Vec<u8>) -> Vec<u8> {
        kernels::sha256(&data).to_vec()
    }
}

impl image::Guest for Kernels {
    fn resize_bilinear(src: Vec<u8>, sw: u32, sh: u32, dw: u32, dh: u32) -> Result<Vec<u8>, String> {
        kernels::resize_bilinear(&src, sw as usize, sh as usize, dw as usize, dh as usize).map_err(|e| e.to_string())
    }
}

impl wit_detectors::Guest for Kernels {
    fn names() -> Vec<String> {
        detectors::DETECTOR_NAMES.iter().map(|n| (*n).to_string()).collect()
    }

    fn score_batch(detector: String, state: Option<Vec<u8>>, values: Vec<f64>, timestamps_ms: Vec<f64>) -> Result<wit_detectors::Scored, String> {
        let scored = detectors::score_batch(&detector, state.as_deref(), &values, &timestamps_ms).map_err(|e| e.to_string())?;
        Ok(wit_detectors::Scored { scores: scored.scores, state: scored.state })
    }
}

export!(Kernels);
