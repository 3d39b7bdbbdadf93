//! Recognising, without parsing, an http(s) URL that is already written the way the `url`
//! crate serialises it: [`finalize`](super::decode::finalize) then returns it as it is
//! instead of parsing it and writing it out again (most origins a proxy or a redirector
//! carries are written plainly: `https://example.com/wp-content/uploads/a.jpg`).

/// True when `url` is written exactly as the `url` crate serialises it, as an `http:` or
/// `https:` URL with a host: `Url::parse(url)` succeeds and gives back the same text. Checked
/// conservatively; `false` means nothing (the caller parses).
///
/// That is: a lower-case `http://` or `https://`; a host of lower-case ASCII letters, digits
/// and inner `-`, in non-empty labels of at most 63 bytes, none starting with `xn--` (IDNA
/// checks those), the last one starting with a letter (so it is not read as an IPv4
/// address), at most 253 bytes, directly followed by `/` (no port, no user info, no
/// trailing `.`); then only bytes no part of an http(s) URL percent-encodes or rewrites
/// (ASCII letters, digits, `-._~!$&()*+,;=:@/?#` and `%` starting a two-hex-digit escape);
/// and no path segment starting with `.` or `%2e` (dot segments are removed).
pub(super) fn is_serialized_http(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return false;
    };
    let b = rest.as_bytes();
    let host_len = b
        .iter()
        .position(|&c| !matches!(c, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-'))
        .unwrap_or(b.len());
    if b.get(host_len) != Some(&b'/') || !plain_host(&rest[..host_len]) {
        return false;
    }
    serialized_after_host(&b[host_len..])
}

/// What a byte after the host is to [`serialized_after_host`]: kept as written in every part
/// ([`KEPT`]), a `/` that may start a dot segment, a `%` that must start an escape, the
/// `?` or `#` that ends the path, or a byte some part escapes or rewrites ([`OTHER`]).
const KEPT: u8 = 0;
const SLASH: u8 = 1;
const PERCENT: u8 = 2;
const PATH_END: u8 = 3;
const OTHER: u8 = 4;

/// [`KEPT`], [`SLASH`], [`PERCENT`], [`PATH_END`] or [`OTHER`] for every byte.
const CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let kept = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&()*+,;=:@";
    let mut i = 0;
    while i < kept.len() {
        t[kept[i] as usize] = KEPT;
        i += 1;
    }
    t[b'/' as usize] = SLASH;
    t[b'%' as usize] = PERCENT;
    t[b'?' as usize] = PATH_END;
    t[b'#' as usize] = PATH_END;
    t
};

/// What [`serialized_after_host`] needs to know of a byte, one bit each: refused
/// ([`OTHER`]), a `%` (escapes to check), a `?` or `#` (the path ends before the text does).
const REFUSED_BIT: u8 = 1;
const ESCAPE_BIT: u8 = 2;
const PATH_END_BIT: u8 = 4;

