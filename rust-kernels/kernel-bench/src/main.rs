//! Native baseline for the kernel benchmarks (`npm run bench:kernels` runs it
//! twice: default codegen and `-C target-cpu=native`).
//!
//!   kernel-bench bench [--runs N] [--warmup N] [--only a,b]   -> one JSON object
//!   kernel-bench check < cases                                -> one JSON value per line
//!
//! Timing: per task, `warmup` untimed runs, then `runs` timed ones; prints the
//! median, min and max in ms. Same protocol as the JS/wasm side.

mod check;
mod rng;
mod tasks;

use std::io::BufRead;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: kernel-bench bench [--runs N] [--warmup N] [--only task,...] | kernel-bench check < cases";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bench") => bench(&args[1..]),
        Some("check") => check(),
        _ => Err(format!("expected a subcommand; {USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kernel-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: &[String]) -> Result<(), String> {
    let (mut runs, mut warmup, mut only) = (7usize, 2usize, None::<Vec<String>>);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value; {USAGE}"));
        match flag.as_str() {
            "--runs" => runs = value()?.parse().map_err(|_| "--runs: give a positive integer, e.g. --runs 7".to_string())?,
            "--warmup" => warmup = value()?.parse().map_err(|_| "--warmup: give an integer, e.g. --warmup 2".to_string())?,
            "--only" => only = Some(value()?.split(',').map(str::to_string).collect()),
            _ => return Err(format!("unknown flag {flag}; {USAGE}")),
        }
    }
    if runs == 0 {
        return Err("--runs: give a positive integer, e.g. --runs 7".into());
    }
    let names: Vec<String> = only.unwrap_or_else(|| tasks::NAMES.iter().map(|s| s.to_string()).collect());
    let mut rows = Vec::new();
    for name in &names {
        let mut task = tasks::prepare(name).ok_or(format!("--only: unknown task {name}; known: {}", tasks::NAMES.join(",")))?;
        for _ in 0..warmup {
            (task.run)();
        }
        let mut ms: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                (task.run)();
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        ms.sort_by(f64::total_cmp);
        let median = if runs % 2 == 1 { ms[runs / 2] } else { (ms[runs / 2 - 1] + ms[runs / 2]) / 2.0 };
        rows.push(format!(
            "{{\"task\":\"{}\",\"median\":{median:.4},\"min\":{:.4},\"max\":{:.4},\"runs\":{runs}}}",
            task.name,
            ms[0],
            ms[runs - 1]
        ));
    }
    let cpu_native = cfg!(target_feature = "avx2");
    println!("{{\"target\":\"{}\",\"avx2\":{cpu_native},\"rows\":[{}]}}", std::env::consts::ARCH, rows.join(","));
    Ok(())
}

fn check() -> Result<(), String> {
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        let line = line.map_err(|e| format!("stdin: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        println!("{}", check::run_case(&line).map_err(|e| format!("stdin line {}: {e}", i + 1))?);
    }
    Ok(())
}
