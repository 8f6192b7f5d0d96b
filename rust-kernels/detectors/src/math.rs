//! Numeric helpers with JavaScript's semantics, so every detector computes the
//! same bits as its TS reference: `Math.max`/`Math.min` (NaN wins, +0 beats −0
//! for max), `Math.exp` (V8 uses fdlibm's, ported here), the A&S erf and the
//! z → score map of libs/detectors/src/math.ts.

/// The deviation that maps to score 0.5 in [`z_to_score`].
pub const Z_AT_HALF: f64 = 4.0;

/// `Math.max(a, b)`: NaN if either is NaN, +0 over −0.
#[inline]
pub fn js_max(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else if b > a {
        b
    } else if a == b {
        // Equal: only the sign of a zero can differ; max prefers +0.
        if a.is_sign_positive() { a } else { b }
    } else {
        f64::NAN
    }
}

/// `Math.min(a, b)`: NaN if either is NaN, −0 over +0.
#[inline]
pub fn js_min(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else if b < a {
        b
    } else if a == b {
        if a.is_sign_negative() { a } else { b }
    } else {
        f64::NAN
    }
}

/// Map a deviation in standard units to a score in [0, 1): z/(z + 4).
#[inline]
#[allow(clippy::neg_cmp_op_on_partial_ord, reason = "`!(z > 0)` is the TS test: NaN maps to 0")]
pub fn z_to_score(z: f64) -> f64 {
    if !(z > 0.0) {
        return 0.0;
    }
    if z == f64::INFINITY {
        return 1.0;
    }
    z / (z + Z_AT_HALF)
}

/// erf(x) by Abramowitz–Stegun 7.1.26, term for term as the TS reference.
pub fn erf(x: f64) -> f64 {
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    let ax = x.abs();
    let t = 1.0 / (1.0 + 0.3275911 * ax);
    let poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    sign * (1.0 - poly * exp(-ax * ax))
}

// fdlibm's constants by bit pattern (its comments give them in hex too).
const LN2_HI: [f64; 2] = [f64::from_bits(0x3fe6_2e42_fee0_0000), f64::from_bits(0xbfe6_2e42_fee0_0000)];
const LN2_LO: [f64; 2] = [f64::from_bits(0x3dea_39ef_3579_3c76), f64::from_bits(0xbdea_39ef_3579_3c76)];
const HALF: [f64; 2] = [0.5, -0.5];
const INV_LN2: f64 = f64::from_bits(0x3ff7_1547_652b_82fe);
const O_THRESHOLD: f64 = f64::from_bits(0x4086_2e42_fefa_39ef);
const U_THRESHOLD: f64 = f64::from_bits(0xc087_4910_d52d_3051);
const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);
const TWO_M1000: f64 = f64::from_bits(0x0170_0000_0000_0000);

/// `Math.exp` as V8 computes it (fdlibm `__ieee754_exp` with V8's exp(1) = E fix, base/ieee754.cc):
/// Rust's `f64::exp` (libm on wasm, the platform's natively) may differ in the
/// last bit, which would break bit parity of `windowed-gaussian`.
pub fn exp(x: f64) -> f64 {
    let bits = x.to_bits();
    let hi = (bits >> 32) as u32;
    let lo = bits as u32;
    let xsb = (hi >> 31) as usize;
    let hx = hi & 0x7fff_ffff;
    if hx >= 0x4086_2E42 {
        if hx >= 0x7ff0_0000 {
            if ((hx & 0xfffff) | lo) != 0 {
                return x + x;
            }
            return if xsb == 0 { x } else { 0.0 };
        }
        if x > O_THRESHOLD {
            return f64::INFINITY;
        }
        if x < U_THRESHOLD {
            return 0.0;
        }
    }
    let (hi_part, lo_part, k, x) = if hx > 0x3fd6_2e42 {
        let (h, l, k) = if hx < 0x3FF0_A2B2 {
            // V8 returns E for exp(1): fdlibm's reduction gets its last bit wrong.
            if x == 1.0 {
                return std::f64::consts::E;
            }
            (x - LN2_HI[xsb], LN2_LO[xsb], 1 - 2 * xsb as i32)
        } else {
            let k = (INV_LN2 * x + HALF[xsb]) as i32;
            let t = f64::from(k);
            (x - t * LN2_HI[0], t * LN2_LO[0], k)
        };
        (h, l, k, h - l)
    } else if hx < 0x3e30_0000 {
        return 1.0 + x;
    } else {
        (0.0, 0.0, 0, x)
    };
    let t = x * x;
    let c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    if k == 0 {
        return 1.0 - ((x * c) / (c - 2.0) - x);
    }
    let y = 1.0 - ((lo_part - (x * c) / (2.0 - c)) - hi_part);
    if k >= -1021 {
        if k == 1024 {
            return y * 2.0 * f64::from_bits(0x7FE0_0000_0000_0000);
        }
        y * f64::from_bits(((0x3ff + k as i64) as u64) << 52)
    } else {
        y * f64::from_bits(((0x3ff + k as i64 + 1000) as u64) << 52) * TWO_M1000
    }
}
