//! One small dense layer, `y = act(W·x + b)`, for the detectors' tiny
//! autoencoders and scorers. `W` is row-major, one row of `x.len()` weights
//! per output.

/// Activation applied after the affine part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// None: `y = W·x + b`.
    Linear,
    /// `max(0, ·)`.
    Relu,
}

/// `act(W·x + b)` with `weights` (bias.len() × x.len()), using the best path compiled in.
pub fn dense(x: &[f32], weights: &[f32], bias: &[f32], act: Activation) -> Result<Vec<f32>, crate::ShapeError> {
    crate::expect_len("weights", weights.len(), &[bias.len(), x.len()])?;
    let mut out = vec![0.0f32; bias.len()];
    dense_into(x, weights, bias, act, &mut out);
    Ok(out)
}

/// `act(W·x + b)` into `out` (bias.len()); the dot products take the best path compiled in.
pub fn dense_into(x: &[f32], weights: &[f32], bias: &[f32], act: Activation, out: &mut [f32]) {
    if x.is_empty() {
        out.copy_from_slice(bias);
    } else {
        for (row, (o, b)) in weights.chunks_exact(x.len()).zip(out.iter_mut().zip(bias)) {
            *o = crate::dot::dot(row, x) + b;
        }
    }
    if act == Activation::Relu {
        for o in out.iter_mut() {
            *o = o.max(0.0);
        }
    }
}
