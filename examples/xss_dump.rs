//! Cleans every shared XSS vector, every fixture input and a few generated deep-nesting cases,
//! and writes them as JSON for the browser test (`tests/browser/run.mjs`).
//!
//! ```text
//! cargo run --release --example xss_dump -- target/xss.json
//! ```
//!
//! Each entry: `{id, source, title, payload, kind, cleaned, tree, raw_kind, raw_tree}`. `kind`
//! is `fragment` or `document`; `tree` is the cleaned HTML as html5ever parses it (a body
//! fragment, or a whole document), one line per node in the format of html5lib's
//! tree-construction tests, which the browser test compares with the tree Chromium builds
//! from `cleaned`. `raw_kind`/`raw_tree` are the same for the uncleaned payload, for the
//! browser test's control run (which must see executions and deep-nesting differentials).
//!
//! The vectors come from `$ARTICLEAN_SHARED/xss` or `../shared/xss` (never copied into the
//! repository); without them only the fixtures and generated cases are written, and the
//! program says so on stderr.
//!
//! Markdown posts (source `markdown`): each vector of `tests/markdown_vectors.txt` in a few
//! block and inline contexts is cleaned with `clean_post`, and its body rendered by
//! pulldown-cmark with raw HTML passed through, as a blog would render it: `cleaned` is that
//! rendering (the whole post when Hexo would render it whole: a front matter that is no YAML
//! map, two of the contexts). Their `payload` is the rendering of the *uncleaned* post (so the control run
//! loads what the raw post would put in a page), and their `title` holds the Markdown. Their
//! `markdown` is the Markdown of the cleaned post that the blog renders, which the harness
//! renders again with markdown-it and commonmark.js.

use articlean::{Cleaner, Post};
use base64::Engine as _;
use html5ever::tendril::TendrilSink;
use html5ever::{local_name, ns, QualName};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// One input to clean.
struct Case {
    source: String,
    title: String,
    payload: String,
}

fn shared_xss() -> Option<PathBuf> {
    let dir = match std::env::var_os("ARTICLEAN_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    };
    let xss = dir.join("xss");
    xss.is_dir().then_some(xss)
}

fn read_json(path: &Path) -> Result<Vec<Value>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn field(v: &Value, key: &str) -> String {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The shared vectors: DOMPurify's `payload`, bluemonday's base64 `in`, ammonia's `in`.
fn shared_cases(xss: &Path) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for v in read_json(&xss.join("dompurify-expect.json"))? {
        cases.push(Case {
            source: "dompurify".into(),
            title: field(&v, "title"),
            payload: field(&v, "payload"),
        });
    }
    for v in read_json(&xss.join("bluemonday-cases.json"))? {
        // A few inputs are base64 (as in bluemonday's Go source); the rest are plain.
        let input = field(&v, "in");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(&input)
            .ok()
            .and_then(|raw| String::from_utf8(raw).ok());
        cases.push(Case {
            source: "bluemonday".into(),
            title: field(&v, "test"),
            payload: decoded.unwrap_or(input),
        });
    }
    for v in read_json(&xss.join("ammonia-cases.json"))? {
        cases.push(Case {
            source: "ammonia".into(),
            title: field(&v, "test"),
            payload: field(&v, "in"),
        });
    }
    Ok(cases)
}

fn fixture_cases() -> Result<Vec<Case>, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases = Vec::new();
    let mut suites: Vec<_> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    suites.sort();
    for suite in suites {
        let mut dirs: Vec<_> = std::fs::read_dir(&suite)
            .map_err(|e| format!("{}: {e}", suite.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        dirs.sort();
        for dir in dirs {
            let input = dir.join("input.html");
            if let Ok(payload) = std::fs::read_to_string(&input) {
                let name = dir.strip_prefix(&root).unwrap_or(&dir);
                cases.push(Case {
                    source: "fixture".into(),
                    title: name.display().to_string(),
                    payload,
                });
            }
        }
    }
    Ok(cases)
}

/// Deep nesting, past the browsers' 512 levels: the output must re-parse the same in Chromium.
fn generated_cases() -> Vec<Case> {
    let nest = |open: &str, close: &str, n: usize| {
        format!("{}deep text{}", open.repeat(n), close.repeat(n))
    };
    let mut cases = vec![
        ("1,000 nested div", nest("<div>", "</div>", 1000)),
        ("1,000 nested b", nest("<b>", "</b>", 1000)),
        (
            "1,000 nested blockquote/ul/li",
            nest("<blockquote><ul><li>", "</li></ul></blockquote>", 334),
        ),
        (
            "700 nested tables",
            nest("<table><tr><td>", "</td></tr></table>", 700),
        ),
        (
            "600 nested div with text at each level",
            (0..600).map(|i| format!("<div>level {i} ")).collect(),
        ),
        (
            "unclosed formatting re-created in 300 paragraphs",
            (0..300)
                .map(|i| format!("<p><b id=b{i}>x{i}</p>"))
                .collect(),
        ),
        (
            "1,000 nested svg g with a link inside",
            format!(
                "<svg>{}<a href=\"javascript:alert(1)\">x</a></svg>",
                "<g>".repeat(1000)
            ),
        ),
    ];
    cases.push((
        "600 nested div then an image with onerror",
        format!("{}<img src=x onerror=alert(1)>", "<div>".repeat(600)),
    ));
    cases
        .into_iter()
        .map(|(title, payload)| Case {
            source: "generated".into(),
            title: title.into(),
            payload,
        })
        .collect()
}

/// Makes a post around a Markdown vector.
type MakePost = fn(&str) -> String;

/// The Markdown vectors of `tests/markdown_vectors.txt`, each in a few contexts: `(title,
/// post)`.
fn markdown_posts() -> Result<Vec<(String, String)>, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/markdown_vectors.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let contexts: [(&str, MakePost); 8] = [
        ("paragraph", |v| format!("Hello {v} world\n")),
        ("list item", |v| {
            format!("- a {}\n", v.replace('\n', "\n  "))
        }),
        ("quote", |v| format!("> {}\n", v.replace('\n', "\n> "))),
        ("heading", |v| format!("# {}\n", v.replace('\n', " "))),
        ("table cell", |v| {
            format!("| a | b |\n|---|---|\n| {} | c |\n", v.replace('\n', " "))
        }),
        ("html block", |v| {
            format!("<div align=\"center\">\n{v}\n\n**x**\n\n</div>\n")
        }),
        // A front matter that is no YAML map, which Hexo renders with the body (see
        // `hexo_rendering`): the vector as its only line, and in a comment.
        ("hexo front matter", |v| {
            format!("---\n{}\n---\nBody\n", v.replace('\n', " "))
        }),
        ("hexo front matter comment", |v| {
            format!("---\n# {}\n---\nBody\n", v.replace('\n', " "))
        }),
    ];
    let mut posts = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
    {
        let vector = line.replace("\\n", "\n");
        for (context, make) in contexts {
            posts.push((format!("{context}: {vector}"), make(&vector)));
        }
    }
    Ok(posts)
}

/// A Markdown body rendered as a blog renders it (CommonMark with the GitHub extensions and
/// heading attributes, as Zola and mdBook run pulldown-cmark, raw HTML passed through).
fn render_markdown(body: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(body, options));
    out
}

