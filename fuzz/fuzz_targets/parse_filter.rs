//! Fuzzes the parse-time filter (and its raw-text skipping): cleaning with it and without it
//! gives the same HTML and the same report, for any input, fragment or document.
#![no_main]

use arbitrary::Arbitrary;
use articlean::Cleaner;
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Case {
    embeds: bool,
    document: bool,
    html: String,
}

fuzz_target!(|case: Case| {
    let build = |filter: bool| {
        Cleaner::builder()
            .with_embeds(case.embeds)
            .with_parse_time_filter(filter)
            .build()
            .expect("valid settings")
    };
    let (filtered, plain) = (build(true), build(false));
    let (a, b) = if case.document {
        (
            filtered.clean_document(&case.html),
            plain.clean_document(&case.html),
        )
    } else {
        (filtered.clean(&case.html), plain.clean(&case.html))
    };
    assert_eq!(a.html(), b.html(), "input {:?}", case.html);
    assert_eq!(a.report(), b.report(), "input {:?}", case.html);
});
