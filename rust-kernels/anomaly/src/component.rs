//! WIT glue (wasm only): exports `edgewatch:kernels/anomaly@0.1.0`.

wit_bindgen::generate!({
    path: "../wit",
    world: "edgewatch:kernels/anomaly-kernels",
});

struct Kernels;

impl exports::edgewatch::kernels::anomaly::Guest for Kernels {
    fn dot(a: Vec<f32>, b: Vec<f32>) -> f32 {
        crate::kernels::dot(&a, &b)
    }
}

export!(Kernels);
