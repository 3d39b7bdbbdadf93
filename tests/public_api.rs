//! No type of html5ever, markup5ever or markup5ever_rcdom in the public API: their versions
//! move together (html5ever 0.39 → 0.40 changed `LocalName`), and every such move would be a
//! breaking release of articlean. Reads the sources: every `pub` item (not `pub(crate)`),
//! every `pub use`, every variant of a `pub enum` and every `pub` field.

use std::path::{Path, PathBuf};

/// Names that only come from the parser crates.
const FOREIGN: &[&str] = &[
    "html5ever",
    "markup5ever",
    "markup5ever_rcdom",
    "LocalName",
    "QualName",
    "StrTendril",
    "Tendril",
    "Handle",
    "RcDom",
    "NodeData",
    "Attribute",
    "Namespace",
    "ExpandedName",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            // The command-line tool is a binary, not the library's API.
            if !path.ends_with("bin") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `line` mentions a parser-crate name as a whole word.
fn foreign_word(line: &str) -> Option<&'static str> {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .collect();
    FOREIGN.iter().copied().find(|f| words.contains(f))
}

#[test]
fn public_signatures_name_no_parser_type() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut problems = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let mut in_pub_enum = false;
        let mut signature: Option<String> = None;
        for (no, line) in text.lines().enumerate() {
            let t = line.trim_start();
            if t.starts_with("//") || t.starts_with("#[") {
                continue;
            }
            // A `pub fn` signature runs to its `{` or `;`.
            if let Some(sig) = signature.as_mut() {
                sig.push_str(t);
                if t.contains('{') || t.ends_with(';') {
                    let sig = signature.take().unwrap();
                    if let Some(f) = foreign_word(sig.split('{').next().unwrap_or("")) {
                        problems.push(format!("{}:{}: {f} in `{sig}`", file.display(), no + 1));
                    }
                }
                continue;
            }
            let public = t.starts_with("pub ") && !t.starts_with("pub(");
            if public && t.contains(" fn ") || t.starts_with("pub fn ") {
                if t.contains('{') || t.ends_with(';') {
                    if let Some(f) = foreign_word(t.split('{').next().unwrap_or("")) {
                        problems.push(format!("{}:{}: {f} in `{t}`", file.display(), no + 1));
                    }
                } else {
                    signature = Some(t.to_string());
                }
                continue;
            }
            if public && t.starts_with("pub enum ") {
                in_pub_enum = true;
            }
            if in_pub_enum && t.starts_with('}') && !line.starts_with(' ') {
                in_pub_enum = false;
            }
            let field_or_use = public && !t.starts_with("pub mod ");
            if field_or_use || (in_pub_enum && line.starts_with("    ") && !t.starts_with("///")) {
                // `pub struct Name(pub(crate) Inner)`: the private field is not API.
                let t = t.split("pub(crate)").next().unwrap_or(t);
                if let Some(f) = foreign_word(t) {
                    problems.push(format!("{}:{}: {f} in `{t}`", file.display(), no + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
