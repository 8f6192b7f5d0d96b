//! `kernel-bench check`: one case per stdin line, one JSON value per stdout
//! line, so a test can compare native outputs with wasm and JS ones on the
//! same seeded inputs. Floats print in Rust's shortest round-trip form.
//!
//! Cases (inputs from `rng`; a second input uses seed + 1, a third seed + 2):
//! `dot S N`, `matmul S M K N`, `sha256 S LEN`, `sha256-repeat COUNT [TEXT]`,
//! `resize S SW SH DW DH` (prints the output's SHA-256), `mean-variance S N`,
//! `welford S N BATCH`, `window-stats S N W`, `sq-distances S DIM ROWS`,
//! `dense S INS OUTS RELU`, `sliding S N M COUNT` (series = 10·floats(S, N),
//! query = 10·floats(S+1, M)), `advance-lag S N T M FIRST_LAG LAGS` (series as
//! above, d starts at floats(S+1, LAGS) + 5; prints the advanced d).

use crate::rng::{bytes, floats};
use kernels::Activation;

/// Runs one case line; `Err` says what was wrong with it.
pub fn run_case(line: &str) -> Result<String, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (&kind, args) = words.split_first().ok_or("empty case line")?;
    if kind == "sha256-repeat" {
        let count = num(args, 0)?;
        let text = args.get(1).copied().unwrap_or("");
        return Ok(hex(&kernels::sha256(text.repeat(count).as_bytes())));
    }
    let seed = num(args, 0)? as u32;
    let n = |i: usize| num(args, i);
    Ok(match kind {
        "dot" => kernels::dot(&floats(seed, n(1)?), &floats(seed + 1, n(1)?)).to_string(),
        "matmul" => {
            let (m, k, nn) = (n(1)?, n(2)?, n(3)?);
            let c = kernels::matmul(&floats(seed, m * k), &floats(seed + 1, k * nn), m, k, nn).map_err(|e| e.to_string())?;
            list(&c)
        }
        "sha256" => hex(&kernels::sha256(&bytes(seed, n(1)?))),
        "resize" => {
            let (sw, sh, dw, dh) = (n(1)?, n(2)?, n(3)?, n(4)?);
            let out = kernels::resize_bilinear(&bytes(seed, sw * sh * 4), sw, sh, dw, dh).map_err(|e| e.to_string())?;
            hex(&kernels::sha256(&out))
        }
        "mean-variance" => {
            let (mean, var) = kernels::mean_variance(&floats(seed, n(1)?));
            format!("[{mean},{var}]")
        }
        "welford" => {
            let xs = floats(seed, n(1)?);
            let mut s = kernels::RunningStats::default();
            for batch in xs.chunks(n(2)?.max(1)) {
                s = kernels::welford_update(s, batch);
            }
            format!("[{},{},{}]", s.count, s.mean, s.m2)
        }
        "window-stats" => {
            let w = kernels::window_stats(&floats(seed, n(1)?), n(2)?);
            format!("{{\"means\":{},\"variances\":{}}}", list(&w.means), list(&w.variances))
        }
        "sq-distances" => {
            let (dim, rows) = (n(1)?, n(2)?);
            list(&kernels::sq_distances(&floats(seed, dim), &floats(seed + 1, dim * rows)).map_err(|e| e.to_string())?)
        }
        "dense" => {
            let (ins, outs) = (n(1)?, n(2)?);
            let act = if n(3)? != 0 { Activation::Relu } else { Activation::Linear };
            let (x, w, b) = (floats(seed, ins), floats(seed + 1, outs * ins), floats(seed + 2, outs));
            list(&kernels::dense(&x, &w, &b, act).map_err(|e| e.to_string())?)
        }
        "sliding" => {
            let series: Vec<f64> = floats(seed, n(1)?).iter().map(|&x| f64::from(x) * 10.0).collect();
            let query: Vec<f64> = floats(seed + 1, n(2)?).iter().map(|&x| f64::from(x) * 10.0).collect();
            list64(&kernels::sliding_sq_distances(&series, &query, n(3)?).map_err(|e| e.to_string())?)
        }
        "advance-lag" => {
            let series: Vec<f64> = floats(seed, n(1)?).iter().map(|&x| f64::from(x) * 10.0).collect();
            let mut d: Vec<f64> = floats(seed + 1, n(5)?).iter().map(|&x| f64::from(x) + 5.0).collect();
            kernels::advance_lag_distances(&series, n(2)?, n(3)?, n(4)?, &mut d).map_err(|e| e.to_string())?;
            list64(&d)
        }
        _ => return Err(format!("unknown case kind `{kind}`")),
    })
}

fn num(args: &[&str], i: usize) -> Result<usize, String> {
    let word = args.get(i).ok_or(format!("missing argument {}", i + 1))?;
    word.parse().map_err(|_| format!("argument {} `{word}` is not a non-negative integer", i + 1))
}

fn list(xs: &[f32]) -> String {
    let items: Vec<String> = xs.iter().map(f32::to_string).collect();
    format!("[{}]", items.join(","))
}

fn list64(xs: &[f64]) -> String {
    let items: Vec<String> = xs.iter().map(f64::to_string).collect();
    format!("[{}]", items.join(","))
}

fn hex(bytes: &[u8]) -> String {
    let s: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{s}\"")
}
