//! `sanitize`: the allowlist that makes the output safe to embed.

use crate::dom::names::is_block;
use crate::{Action, Context, Element, Rule};
use html5ever::{local_name, LocalName};

/// An allowlist sanitizer (on by default):
///
/// - article elements (headings, paragraphs, lists, quotes, tables, figures, pictures,
///   media, code, inline formatting, links, line breaks) are kept with their own attributes;
///   `div`, `section`, `article`, `span` stay without attributes;
/// - `script`, `style`, `template`, `iframe`, `object`, `embed`, `frame`, `frameset`, form
///   controls, `title`, `xmp`, `noembed`, `noframes`, `plaintext`, `selectedcontent`, `svg`,
///   `math` are removed with their content;
/// - any other element is unwrapped (its content kept); a block element becomes a `div`
///   rather than being unwrapped, so its text is never glued to its neighbours';
/// - URLs (`href`, `src`, `srcset` candidates, `cite`, `poster`) must be relative or use
///   `http`, `https`, `mailto` or `tel` (`data:` only for raster images in `img`/`source`),
///   read as a browser reads them; other URLs are removed;
/// - links get `rel="noopener noreferrer"`; comments are dropped.
#[derive(Debug, Clone, Default)]
pub struct Sanitize {
    _private: (),
}

/// What happens to an element.
enum Fate {
    Keep,
    Drop,
    Unwrap,
}

fn element_fate(name: &LocalName, document: bool) -> Fate {
    match *name {
        local_name!("a")
        | local_name!("abbr")
        | local_name!("address")
        | local_name!("article")
        | local_name!("aside")
        | local_name!("audio")
        | local_name!("b")
        | local_name!("bdi")
        | local_name!("bdo")
        | local_name!("blockquote")
        | local_name!("br")
        | local_name!("caption")
        | local_name!("cite")
        | local_name!("code")
        | local_name!("col")
        | local_name!("colgroup")
        | local_name!("data")
        | local_name!("dd")
        | local_name!("del")
        | local_name!("details")
        | local_name!("dfn")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("dt")
        | local_name!("em")
        | local_name!("figcaption")
        | local_name!("figure")
        | local_name!("footer")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("i")
        | local_name!("img")
        | local_name!("ins")
        | local_name!("kbd")
        | local_name!("li")
        | local_name!("main")
        | local_name!("mark")
        | local_name!("nav")
        | local_name!("ol")
        | local_name!("p")
        | local_name!("picture")
        | local_name!("pre")
        | local_name!("q")
        | local_name!("rp")
        | local_name!("rt")
        | local_name!("ruby")
        | local_name!("s")
        | local_name!("samp")
        | local_name!("section")
        | local_name!("small")
        | local_name!("source")
        | local_name!("span")
        | local_name!("strike")
        | local_name!("strong")
        | local_name!("sub")
        | local_name!("summary")
        | local_name!("sup")
        | local_name!("table")
        | local_name!("tbody")
        | local_name!("td")
        | local_name!("tfoot")
        | local_name!("th")
        | local_name!("thead")
        | local_name!("time")
        | local_name!("tr")
        | local_name!("track")
        | local_name!("u")
        | local_name!("ul")
        | local_name!("var")
        | local_name!("video")
        | local_name!("wbr") => Fate::Keep,
        local_name!("html") | local_name!("head") | local_name!("body") if document => Fate::Keep,
        local_name!("script")
        | local_name!("style")
        | local_name!("template")
        | local_name!("iframe")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("applet")
        | local_name!("frame")
        | local_name!("frameset")
        | local_name!("noframes")
        | local_name!("noembed")
        | local_name!("noscript")
        | local_name!("xmp")
        | local_name!("plaintext")
        | local_name!("title")
        | local_name!("textarea")
        | local_name!("select")
        | local_name!("option")
        | local_name!("optgroup")
        | local_name!("selectedcontent")
        | local_name!("button")
        | local_name!("input")
        | local_name!("datalist")
        | local_name!("output")
        | local_name!("meter")
        | local_name!("progress")
        | local_name!("keygen")
        | local_name!("svg")
        | local_name!("math")
        | local_name!("canvas")
        | local_name!("dialog")
        | local_name!("link")
        | local_name!("meta")
        | local_name!("base")
        | local_name!("basefont")
        | local_name!("bgsound")
        | local_name!("param")
        | local_name!("head")
        | local_name!("map")
        | local_name!("area") => Fate::Drop,
        _ => Fate::Unwrap,
    }
}

