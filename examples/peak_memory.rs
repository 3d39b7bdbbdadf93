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
//! `INPUT`: a file, or `generated` (default): the bench's repeated article at 10 MB, or
//! `generated:BYTES` at another size. `REPEAT` (default 1): clean it that many times (for
//! instruction counts per byte under callgrind at small sizes).

#[path = "../benches/support/mod.rs"]
mod support;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let engine = args.next().unwrap_or_else(|| "articlean".into());
    let input = args.next().unwrap_or_else(|| "generated".into());
    let repeat: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let html = if let Some(size) = input.strip_prefix("generated") {
        let size = size.strip_prefix(':').and_then(|s| s.parse().ok());
        support::repeated_article(size.unwrap_or(10 << 20))
    } else {
        match std::fs::read(&input) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("error: cannot read {input}: {e}");
                return ExitCode::FAILURE;
            }
        }
    };
    let cleaner = articlean::Cleaner::default();
    let ammonia = ammonia::Builder::default();
    let out_len = match engine.as_str() {
        "articlean" => (0..repeat).map(|_| cleaner.clean(&html).html().len()).sum(),
        "ammonia" => (0..repeat)
            .map(|_| ammonia.clean(&html).to_string().len())
            .sum(),
        "baseline" => 0,
        other => {
            eprintln!("error: unknown engine {other:?} (articlean, ammonia, baseline)");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("{engine}: {} bytes in, {out_len} bytes out", html.len());
    ExitCode::SUCCESS
}
