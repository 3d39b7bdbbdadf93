//! Property test of the fidelity promise (issue #12): *nothing of the article lost, nothing
//! invented*. Generated article markup, built from the shapes the lazy-image, stand-in,
//! `<noscript>`, `<picture>`, proxy and junk rules deal with, is cleaned with the default
//! [`Cleaner`] (as a fragment, and as a document with `clean_document`), and the output is
//! read back with html5ever:
//!
//! - **nothing invented**: every URL of an output `<img src>`/`srcset` and `<source srcset>`
//!   is one the input offered as an image (an image-shaped URL in an image-bearing
//!   position, or its origin as [`Unwrapper`] unwraps it from a proxy, or a `{width}`
//!   template filled with a width the element listed). Page URLs, endpoints, JSON blobs,
//!   share, video and tracker URLs, placeholders (`data:` GIFs, `blank.gif`) never are.
//! - **nothing lost**: the plain words of the paragraphs come out, in order, and two words
//!   the input separated (by white space, a block, or an element a reader sees between
//!   them: an `<svg>`, `<input>`, `<button>`, `<img>`) are not glued together.
//! - **recall**: each image element that offers a real image URL (in its `src`, `srcset`,
//!   a lazy attribute, a `<noscript>` twin, its `<picture>` sources, a lightbox link around
//!   it, or a stand-in's `data-src`/`data-bg`/`data-url`) comes out with one of them.
//! - **one image per figure**: a low-quality preview in the `src` of an image that offers its
//!   real picture does not come out.
//! - **idempotence**: cleaning the output again changes nothing.
//!
//! The words and the image URLs are classified by the generator itself (it knows which
//! value it wrote as an image), not by the crate's own predicates.
//!
//! Deterministic (fixed seed); `PROPTEST_CASES` sets the number of cases (1,024 by default:
//! about 2 s in release, 8 s in debug), `PROPTEST_RNG_SEED`
//! another seed (`common::props`).

//!
//! The generator's values are in `values.rs`, its elements and their rendering (with what
//! each makes the output owe) in `article.rs`, the reading of the output in `read.rs`.

#[path = "../common/mod.rs"]
mod common;

mod article;
mod read;
mod values;

use article::{article, is_word_token, render, word, Doc};
use articlean::proxy::Unwrapper;
use articlean::Cleaner;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestRng};
use read::read;
use std::collections::HashSet;
use values::{fills, key};

// ---------------------------------------------------------------------------------------
// The properties.

fn check(doc: &Doc, out: &str, document: bool) -> Result<(), TestCaseError> {
    let r = read(out, document);
    // Nothing invented.
    for url in &r.images {
        prop_assert!(
            doc.ex.allows(url),
            "invented image {url:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    // Nothing lost, nothing glued.
    let tokens: Vec<&str> = r
        .text
        .split_whitespace()
        .filter(|t| is_word_token(t))
        .collect();
    prop_assert_eq!(
        &tokens,
        &doc.words.iter().map(String::as_str).collect::<Vec<_>>(),
        "words lost or glued\n--- input\n{}\n--- output\n{}",
        doc.html,
        out
    );
    // One image per figure: a preview gives way to the real picture it stands for.
    for preview in &doc.previews {
        prop_assert!(
            !r.images.iter().any(|u| key(u) == key(preview)),
            "preview shown beside its real picture: {preview:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    // Recall.
    let shown: HashSet<String> = r.images.iter().map(|u| key(u)).collect();
    for group in &doc.groups {
        let hit = group.iter().any(|u| {
            shown.contains(&key(u))
                || r.images.iter().any(|s| fills(u, s))
                || Unwrapper::new()
                    .unwrap(u)
                    .is_some_and(|o| shown.contains(&key(&o)))
        });
        prop_assert!(
            hit,
            "image lost: none of {group:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    Ok(())
}

fn run(document: bool, seed: u8) {
    let cleaner = Cleaner::default();
    let mut runner =
        common::props::runner(1024, TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
    runner
        .run(&article(), |blocks| {
            let doc = render(&blocks);
            let (input, out) = if document {
                let input = format!(
                    "<!DOCTYPE html><html><head><title>A story</title></head><body><main>{}</main></body></html>",
                    doc.html
                );
                let out = cleaner.clean_document(&input).into_html();
                (input, out)
            } else {
                (doc.html.clone(), cleaner.clean(&doc.html).into_html())
            };
            check(&doc, &out, document)?;
            let again = if document {
                cleaner.clean_document(&out).into_html()
            } else {
                cleaner.clean(&out).into_html()
            };
            prop_assert_eq!(&again, &out, "not idempotent\n--- input\n{}", input);
            Ok(())
        })
        .unwrap();
}

#[test]
fn fragments_keep_the_article_and_invent_nothing() {
    run(false, 12);
}

#[test]
fn documents_keep_the_article_and_invent_nothing() {
    run(true, 21);
}

#[test]
fn words_are_of_their_own_alphabet() {
    let words: HashSet<String> = (0..500).map(word).collect();
    assert!(words.len() > 450);
    assert!(words.iter().all(|w| is_word_token(w)));
    assert!(!is_word_token("video") && !is_word_token("watch"));
}