/// What Hexo renders of a post: its body when its YAML front matter is a map or a list (as
/// yaml-rust2 reads it), else the whole post, front matter and fences included
/// (`hexo-front-matter`); a post without front matter is all body.
fn hexo_rendering(post: &str) -> String {
    render_markdown(hexo_source(post))
}

/// The Markdown that Hexo hands its renderer for `post` (see [`hexo_rendering`]).
fn hexo_source(post: &str) -> &str {
    let split = Post::split(post);
    let data = split
        .front_matter
        .strip_prefix("---\n")
        .and_then(|f| f.strip_suffix("---\n"));
    let map = data.is_some_and(|data| {
        matches!(
            yaml_rust2::YamlLoader::load_from_str(data).as_deref(),
            Ok([yaml_rust2::Yaml::Hash(_) | yaml_rust2::Yaml::Array(_)])
        )
    });
    if map || data.is_none() {
        split.body
    } else {
        post
    }
}

fn is_document(html: &str) -> bool {
    // The same test as the crate's: the output of a document keeps its `<html>`.
    let start = html.trim_start_matches('\u{feff}').trim_start();
    let lower = start.get(..9).unwrap_or(start).to_ascii_lowercase();
    lower.starts_with("<!doctype") || lower.starts_with("<html")
}

/// html5ever's tree of `html` (no depth cap: this is the reference parse), as dump lines.
fn tree(html: &str, document: bool) -> Vec<String> {
    let opts = html5ever::ParseOpts::default();
    let (dom, roots) = if document {
        let dom = html5ever::parse_document(RcDom::default(), opts).one(html);
        let roots: Vec<Handle> = dom.document.children.borrow().clone();
        (dom, roots)
    } else {
        let dom = html5ever::parse_fragment(
            RcDom::default(),
            opts,
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html);
        let root = dom.document.children.borrow()[0].clone();
        let roots = root.children.borrow().clone();
        (dom, roots)
    };
    let mut out = Vec::new();
    let mut stack: Vec<(Handle, usize)> = roots.into_iter().rev().map(|n| (n, 0)).collect();
    while let Some((node, depth)) = stack.pop() {
        let indent = "  ".repeat(depth);
        match &node.data {
            NodeData::Element {
                name,
                attrs,
                template_contents,
                ..
            } => {
                let prefix = match name.ns {
                    ns!(svg) => "svg ",
                    ns!(mathml) => "math ",
                    _ => "",
                };
                out.push(format!("{indent}<{prefix}{}>", name.local));
                let mut attrs: Vec<(String, String)> = attrs
                    .borrow()
                    .iter()
                    .map(|a| {
                        let prefix = match a.name.ns {
                            ns!(xlink) => "xlink ",
                            ns!(xml) => "xml ",
                            ns!(xmlns) => "xmlns ",
                            _ => "",
                        };
                        (format!("{prefix}{}", a.name.local), a.value.to_string())
                    })
                    .collect();
                attrs.sort();
                for (k, v) in attrs {
                    out.push(format!("{indent}  {k}=\"{v}\""));
                }
                let mut children: Vec<(Handle, usize)> = node
                    .children
                    .borrow()
                    .iter()
                    .map(|c| (c.clone(), depth + 1))
                    .collect();
                if let Some(contents) = template_contents.borrow().as_ref() {
                    out.push(format!("{indent}  content"));
                    children.extend(
                        contents
                            .children
                            .borrow()
                            .iter()
                            .map(|c| (c.clone(), depth + 2)),
                    );
                }
                stack.extend(children.into_iter().rev());
            }
            NodeData::Text { contents } => out.push(format!("{indent}\"{}\"", contents.borrow())),
            NodeData::Comment { contents } => out.push(format!("{indent}<!-- {contents} -->")),
            NodeData::Doctype { name, .. } => out.push(format!("{indent}<!DOCTYPE {name}>")),
            NodeData::ProcessingInstruction { target, contents } => {
                out.push(format!("{indent}<?{target} {contents}>"))
            }
            NodeData::Document => {}
        }
    }
    drop(dom);
    out
}

