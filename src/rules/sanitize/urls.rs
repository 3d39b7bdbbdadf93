//! URLs read the way a browser reads them, checked against the scheme allowlist.
//!
//! The parser has already decoded character references (`&#x6A;avascript:` is
//! `javascript:` by now). What is left is what the URL parser does before it looks at the
//! scheme: strip leading and trailing C0 control characters and spaces, remove every ASCII
//! tab and newline, and compare the scheme case-insensitively.

use html5ever::{local_name, LocalName};
use std::borrow::Cow;
use std::collections::BTreeSet;
use url::Url;

use crate::scheme::url_scheme;

pub(crate) use crate::srcset::{candidates as srcset_candidates, valid_descriptors};

/// Raster image types accepted in `data:` URLs of `img` and `source`.
const RASTER_TYPES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/jpg",
    "image/pjpeg",
    "image/gif",
    "image/webp",
    "image/avif",
    "image/bmp",
    "image/x-icon",
    "image/vnd.microsoft.icon",
];

/// `url` resolved against `base` when it is relative (no scheme; not empty, not a `#`
/// fragment of the page, not a template such as `{{ url }}`), read as the URL parser reads
/// it; as it is otherwise. `None` when it does not resolve.
pub(crate) fn resolve<'u>(url: &'u str, base: &Url) -> Option<Cow<'u, str>> {
    if crate::template::has_template_syntax(url) || url_scheme(url).is_some() {
        return Some(Cow::Borrowed(url));
    }
    let read = browser_form(url);
    if read.is_empty() || read.starts_with('#') {
        return Some(Cow::Borrowed(url));
    }
    let joined = base.join(&read).ok()?;
    Some(if joined.as_str() == url {
        Cow::Borrowed(url)
    } else {
        Cow::Owned(joined.into())
    })
}

/// The URL as the URL parser sees it: C0 controls and spaces stripped at both ends, ASCII
/// tabs and newlines removed everywhere.
pub(crate) fn browser_form(url: &str) -> String {
    crate::url_text::as_parsed(url.trim_matches(|c: char| c <= ' ')).into_owned()
}

/// The URL checks of one policy.
#[derive(Debug, Clone)]
pub(crate) struct UrlPolicy {
    /// Allowed schemes, lowercase (`http`, `https`, `mailto`, `tel` by default).
    schemes: BTreeSet<String>,
    /// Whether `schemes` holds `https`, and `http`: the schemes of most URLs, answered
    /// without a look-up in the set.
    web: (bool, bool),
    /// Whether `data:` URLs of raster images are kept in `img` and `source`.
    data_images: bool,
}

impl UrlPolicy {
    /// The checks allowing `schemes` (lowercase), and `data:` raster images in `img` and
    /// `source` when `data_images`.
    pub(crate) fn new(schemes: BTreeSet<String>, data_images: bool) -> UrlPolicy {
        UrlPolicy {
            web: (schemes.contains("https"), schemes.contains("http")),
            schemes,
            data_images,
        }
    }

    /// Whether `url` may stand in a URL attribute of `element`.
    pub(crate) fn allowed(&self, element: &LocalName, url: &str) -> bool {
        // Most URLs start with `https:` or `http:` exactly: no need to read the scheme the
        // long way (which builds a string), nor to look it up.
        if url.starts_with("https:") {
            return self.web.0;
        }
        if url.starts_with("http:") {
            return self.web.1;
        }
        match url_scheme(url).as_deref() {
            None => !url.trim_matches(|c: char| c <= ' ').starts_with(':'),
            Some("data") => {
                self.data_images
                    && matches!(*element, local_name!("img") | local_name!("source"))
                    && is_raster_data_url(url)
            }
            Some(scheme) => self.schemes.contains(scheme),
        }
    }

