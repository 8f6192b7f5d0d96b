//! The benchmark tasks, with the same names, sizes and seeds as
//! tools/bench/src/kernels/tasks.ts. Each task prepares its inputs once and
//! returns a closure that runs the kernel (outputs go through `black_box`).

use crate::rng::{bytes, floats};
use kernels::Activation;
use std::hint::black_box;

/// A prepared task: name and the body to time.
pub struct Task {
    /// Row name in the benchmark table.
    pub name: &'static str,
    /// One run of the kernel.
    pub run: Box<dyn FnMut()>,
}

impl core::fmt::Debug for Task {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name)
    }
}

/// Every task name, in table order.
pub const NAMES: [&str; 9] = [
    "matmul-1024", "sha256-1mb", "resize-4k", "dot-1m", "mean-variance-1m", "window-stats-1m", "sq-distances-10kx32",
    "dense-1024x256", "sliding-sq-distances-64kx64",
];

/// Builds the task `name` (one of [`NAMES`]).
pub fn prepare(name: &str) -> Option<Task> {
    const M: usize = 1 << 20;
    let run: Box<dyn FnMut()> = match name {
        "matmul-1024" => {
            let (a, b) = (floats(1, 1024 * 1024), floats(2, 1024 * 1024));
            let mut c = vec![0.0f32; 1024 * 1024];
            Box::new(move || kernels::matmul_into(black_box(&a), black_box(&b), black_box(&mut c), 1024, 1024, 1024))
        }
        "sha256-1mb" => {
            let data = bytes(3, M);
            Box::new(move || {
                black_box(kernels::sha256(black_box(&data)));
            })
        }
        "resize-4k" => {
            let src = bytes(4, 3840 * 2160 * 4);
            let mut dst = vec![0u8; 1920 * 1080 * 4];
            Box::new(move || kernels::resize_into(black_box(&src), 3840, 2160, black_box(&mut dst), 1920, 1080))
        }
        "dot-1m" => {
            let (a, b) = (floats(5, M), floats(6, M));
            Box::new(move || {
                black_box(kernels::dot(black_box(&a), black_box(&b)));
            })
        }
        "mean-variance-1m" => {
            let xs = floats(7, M);
            Box::new(move || {
                black_box(kernels::mean_variance(black_box(&xs)));
            })
        }
        "window-stats-1m" => {
            let xs = floats(8, M);
            let (mut means, mut vars) = (vec![0.0f32; M - 63], vec![0.0f32; M - 63]);
            Box::new(move || kernels::window_stats_into(black_box(&xs), 64, black_box(&mut means), black_box(&mut vars)))
        }
        "sq-distances-10kx32" => {
            let (q, pts) = (floats(9, 32), floats(10, 10_000 * 32));
            let mut out = vec![0.0f32; 10_000];
            Box::new(move || kernels::sq_distances_into(black_box(&q), black_box(&pts), black_box(&mut out)))
        }
        "dense-1024x256" => {
            let (x, w, b) = (floats(11, 1024), floats(12, 256 * 1024), floats(13, 256));
            let mut out = vec![0.0f32; 256];
            Box::new(move || kernels::dense_into(black_box(&x), black_box(&w), black_box(&b), Activation::Relu, &mut out))
        }
        "sliding-sq-distances-64kx64" => {
            let series: Vec<f64> = floats(14, 65_536).iter().map(|&x| f64::from(x)).collect();
            let query: Vec<f64> = floats(15, 64).iter().map(|&x| f64::from(x)).collect();
            let mut out = vec![0.0f64; 65_536 - 63];
            Box::new(move || kernels::sliding::sliding_sq_distances_into(black_box(&series), black_box(&query), black_box(&mut out)))
        }
        _ => return None,
    };
    Some(Task { name: NAMES.into_iter().find(|n| *n == name)?, run })
}

