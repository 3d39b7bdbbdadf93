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
/// descriptors as one slice of the input (no list of descriptors is built). The whole list
/// at once (for a rule that stops early, [`iter`]).
pub(crate) fn parse(srcset: &str) -> Vec<Candidate<'_>> {
    iter(srcset).collect()
}

/// The candidates of a `srcset`, as [`parse`] gives them, read one at a time: a rule that
/// stops at the first candidate that answers (`all`, `any`, `find`) reads no further and
/// builds no list.
pub(crate) fn iter(srcset: &str) -> Candidates<'_> {
    Candidates { srcset, i: 0 }
}

/// Whether `srcset` has a candidate and `f` holds for each one ([`iter`]'s `all`, false
/// when there is none).
pub(crate) fn all_of(srcset: &str, mut f: impl FnMut(&Candidate<'_>) -> bool) -> bool {
    let mut candidates = iter(srcset);
    candidates.next().is_some_and(|c| f(&c)) && candidates.all(|c| f(&c))
}

/// The iterator of [`iter`]: the one splitter, one candidate per step.
#[derive(Debug, Clone)]
pub(crate) struct Candidates<'a> {
    srcset: &'a str,
    /// Where the next candidate's reading starts.
    i: usize,
}

impl<'a> Iterator for Candidates<'a> {
    type Item = Candidate<'a>;

    fn next(&mut self) -> Option<Candidate<'a>> {
        let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
        let srcset = self.srcset;
        let bytes = srcset.as_bytes();
        let mut i = self.i;
        while i < bytes.len() && (ws(bytes[i]) || bytes[i] == b',') {
            i += 1;
        }
        if i >= bytes.len() {
            self.i = i;
            return None;
        }
        let start = i;
        i = start + url_len(&bytes[start..]);
        let raw = &srcset[start..i];
        // Trailing commas are rare: looked for by one byte first.
        let url = if raw.ends_with(',') {
            raw.trim_end_matches(',')
        } else {
            raw
        };
        // The span from the first descriptor's start to the last one's end.
        let mut span: Option<(usize, usize)> = None;
        let mut add = |from: usize, to: usize| {
            span = Some(span.map_or((from, to), |(first, _)| (first, to)));
        };
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
                        add(current, i);
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
                add(current, i);
            }
        }
        self.i = i;
        Some(Candidate {
            url,
            descriptor: span.map_or("", |(from, to)| &srcset[from..to]),
        })
    }
}

/// How many bytes of `rest` come before its first white space (the length of a URL that
/// starts it): `memchr` passes rather than a byte loop, which a `srcset` of long URLs spends
/// most of its reading in. The three common white-space bytes first, then the two others
/// (form feed, carriage return) only before the first of those.
fn url_len(rest: &[u8]) -> usize {
    let common = memchr::memchr3(b' ', b'\n', b'\t', rest).unwrap_or(rest.len());
    memchr::memchr2(b'\x0c', b'\r', &rest[..common]).unwrap_or(common)
}

/// Splits a `srcset` exactly as a browser does ("parse a srcset attribute" in the HTML
/// standard): a URL is a run of non-white-space (trailing commas removed), its descriptors
/// run to the next comma outside parentheses, and a `(` is closed by the next `)` (no
/// nesting: `((x) , y` ends the candidate at the comma).
pub(crate) fn candidates(srcset: &str) -> Vec<(&str, Vec<&str>)> {
    iter(srcset)
        .map(|c| (c.url, descriptors(c.descriptor)))
        .collect()
}