/// Attributes kept on `element` (besides the global `title`, `lang`, `dir`).
fn attribute_allowed(element: &LocalName, attr: &LocalName) -> bool {
    if matches!(
        *attr,
        local_name!("title") | local_name!("lang") | local_name!("dir")
    ) {
        return true;
    }
    match *element {
        local_name!("a") => matches!(
            *attr,
            local_name!("href") | local_name!("hreflang") | local_name!("rel")
        ),
        local_name!("img") => matches!(
            *attr,
            local_name!("src")
                | local_name!("srcset")
                | local_name!("sizes")
                | local_name!("alt")
                | local_name!("width")
                | local_name!("height")
                | local_name!("loading")
                | local_name!("decoding")
                | local_name!("referrerpolicy")
        ),
        local_name!("source") => matches!(
            *attr,
            local_name!("src")
                | local_name!("srcset")
                | local_name!("sizes")
                | local_name!("type")
                | local_name!("media")
                | local_name!("width")
                | local_name!("height")
        ),
        local_name!("video") => matches!(
            *attr,
            local_name!("src")
                | local_name!("poster")
                | local_name!("controls")
                | local_name!("width")
                | local_name!("height")
                | local_name!("preload")
                | local_name!("loop")
                | local_name!("muted")
        ),
        local_name!("audio") => matches!(
            *attr,
            local_name!("src")
                | local_name!("controls")
                | local_name!("preload")
                | local_name!("loop")
                | local_name!("muted")
        ),
        local_name!("track") => matches!(
            *attr,
            local_name!("src")
                | local_name!("kind")
                | local_name!("srclang")
                | local_name!("label")
                | local_name!("default")
        ),
        local_name!("td") | local_name!("th") => matches!(
            *attr,
            local_name!("colspan")
                | local_name!("rowspan")
                | local_name!("headers")
                | local_name!("scope")
        ),
        local_name!("col") | local_name!("colgroup") => *attr == local_name!("span"),
        local_name!("ol") => matches!(
            *attr,
            local_name!("start") | local_name!("reversed") | local_name!("type")
        ),
        local_name!("li") => *attr == local_name!("value"),
        local_name!("blockquote") | local_name!("q") => *attr == local_name!("cite"),
        local_name!("del") | local_name!("ins") => {
            matches!(*attr, local_name!("cite") | local_name!("datetime"))
        }
        local_name!("time") => *attr == local_name!("datetime"),
        local_name!("data") => *attr == local_name!("value"),
        local_name!("details") => *attr == local_name!("open"),
        _ => false,
    }
}

fn is_url_attribute(attr: &LocalName) -> bool {
    matches!(
        *attr,
        local_name!("href") | local_name!("src") | local_name!("cite") | local_name!("poster")
    )
}

/// The URL's scheme as a browser reads it (leading/trailing C0 controls and spaces stripped,
/// tabs and newlines removed anywhere, lowercased), or `None` for a relative URL.
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => continue,
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}

/// Whether `url` may stand in `attr` of `element`.
pub(crate) fn url_allowed(element: &LocalName, url: &str) -> bool {
    match url_scheme(url).as_deref() {
        None => !url.trim_matches(|c: char| c <= ' ').starts_with(':'),
        Some("http" | "https" | "mailto" | "tel") => true,
        Some("data") => {
            matches!(*element, local_name!("img") | local_name!("source"))
                && is_raster_data_url(url)
        }
        Some(_) => false,
    }
}

fn is_raster_data_url(url: &str) -> bool {
    let body: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(20)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "data:image/png",
        "data:image/jpeg",
        "data:image/jpg",
        "data:image/gif",
        "data:image/webp",
        "data:image/avif",
        "data:image/bmp",
    ]
    .iter()
    .any(|p| body.starts_with(p))
}

impl Rule for Sanitize {
    fn name(&self) -> &'static str {
        "sanitize"
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !el.is_html() {
            return Action::Remove;
        }
        let name = el.local_name().clone();
        match element_fate(&name, cx.is_document()) {
            Fate::Drop => return Action::Remove,
            Fate::Unwrap => {
                return if is_block(&name) {
                    Action::rename("div")
                } else {
                    Action::Unwrap
                };
            }
            Fate::Keep => {}
        }
        let base = cx.base_url().cloned();
        let mut removed = el.retain_attrs_by_atom(|attr, namespaced, value| {
            !namespaced
                && attribute_allowed(&name, attr)
                && (!is_url_attribute(attr) || url_allowed(&name, value))
        });
        if let Some(srcset) = el.attr("srcset") {
            let bad = crate::srcset::parse(srcset)
                .iter()
                .any(|c| !url_allowed(&name, c.url));
            if bad {
                let kept: Vec<String> = crate::srcset::parse(srcset)
                    .iter()
                    .filter(|c| url_allowed(&name, c.url))
                    .map(|c| format!("{} {}", c.url, c.descriptor).trim_end().to_string())
                    .collect();
                if kept.is_empty() {
                    el.remove_attr("srcset");
                } else {
                    el.set_attr("srcset", &kept.join(", "));
                }
                removed += 1;
            }
        }
        if let Some(base) = base {
            for attr in ["href", "src", "poster", "cite"] {
                if let Some(v) = el.attr(attr) {
                    if url_scheme(v).is_none() && !v.trim().starts_with('#') && !v.trim().is_empty()
                    {
                        if let Ok(abs) = base.join(v.trim()) {
                            el.set_attr(attr, abs.as_str());
                        }
                    }
                }
            }
            if let Some(srcset) = el.attr("srcset") {
                if let Some(new) = crate::srcset::rewrite(srcset, |u| {
                    url_scheme(u)
                        .is_none()
                        .then(|| base.join(u).ok().map(String::from))
                        .flatten()
                }) {
                    el.set_attr("srcset", &new);
                }
            }
        }
        if name == local_name!("a")
            && el.has_attr("href")
            && el.attr("rel") != Some("noopener noreferrer")
        {
            el.set_attr("rel", "noopener noreferrer");
        }
        cx.changed_by(removed);
        Action::Keep
    }

    fn keep_comment(&self, _text: &str, _cx: &mut Context<'_>) -> bool {
        false
    }
}
