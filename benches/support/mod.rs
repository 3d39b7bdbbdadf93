//! Inputs shared by `benches/clean.rs` and the measuring examples (`examples/batch.rs`,
//! `examples/peak_memory.rs` include this file with `#[path]`).
#![allow(dead_code)]

use html5ever::serialize::{SerializeOpts, TraversalScope};
use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, ParseOpts, QualName};
use markup5ever_rcdom::{RcDom, SerializableHandle};
use std::path::{Path, PathBuf};

/// The bundled sample articles (`examples/articles/*.html`), in name order.
pub fn articles() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    read_all(html_files(&dir))
}

/// The shared corpus: every `*.html` page under `$ARTICLEAN_CORPUS`, or under
/// `$ARTICLEAN_SHARED/corpus`, or `../shared/corpus` (readability's `expected.html` files are
/// left out: they are readability's output, not pages). `None`, after printing why, when
/// there is no corpus.
pub fn corpus() -> Option<Vec<(String, String)>> {
    let dir = match std::env::var_os("ARTICLEAN_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => match std::env::var_os("ARTICLEAN_SHARED") {
            Some(d) => PathBuf::from(d).join("corpus"),
            None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        },
    };
    let pages = read_all(html_files(&dir));
    if pages.is_empty() {
        eprintln!(
            "skipped the shared corpus: no *.html under {} (set ARTICLEAN_CORPUS)",
            dir.display()
        );
        return None;
    }
    Some(pages)
}

/// One set of the shared corpus: every `*.html` page under `corpus/<set>` of
/// `$ARTICLEAN_SHARED` or `../shared` (`readability`: the source pages of Mozilla
/// Readability's tests; `real`: 138 modern pages of three article tools' fixtures). `None`,
/// after printing why, when it is absent.
pub fn shared_set(set: &str) -> Option<Vec<(String, String)>> {
    let shared = match std::env::var_os("ARTICLEAN_SHARED") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    let dir = shared.join("corpus").join(set);
    let pages = read_all(html_files(&dir));
    if pages.is_empty() {
        eprintln!(
            "skipped the {set} set: no *.html under {} (set ARTICLEAN_SHARED)",
            dir.display()
        );
        return None;
    }
    Some(pages)
}

/// Total size in bytes.
pub fn total_len(pages: &[(String, String)]) -> usize {
    pages.iter().map(|(_, p)| p.len()).sum()
}

/// An article body that exercises every rule (lazy images, wrappers, proxies, junk, event
/// handlers, unsafe markup), repeated inside one `<div>` until it is at least `size` bytes.
/// All repeats are siblings: the depth of the tree does not grow with the size. Each copy has
/// URLs of its own (copy `k` says `example{k}` where the article says `example`, in its host
/// names and paths), as the images and links of a long page are all different: with the same
/// URLs in every copy, the cleaner's per-page memory of URLs already judged
/// (`src/proxy/memo.rs`) would answer every copy after the first, and big pages would look
/// cheaper per byte than they are.
pub fn repeated_article(size: usize) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles");
    let unit = std::fs::read_to_string(dir.join("news-misc.html"))
        .unwrap_or_else(|e| panic!("examples/articles/news-misc.html: {e}"));
    let mut out = String::with_capacity(size + 2 * unit.len() + 16);
    out.push_str("<div>");
    let mut copy = 0;
    while out.len() < size {
        out.push_str(&unit.replace("example", &format!("example{copy}")));
        copy += 1;
    }
    out.push_str("</div>");
    out
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html")
                && path.file_name().is_some_and(|n| n != "expected.html")
            {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn read_all(paths: Vec<PathBuf>) -> Vec<(String, String)> {
    paths
        .into_iter()
        .filter_map(|p| {
            // Pages that are not UTF-8 are read lossily, as a caller would decode them.
            let bytes = std::fs::read(&p).ok()?;
            Some((
                p.display().to_string(),
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        })
        .collect()
}

/// Whether articlean would take `html` as a whole document (doctype or `<html>` first).
fn is_document(html: &str) -> bool {
    let head: String = html
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype") || head.starts_with("<html")
}

/// The `html5ever_parse` baseline: parses as articlean does: a document, or a fragment in `<body>` context.
pub fn parse(html: &str) -> RcDom {
    if is_document(html) {
        html5ever::parse_document(RcDom::default(), ParseOpts::default()).one(html)
    } else {
        html5ever::parse_fragment(
            RcDom::default(),
            ParseOpts::default(),
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html)
    }
}

/// The `html5ever_roundtrip` baseline: [`parse`], then html5ever's own serializer.
pub fn roundtrip(html: &str) -> Vec<u8> {
    let dom = parse(html);
    let mut out = Vec::with_capacity(html.len());
    let opts = SerializeOpts {
        traversal_scope: TraversalScope::ChildrenOnly(None),
        ..SerializeOpts::default()
    };
    let handle: SerializableHandle = dom.document.clone().into();
    html5ever::serialize(&mut out, &handle, opts).expect("writing to a Vec cannot fail");
    out
}
