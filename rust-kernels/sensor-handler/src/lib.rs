//! `/sensor` HTTP component. Everything except the wasi:http glue is plain
//! Rust so it is unit-tested natively (`cargo test`).

pub mod router;
pub mod verdict;

#[cfg(target_arch = "wasm32")]
mod component;
