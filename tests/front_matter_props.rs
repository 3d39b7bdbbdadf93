//! Front matter cannot be bent: for generated YAML and TOML front matter holding proxied URLs
//! (origins with `,`, `'`, `"`, `:`, `#`, brackets, braces, backslashes, encoded template
//! syntax, non-http schemes) in every scalar style and collection, the cleaned front matter
//! parses (with real YAML and TOML parsers) to the same structure with only URL strings
//! changed (to http(s) URLs without template syntax), and every byte outside the rewritten
//! scalars is as it was.

mod common;

use articlean::Cleaner;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use proptest::prelude::*;
use yaml_rust2::{Yaml, YamlLoader};

/// Characters of generated origin paths: the ones that matter to YAML, TOML and templates.
const CHARS: &[char] = &[
    'a', 'b', '1', '-', '.', '/', ',', '\'', '"', ':', '#', '{', '}', '[', ']', '\\', ' ', '&',
    '=', '?', '%', '!', '*', '|', '>', '@',
];

const KEYS: &[&str] = &[
    "cover",
    "title",
    "image",
    "link",
    "thumbnail",
    "source",
    "banner",
    "photos",
    "og_image",
    "avatar",
];

/// One URL as written in the input: proxied in several ways, or not at all.
fn url() -> impl Strategy<Value = String> {
    let path = prop::collection::vec(prop::sample::select(CHARS), 0..12)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    (0..6u8, path).prop_map(|(kind, path)| {
        let origin = format!("https://e.example/{path}.jpg");
        let encoded = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
        match kind {
            0 | 1 => format!("https://images.weserv.nl/?url={}", encoded(&origin)),
            2 => {
                let safe: String = path.chars().filter(char::is_ascii_alphanumeric).collect();
                format!("https://cors.example.workers.dev/?http://img.example.com/{safe}.png")
            }
            3 => format!(
                "https://images.weserv.nl/?url={}",
                encoded("https://e.example/%7B%7Bsite.secret%7D%7D/a.jpg")
            ),
            4 => format!(
                "https://images.weserv.nl/?url={}",
                encoded("javascript:alert(1)//a.jpg")
            ),
            _ => "https://a.example/plain.jpg".to_string(),
        }
    })
}

/// A piece of the generated text: kept byte for byte, or a scalar that may be rewritten.
#[derive(Debug, Clone)]
enum Piece {
    Lit(String),
    Slot(String),
}

fn lit(s: impl Into<String>) -> Piece {
    Piece::Lit(s.into())
}

/// `url` as a YAML scalar of `style` (0 plain, 1 single-quoted, 2 double-quoted); the quotes
/// are literal pieces, the content a slot.
fn yaml_scalar(url: &str, style: u8, out: &mut Vec<Piece>) {
    match style {
        0 => out.push(Piece::Slot(url.to_string())),
        1 => {
            out.push(lit("'"));
            out.push(Piece::Slot(url.replace('\'', "''")));
            out.push(lit("'"));
        }
        _ => {
            out.push(lit("\""));
            out.push(Piece::Slot(url.replace('\\', "\\\\").replace('"', "\\\"")));
            out.push(lit("\""));
        }
    }
}

fn toml_scalar(url: &str, literal: bool, out: &mut Vec<Piece>) {
    if literal && !url.contains('\'') {
        out.push(lit("'"));
        out.push(Piece::Slot(url.to_string()));
        out.push(lit("'"));
    } else {
        out.push(lit("\""));
        out.push(Piece::Slot(url.replace('\\', "\\\\").replace('"', "\\\"")));
        out.push(lit("\""));
    }
}

type Entry = (u8, u8, String, String);

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    prop::collection::vec((0..10u8, 0..3u8, url(), url()), 1..KEYS.len())
}

