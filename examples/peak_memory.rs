//! Cleans one big page once, for measuring peak memory from outside:
//!
//! ```text
//! cargo build --release --example peak_memory
//! /usr/bin/time -v target/release/examples/peak_memory articlean generated 2>&1 | grep Maximum
//! /usr/bin/time -v target/release/examples/peak_memory ammonia generated 2>&1 | grep Maximum
//! /usr/bin/time -v target/release/examples/peak_memory baseline generated 2>&1 | grep Maximum
//! ```
//!
//! `ENGINE`: `articlean` (default policy), `ammonia` (`Builder::default()`), or `baseline`
//! (reads/generates the input only: subtract it to get what cleaning itself costs).
//! `INPUT`: a file, or `generated` (default): the bench's repeated article at 10 MB.

#[path = "../benches/support/mod.rs"]
mod support;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let engine = args.next().unwrap_or_else(|| "articlean".into());
    let input = args.next().unwrap_or_else(|| "generated".into());
    let html = if input == "generated" {
        support::repeated_article(10 << 20)
    } else {
        match std::fs::read(&input) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("error: cannot read {input}: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    let out_len = match engine.as_str() {
        "articlean" => articlean::Cleaner::default().clean(&html).html().len(),
        "ammonia" => ammonia::Builder::default().clean(&html).to_string().len(),
        "baseline" => 0,
        other => {
            eprintln!("error: unknown engine {other:?} (articlean, ammonia, baseline)");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("{engine}: {} bytes in, {out_len} bytes out", html.len());
    ExitCode::SUCCESS
}
