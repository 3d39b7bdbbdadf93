//! Tests of the screen: the property test that it is never stricter than the recognisers,
//! and its marks one by one.

use super::{
    is_slash, may_be_proxy, plain_host, same_site_marks, scheme_less_host, SAME_SITE_NAMES,
    SCHEME_LESS_HOSTS,
};
use crate::proxy::{decode, generic, known};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

/// True when a built-in recogniser or the generic fallback accepts `url` (one layer, with
/// the safety gate): the screen must then let it through.
fn recognised(url: &str) -> bool {
    let gate = |c: Option<String>| c.and_then(|c| decode::finalize(&c)).is_some();
    let trimmed = url.trim_ascii();
    if trimmed.starts_with('/') && !trimmed[1..].starts_with(['/', '\\']) {
        // Root-relative: only the same-site optimisers, as `Unwrapper::unwrap` does.
        let Some(parsed) = url::Url::parse("https://same-site.invalid/")
            .ok()
            .and_then(|base| base.join(trimmed).ok())
        else {
            return false;
        };
        let parsed = crate::proxy::parsed::Parsed::from(parsed);
        let segs = known::segments(&parsed);
        return known::SAME_SITE
            .iter()
            .any(|recognise| gate(recognise(&parsed, &segs)));
    }
    let Some(parsed) = decode::parse_input(url) else {
        return false;
    };
    let segs = known::segments(&parsed);
    known::BUILT_INS
        .iter()
        .any(|(_, recognise)| gate(recognise(&parsed, &segs)))
        || gate(generic::generic(&parsed, &segs))
}

/// xorshift64: `next(n)` is in `0..n`.
pub(crate) fn rng(mut state: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    }
}

/// `text` with some bytes percent-escaped (hex in either case), and some of those `%`
/// escaped again as `%25`, as pages and proxies write them.
fn escape_some(text: &str, next: &mut impl FnMut(usize) -> usize) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if next(3) == 0 {
            let escaped = match next(2) {
                0 => format!("{byte:02x}"),
                _ => format!("{byte:02X}"),
            };
            out.push_str(if next(4) == 0 { "%25" } else { "%" });
            out.push_str(&escaped);
        } else {
            out.push(char::from(byte));
        }
    }
    out
}

/// `text` cut into segments at random places by `/`, `//`, `\` or `/./`.
fn split_some(text: &str, next: &mut impl FnMut(usize) -> usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if next(5) == 0 {
            out.push_str(["/", "//", "\\", "/./"][next(4)]);
        }
        out.push(c);
    }
    out
}

