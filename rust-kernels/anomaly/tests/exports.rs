//! The component crate re-exports the kernels it wires to WIT; natively the
//! scalar paths run (the wasm SIMD/scalar parity is checked from
//! tools/bench/src/kernels/parity.test.ts against the built modules).
use anomaly::kernels::SIMD;

#[test]
fn native_dispatch_is_scalar() {
    const { assert!(!SIMD) };
    assert_eq!(anomaly::dot(&[2.0, 3.0], &[4.0, 5.0]), 23.0);
}

#[test]
fn dot_uses_the_shorter_length() {
    assert_eq!(anomaly::dot(&[1.0, 2.0, 3.0], &[4.0, 5.0, 6.0, 100.0]), 32.0);
}