/// The descriptors of one candidate ([`Candidate::descriptor`]: no comma outside
/// parentheses is left in it), split at white space outside parentheses.
fn descriptors(span: &str) -> Vec<&str> {
    let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
    let mut out = Vec::new();
    let (mut start, mut in_parens) = (0, false);
    for (i, &b) in span.as_bytes().iter().enumerate() {
        if in_parens {
            in_parens = b != b')';
        } else if ws(b) {
            if start < i {
                out.push(&span[start..i]);
            }
            start = i + 1;
        } else if b == b'(' {
            in_parens = true;
        }
    }
    if start < span.len() {
        out.push(&span[start..]);
    }
    out
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
/// The result is normalised to `url descriptor, url descriptor`. Nothing is written until a
/// candidate changes (most `srcset`s stay as they are).
pub(crate) fn rewrite(srcset: &str, mut f: impl FnMut(&str) -> Option<String>) -> Option<String> {
    // Read one at a time, no list built: the candidates before the first change are read
    // again (the splitter is cheap) only when something changes.
    let mut rest = iter(srcset);
    let (first, changed, new) = rest
        .by_ref()
        .enumerate()
        .find_map(|(i, c)| f(c.url).map(|new| (i, c, new)))?;
    let mut out = String::with_capacity(srcset.len() + new.len());
    let push = |out: &mut String, url: &str, descriptor: &str| {
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(url);
        if !descriptor.is_empty() {
            out.push(' ');
            out.push_str(descriptor);
        }
    };
    for c in iter(srcset).take(first) {
        push(&mut out, c.url, c.descriptor);
    }
    push(&mut out, &new, changed.descriptor);
    for c in rest {
        match f(c.url) {
            Some(new) => push(&mut out, &new, c.descriptor),
            None => push(&mut out, c.url, c.descriptor),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A piece of a `srcset`, in order: a candidate's URL, then its descriptors.
    enum Piece<'a> {
        Url(&'a str),
        Descriptor(&'a str),
    }

    /// The splitter as first written (the oracle of the iterator and of [`candidates`]):
    /// splits a `srcset` exactly as a browser does ("parse a srcset attribute" in the HTML
    /// standard): a URL is a run of non-white-space (trailing commas removed), its descriptors
    /// run to the next comma outside parentheses, and a `(` is closed by the next `)` (no
    /// nesting: `((x) , y` ends the candidate at the comma).
    fn candidates_by_scan(srcset: &str) -> Vec<(&str, Vec<&str>)> {
        let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
        scan(srcset, |piece| match piece {
            Piece::Url(url) => out.push((url, Vec::new())),
            Piece::Descriptor(d) => {
                if let Some((_, descriptors)) = out.last_mut() {
                    descriptors.push(d);
                }
            }
        });
        out
    }

    /// The splitter of [`candidates_by_scan`]: each URL, then each of its (non-empty) descriptors.
    fn scan<'a>(srcset: &'a str, mut each: impl FnMut(Piece<'a>)) {
        let ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
        let bytes = srcset.as_bytes();
        let mut i = 0;
        loop {
            while i < bytes.len() && (ws(bytes[i]) || bytes[i] == b',') {
                i += 1;
            }
            if i >= bytes.len() {
                return;
            }
            let start = i;
            while i < bytes.len() && !ws(bytes[i]) {
                i += 1;
            }
            let raw = &srcset[start..i];
            // Trailing commas are rare: looked for by one byte first.
            let url = if raw.ends_with(',') {
                raw.trim_end_matches(',')
            } else {
                raw
            };
            each(Piece::Url(url));
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
                            each(Piece::Descriptor(&srcset[current..i]));
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
                    each(Piece::Descriptor(&srcset[current..i]));
                }
            }
        }
    }

    /// [`parse`] as first written: [`scan`]'s pieces, each candidate's descriptors spanned.
    fn parse_by_scan(srcset: &str) -> Vec<Candidate<'_>> {
        let offset = |part: &str| part.as_ptr() as usize - srcset.as_ptr() as usize;
        let mut out: Vec<Candidate<'_>> = Vec::new();
        scan(srcset, |piece| match piece {
            Piece::Url(url) => out.push(Candidate {
                url,
                descriptor: "",
            }),
            Piece::Descriptor(d) => {
                if let Some(last) = out.last_mut() {
                    last.descriptor = if last.descriptor.is_empty() {
                        d
                    } else {
                        &srcset[offset(last.descriptor)..offset(d) + d.len()]
                    };
                }
            }
        });
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// `url_len` is the byte loop it replaced (up to the first of the five white-space
        /// bytes), on runs long enough for every `memchr` path (short, SSE2, AVX2, unrolled).
        #[test]
        fn url_len_as_byte_loop(
            bytes in proptest::collection::vec(proptest::sample::select(&[
                b'a', b'/', b',', b'(', b' ', b'\t', b'\n', b'\x0c', b'\r', 0xc3, b'x',
            ][..]), 0..300),
            lead in 0usize..200,
        ) {
            // Mostly URL bytes first, so the white space is found far in as well as near.
            let mut rest = vec![b'u'; lead];
            rest.extend_from_slice(&bytes);
            let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r');
            let want = rest.iter().position(ws).unwrap_or(rest.len());
            proptest::prop_assert_eq!(url_len(&rest), want);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(8192))]
        /// The iterator (and so `parse`) gives the candidates the scan as first written
        /// gives, in order; `candidates` gives the scan's descriptors one by one; `all_of` is
        /// "some candidate, and all of them".
        #[test]
        fn iter_as_scan(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a.jpg", "b.jpg", "ab", " ", ",", ",,", ", ", "1x", "2x", "640w", "(", ")",
                "\t", "\n", "\x0c", "\r", "x", "b", "é", "", "a,b", "(x, y)",
                "https://img.example/wp-content/uploads/2023/04/a-long-name-1024x683.jpg",
            ][..]), 0..16)
        ) {
            let srcset = pieces.concat();
            let want = parse_by_scan(&srcset);
            proptest::prop_assert_eq!(iter(&srcset).collect::<Vec<_>>(), want.clone(), "{:?}", srcset);
            proptest::prop_assert_eq!(parse(&srcset), want.clone());
            proptest::prop_assert_eq!(
                candidates(&srcset), candidates_by_scan(&srcset), "{:?}", srcset
            );
            let f = |c: &Candidate<'_>| c.url.contains('a');
            proptest::prop_assert_eq!(
                all_of(&srcset, f),
                !want.is_empty() && want.iter().all(f)
            );
        }
    }

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

    /// `parse` gives each candidate's descriptors as the span from the first to the last
    /// of those `candidates` lists: every string of up to six bytes of ` ,()ax`.
    #[test]
    fn parse_spans_the_descriptors() {
        let alphabet = [' ', ',', '(', ')', 'a', 'x'];
        let mut strings = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..6 {
            last = last
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(last.iter().cloned());
        }
        for s in &strings {
            let offset = |p: &str| p.as_ptr() as usize - s.as_ptr() as usize;
            let expected: Vec<Candidate<'_>> = candidates(s)
                .into_iter()
                .map(|(url, d)| Candidate {
                    url,
                    descriptor: match (d.first(), d.last()) {
                        (Some(f), Some(l)) => &s[offset(f)..offset(l) + l.len()],
                        _ => "",
                    },
                })
                .collect();
            assert_eq!(parse(s), expected, "{s:?}");
        }
    }

    /// `rewrite` as it was written before it waited for a change: every candidate written.
    fn rewrite_eagerly(srcset: &str, mut f: impl FnMut(&str) -> Option<String>) -> Option<String> {
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

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// Writing from the first change gives what writing every candidate gave, with `f`
        /// asked about each candidate once, in order.
        #[test]
        fn rewrite_as_eagerly(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a.jpg", "b.jpg", "ab", " ", ",", ", ", "1x", "2x", "640w", "(", ")", "\t", "x",
                "b", "é", "",
            ][..]), 0..14)
        ) {
            let srcset = pieces.concat();
            let f = |asked: &mut Vec<String>, u: &str| {
                asked.push(u.to_owned());
                u.contains('b').then(|| format!("{u}!"))
            };
            let (mut lazy, mut eager) = (Vec::new(), Vec::new());
            let got = rewrite(&srcset, |u| f(&mut lazy, u));
            let want = rewrite_eagerly(&srcset, |u| f(&mut eager, u));
            proptest::prop_assert_eq!(got, want, "{:?}", srcset);
            proptest::prop_assert_eq!(lazy, eager);
        }
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