/// One URL of a proxy format, its origin encoded the way the format does, with the
/// variations the recognisers accept: escaped scheme letters, split base64, any case,
/// `\` for `/`, ports, dot segments.
pub(crate) fn proxy_shape(next: &mut impl FnMut(usize) -> usize) -> String {
    const ORIGINS: &[&str] = &[
        "https://example.com/a.png",
        "http://example.com/a.jpg",
        "HTTPS://Example.com/A.png",
        "hTtP://example.com/x?y=1",
    ];
    const ESCAPED: &[&str] = &[
        "https://x.workers.dev/?",
        "https://img.example/resize?src=",
        "https://corsproxy.io/?url=",
        "https://api.codetabs.com/v1/proxy?quest=",
        "https://demo.imgix.net/",
        "https://ci3.googleusercontent.com/proxy/AbC=s0#",
        "https://imgproxy.example/_/rs:fit:300:0/plain/",
        "https://proxy.example/",
        "https://thumbor.example/unsafe/300x200/",
        "https://res.cloudinary.com/demo/image/fetch/w_300/",
        "http://nimg.ws.126.net/?url=",
        "https://imageproxy.example/100x/",
        "https://substackcdn.com/image/fetch/$s_!AbC!,w_1456,c_limit/",
        "https://substackcdn.com/image/fetch/%24s_%21AbC%21,w_1456/",
        "https://shop.example/_next/image?url=",
        "https://site.example/.netlify/images?url=",
        "https://app.example/_vercel/image?url=",
        "https://site.example/_gatsby/image/a1/b2/c.jpg?u=",
        "https://external-content.duckduckgo.com/iu/?u=",
        "https://tse1.mm.bing.net/th?u=",
        "https://external.fsgn2-1.fna.fbcdn.net/safe_image.php?w=500&url=",
        "https://ci3.googleusercontent.com/meips/AbC=s0-d-e1-ft#",
        "https://example.com/cdn-cgi/image/width=80,quality=75/",
        "https://site.example/_ipx/w_200,f_webp/",
        "https://cdn.shortpixel.ai/spai/w_924+q_lossy/",
        "https://ml1.i.optimole.com/w:1024/q:mauto/",
        "https://img.example-cdn.net/w_300,q_80/",
        "https://site.example/_image?href=",
        "https://example.com/cdn-cgi/image/trim.left=10,slow-connection-quality=40/",
        "https://demo-res.cloudinary.com/image/fetch/f_auto/",
        "https://ik.imagekit.io/demo/tr:w-300/",
        "https://demo.cloudimg.io/v7/",
        "https://s.yimg.com/ny/api/res/1.2/AbC--/YXBwaWQ9aGlnaA--/",
        "https://slack-imgs.com/?c=1&url=",
        "https://misskey.example/proxy/image.webp?url=",
        "https://lemmy.example/api/v3/image_proxy?url=",
        "https://gimg2.baidu.com/image_search/src=",
        "https://read.html5.qq.com/image?src=forum&imageUrl=",
        "https://media2.dev.to/dynamic/image/width=800,height=/",
        "https://rss.example/backend.php?plugin=af_proxy_http&url=",
        "https://thumbor.example/unsafe/filters:watermark(https://w.example/w.png,0,0,9)/",
        "https://ecp.yusercontent.com/mail?url=",
        "https://mail.proton.me/api/core/v4/images?Url=",
        "https://pocket-image-cache.com//filters:format(jpg)/",
        "https://search.pstatic.net/common/?src=",
        "https://img1.daumcdn.net/thumb/R800x0/?fname=",
    ];
    const BASE64: &[&str] = &[
        "https://imgproxy.example/AfrOrF3gWeDA6VOl/rs:fit:300:0/",
        "https://camo.example/vO2Oz3NhKx3qyRCt0aAqLZ5mfIk/",
        "https://www.inoreader.com/camo/syTLE,b64/",
        "https://reader.example/proxy/okK5PsdNY8F082UMQEAbLPeUFfbe2WnNfInNmR9T4WA=/",
        "https://imageproxy.example/x/",
        "https://pleroma.example/proxy/AbC-12_x/",
        "https://pleroma.example/proxy/preview/AbC-12_x/",
    ];
    const HOSTS: &[&str] = &[
        "https://i0.wp.com/example.com/a.jpg",
        "https://thumbor.example/unsafe/example.com/a.jpg",
        "https://thumbor.example/oTZIsOOL0qjVnvsQm4Yo8gZp3PE=/example.com/a.jpg",
        "https://mirror.example/https/example.com/a.png",
        "https://wsrv.nl/?url=example.com/a.jpg",
        "https://cdn.statically.io/img/example.com/w=300/a.jpg",
        "https://cdn.statically.io/img/example.com/images/a.svg",
        "https://images-ext-1.discordapp.net/external/AbC/https/example.com/a.png",
        "https://media.discordapp.net/external/AbC/%3Fv%3D1/http/example.com/a.svg",
        "https://example.com/cdn-cgi/image/width=80/uploads/a.svg",
        "https://site.example/_ipx/_/images/a.svg",
        "https://shop.example/_next/image?url=%2Fimages%2Fa.png&w=64",
        "https://thumbor.example/unsafe/300x200/example.com/a.svg",
        "https://example-com.cdn.ampproject.org/i/s/example.com/a.svg",
        "https://example-com.cdn.ampproject.org/ii/w820/example.com/a.svg?x=1",
        "https://demo.cloudimg.io/v7/example.com/a.svg?w=300",
        "https://demo.cloudimg.io/example.com/images/a.svg",
        "https://site.example/_image?href=%2Fa.svg&w=64",
        "https://example.com/cdn-cgi/image/trim.left=1/a.svg",
        "https://example-com.translate.goog/a.svg?_x_tr_sl=auto",
        "https://my--site-example-org.translate.goog/p/a.svg",
    ];
    const RELATIVE: &[&str] = &[
        "/_next/image?url=%2Fa.png&w=64&q=75",
        "/blog/_next/image?url=/a.svg&w=64",
        "/cdn-cgi/image/width=80/a.svg",
        "/cdn-cgi/image/w=80,f=auto/https://x.example/a.svg",
        "/_ipx/w_200/a.svg",
        "/_ipx/_/https://x.example/a.svg",
        "/.netlify/images?url=/a.svg&w=400",
        "/_vercel/image?url=%2Fa.svg&w=64",
        "/_gatsby/image/a/b/c.svg?u=https%3A%2F%2Fx.example%2Fa.svg",
        "/_image?href=%2F_astro%2Fa.svg&w=64&f=webp",
        "/docs/_image?href=/a.svg",
        "/cdn-cgi/image/slow-connection-quality=30/a.svg",
    ];
    if next(6) == 0 {
        let url = RELATIVE[next(RELATIVE.len())];
        return match next(4) {
            0 => url.replacen('/', "/./", 2),
            1 => url.replacen('/', "/x/../", 1),
            2 => format!(" {}", url.replace('/', "\\").replacen('\\', "/", 1)),
            _ => url.to_owned(),
        };
    }
    let origin = ORIGINS[next(ORIGINS.len())];
    let url = match next(4) {
        0 => format!(
            "{}{}",
            ESCAPED[next(ESCAPED.len())],
            escape_some(origin, next)
        ),
        1 => {
            let encoded = URL_SAFE_NO_PAD.encode(origin);
            let encoded = match next(3) {
                0 => split_some(&encoded, next),
                1 => escape_some(&encoded, next),
                _ => encoded,
            };
            format!("{}{encoded}", BASE64[next(BASE64.len())])
        }
        2 => {
            let hex: String = origin.bytes().map(|b| format!("{b:02x}")).collect();
            let hex = if next(2) == 0 {
                hex.to_uppercase()
            } else {
                hex
            };
            format!("https://camo.githubusercontent.com/0d2b0b6e/{hex}")
        }
        _ => HOSTS[next(HOSTS.len())].to_owned(),
    };
    // Whole-URL variations: host case and port, `\` for `/`, a dot segment.
    let (scheme, rest) = url.split_at(8);
    let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    let host = match next(4) {
        0 => host.to_uppercase(),
        1 => format!("{host}:8080"),
        2 => host.replacen('.', "%2E", 1),
        _ => host.to_owned(),
    };
    let path = match next(4) {
        0 => path.replace('/', "\\"),
        1 => path.replacen('/', "/./", 1),
        2 => path.replacen('/', "/x/../", 1),
        _ => path.to_owned(),
    };
    format!("{scheme}{host}{path}")
}

