//! The sanitizer's settings are checked at `build()`: contradictions are `Error::Conflict`,
//! unusable values `Error::InvalidSetting`, never a panic; and the settings do what they say.

mod common;

use articlean::{Cleaner, CleanerBuilder, Error};
use common::safety;

fn conflict(builder: CleanerBuilder) -> String {
    match builder.build() {
        Err(Error::Conflict(msg)) => msg,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

fn invalid(builder: CleanerBuilder) -> String {
    match builder.build() {
        Err(Error::InvalidSetting { reason, .. }) => reason,
        other => panic!("expected an invalid setting, got {other:?}"),
    }
}

#[test]
fn raw_text_and_foreign_elements_cannot_be_allowed() {
    for tag in [
        "script",
        "style",
        "noscript",
        "xmp",
        "textarea",
        "title",
        "iframe",
        "svg",
        "math",
        "template",
        "plaintext",
        "noembed",
        "noframes",
        "select",
        "SVG",
    ] {
        let msg = conflict(Cleaner::builder().with_tags_allowed(&[tag]));
        assert!(msg.contains(&tag.to_ascii_lowercase()), "{tag}: {msg}");
    }
    assert!(invalid(Cleaner::builder().with_tags_allowed(&["form"])).contains("form"));
}

#[test]
fn contradictory_tag_settings_are_conflicts() {
    conflict(
        Cleaner::builder()
            .with_tags_allowed(&["big"])
            .with_tags_removed(&["big"]),
    );
    conflict(
        Cleaner::builder()
            .with_tags_allowed(&["big"])
            .with_tags_unwrapped(&["big"]),
    );
    conflict(Cleaner::builder().with_tags_unwrapped(&["script"]));
    conflict(
        Cleaner::builder()
            .with_embeds(true)
            .with_tags_removed(&["iframe"]),
    );
}

#[test]
fn unusable_values_are_invalid_settings() {
    invalid(Cleaner::builder().with_tags_allowed(&["my tag"]));
    invalid(Cleaner::builder().with_tags_allowed(&[""]));
    invalid(Cleaner::builder().with_tags_unwrapped(&["td"]));
    for attr in [
        "onclick", "OnError", "style", "srcdoc", "id", "class", "name", "rel", "xmlns:x", "a\"b",
    ] {
        invalid(Cleaner::builder().with_attributes_allowed("*", &[attr]));
    }
    for scheme in ["javascript", "VBScript:", "data", "1http", "ht tp"] {
        invalid(Cleaner::builder().with_url_schemes_allowed(&[scheme]));
    }
    invalid(Cleaner::builder().with_ids_kept(""));
    invalid(Cleaner::builder().with_ids_kept("1x"));
    invalid(Cleaner::builder().with_ids_kept("a b"));
    invalid(Cleaner::builder().with_classes_allowed(&["a b"]));
    invalid(Cleaner::builder().with_link_rel("a\"b"));
    invalid(
        Cleaner::builder()
            .with_embeds(true)
            .with_embed_hosts(&["https://x.example/"]),
    );
    invalid(
        Cleaner::builder()
            .with_embeds(true)
            .with_embed_hosts(&["x.example:8080"]),
    );
}

#[test]
fn allowed_url_attributes_are_still_url_checked() {
    let cleaner = Cleaner::builder()
        .with_tags_allowed(&["center"])
        .with_attributes_allowed("*", &["background", "longdesc"])
        .build()
        .unwrap();
    let out =
        cleaner.clean(r#"<center background="javascript:alert(1)" longdesc="/desc">x</center>"#);
    assert_eq!(out.html(), r#"<center longdesc="/desc">x</center>"#);
}

#[test]
fn removing_a_scheme_removes_its_urls() {
    let cleaner = Cleaner::builder()
        .with_url_schemes_removed(&["mailto"])
        .build()
        .unwrap();
    assert_eq!(
        cleaner
            .clean(r#"<a href="mailto:a@b.example">mail</a>"#)
            .html(),
        "<a>mail</a>"
    );
}

#[test]
fn without_div_blocks_are_unwrapped_with_space() {
    let cleaner = Cleaner::builder()
        .with_tags_unwrapped(&["div"])
        .build()
        .unwrap();
    let out = cleaner.clean("<center>A</center><center>B</center>");
    assert_eq!(out.html(), " A  B ");
}

/// Every attribute the safety properties read as URLs (`common::safety`), allowed on every
/// element, is either refused or has its dangerous URLs removed: `to`, `from`, `values` and
/// `attributeName` (SVG animation) and `imagesrcset` were kept as written.
#[test]
fn allowed_url_attributes_are_refused_or_checked() {
    let mut checked = 0;
    for attr in safety::URL_ATTRS
        .iter()
        .chain(&["srcset", "imagesrcset", "ping", "by"])
    {
        let Ok(cleaner) = Cleaner::builder()
            .with_attributes_allowed("*", &[attr])
            .build()
        else {
            continue;
        };
        checked += 1;
        for tag in ["a", "img", "p", "video", "blockquote", "td"] {
            for url in [
                "javascript:alert(1)",
                " JaVa&#x09;ScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "x.png 1x, javascript:alert(1) 2x",
            ] {
                let input =
                    format!("<table><tr><td><{tag} {attr}=\"{url}\">x</{tag}></td></tr></table>");
                let out = cleaner.clean(&input).into_html();
                let again = cleaner.clean(&out).into_html();
                let problems = safety::check(&out, &again);
                assert!(
                    problems.is_empty(),
                    "{attr}: {input}\n→ {out}\n{problems:#?}"
                );
            }
        }
    }
    assert!(checked >= 15, "{checked}");
}

/// An attribute removed from one element goes from it even when every element may keep it
/// (`title`, `lang`, `dir`, or one allowed with `"*"`), and from an element with no
/// attributes of its own; the other elements keep it.
#[test]
fn an_attribute_removed_from_one_element_goes_even_when_global() {
    let cleaner = Cleaner::builder()
        .with_attributes_allowed("*", &["data-line"])
        .with_attributes_removed("a", &["title"])
        .with_attributes_removed("p", &["lang", "data-line"])
        .build()
        .unwrap();
    let out = cleaner.clean(concat!(
        r#"<p lang="fr" title="T" data-line="1">Texte <a href="https://a.example/" title="A" lang="en">lien</a></p>"#,
        r#"<blockquote lang="de" title="Q" data-line="2">Zitat</blockquote>"#,
    ));
    assert_eq!(
        out.html(),
        concat!(
            r#"<p title="T">Texte <a href="https://a.example/" lang="en" rel="noopener noreferrer">lien</a></p>"#,
            r#"<blockquote lang="de" title="Q" data-line="2">Zitat</blockquote>"#,
        )
    );
}
