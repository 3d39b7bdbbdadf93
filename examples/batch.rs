//! Cleans a whole corpus on one core, then on all cores with rayon, and prints both
//! throughputs and the speed-up: one [`Cleaner`] shared by every thread (it is `Send + Sync`).
//!
//! ```text
//! cargo run --release --example batch                    # the shared corpus, 5 rounds
//! cargo run --release --example batch -- --rounds 10 DIR # every *.html under DIR
//! cargo run --release --example batch -- --seq-only --rounds 1   # for valgrind/perf
//! ```
//!
//! Options: `--rounds N` (the corpus is cleaned N times per measurement), `--seq-only` (one
//! thread only), `--engine articlean|unfiltered|ammonia|parse|roundtrip` (what is run:
//! `unfiltered` is articlean without dropping anything while parsing, same output; `parse` is
//! html5ever into rcdom only, `roundtrip` adds html5ever's serializer; both as the bench
//! does), `--only RULE` (articlean with that built-in rule alone).

#[path = "../benches/support/mod.rs"]
mod support;

use articlean::Cleaner;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

/// A compile-time check: one `Cleaner` can be shared by every thread.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Cleaner>();
};

fn main() -> ExitCode {
    let mut rounds = 5usize;
    let mut seq_only = false;
    let mut engine = String::from("articlean");
    let mut only: Option<String> = None;
    let mut dir: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().and_then(|n| n.parse().ok()).unwrap_or(rounds),
            "--seq-only" => seq_only = true,
            "--engine" => engine = args.next().unwrap_or(engine),
            "--only" => only = args.next(),
            _ => dir = Some(arg),
        }
    }
    if let Some(dir) = dir {
        std::env::set_var("ARTICLEAN_CORPUS", dir);
    }
    let Some(pages) = support::corpus() else {
        return ExitCode::FAILURE;
    };
    let cleaner = match &only {
        Some(rule) => match Cleaner::builder()
            .with_only_rules(&[rule])
            .allow_unsafe_output()
            .build()
        {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => Cleaner::default(),
    };
    // The default cleaner without what it drops while parsing (elements the sanitizer
    // removes with their content, attributes no rule reads): same output, for comparing.
    let unfiltered = Cleaner::builder()
        .with_parse_time_filter(false)
        .build()
        .expect("the default policy builds");
    let ammonia = ammonia::Builder::default();
    let run = |page: &str| -> usize {
        match engine.as_str() {
            "ammonia" => ammonia.clean(page).to_string().len(),
            "parse" => support::parse(page).document.children.borrow().len(),
            "roundtrip" => support::roundtrip(page).len(),
            "unfiltered" => unfiltered.clean(page).html().len(),
            _ => cleaner.clean(page).html().len(),
        }
    };
    let bytes = support::total_len(&pages) * rounds;
    println!(
        "{engine}{}: {} pages, {:.1} MB × {rounds} rounds",
        only.as_deref()
            .map(|r| format!(" (only {r})"))
            .unwrap_or_default(),
        pages.len(),
        support::total_len(&pages) as f64 / 1e6
    );

    let start = Instant::now();
    let mut out = 0;
    for _ in 0..rounds {
        out += pages.iter().map(|(_, p)| run(p)).sum::<usize>();
    }
    let seq = start.elapsed().as_secs_f64();
    println!(
        "1 thread:   {:7.1} MB/s  ({out} bytes out)",
        bytes as f64 / seq / 1e6
    );
    if seq_only {
        return ExitCode::SUCCESS;
    }

    let threads = rayon::current_num_threads();
    let start = Instant::now();
    // One task per (round, page), so both cores stay busy to the end.
    let out: usize = (0..rounds * pages.len())
        .into_par_iter()
        .map(|i| run(&pages[i % pages.len()].1))
        .sum();
    let par = start.elapsed().as_secs_f64();
    println!(
        "{threads} threads: {:7.1} MB/s  ({out} bytes out)",
        bytes as f64 / par / 1e6
    );
    println!("speed-up:   {:7.2}×", seq / par);
    ExitCode::SUCCESS
}