/// `url` with one to three ASCII tabs or newlines put in at random places (never inside a
/// UTF-8 character).
pub(crate) fn with_tab_or_newline(url: &str, next: &mut impl FnMut(usize) -> usize) -> String {
    let mut out = url.to_owned();
    for _ in 0..=next(3) {
        let mut at = next(out.len() + 1);
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.insert_str(at, ["\t", "\n", "\r", "\r\n"][next(4)]);
    }
    out
}

/// Whenever a recogniser accepts a URL, the screen lets it through: for proxy URLs of
/// every format with their encodings varied, and for URLs made of mark pieces, broken
/// pieces and filler.
#[test]
fn never_stricter_than_the_recognisers() {
    const PIECES: &[&str] = &[
        "http",
        "HtTp",
        "htt",
        "ttp",
        "%68",
        "%48",
        "%74",
        "%50",
        "%25",
        "%2e",
        "%3A",
        "%2F",
        "url=",
        "URL",
        "rl=",
        "aHR0c",
        "aH/R0c",
        "aHR0",
        "HR0c",
        "3a2f2f",
        "3A2F",
        ".wp.com/",
        ".WP.COM",
        "wp.com",
        "unsafe",
        "/unsafe/",
        ",b64/",
        "SFRUUDov",
        "=",
        "/",
        "//",
        "\\",
        "/./",
        "?",
        "#",
        ":",
        "a",
        "p",
        "R",
        "f",
        ".",
        "x",
        "example.com",
        "i0.wp.com",
        "okK5PsdNY8F082UMQEAbLPeUFfb",
        "_next/image?url=",
        "/.netlify/images?url=",
        "cdn-cgi/image/",
        "width=80",
        "w_200",
        "_ipx/",
        "_/",
        "cdn.statically.io/img/",
        "/external/h/",
        "https/",
        "%3Fa%3D1/",
        "meips/x#",
        "substackcdn.com/image/fetch/",
        "a.svg",
        "x.cdn.ampproject.org/i/s/",
        "CDN.AMPPROJECT.ORG/",
        "/ii/w80/",
        "cloudimg.io/v7/",
        "_image?href=",
        "href=",
        "trim.left=1",
        "/proxy/preview/",
        "image.webp?url=",
        "x.translate.goog/",
        "TRANSLATE.GOOG/",
        "I7.Wp.CoM/",
        "pixel.wp.com/",
        "i",
        "I",
        "4",
        "i4",
        ".Wp.com:80/",
        "\t",
        "\n",
        "\r\n",
    ];
    // 12,000 rounds from a fixed seed, unless `PROPTEST_CASES` and `PROPTEST_RNG_SEED` (as
    // for the property tests) ask for more rounds or another seed.
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
    };
    let rounds = env("PROPTEST_CASES").map_or(12_000, |r| usize::try_from(r).unwrap_or(usize::MAX));
    let mut next = rng(env("PROPTEST_RNG_SEED").map_or(0x2545_f491_4f6c_dd1d, |s| s.max(1)));
    let (mut recognised_count, mut failures) = (0, Vec::new());
    for round in 0..rounds {
        let url = if round % 2 == 0 {
            proxy_shape(&mut next)
        } else {
            let mut url = ["https://", "HTTP://", "//", "/"][next(4)].to_owned();
            for _ in 0..next(9) {
                url.push_str(PIECES[next(PIECES.len())]);
            }
            url
        };
        // A tab or a line break anywhere, as a page may write one inside an attribute: the
        // URL parser removes it, so the recognisers read the URL without it.
        let url = if next(4) == 0 {
            with_tab_or_newline(&url, &mut next)
        } else {
            url
        };
        if recognised(&url) {
            recognised_count += 1;
            // The screen on the URL as written (it reads it as the parser does).
            if !may_be_proxy(&url) {
                failures.push(url);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "screened out:\n{}",
        failures.join("\n")
    );
    assert!(
        recognised_count > rounds / 4,
        "only {recognised_count} recognised"
    );
}

#[test]
fn plain_hosts() {
    assert_eq!(
        plain_host("https://Img.Example.com/a"),
        Some("Img.Example.com")
    );
    assert_eq!(plain_host(" //a.example?x"), Some("a.example"));
    assert_eq!(plain_host("http://a.example"), Some("a.example"));
    assert_eq!(plain_host("http://a.example\\x"), Some("a.example"));
    // Any run of slashes and backslashes after a special scheme (or none) comes before the
    // host, as the URL parser reads it.
    for spelled in [
        "http:///a.example/",
        "http:a.example/",
        "HTTPS:\\\\a.example/",
        "//\\a.example/",
    ] {
        assert_eq!(plain_host(spelled), Some("a.example"), "{spelled}");
        if !spelled.starts_with('/') {
            assert_eq!(
                url::Url::parse(spelled).unwrap().host_str(),
                Some("a.example"),
                "{spelled}"
            );
        }
    }
    for other in [
        "http://a.example:8080/",
        "http://u@a.example/",
        "http://%61.example/",
        "http://a\texample/",
        "http://例子.cn/",
        "/a.example/",
        "ftp://a.example/",
    ] {
        assert_eq!(plain_host(other), None, "{other}");
    }
}

#[test]
fn marks() {
    for yes in [
        "https://x.example/?HTTP://a",
        "//x.example/a?URL=b",
        " https://x.example/aHR0cHM6",
        "https://x.example/687474703a2f2f",
        "https://x.example/485454503A2F2F",
        "https://x.example/aH/R0c",
        "https://x.example/?%68ttp",
        "https://x.example/?h%2574tp",
        "https://I0.WP.COM:8080/a.example/b.jpg",
        "https://i0.wp%2Ecom/a.example/b.jpg",
        "https://x.example\\unsafe\\a.jpg",
        "https://x.example/c/s,b64/SFRUUDov",
        "https://i0.wp.com/a.example/b.jpg",
        "https://u:p@I9.Wp.CoM./a.example/b.jpg",
        "https://x.example/unsafe/a.jpg",
        "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=/x",
        "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=",
        "///x.example/p?u=http%3A",
        "/_next/image?url=%2Fa.png&w=64",
        " /cdn-cgi/image/width=80/a.svg",
        "https://x.example/_ipx/_/a.svg",
        "https://x.example/cdn-cgi/image/width=80/a.svg",
        "https://x.example/cdn-cgi/./image/fit=cover/a.svg",
        "https://CDN.Statically.IO:443/img/a.example/b.svg",
        "https://u@cdn.statically.io./img/a.example/b.svg",
    ] {
        assert!(may_be_proxy(yes), "{yes}");
    }
    for no in [
        "https://cdn.example.com/images/a.jpg",
        "https://x.example/okK5PsdNY8F082UMQEAbLPeUFf=/x",
        "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfbx=/x",
        "https://x.example/a%20b.jpg?q=%E4%B8%AD",
        "https://x.example/aH/x/R0c",
        "https://s0.wp.community/a.jpg",
        "https://pixel.wp.com/g.gif?v=ext&blog=1&srv=a.example",
        "https://i0.xwp.com/a.example/b.jpg",
        "data:image/png;base64,aHR0cHM6",
        "/relative/http/a.jpg",
        "/images/a.svg?w=80",
        "//x.example/a.svg?w=80&h=60",
        "https://statically.io.example/img/a.example/b.svg",
        "ftp://x.example/?http://a",
        "",
    ] {
        assert!(!may_be_proxy(no), "{no}");
    }
}

/// Each same-site name's place of its `_`, `.` or `-` is right.
#[test]
fn same_site_anchors() {
    for &(name, at) in SAME_SITE_NAMES {
        assert!(matches!(name[at], b'_' | b'.' | b'-'), "{name:?}");
    }
}

/// The one-pass look for the same-site names answers as a search for each name does, on
/// texts made of those names, their pieces and the bytes the pass stops at.
#[test]
fn same_site_marks_as_a_search_per_name() {
    const PIECES: &[&str] = &[
        "_next", "_nex", "next", ".netlify", ".netlif", "netlify", "_vercel", "_gatsby", "_ipx",
        "_ip", "_image", "_imag", "cdn-cgi", "cdn-", "-cgi", "cdn", "_", ".", "-", "/", "a", "x",
        "N", "%2e",
    ];
    let searched = |text: &[u8]| {
        SAME_SITE_NAMES
            .iter()
            .any(|(name, _)| memchr::memmem::find(text, name).is_some())
    };
    let mut next = rng(0x9e37_79b9_7f4a_7c15);
    let mut hits = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(8) {
            text.push_str(PIECES[next(PIECES.len())]);
        }
        let want = searched(text.as_bytes());
        hits += usize::from(want);
        assert_eq!(same_site_marks(text.as_bytes()), want, "{text:?}");
    }
    assert!(hits > 2_000, "only {hits} texts name one");
}