fn main() -> ExitCode {
    let Some(out_path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: xss_dump OUT.json");
        return ExitCode::FAILURE;
    };
    let mut cases = Vec::new();
    match shared_xss() {
        Some(xss) => match shared_cases(&xss) {
            Ok(shared) => cases.extend(shared),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        },
        None => eprintln!(
            "note: shared XSS vectors not found (set ARTICLEAN_SHARED); fixtures and generated cases only"
        ),
    }
    match fixture_cases() {
        Ok(fixtures) => cases.extend(fixtures),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    cases.extend(generated_cases());
    let cleaner = Cleaner::default();
    // Each cleaned post: its rendering, and the Markdown the blog renders (for the harness's
    // other renderers).
    let mut markdown_cleaned: Vec<(String, String)> = Vec::new();
    // Markdown posts: cleaned here already (see the module docs).
    let mut markdown = Vec::new();
    match markdown_posts() {
        Ok(posts) => {
            for (title, post) in posts {
                let cleaned = cleaner.clean_post(&post).into_html();
                markdown.push(Case {
                    source: "markdown".into(),
                    title,
                    payload: hexo_rendering(&post),
                });
                markdown_cleaned
                    .push((hexo_rendering(&cleaned), hexo_source(&cleaned).to_string()));
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let first_markdown = cases.len();
    cases.extend(markdown);
    let entries: Vec<Value> = cases
        .iter()
        .enumerate()
        .map(|(id, case)| {
            let (cleaned, markdown) = match id.checked_sub(first_markdown) {
                Some(i) => (markdown_cleaned[i].0.clone(), Some(&markdown_cleaned[i].1)),
                None => (cleaner.clean(&case.payload).into_html(), None),
            };
            let document = is_document(&cleaned);
            let raw_document = is_document(&case.payload);
            json!({
                "id": id,
                "source": case.source,
                "title": case.title,
                "payload": case.payload,
                "kind": if document { "document" } else { "fragment" },
                "cleaned": cleaned,
                "tree": tree(&cleaned, document),
                // For the harness's control run on the raw payloads.
                "raw_kind": if raw_document { "document" } else { "fragment" },
                "raw_tree": tree(&case.payload, raw_document),
                // A cleaned post: the Markdown its blog renders, which the harness also
                // renders with markdown-it and commonmark.js.
                "markdown": markdown,
            })
        })
        .collect();
    let json = match serde_json::to_string(&entries) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(e) = std::fs::write(&out_path, json) {
        eprintln!("error: {}: {e}", out_path.display());
        return ExitCode::FAILURE;
    }
    let count = |s: &str| cases.iter().filter(|c| c.source == s).count();
    eprintln!(
        "wrote {} entries to {}: {} vectors (dompurify {}, bluemonday {}, ammonia {}), {} fixtures, {} generated, {} Markdown posts",
        entries.len(),
        out_path.display(),
        count("dompurify") + count("bluemonday") + count("ammonia"),
        count("dompurify"),
        count("bluemonday"),
        count("ammonia"),
        count("fixture"),
        count("generated"),
        count("markdown"),
    );
    ExitCode::SUCCESS
}