/// [`CLASS`] as the bits of [`serialized_after_host`]'s one pass.
static FLAGS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match CLASS[b] {
            OTHER => REFUSED_BIT,
            PERCENT => ESCAPE_BIT,
            PATH_END => PATH_END_BIT,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// Whether the path segment at `tail[at..]` starts with `.` or `%2e` (a dot segment the `url`
/// crate would resolve away).
fn dot_segment_at(tail: &[u8], at: usize) -> bool {
    let next = tail.get(at..).unwrap_or_default();
    next.first() == Some(&b'.')
        || next
            .get(..3)
            .is_some_and(|e| e.eq_ignore_ascii_case(b"%2e"))
}

/// True when `tail`, the text after a plain host (starting with its `/`), holds only bytes
/// no part of an http(s) URL escapes or rewrites, `%` only before two hex digits, and no
/// path segment starting with `.` or `%2e`. This runs on every proxy URL and link read, and
/// on every origin checked: the bytes are told sixteen at a time ([`FLAGS`], no stop inside
/// a block), then the few `%`, `.` and the path's end are found by `memchr`.
///
/// The same answer as reading byte by byte (`serialized_after_host_scanned`, which a
/// property test compares it with): the two hex digits an escape's `%` is followed by are
/// kept bytes, so every `%`, `/`, `?` and `#` of the text is one the byte reading stops at,
/// and the path ends at the first `?` or `#`.
fn serialized_after_host(tail: &[u8]) -> bool {
    let flag = |c: &u8| FLAGS[usize::from(*c)];
    let mut blocks = tail.chunks_exact(16);
    let mut seen = 0;
    for block in blocks.by_ref() {
        seen |= block.iter().fold(0, |seen, c| seen | flag(c));
        if seen & REFUSED_BIT != 0 {
            return false;
        }
    }
    seen |= blocks.remainder().iter().fold(0, |seen, c| seen | flag(c));
    if seen & REFUSED_BIT != 0 {
        return false;
    }
    // Searched for only when the pass saw one (most origins have no `%`, many no query).
    let escapes = seen & ESCAPE_BIT == 0
        || memchr::memchr_iter(b'%', tail).all(|i| {
            tail.get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        });
    let path = if seen & PATH_END_BIT == 0 {
        tail
    } else {
        &tail[..memchr::memchr2(b'?', b'#', tail).unwrap_or(tail.len())]
    };
    escapes
        && !memchr::memchr2_iter(b'.', b'%', path)
            .any(|i| i > 0 && path[i - 1] == b'/' && dot_segment_at(path, i))
}

/// [`serialized_after_host`] as it was, one table lookup a byte in a run of kept bytes,
/// stopping at each other byte (an oracle of its test).
#[cfg(test)]
fn serialized_after_host_scanned(tail: &[u8]) -> bool {
    let mut i = 0;
    let mut in_path = true;
    loop {
        // A run of kept bytes (most of a URL) in a tight loop, then the byte that ends it.
        let Some(run) = tail[i..]
            .iter()
            .position(|&c| CLASS[usize::from(c)] != KEPT)
        else {
            return true;
        };
        i += run;
        match CLASS[usize::from(tail[i])] {
            SLASH => {
                if in_path && dot_segment_at(tail, i + 1) {
                    return false;
                }
            }
            PERCENT => {
                let hex = tail.get(i + 1..i + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 2;
            }
            PATH_END => in_path = false,
            _ => return false,
        }
        i += 1;
    }
}

/// [`serialized_after_host`] as it was, one `match` on the byte (the oracle of its test).
#[cfg(test)]
fn serialized_after_host_matched(tail: &[u8]) -> bool {
    let mut i = 0;
    let mut in_path = true;
    while let Some(&c) = tail.get(i) {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => {}
            b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+' | b',' => {}
            b';' | b'=' | b':' | b'@' => {}
            b'?' | b'#' => in_path = false,
            b'/' => {
                if in_path && dot_segment_at(tail, i + 1) {
                    return false;
                }
            }
            b'%' => {
                let hex = tail.get(i + 1..i + 3);
                if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                    return false;
                }
                i += 2;
            }
            _ => return false,
        }
        i += 1;
    }
    true
}

/// A host of lower-case letters, digits, `.` and `-` (as [`is_serialized_http`] scanned it)
/// that the `url` crate keeps as written: see there.
fn plain_host(host: &str) -> bool {
    let b = host.as_bytes();
    if b.is_empty() || b.len() > 253 {
        return false;
    }
    let label_ok = |l: &[u8]| {
        (1..=63).contains(&l.len())
            && l.first() != Some(&b'-')
            && l.last() != Some(&b'-')
            && !l.starts_with(b"xn--")
    };
    // One pass over the bytes (a host is short: a byte loop, no search per label).
    let mut last = &b[..0];
    for label in b.split(|&c| c == b'.') {
        if !label_ok(label) {
            return false;
        }
        last = label;
    }
    // The last label starts with a letter (else the `url` crate may read an IPv4 address).
    last.first().is_some_and(u8::is_ascii_lowercase)
}

#[cfg(test)]
mod tests {
    use super::is_serialized_http;
    use url::Url;

    /// What the fast answer claims: the `url` crate reads the URL as http(s) with a host and
    /// writes it back unchanged.
    fn parses_to_itself(url: &str) -> bool {
        Url::parse(url).is_ok_and(|u| {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && u.as_str() == url
        })
    }