/// The host screen as it was written before its shortcuts: per-byte searches, every name
/// compared.
fn scheme_less_host_plainly(bytes: &[u8]) -> bool {
    let host_start = bytes.iter().position(|b| !is_slash(b)).unwrap_or(0);
    let end = bytes[host_start..]
        .iter()
        .position(is_slash)
        .map_or(bytes.len(), |end| host_start + end);
    let host = &bytes[..end];
    let host = host
        .iter()
        .rposition(|&b| b == b'@')
        .map_or(host, |at| &host[at + 1..]);
    let host = match host.iter().rposition(|&b| b == b':') {
        Some(colon) if host[colon + 1..].iter().all(u8::is_ascii_digit) => &host[..colon],
        _ => host,
    };
    let host = host.strip_suffix(b".").unwrap_or(host);
    SCHEME_LESS_HOSTS.iter().any(|&(name, subdomains)| {
        host.eq_ignore_ascii_case(name)
            || subdomains
                && host.len() > name.len()
                && host[host.len() - name.len()..].eq_ignore_ascii_case(name)
                && host[host.len() - name.len() - 1] == b'.'
    })
}

/// The host screen's `memchr` searches and its look at the last byte answer as the plain
/// one, on hosts made of the names, their pieces, ports, user info and path bytes.
#[test]
fn scheme_less_host_as_written_plainly() {
    assert!(SCHEME_LESS_HOSTS
        .iter()
        .all(|(name, _)| matches!(name.last(), Some(b'o' | b'g'))));
    const PIECES: &[&str] = &[
        "cdn.statically.io",
        "CDN.AMPPROJECT.ORG",
        "cdn.ampproject.org",
        "cloudimg.io",
        "translate.goog",
        "TRANSLATE.GOOG",
        "a.",
        "x",
        ".",
        "/",
        "\\",
        "@",
        ":",
        "80",
        ":443",
        "o",
        "G",
        "io",
        "goog",
        "user@",
        "?",
        "é",
    ];
    let mut next = rng(0x2545_f491_4f6c_dd1d);
    let mut hits = 0;
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(7) {
            text.push_str(PIECES[next(PIECES.len())]);
        }
        let want = scheme_less_host_plainly(text.as_bytes());
        hits += usize::from(want);
        assert_eq!(scheme_less_host(text.as_bytes()), want, "{text:?}");
    }
    assert!(hits > 500, "only {hits} hosts named");
}

