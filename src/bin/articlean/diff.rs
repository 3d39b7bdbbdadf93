//! `--dry-run`: a git-style unified diff of one file (`a/…`, `b/…` headers) that `patch -p1`
//! and `git apply` read, in colour on request.

use similar::{ChangeTag, TextDiff};
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// The diff from `old` to `new` of the file at `name` (a path relative to the current
/// folder, `/`-separated), or `""` when they are equal.
pub fn unified(old: &str, new: &str, name: &str, color: bool) -> String {
    let diff = TextDiff::from_lines(old, new);
    let mut out = String::new();
    let paint = |out: &mut String, code: &str, text: &str| {
        if color {
            out.push_str(code);
            out.push_str(text);
            out.push_str(RESET);
        } else {
            out.push_str(text);
        }
    };
    let mut udiff = diff.unified_diff();
    udiff.context_radius(3);
    for (i, hunk) in udiff.iter_hunks().enumerate() {
        if i == 0 {
            let (a, b) = (quoted(&format!("a/{name}")), quoted(&format!("b/{name}")));
            // git ends a name holding a space with a tab, so that `patch` reads it whole.
            let tab = if a.contains(' ') { "\t" } else { "" };
            paint(&mut out, BOLD, &format!("diff --git {a} {b}"));
            out.push('\n');
            paint(&mut out, BOLD, &format!("--- {a}{tab}"));
            out.push('\n');
            paint(&mut out, BOLD, &format!("+++ {b}{tab}"));
            out.push('\n');
        }
        paint(&mut out, CYAN, &hunk.header().to_string());
        out.push('\n');
        for change in hunk.iter_changes() {
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ('-', RED),
                ChangeTag::Insert => ('+', GREEN),
                ChangeTag::Equal => (' ', ""),
            };
            let line = change.value();
            let body = line.strip_suffix('\n').unwrap_or(line);
            if color && !code.is_empty() {
                let _ = write!(out, "{code}{sign}{body}{RESET}");
            } else {
                out.push(sign);
                out.push_str(body);
            }
            out.push('\n');
            if change.missing_newline() || !line.ends_with('\n') {
                out.push_str("\\ No newline at end of file\n");
            }
        }
    }
    out
}

/// A file name as git writes it: in double quotes with C escapes when it holds a `"`, a `\`
/// or a control character; as it is otherwise.
pub fn quoted(name: &str) -> String {
    if !name
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_control())
    {
        return name.to_string();
    }
    let mut out = String::from("\"");
    for c in name.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\{b:03o}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::{quoted, unified};

    #[test]
    fn headers_and_hunks() {
        let d = unified("a\nb\nc\n", "a\nB\nc\n", "posts/x y.md", false);
        assert_eq!(
            d,
            "diff --git a/posts/x y.md b/posts/x y.md\n--- a/posts/x y.md\t\n+++ b/posts/x y.md\t\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        assert_eq!(unified("same\n", "same\n", "x", false), "");
        let d = unified("a", "b", "x", false);
        assert!(
            d.ends_with("-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"),
            "{d}"
        );
        assert_eq!(quoted("a/q\"\\.md"), "\"a/q\\\"\\\\.md\"");
    }
}