    /// The value to keep for a URL attribute: `None` to drop it, otherwise the URL (borrowed
    /// when unchanged), resolved against `base` when it is relative and a base is given
    /// (`#fragment` links stay).
    pub(crate) fn clean<'u>(
        &self,
        element: &LocalName,
        url: &'u str,
        base: Option<&Url>,
    ) -> Option<Cow<'u, str>> {
        if !self.allowed(element, url) {
            return None;
        }
        let Some(base) = base else {
            return Some(Cow::Borrowed(url));
        };
        let resolved = resolve(url, base)?;
        if matches!(resolved, Cow::Owned(_)) && !self.allowed(element, &resolved) {
            return None;
        }
        Some(resolved)
    }

    /// The `srcset` to keep: every candidate checked (and resolved) alone, the bad ones
    /// dropped; `None` when no candidate is left. Unchanged input comes back as it was.
    pub(crate) fn clean_srcset(
        &self,
        element: &LocalName,
        srcset: &str,
        base: Option<&Url>,
    ) -> Option<String> {
        let mut out = String::with_capacity(srcset.len());
        let mut changed = false;
        for (url, descriptors) in srcset_candidates(srcset) {
            let kept = (valid_descriptors(&descriptors) && !hides_a_script_url(url))
                .then(|| self.clean(element, url, base))
                .flatten();
            let Some(url) = kept else {
                changed = true;
                continue;
            };
            if !out.is_empty() {
                out.push_str(", ");
            }
            out.push_str(&url);
            for d in &descriptors {
                out.push(' ');
                out.push_str(d);
            }
        }
        changed |= out != srcset;
        if out.is_empty() {
            None
        } else if changed {
            Some(out)
        } else {
            Some(srcset.to_string())
        }
    }
}

/// Whether a `srcset` candidate's URL holds, after one of its commas, a piece that reads as a
/// URL no policy keeps (a script, a `data:` URL other than a raster image). To a browser
/// `a.jpg1x,javascript:x2x` is one relative URL (a candidate ends at white space, or at
/// commas ending the URL), but a reader that splits `srcset` at every comma (a script, a
/// simpler parser) sees `javascript:x2x`: the candidate is dropped (fail closed). Image URLs
/// with commas (`w_300,c_fill/a.jpg`, `a.jpg?x=1,2`) have no such piece and are kept.
fn hides_a_script_url(url: &str) -> bool {
    url.contains(',')
        && url
            .split(',')
            .skip(1)
            .any(|piece| match url_scheme(piece).as_deref() {
                Some("javascript" | "vbscript" | "livescript" | "mocha") => true,
                Some("data") => !is_raster_data_url(piece),
                _ => false,
            })
}

/// `data:image/png;base64,…` and the other raster types (the media type compared exactly,
/// case-insensitively; `image/svg+xml` is not raster).
fn is_raster_data_url(url: &str) -> bool {
    let read = browser_form(url);
    let Some(rest) = read.get(5..) else {
        return false;
    };
    let end = rest.find([';', ',']).unwrap_or(rest.len());
    let media = rest[..end].trim().to_ascii_lowercase();
    rest[end..].starts_with([';', ',']) && RASTER_TYPES.contains(&media.as_str())
}