/// A proxy URL with tabs and line breaks inside unwraps as it does without them (the URL
/// parser removes them, so the browser loads the same proxy URL).
#[test]
fn tabs_and_newlines_inside_change_nothing() {
    let unwrapper = crate::proxy::Unwrapper::new();
    let mut next = rng(0x7ab5_0a0d_1e55_0001);
    let mut unwrapped = 0;
    for _ in 0..3_000 {
        let url = proxy_shape(&mut next);
        let spelled = with_tab_or_newline(&url, &mut next);
        let want = unwrapper.unwrap(&url);
        unwrapped += usize::from(want.is_some());
        assert_eq!(unwrapper.unwrap(&spelled), want, "{spelled:?}");
        assert_eq!(
            crate::proxy::unwrap_redirect(&spelled),
            crate::proxy::unwrap_redirect(&url),
            "{spelled:?}"
        );
    }
    assert!(unwrapped > 1_000, "only {unwrapped} unwrapped");
}

/// `plain_host` as it was: a byte predicate, not the table (the oracle).
fn plain_host_former(url: &str) -> Option<&str> {
    let rest = super::after_scheme(url)?;
    let end = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
        .unwrap_or(rest.len());
    super::ends_plain_host(rest, end).then(|| &rest[..end])
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
    /// The table scan finds the host the byte predicate found, and tells whether it holds
    /// an upper-case letter; every byte value is tried in a host.
    #[test]
    fn plain_host_table_answers_as_the_predicate(
        head in proptest::sample::select(&["https://", "http://", "//", "HTTP:\\\\", "ftp://", " //", ""][..]),
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "a", "Z", "m", "0", "9", ".", "-", "_", ":", "@", "/", "\\", "?", "#", "%", " ",
            "\t", "é", "Img", "example.com", "sinaimg.cn", "QPIC.cn", "xn--", "~", "+",
        ][..]), 0..8),
        byte in 0u8..128,
    ) {
        let url = format!("{head}{}{}", pieces.concat(), char::from(byte));
        let cased = super::plain_host_cased(&url);
        proptest::prop_assert_eq!(cased.map(|(h, _)| h), plain_host_former(&url), "{:?}", url);
        proptest::prop_assert_eq!(plain_host(&url), plain_host_former(&url), "{:?}", url);
        if let Some((host, upper)) = cased {
            proptest::prop_assert_eq!(upper, host.bytes().any(|b| b.is_ascii_uppercase()), "{:?}", url);
            if !upper {
                proptest::prop_assert_eq!(
                    crate::proxy::refuses_hotlinking_lower(host),
                    crate::proxy::refuses_hotlinking(host),
                    "{:?}", url
                );
            }
        }
    }
}
