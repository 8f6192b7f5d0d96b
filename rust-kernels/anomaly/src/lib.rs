//! The `edgewatch:kernels` component. The math lives in the `kernels` crate
//! (plain Rust, tested natively, shared with the core module and the native
//! benchmark) and the anomaly detectors in the `detectors` crate;
//! `component` wires both to the WIT exports on wasm only.

pub use detectors;
pub use kernels;
pub use kernels::dot;

#[cfg(target_arch = "wasm32")]
mod component;