/// Whether `scheme` is a syntactically valid URL scheme (`[a-z][a-z0-9+.-]*`).
pub(crate) fn is_valid_scheme(scheme: &str) -> bool {
    scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> UrlPolicy {
        UrlPolicy::new(
            ["http", "https", "mailto", "tel"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            true,
        )
    }

    #[test]
    fn reads_schemes_as_a_browser() {
        assert_eq!(
            url_scheme(" \u{1}JaVa\tScRiPt:x").as_deref(),
            Some("javascript")
        );
        assert_eq!(url_scheme("java\nscript:x").as_deref(), Some("javascript"));
        assert_eq!(url_scheme("/a:b"), None);
        assert_eq!(url_scheme("a/b:c"), None);
        assert_eq!(url_scheme("?x:y"), None);
        assert_eq!(
            url_scheme("ms-calculator:1").as_deref(),
            Some("ms-calculator")
        );
    }

    /// `https:` and `http:` URLs, answered without the set, are answered as the set says,
    /// for every policy of the two and another scheme.
    #[test]
    fn web_schemes_answered_as_the_set() {
        let a = local_name!("a");
        for mask in 0..8u8 {
            let schemes: BTreeSet<String> = ["https", "http", "mailto"]
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, s)| s.to_string())
                .collect();
            let p = UrlPolicy::new(schemes.clone(), true);
            for url in [
                "https://x.example/",
                "http://x.example/",
                "https:x",
                "http:",
                "mailto:a",
            ] {
                let scheme = url_scheme(url).unwrap();
                assert_eq!(
                    p.allowed(&a, url),
                    schemes.contains(&scheme),
                    "{mask} {url}"
                );
            }
        }
    }

    #[test]
    fn allows_only_listed_schemes() {
        let p = policy();
        let img = local_name!("img");
        let a = local_name!("a");
        for ok in [
            "https://x.example/",
            "/rel",
            "rel.png",
            "#top",
            "mailto:a@b",
            "TEL:1",
            "//cdn.example/a.png",
        ] {
            assert!(p.allowed(&a, ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " vbscript:x",
            "data:text/html,<b>",
            "jav&#x09;ascript:x".replace("&#x09;", "\t").as_str(),
            "ms-calculator:",
            ":x",
        ] {
            assert!(!p.allowed(&a, bad), "{bad}");
        }
        assert!(p.allowed(&img, "data:image/png;base64,AAAA"));
        assert!(p.allowed(&img, "DATA:Image/JPEG,xx"));
        assert!(!p.allowed(&img, "data:image/svg+xml,<svg onload=x>"));
        assert!(!p.allowed(&img, "data:image/pngx;base64,AAAA"));
        assert!(!p.allowed(&a, "data:image/png;base64,AAAA"));
    }

    #[test]
    fn resolves_relative_urls_and_checks_srcset_candidates_alone() {
        let p = policy();
        let base = Url::parse("https://example.com/news/").unwrap();
        let img = local_name!("img");
        assert_eq!(
            p.clean(&img, "a.jpg", Some(&base)).as_deref(),
            Some("https://example.com/news/a.jpg")
        );
        assert_eq!(p.clean(&img, "#x", Some(&base)).as_deref(), Some("#x"));
        assert_eq!(
            p.clean_srcset(
                &img,
                "a.jpg 1x, javascript:x 2x, https://c.example/b.jpg 3x",
                Some(&base)
            )
            .as_deref(),
            Some("https://example.com/news/a.jpg 1x, https://c.example/b.jpg 3x")
        );
        assert_eq!(p.clean_srcset(&img, "javascript:x 1x", None), None);
        // Normalised (and so idempotent), unchanged when already normal.
        assert_eq!(
            p.clean_srcset(&img, "a.jpg 1x,b.jpg 2x", None).as_deref(),
            Some("a.jpg 1x, b.jpg 2x")
        );
        assert_eq!(
            p.clean_srcset(&img, "a.jpg 1x, b.jpg 2x", None).as_deref(),
            Some("a.jpg 1x, b.jpg 2x")
        );
    }

    #[test]
    fn splits_srcset_as_a_browser() {
        // `((x)` closes at the first `)`: the comma after it ends the candidate.
        assert_eq!(
            srcset_candidates("a.jpg ((x) , javascript:x 1x"),
            vec![("a.jpg", vec!["((x)"]), ("javascript:x", vec!["1x"])]
        );
        assert_eq!(
            srcset_candidates("w_1,h_2/a.jpg 2x,b.jpg,, c.jpg"),
            vec![
                ("w_1,h_2/a.jpg", vec!["2x"]),
                ("b.jpg", vec![]),
                ("c.jpg", vec![])
            ]
        );
        assert!(valid_descriptors(&["640w", "480h"]));
        assert!(valid_descriptors(&["1.5x"]));
        assert!(!valid_descriptors(&["((x)"]));
        assert!(!valid_descriptors(&["1x", "2x"]));
        assert!(!valid_descriptors(&["480h"]));
        assert!(!valid_descriptors(&["0w"]));
        assert!(!valid_descriptors(&["1\u{a0}"]));
        assert!(!valid_descriptors(&["é"]));
        let p = policy();
        let img = local_name!("img");
        assert_eq!(
            p.clean_srcset(&img, "a.jpg ((x) , javascript:x 1x, b.jpg 2x", None)
                .as_deref(),
            Some("b.jpg 2x")
        );
    }

    #[test]
    fn a_script_url_after_a_comma_inside_a_candidate_drops_it() {
        let p = policy();
        let img = local_name!("img");
        for srcset in [
            "a.jpg1x,javascript:x2x",
            "a.jpg,JaVaScRiPt:x 2x",
            "a.jpg,\u{1}vbscript:x",
            "a.jpg,data:text/html,<b>",
        ] {
            assert_eq!(p.clean_srcset(&img, srcset, None), None, "{srcset:?}");
        }
        assert_eq!(
            p.clean_srcset(&img, "a.jpg1x,javascript:x2x, b.jpg 2x", None)
                .as_deref(),
            Some("b.jpg 2x")
        );
        // Commas in image URLs, and `data:` images, stay.
        for kept in [
            "https://res.example/w_300,c_fill,g_auto/a.jpg 1x",
            "a.jpg?crop=1,2,3,4&x=y:z 2x",
            "https://e.example/a,b:c.jpg",
            "data:image/png;base64,iVBORw0KGgo= 1x",
        ] {
            assert_eq!(p.clean_srcset(&img, kept, None).as_deref(), Some(kept));
        }
    }
}