    #[test]
    fn examples() {
        for yes in [
            "https://example.com/wp-content/uploads/2023/04/harbor.jpg",
            "http://zkres1.myzaker.com/202403/65eab1d9f40d24dad74cedd5_1024.jpg",
            "https://a.example/p?id=1&x=%2F#frag?x",
            "https://a.example/",
            "https://a-b.example/a//b/x..",
            "https://ab--cd.example/x",
            "https://a1.b2--c.example/?/../#/./",
            "https://a.b/?",
            "https://a.b/#",
            "https://a.b/x?#?#",
        ] {
            assert!(is_serialized_http(yes), "{yes}");
            assert!(parses_to_itself(yes), "{yes}");
        }
        for no in [
            "https://Example.com/a",
            "HTTPS://example.com/a",
            "https://example.com",
            "https://example.com?x",
            "https://example.com:443/a",
            "https://u@example.com/a",
            "https://1.2.3.4/a",
            "https://a.0x1f/a",
            "https://xn--nxasmq6b.example/a",
            "https://example.com./a",
            "https://a..b/a",
            "https://example.com/./a",
            "https://example.com/%2E%2e/a",
            "https://example.com/a b",
            "https://example.com/a'b",
            "https://example.com/a\\b",
            "https://example.com/a%2",
            "https://example.com/é",
            "https:/example.com/a",
        ] {
            assert!(!is_serialized_http(no), "{no}");
        }
    }

    /// Hosts at the label and host length limits: what the check accepts parses to itself.
    #[test]
    fn hosts_at_the_length_limits() {
        let label = |n: usize| "a".repeat(n);
        let mut accepted = 0;
        for (labels, last) in [(3, 61), (3, 62), (3, 63), (4, 1), (2, 63), (1, 64)] {
            let host = std::iter::repeat_n(label(63), labels)
                .chain([label(last)])
                .collect::<Vec<_>>()
                .join(".");
            let url = format!("https://{host}/x");
            if is_serialized_http(&url) {
                accepted += 1;
                assert!(parses_to_itself(&url), "{url}");
            }
        }
        assert!(accepted >= 2, "{accepted}");
    }

    /// Pieces of URLs near every edge of the check: cases, ports, user info, IPv4 forms,
    /// IDNA labels, dot segments plain and escaped, bytes some part of a URL escapes.
    const EDGES: &[&str] = &[
        "Z",
        "-",
        ".",
        "..",
        "/.",
        "/..",
        "/%2e",
        "/%2E.",
        "\\",
        "?",
        "#",
        "%",
        "%2e",
        "%2E",
        "%zz",
        "%2",
        ":",
        ":80",
        ":443",
        "@",
        "xn--",
        "xn--nxasmq6b",
        "0x",
        "0x1f",
        "é",
        " ",
        "\t",
        "'",
        "\"",
        "<",
        ">",
        "`",
        "{",
        "}",
        "^",
        "|",
        "[",
        "]",
        "1.2.3.4",
        "%00",
        "\u{7f}",
        "ß",
        "ＡＢ",
        "",
        "a-",
        "-a",
        ".1",
        ".0x1",
        "\n",
    ];

    /// Pieces the check accepts on their own, most of the time.
    const PLAIN: &[&str] = &[
        "a",
        "b",
        "0",
        "9",
        "com",
        "example",
        "localhost",
        "/",
        "//",
        ".",
        "~",
        "!",
        "$",
        "&",
        "(",
        ")",
        "*",
        "+",
        ",",
        ";",
        "=",
        "_",
        "%41",
        "%2f",
        "x.y",
        "?",
        "#",
        ":",
        "@",
    ];

    /// Pieces of hosts the check accepts, joined (most of the time).
    const HOST: &[&str] = &["a", "b", "com", "example", "x9", ".", "ab-c", "www."];

