//! Bilinear resize: identity, exact 2×2 box average on 2× downscale,
//! constants stay constant, in-bounds sampling on odd sizes, shape errors.
use kernels::resize::{axis, resize_scalar};
use kernels::resize_bilinear;

fn image(w: usize, h: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..w * h * 4)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn same_size_is_identity() {
    for (w, h) in [(1, 1), (2, 3), (7, 5), (16, 9)] {
        let src = image(w, h, 1);
        assert_eq!(resize_bilinear(&src, w, h, w, h).unwrap(), src, "{w}x{h}");
    }
}

#[test]
fn halving_is_the_rounded_2x2_average() {
    let (w, h) = (14, 10);
    let src = image(w, h, 2);
    let out = resize_bilinear(&src, w, h, w / 2, h / 2).unwrap();
    for y in 0..h / 2 {
        for x in 0..w / 2 {
            for c in 0..4 {
                let at = |xx: usize, yy: usize| u32::from(src[(yy * w + xx) * 4 + c]);
                let sum = at(2 * x, 2 * y) + at(2 * x + 1, 2 * y) + at(2 * x, 2 * y + 1) + at(2 * x + 1, 2 * y + 1);
                assert_eq!(u32::from(out[(y * (w / 2) + x) * 4 + c]), (sum + 2) / 4, "({x},{y}) ch {c}");
            }
        }
    }
}

#[test]
fn constant_image_stays_constant_up_and_down() {
    let src: Vec<u8> = [10u8, 200, 33, 255].repeat(5 * 3);
    for (dw, dh) in [(11, 7), (2, 1), (5, 3), (1, 1)] {
        let out = resize_bilinear(&src, 5, 3, dw, dh).unwrap();
        assert_eq!(out, [10u8, 200, 33, 255].repeat(dw * dh), "{dw}x{dh}");
    }
}

#[test]
fn sample_pairs_stay_inside_the_source() {
    for (s, d) in [(2, 1), (2, 9), (3, 2), (3840, 1920), (1080, 1919), (5, 5)] {
        let a = axis(s, d);
        assert!(a.index.iter().all(|&i| (i as usize) + 1 < s), "{s}->{d}");
        assert!(a.weight.iter().all(|&w| w <= 256), "{s}->{d}");
    }
    let one = axis(1, 4);
    assert!(one.index.iter().all(|&i| i == 0) && one.weight.iter().all(|&w| w == 0));
}

#[test]
fn single_column_source_uses_the_scalar_path_safely() {
    let src = image(1, 4, 3);
    let mut dst = vec![0u8; 3 * 2 * 4];
    resize_scalar(&src, 1, 4, &mut dst, 3, 2);
    assert_eq!(resize_bilinear(&src, 1, 4, 3, 2).unwrap(), dst);
    assert_eq!(&dst[..4], &dst[4..8], "every column of a 1-wide source is the same");
}

#[test]
fn rejects_wrong_source_length_and_empty_source() {
    assert_eq!(resize_bilinear(&[0; 15], 2, 2, 1, 1).unwrap_err().arg, "src");
    assert_eq!(resize_bilinear(&[], 0, 0, 2, 2).unwrap_err().arg, "src");
    assert!(resize_bilinear(&[0; 16], 2, 2, 0, 5).unwrap().is_empty());
}
