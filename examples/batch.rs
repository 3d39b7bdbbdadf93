//! Cleans a whole corpus on one core and on all cores with rayon, in turns round by round,
//! and prints both throughputs (best rounds) and the speed-up: one [`Cleaner`] shared by
//! every thread (it is `Send + Sync`).
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
//! does), `--only RULE[,RULE…]` (articlean with those built-in rules alone), `--versus
//! ENGINE` (one thread: each round runs the corpus with `--engine`'s engine and with this one,
//! in turns, and prints the median of the rounds' speed ratios; on a shared machine whose
//! speed drifts from second to second this is steadier than two separate runs).

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
    let mut versus: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                rounds = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .unwrap_or(rounds)
            }
            "--seq-only" => seq_only = true,
            "--engine" => engine = args.next().unwrap_or(engine),
            "--only" => only = args.next(),
            "--versus" => versus = args.next(),
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
        Some(rules) => match Cleaner::builder()
            .with_only_rules(&rules.split(',').collect::<Vec<_>>())
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
    let run_with = |engine: &str, page: &str| -> usize {
        match engine {
            "ammonia" => ammonia.clean(page).to_string().len(),
            "parse" => support::parse(page).document.children.borrow().len(),
            "roundtrip" => support::roundtrip(page).len(),
            "unfiltered" => unfiltered.clean(page).html().len(),
            _ => cleaner.clean(page).html().len(),
        }
    };
    let run = |page: &str| run_with(&engine, page);
    let bytes = support::total_len(&pages) * rounds;
    println!(
        "{engine}{}: {} pages, {:.1} MB × {rounds} rounds",
        only.as_deref()
            .map(|r| format!(" (only {r})"))
            .unwrap_or_default(),
        pages.len(),
        support::total_len(&pages) as f64 / 1e6
    );

    if let Some(other) = &versus {
        // Per round: the time of each engine over the whole corpus, the order swapped every
        // round so that neither always runs second.
        let time = |engine: &str| {
            let start = Instant::now();
            let out: usize = pages.iter().map(|(_, p)| run_with(engine, p)).sum();
            std::hint::black_box(out);
            start.elapsed().as_secs_f64()
        };
        let mut ratios = Vec::with_capacity(rounds);
        let (mut best_a, mut best_b) = (f64::MAX, f64::MAX);
        for round in 0..rounds {
            let (a, b) = if round % 2 == 0 {
                let a = time(&engine);
                (a, time(other))
            } else {
                let b = time(other);
                (time(&engine), b)
            };
            best_a = best_a.min(a);
            best_b = best_b.min(b);
            ratios.push(b / a);
        }
        ratios.sort_by(f64::total_cmp);
        let mb = support::total_len(&pages) as f64 / 1e6;
        println!(
            "{engine} ÷ {other}: median of {rounds} rounds {:.3}× (quartiles {:.3}–{:.3}); \
             best rounds {:.1} and {:.1} MB/s, {:.3}×",
            ratios[rounds / 2],
            ratios[rounds / 4],
            ratios[rounds * 3 / 4],
            mb / best_a,
            mb / best_b,
            best_b / best_a
        );
        return ExitCode::SUCCESS;
    }

    if seq_only {
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
        return ExitCode::SUCCESS;
    }

    // One thread and all threads in turns, round by round: on a shared machine whose speed
    // drifts, the best round of each (and the median of the rounds' ratios) compares the two
    // at the same moments, as `--versus` does.
    let threads = rayon::current_num_threads();
    let round_bytes = support::total_len(&pages) as f64;
    let (mut best_seq, mut best_par) = (f64::MAX, f64::MAX);
    let mut ratios = Vec::with_capacity(rounds);
    let (mut out_seq, mut out_par) = (0, 0);
    // The biggest pages first: none is left to run alone at the round's end.
    let mut by_size: Vec<&str> = pages.iter().map(|(_, p)| p.as_str()).collect();
    by_size.sort_by_key(|p| std::cmp::Reverse(p.len()));
    for _ in 0..rounds {
        let start = Instant::now();
        out_seq += pages.iter().map(|(_, p)| run(p)).sum::<usize>();
        let seq = start.elapsed().as_secs_f64();
        let start = Instant::now();
        out_par += by_size.par_iter().map(|p| run(p)).sum::<usize>();
        let par = start.elapsed().as_secs_f64();
        best_seq = best_seq.min(seq);
        best_par = best_par.min(par);
        ratios.push(seq / par);
    }
    ratios.sort_by(f64::total_cmp);
    println!(
        "1 thread:   {:7.1} MB/s  ({out_seq} bytes out; best of {rounds} rounds)",
        round_bytes / best_seq / 1e6
    );
    println!(
        "{threads} threads: {:7.1} MB/s  ({out_par} bytes out; best of {rounds} rounds)",
        round_bytes / best_par / 1e6
    );
    println!(
        "speed-up:   {:7.2}× (best rounds); median of the rounds {:.2}× (quartiles {:.2}–{:.2})",
        best_seq / best_par,
        ratios[rounds / 2],
        ratios[rounds / 4],
        ratios[rounds * 3 / 4]
    );
    ExitCode::SUCCESS
}
