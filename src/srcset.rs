//! `srcset` lists, split as the HTML standard does: a URL is a run of non-white-space (so
//! URLs may contain commas, as Cloudinary's `w_600,h_400` do), followed by optional
//! descriptors up to the next comma.

/// One image candidate of a `srcset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    pub(crate) url: &'a str,
    /// `2x`, `640w`, or empty.
    pub(crate) descriptor: &'a str,
}

/// Splits a `srcset` value into candidates.
pub(crate) fn parse(srcset: &str) -> Vec<Candidate<'_>> {
    let bytes = srcset.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut url = &srcset[start..i];
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
            out.push(Candidate {
                url,
                descriptor: "",
            });
            continue;
        }
        let desc_start = i;
        let mut depth = 0usize;
        while i < bytes.len() {
            match bytes[i] {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => break,
                _ => {}
            }
            i += 1;
        }
        out.push(Candidate {
            url,
            descriptor: srcset[desc_start..i].trim(),
        });
    }
    out
}

/// Rewrites each candidate's URL with `f` (`None` keeps it); `None` when nothing changed.
/// The result is normalised to `url descriptor, url descriptor`.
pub(crate) fn rewrite(srcset: &str, mut f: impl FnMut(&str) -> Option<String>) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(srcset.len());
    for c in parse(srcset) {
        if !out.is_empty() {
            out.push_str(", ");
        }
        match f(c.url) {
            Some(new) => {
                changed = true;
                out.push_str(&new);
            }
            None => out.push_str(c.url),
        }
        if !c.descriptor.is_empty() {
            out.push(' ');
            out.push_str(c.descriptor);
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_a_browser() {
        let c = parse(" a.jpg 1x, https://x/w_600,h_400/b.jpg 2x,c.jpg,, d.jpg (x, y) 3w ");
        let urls: Vec<_> = c.iter().map(|c| (c.url, c.descriptor)).collect();
        assert_eq!(
            urls,
            [
                ("a.jpg", "1x"),
                ("https://x/w_600,h_400/b.jpg", "2x"),
                ("c.jpg", ""),
                ("d.jpg", "(x, y) 3w"),
            ]
        );
        assert!(parse(" , ,").is_empty());
    }

    #[test]
    fn rewrites_urls_keeps_descriptors() {
        let out = rewrite("a.jpg 1x, b.jpg 2x", |u| {
            (u == "b.jpg").then(|| "B.jpg".into())
        });
        assert_eq!(out.as_deref(), Some("a.jpg 1x, B.jpg 2x"));
        assert_eq!(rewrite("a.jpg 1x", |_| None), None);
    }
}