    /// A piece: plain four times in five.
    /// `plain_host` as it was, with splitters (the oracle).
    fn plain_host_split(host: &str) -> bool {
        if host.is_empty() || host.len() > 253 {
            return false;
        }
        let label_ok = |l: &str| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && !l.starts_with("xn--")
        };
        let last = host.rsplit('.').next().unwrap_or_default();
        last.as_bytes().first().is_some_and(u8::is_ascii_lowercase) && host.split('.').all(label_ok)
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// The one-pass label reading answers as the splitters did.
        #[test]
        fn plain_hosts_read_as_split(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                ".", "..", "a", "example", "com", "xn--", "xn-", "-", "a-", "-a", "1", "9z",
                "x", "é",
            ][..]), 0..8),
            long in proptest::option::of(0usize..3),
        ) {
            let mut host: String = pieces.concat();
            if let Some(n) = long {
                // Labels and hosts around the length limits (63, 253).
                host.push_str(&"a".repeat([62, 63, 64][n]));
                if n == 2 {
                    host = format!("{host}.{}", "b".repeat(190));
                }
            }
            proptest::prop_assert_eq!(super::plain_host(&host), plain_host_split(&host), "{:?}", host);
        }
    }

    fn piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::prop_oneof![
            4 => proptest::sample::select(PLAIN),
            1 => proptest::sample::select(EDGES),
        ]
    }

    /// A piece of a host: plain four times in five.
    fn host_piece() -> impl proptest::strategy::Strategy<Value = &'static str> {
        proptest::prop_oneof![
            4 => proptest::sample::select(HOST),
            1 => proptest::sample::select(EDGES),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(20_000))]
        /// Whatever the check accepts, the `url` crate writes back unchanged.
        #[test]
        fn accepted_urls_parse_to_themselves(
            scheme in proptest::sample::select(&["http://", "https://", "HTTP://", "http:/", "https:\\\\", "ftp://"][..]),
            host in proptest::collection::vec(host_piece(), 0..5),
            path in proptest::collection::vec(piece(), 0..10),
            slash in proptest::bool::weighted(0.8),
        ) {
            let url = format!("{scheme}{}{}{}", host.concat(), if slash { "/" } else { "" }, path.concat());
            if is_serialized_http(&url) {
                proptest::prop_assert!(parses_to_itself(&url), "{:?} -> {:?}", url, Url::parse(&url).map(String::from));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(20_000))]
        /// Byte by byte over an alphabet of every byte class the check tells apart (and
        /// some it never accepts), after a plain scheme: whatever it accepts, the `url` crate
        /// writes back unchanged.
        #[test]
        fn accepted_byte_strings_parse_to_themselves(
            scheme in proptest::sample::select(&["http://", "https://"][..]),
            host in proptest::sample::select(&["a.b", "example.com", "x9.y-z", "a", "1.b", "a.1", "A.b", ""][..]),
            body in proptest::collection::vec(proptest::sample::select(
                &b"ab0z9..//%2eE?#:@x-n_~!$&()*+,;=A\\ \t\n'\"<>`{}^|[]"[..]), 0..16),
        ) {
            let url = format!("{scheme}{host}/{}", String::from_utf8_lossy(&body));
            if is_serialized_http(&url) {
                proptest::prop_assert!(parses_to_itself(&url), "{:?} -> {:?}", url, Url::parse(&url).map(String::from));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(20_000))]
        /// The table lookup answers as the `match` did, on every byte (all 256 are drawn).
        #[test]
        fn the_table_answers_as_the_match(
            tail in proptest::collection::vec(proptest::prop_oneof![
                3 => proptest::sample::select(&b"/%.2eE?#aZ9-_~%"[..]),
                1 => proptest::num::u8::ANY,
            ], 0..12),
        ) {
            proptest::prop_assert_eq!(
                super::serialized_after_host(&tail),
                super::serialized_after_host_matched(&tail),
                "{:?}", tail
            );
            proptest::prop_assert_eq!(
                super::serialized_after_host_scanned(&tail),
                super::serialized_after_host_matched(&tail),
                "{:?}", tail
            );
        }

        /// The block reading answers as the byte reading on tails of several blocks, whose
        /// refused bytes, escapes, dot segments and path ends fall anywhere in a block.
        #[test]
        fn the_block_reading_answers_as_the_byte_reading(
            tail in proptest::collection::vec(proptest::prop_oneof![
                12 => proptest::sample::select(&b"ab0z9-_~&=:@"[..]),
                4 => proptest::sample::select(&b"/%.2eE?#"[..]),
                1 => proptest::num::u8::ANY,
            ], 0..70),
        ) {
            proptest::prop_assert_eq!(
                super::serialized_after_host(&tail),
                super::serialized_after_host_matched(&tail),
                "{:?}", tail
            );
        }
    }

    /// The generator above reaches the accepting side often (the property is not vacuous).
    #[test]
    fn the_property_sees_accepted_urls() {
        use proptest::strategy::{Strategy, ValueTree};
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let strategy = (
            proptest::collection::vec(host_piece(), 0..5),
            proptest::collection::vec(piece(), 0..10),
        );
        let accepted = (0..2000)
            .filter(|_| {
                let (host, path) = strategy.new_tree(&mut runner).unwrap().current();
                is_serialized_http(&format!("https://{}/{}", host.concat(), path.concat()))
            })
            .count();
        assert!(accepted >= 200, "only {accepted} of 2000 accepted");
    }
}