fn yaml_doc(entries: &[Entry]) -> Vec<Piece> {
    let mut p = vec![lit("---\n")];
    for (i, (shape, style, a, b)) in entries.iter().enumerate() {
        let key = KEYS[i];
        // Plain scalars only where the URL is a valid plain scalar there.
        let style = if *style == 0 && a.contains([' ', '#', ',', '[', ']', '{', '}', '\'', '"']) {
            1
        } else {
            *style
        };
        match shape {
            0 => {
                p.push(lit(format!("{key}: ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit(" # note\n"));
            }
            1 => {
                p.push(lit(format!("{key}:\n  - ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit("\n  - "));
                yaml_scalar(b, 2, &mut p);
                p.push(lit("\n"));
            }
            2 => {
                p.push(lit(format!("{key}: [")));
                yaml_scalar(a, style, &mut p);
                p.push(lit(", "));
                yaml_scalar(b, 1, &mut p);
                p.push(lit("]\n"));
            }
            3 => {
                p.push(lit(format!("{key}: {{src: ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit(", alt: x}\n"));
            }
            4 => {
                p.push(lit(format!("{key}:\n  src: ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit("\n"));
            }
            5 => {
                p.push(lit(format!("{key}: !!str ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit("\n"));
            }
            6 => {
                p.push(lit(format!("{key}: !!map {{\n  src: ")));
                yaml_scalar(a, style, &mut p);
                // The closing bracket indented: at column 0 it ends the value's block (YAML
                // 1.2 § 7.4: flow lines are indented past their block key), and the document
                // does not parse.
                p.push(lit("\n }\n"));
            }
            7 => {
                p.push(lit(format!("{key}: &anchor{i} ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit("\n"));
            }
            8 => {
                p.push(lit(format!("{key}: [\n  ")));
                yaml_scalar(a, style, &mut p);
                p.push(lit(",\n  "));
                yaml_scalar(b, 2, &mut p);
                p.push(lit("\n ]\n"));
            }
            _ => {
                // A multi-line plain scalar: one string that is not a URL, never touched.
                let a = a.replace([' ', '#', ',', '[', ']', '{', '}', '\'', '"'], "");
                p.push(lit(format!("{key}: {a}\n  continued\n")));
            }
        }
    }
    p.push(lit("---\n"));
    p
}

fn toml_doc(entries: &[Entry]) -> Vec<Piece> {
    let mut p = vec![lit("+++\n")];
    let mut tables = Vec::new();
    for (i, (shape, style, a, b)) in entries.iter().enumerate() {
        let key = KEYS[i];
        let literal = style % 2 == 0;
        match shape % 5 {
            0 => {
                p.push(lit(format!("{key} = ")));
                toml_scalar(a, literal, &mut p);
                p.push(lit(" # note\n"));
            }
            1 => {
                p.push(lit(format!("{key} = [")));
                toml_scalar(a, literal, &mut p);
                p.push(lit(", "));
                toml_scalar(b, !literal, &mut p);
                p.push(lit("]\n"));
            }
            2 => {
                p.push(lit(format!("{key} = {{ src = ")));
                toml_scalar(a, literal, &mut p);
                p.push(lit(" }\n"));
            }
            3 => {
                p.push(lit(format!("{key} = [\n  ")));
                toml_scalar(a, literal, &mut p);
                p.push(lit(",\n]\n"));
            }
            _ => tables.push((key, a.clone(), literal)),
        }
    }
    for (key, a, literal) in tables {
        p.push(lit(format!("[{key}]\nsrc = ")));
        toml_scalar(&a, literal, &mut p);
        p.push(lit("\n"));
    }
    p.push(lit("+++\n"));
    p
}

fn text(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Lit(s) | Piece::Slot(s) => s.as_str(),
        })
        .collect()
}

/// Every literal piece is in `out`, in order, byte for byte; each slot became one line-free
/// span.
fn check_bytes(pieces: &[Piece], out: &str) -> Result<(), TestCaseError> {
    // Adjacent literals as one, so that what follows a slot is long enough to find.
    let mut merged: Vec<Piece> = Vec::new();
    for piece in pieces {
        match (merged.last_mut(), piece) {
            (Some(Piece::Lit(last)), Piece::Lit(s)) => last.push_str(s),
            _ => merged.push(piece.clone()),
        }
    }
    let pieces = &merged;
    let mut pos = 0;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Lit(s) => {
                prop_assert!(
                    out[pos..].starts_with(s.as_str()),
                    "{s:?} expected at {pos} of\n{out}"
                );
                pos += s.len();
            }
            Piece::Slot(_) => {
                let next = match pieces.get(i + 1) {
                    Some(Piece::Lit(s)) => s.as_str(),
                    _ => "",
                };
                let len = out[pos..].find(next).unwrap_or(0);
                prop_assert!(!out[pos..pos + len].contains('\n'), "{out}");
                pos += len;
            }
        }
    }
    prop_assert_eq!(pos, out.len());
    Ok(())
}

fn is_http(s: &str) -> bool {
    (s.starts_with("http://") || s.starts_with("https://"))
        && !s.contains(char::is_whitespace)
        && !["{{", "}}", "{%", "%}"].iter().any(|t| s.contains(t))
}

fn same_yaml(a: &Yaml, b: &Yaml) -> Result<(), TestCaseError> {
    match (a, b) {
        (Yaml::String(x), Yaml::String(y)) => {
            prop_assert!(
                x == y || (is_http(x) || x.starts_with("https://")) && is_http(y),
                "{x:?} became {y:?}"
            )
        }
        (Yaml::Array(x), Yaml::Array(y)) => {
            prop_assert_eq!(x.len(), y.len());
            for (x, y) in x.iter().zip(y) {
                same_yaml(x, y)?;
            }
        }
        (Yaml::Hash(x), Yaml::Hash(y)) => {
            prop_assert_eq!(x.len(), y.len(), "keys changed");
            for ((kx, vx), (ky, vy)) in x.iter().zip(y.iter()) {
                prop_assert_eq!(kx, ky);
                same_yaml(vx, vy)?;
            }
        }
        (x, y) => prop_assert_eq!(x, y),
    }
    Ok(())
}

fn same_toml(a: &toml::Value, b: &toml::Value) -> Result<(), TestCaseError> {
    use toml::Value;
    match (a, b) {
        (Value::String(x), Value::String(y)) => {
            prop_assert!(
                x == y || x.starts_with("https://") && is_http(y),
                "{x:?} became {y:?}"
            )
        }
        (Value::Array(x), Value::Array(y)) => {
            prop_assert_eq!(x.len(), y.len());
            for (x, y) in x.iter().zip(y) {
                same_toml(x, y)?;
            }
        }
        (Value::Table(x), Value::Table(y)) => {
            prop_assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>());
            for (k, vx) in x {
                same_toml(vx, &y[k])?;
            }
        }
        (x, y) => prop_assert_eq!(x, y),
    }
    Ok(())
}

/// A post of front matter only, cleaned: by `clean_post`, or without the `posts` feature by
/// `clean_post_as` as HTML (its empty body is HTML either way), so that the front matter is
/// checked in both builds.
fn clean_post(input: &str) -> String {
    let cleaner = Cleaner::default();
    #[cfg(feature = "posts")]
    let out = cleaner.clean_post(input);
    #[cfg(not(feature = "posts"))]
    let out = cleaner.clean_post_as(input, articlean::BodyKind::Html);
    out.into_html()
}

/// The text between the fences.
fn inner(doc: &str) -> &str {
    let body = &doc[4..];
    &body[..body.len() - 4]
}

proptest! {
    // 400 cases unless `PROPTEST_CASES` says otherwise; failures kept beside this file.
    #![proptest_config(common::props::config(400))]

    #[test]
    fn yaml_front_matter_keeps_its_structure(entries in entries()) {
        let pieces = yaml_doc(&entries);
        let input = text(&pieces);
        let before = YamlLoader::load_from_str(inner(&input));
        // Every generated document parses (a generator that wrote invalid YAML would test
        // nothing: such cases were once thrown away, 28 % of them).
        prop_assert!(before.is_ok(), "generated YAML parses: {:?}\n{}", before.err(), input);
        let out = clean_post(&input);
        check_bytes(&pieces, &out)?;
        let after = YamlLoader::load_from_str(inner(&out));
        prop_assert!(after.is_ok(), "cleaned YAML does not parse:\n{}", out);
        same_yaml(&before.unwrap()[0], &after.unwrap()[0])?;
        // Idempotent.
        prop_assert_eq!(clean_post(&out), out);
    }

    #[test]
    fn toml_front_matter_keeps_its_structure(entries in entries()) {
        let pieces = toml_doc(&entries);
        let input = text(&pieces);
        let before: Result<toml::Value, _> = toml::from_str(inner(&input));
        prop_assert!(before.is_ok(), "generated TOML parses: {:?}\n{}", before.err(), input);
        let out = clean_post(&input);
        check_bytes(&pieces, &out)?;
        let after: Result<toml::Value, _> = toml::from_str(inner(&out));
        prop_assert!(after.is_ok(), "cleaned TOML does not parse:\n{}", out);
        same_toml(&before.unwrap(), &after.unwrap())?;
        prop_assert_eq!(clean_post(&out), out);
    }
}

#[test]
fn the_generator_does_rewrite() {
    // The properties above are only worth something if URLs get rewritten.
    let entries: Vec<Entry> = (0..9)
        .map(|shape| {
            let u = format!(
                "https://images.weserv.nl/?url={}",
                utf8_percent_encode("https://e.example/a,'b':c.jpg", NON_ALPHANUMERIC)
            );
            (shape, 1, u.clone(), u)
        })
        .collect();
    let input = text(&yaml_doc(&entries));
    let out = clean_post(&input);
    assert!(out.matches("https://e.example/a,").count() >= 9, "{out}");
    let input = text(&toml_doc(&entries[..5]));
    let out = clean_post(&input);
    assert!(out.matches("https://e.example/a,").count() >= 5, "{out}");
}
