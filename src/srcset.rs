//! `srcset` lists, split as the HTML standard does: a URL is a run of non-white-space (so
//! URLs may contain commas, as Cloudinary's `w_600,h_400` do), followed by optional
//! descriptors up to the next comma outside parentheses. The one splitter every rule uses.

/// One image candidate of a `srcset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate<'a> {
    pub(crate) url: &'a str,
    /// The descriptors as written (`2x`, `640w`, `640w 480h`), or empty.
    pub(crate) descriptor: &'a str,
}

/// Splits a `srcset` value into candidates, as [`candidates`] does, each with its
/// descriptors as one slice of the input.
pub(crate) fn parse(srcset: &str) -> Vec<Candidate<'_>> {
    let offset = |part: &str| part.as_ptr() as usize - srcset.as_ptr() as usize;
    candidates(srcset)
        .into_iter()
        .map(|(url, descriptors)| {
            let descriptor = match (descriptors.first(), descriptors.last()) {
                (Some(first), Some(last)) => &srcset[offset(first)..offset(last) + last.len()],
                _ => "",
            };
            Candidate { url, descriptor }
        })
        .collect()
}

/// Splits a `srcset` exactly as a browser does ("parse a srcset attribute" in the HTML
/// standard): a URL is a run of non-white-space (trailing commas removed), its descriptors
/// run to the next comma outside parentheses, and a `(` is closed by the next `)` (no
/// nesting: `((x) , y` ends the candidate at the comma).
pub(crate) fn candidates(srcset: &str) -> Vec<(&str, Vec<&str>)> {
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    let bytes = srcset.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && (ws(bytes[i]) || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            return out;
        }
        let start = i;
        while i < bytes.len() && !ws(bytes[i]) {
            i += 1;
        }
        let raw = &srcset[start..i];
        let url = raw.trim_end_matches(',');
        let mut descriptors = Vec::new();
        if url.len() == raw.len() {
            while i < bytes.len() && ws(bytes[i]) {
                i += 1;
            }
            let mut current = i;
            let mut in_parens = false;
            while i < bytes.len() {
                let b = bytes[i];
                if in_parens {
                    in_parens = b != b')';
                } else if ws(b) || b == b',' {
                    if current < i {
                        descriptors.push(&srcset[current..i]);
                    }
                    i += 1;
                    if b == b',' {
                        current = i;
                        break;
                    }
                    while i < bytes.len() && ws(bytes[i]) {
                        i += 1;
                    }
                    current = i;
                    continue;
                } else if b == b'(' {
                    in_parens = true;
                }
                i += 1;
            }
            if current < i && i >= bytes.len() {
                descriptors.push(&srcset[current..i]);
            }
        }
        out.push((url, descriptors));
    }
}

/// Whether a candidate's descriptors are what a browser accepts (otherwise it drops the
/// candidate): at most one width (`640w`) or density (`1.5x`), and a height (`480h`) only
/// with a width.
pub(crate) fn valid_descriptors(descriptors: &[&str]) -> bool {
    let (mut w, mut x, mut h) = (false, false, false);
    for d in descriptors {
        let Some(kind @ ('w' | 'h' | 'x')) = d.chars().last() else {
            return false;
        };
        let number = &d[..d.len() - 1];
        let integer = !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
            && number.bytes().any(|b| b != b'0');
        match kind {
            'w' if integer && !w && !x => w = true,
            'h' if integer && !h && !x => h = true,
            'x' if !w && !x && !h => {
                let float = number
                    .bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_digit() || b == b'.')
                    && number.bytes().all(|b| {
                        b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')
                    })
                    && number.parse::<f64>().is_ok_and(|v| v >= 0.0);
                if !float {
                    return false;
                }
                x = true;
            }
            _ => return false,
        }
    }
    !h || w
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
        // A `(` is closed by the next `)`, without nesting: the comma ends the candidate.
        let urls: Vec<_> = parse("a.jpg ((x) , javascript:x 1x")
            .iter()
            .map(|c| c.url)
            .collect();
        assert_eq!(urls, ["a.jpg", "javascript:x"]);
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
