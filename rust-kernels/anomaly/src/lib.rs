//! Anomaly-detection kernels. The math lives in [`kernels`] (plain Rust,
//! tested natively); `component` wires it to the WIT export on wasm only.

pub mod kernels;

#[cfg(target_arch = "wasm32")]
mod component;

pub use kernels::dot;
