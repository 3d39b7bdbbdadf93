//! The quick screen says no only where the full screen does: on URLs made of the pieces of
//! every mark (whole, cut, in other cases) and filler, after every prefix it reads.

use super::super::may_be_proxy_full;
use super::quick_no;
use proptest::prelude::*;

/// Pieces of every mark of the full screen and of its host test, cut and whole, and the
/// bytes around them.
const PIECES: &[&str] = &[
    "http",
    "HTTP",
    "hTtP",
    "tp",
    "TP",
    "ht",
    "%",
    "%68",
    "%2e",
    "%25",
    "%3A",
    "url=",
    "URL=",
    "rl",
    "l=",
    "href=",
    "HREF=",
    "hr",
    "f=",
    "=",
    "aHR0c",
    "aH/R0c",
    "H",
    "R",
    "/R",
    "\\R",
    "3a2f2f",
    "/unsafe/",
    ",b64/",
    "/aHR0c",
    "/cdn-cgi/image/w=1/",
    "3A2F2F",
    "2f",
    "2F",
    "unsafe",
    "af",
    ",b64",
    ",b",
    ",",
    "i0.wp.com",
    ".WP.COM",
    "wp",
    "p.",
    "p",
    "P",
    ".",
    "_ipx",
    "_IP",
    "_i",
    "ip",
    "cdn-cgi",
    "n-",
    "cg",
    "-",
    "/",
    "\\",
    "/./",
    "/..",
    "?",
    "#",
    ":",
    "@",
    "a",
    "x",
    "0",
    "9",
    "o",
    "O",
    "g",
    "G",
    "io",
    "example",
    "cdn.statically.io",
    "cloudimg.io",
    "x.cdn.ampproject.org",
    "x.translate.goog",
    "é",
    ":80",
    "cloudimg.io:8080/",
    "u@",
    "okK5PsdNY8F082UMQEAbLPeUFfbe=",
    "wp-content/uploads/a.jpg",
    ".jpg",
    ".png",
    " ",
    "\t",
];

/// The starts the quick screen reads, and others it leaves to the full screen.
const STARTS: &[&str] = &[
    "https://",
    "http://",
    "//",
    "/",
    "",
    "HTTPS://",
    "https:",
    "https:///",
    "http:\\\\",
    " https://",
    "\thttp://",
    "h",
    "x",
    "data:",
    "#",
    "//\\",
    "mailto:",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]
    /// Wherever the quick screen says no, the full screen says no.
    #[test]
    fn never_stricter_than_the_full_screen(
        start in proptest::sample::select(STARTS),
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..10),
    ) {
        let url = format!("{start}{}", pieces.concat());
        if quick_no(&url) {
            prop_assert!(!may_be_proxy_full(&url), "{:?}", url);
        }
    }

    /// The same with ASCII tabs and newlines put in anywhere: where the quick screen says no
    /// to the URL as written, the full one says no to it as the parser reads it.
    #[test]
    fn never_stricter_with_tabs_and_newlines_inside(
        start in proptest::sample::select(STARTS),
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..10),
        breaks in proptest::collection::vec((0usize..200, proptest::sample::select(&["\t", "\n", "\r", "\r\n"][..])), 0..3),
    ) {
        let mut url = format!("{start}{}", pieces.concat());
        for (at, text) in breaks {
            let mut at = at % (url.len() + 1);
            while !url.is_char_boundary(at) {
                at -= 1;
            }
            url.insert_str(at, text);
        }
        if quick_no(&url) {
            prop_assert!(!may_be_proxy_full(&crate::url_text::as_parsed(&url)), "{:?}", url);
        }
    }

    /// The same on arbitrary text after each start (bytes the pieces do not hold).
    #[test]
    fn never_stricter_on_any_text(
        start in proptest::sample::select(STARTS),
        rest in "\\PC{0,40}",
    ) {
        let url = format!("{start}{rest}");
        if quick_no(&url) {
            prop_assert!(!may_be_proxy_full(&url), "{:?}", url);
        }
    }
}

/// Plain image and link URLs are answered by the quick screen; proxies and URLs with a
/// mark are not.
#[test]
fn answers_plain_urls() {
    for no in [
        "https://example.com/wp-content/uploads/2023/04/a.jpg",
        "https://cdn.example-news.com/2024/01/12/photo.png?w=300",
        "//upload-images.jianshu.io/upload_images/1234-abcd.png",
        "http://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg",
        "data:image/gif;base64,R0lGOD",
        "#top",
        "/2023/04/winter-morning-old-harbor/#respond",
        "//upload-images.jianshu.io/upload_images/11928840-3fa48eaf42698652.jpg",
        "https://pixel.wp.com/g.gif?v=ext&blog=190437285&rand=0.8120374416",
        "https://pic3.zhimg.com/v2-9df3035ea0b3195e2ff1ac32c996d3ae_b.png",
        "https://p9-juejin.byteimg.com/tos-cn-i-k3u1fbpfcp/6cd05efd02~tplv-k3u1fbpfcp-watermark.image?",
        "mailto:a@example.com",
    ] {
        assert!(quick_no(no), "{no}");
        assert!(!may_be_proxy_full(no), "{no}");
    }
    for maybe in [
        "https://i0.wp.com/example.com/a.jpg",
        "https://x.workers.dev/?https://a.example/a.jpg",
        "https://wsrv.nl/?url=example.com/a.jpg",
        "https://example.com/a%20b.jpg",
        "https://cdn.statically.io/img/a.example/a.jpg",
        "/_next/image?url=%2Fa.jpg",
        " https://example.com/a.jpg",
        "HTTPS://example.com/a.jpg",
        "https:///example.com/a.jpg",
    ] {
        assert!(!quick_no(maybe), "{maybe}");
    }
}

/// No pair starts with the NUL byte ([`super::pairs_in`] reads it as the byte before the
/// first): it starts the single bytes only.
#[test]
fn nul_starts_no_pair() {
    use super::bit::{EQ, PCT, R, TAB_NL};
    assert_eq!((super::TABLE[0] >> 32) as u32, PCT | R | EQ | TAB_NL);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]
    /// The bits are those of every adjacent pair and single byte, read one pair at a time.
    #[test]
    fn pairs_in_reads_every_pair(
        bytes in proptest::collection::vec(proptest::sample::select(
            &b"htpHTP%=R/\\.wi0_lrfn-cg3a2F,b\t\nxs"[..]), 0..23),
    ) {
        let table = &super::TABLE;
        let ends = |b: u8| table[usize::from(b)] as u32;
        let starts = |b: u8| (table[usize::from(b)] >> 32) as u32;
        let mut want = 0;
        let mut before = 0u8;
        for &b in &bytes {
            want |= starts(before) & ends(b);
            before = b;
        }
        prop_assert_eq!(super::pairs_in(table, &bytes), want, "{:?}", bytes);
    }
}
