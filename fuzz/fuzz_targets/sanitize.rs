//! Fuzzes the sanitizer: options and input together. For every input: no panic, and the
//! output satisfies the safety properties of `tests/common/safety.rs` (no script, no `on*`,
//! no dangerous URL, idempotent, parses back to itself).
#![no_main]

#[path = "../../tests/common/safety.rs"]
mod safety;

use arbitrary::Arbitrary;
use articlean::Cleaner;
use libfuzzer_sys::fuzz_target;

/// One fuzz case: the settings and the HTML.
#[derive(Debug, Arbitrary)]
struct Case {
    embeds: bool,
    classes_kept: bool,
    ids_kept: bool,
    new_tab: bool,
    nofollow: bool,
    base_url: bool,
    extra_tags: bool,
    data_images: bool,
    document: bool,
    html: String,
}

fuzz_target!(|case: Case| {
    let mut builder = Cleaner::builder()
        .with_embeds(case.embeds)
        .with_classes_kept(case.classes_kept)
        .with_links_in_new_tab(case.new_tab)
        .with_nofollow(case.nofollow)
        .with_data_images(case.data_images);
    if case.ids_kept {
        builder = builder.with_ids_kept("user-content-");
    }
    if case.base_url {
        builder = builder.with_base_url("https://example.com/dir/page.html");
    }
    if case.extra_tags {
        builder = builder
            .with_tags_allowed(&["font", "center", "marquee", "nobr", "label", "big"])
            .with_attributes_allowed("*", &["align", "background", "data"]);
    }
    let cleaner = builder.build().expect("the fuzzed settings are all valid");
    let output = if case.document {
        cleaner.clean_document(&case.html)
    } else {
        cleaner.clean(&case.html)
    }
    .into_html();
    let again = cleaner.clean(&output).into_html();
    let violations = safety::check(&output, &again);
    assert!(
        violations.is_empty(),
        "input {:?}\noutput {output:?}\n{}",
        case.html,
        violations.join("\n")
    );
});
