//! Chinese pages from the shared corpus (`../shared/corpus/cn/`): the 163.com page's NetEase
//! proxy URLs unwrapped one by one, and the page cleaned as a whole document. Without
//! `../shared` each test is reported as ignored, with the reason (`common::needs_shared`).

mod common;

use articlean::proxy::Unwrapper;
use articlean::Cleaner;
use std::path::{Path, PathBuf};

fn main() {
    common::run(vec![
        common::needs_shared("netease_corpus_unwraps", netease_corpus_unwraps),
        common::needs_shared(
            "netease_images_come_out_at_their_origin",
            netease_images_come_out_at_their_origin,
        ),
    ])
}

/// The 163.com pages of the corpus; a failure when there are none (the data this tests is
/// gone).
fn netease_pages(shared: &Path) -> Vec<PathBuf> {
    let dir = shared.join("corpus/cn");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut pages: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("postlight--www.163.com--") && n.ends_with(".html"))
        })
        .collect();
    pages.sort();
    assert!(
        !pages.is_empty(),
        "no postlight--www.163.com--*.html in {}",
        dir.display()
    );
    pages
}

/// The origin each `nimg.ws.126.net/?url=` image of `html` carries, in order, read
/// independently of the crate: the `url` parameter, percent-decoded when it was encoded.
fn netease_origins(html: &str) -> Vec<String> {
    common::attr_values(html, "src")
        .iter()
        .filter_map(|src| {
            let src = src.replace("&amp;", "&");
            let rest = src.split_once("nimg.ws.126.net/?url=")?.1;
            let raw = rest.split('&').next().unwrap_or_default();
            let origin = if raw.starts_with("http%3A") || raw.starts_with("https%3A") {
                percent_encoding::percent_decode_str(raw)
                    .decode_utf8()
                    .ok()?
                    .into_owned()
            } else {
                raw.to_string()
            };
            Some(origin)
        })
        .collect()
}

fn netease_images_come_out_at_their_origin(shared: &Path) {
    let pages = netease_pages(shared);
    let cleaner = Cleaner::default();
    let mut total = 0;
    for page in &pages {
        let input =
            std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let origins = netease_origins(&input);
        let out = cleaner.clean_document(&input);
        let html = out.html();
        assert!(
            !html.contains("nimg.ws.126.net/?url="),
            "{}: a NetEase proxy URL is left",
            page.display()
        );
        let srcs = common::attr_values(html, "src");
        for origin in &origins {
            assert!(
                origin.starts_with("http://") || origin.starts_with("https://"),
                "{origin}"
            );
            let want = origins.iter().filter(|o| *o == origin).count();
            let got = srcs.iter().filter(|s| *s == origin).count();
            assert_eq!(got, want, "{}: {origin} in the output", page.display());
        }
        assert!(out.report().get("proxied_urls") >= origins.len());
        total += origins.len();
    }
    assert_eq!(total, 33, "the 163.com page has 33 nimg.ws.126.net images");
}

/// Every NetEase proxy URL of the 163.com pages (33) unwraps to an absolute http(s) origin.
fn netease_corpus_unwraps(shared: &Path) {
    let unwrapper = Unwrapper::new();
    let mut total = 0;
    let mut failures = Vec::new();
    for file in netease_pages(shared) {
        let Ok(html) = std::fs::read_to_string(&file) else {
            failures.push(format!("cannot read {}", file.display()));
            continue;
        };
        for url in extract_urls(&html, "nimg.ws.126.net/?url=") {
            total += 1;
            let decoded = url.replace("&amp;", "&");
            match unwrapper.unwrap(&decoded) {
                Some(origin)
                    if (origin.starts_with("http://") || origin.starts_with("https://"))
                        && !origin.contains("nimg.ws.126.net") => {}
                other => failures.push(format!("{decoded} -> {other:?}")),
            }
        }
    }
    if common::verbose() {
        eprintln!(
            "163.com corpus: {} of {total} unwrapped",
            total - failures.len()
        );
    }
    assert_eq!(total, 33, "expected 33 nimg.ws.126.net URLs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every URL in `html` (up to a quote, `<`, `>` or whitespace) that contains `needle`, with its
/// scheme (`http:`, `https:`) or `//` prefix.
fn extract_urls<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = html.get(from..).and_then(|rest| rest.find(needle)) {
        let at = from + pos;
        let start = html
            .get(..at)
            .and_then(|before| before.rfind(['"', '\'', '(', '=', ' ', '>']))
            .map_or(0, |i| i + 1);
        let end = html
            .get(at..)
            .and_then(|after| {
                after.find(|c: char| matches!(c, '"' | '\'' | ')' | '<' | '>') || c.is_whitespace())
            })
            .map_or(html.len(), |i| at + i);
        if let Some(url) = html.get(start..end) {
            out.push(url);
        }
        from = end.max(at + needle.len());
    }
    out
}
