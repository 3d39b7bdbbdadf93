use super::is_tracker_url;

/// The look-ups by domain answer as a comparison of every entry would: on every host
/// made of the listed domains with and without subdomains, look-alike prefixes and
/// trailing dots (the same host: see `trackers_in_shapes_the_parser_normalises`), with
/// the listed paths and others.
#[test]
fn lookups_equal_a_scan_of_the_tables() {
    use super::{split_url, TRACKER_HOSTS, TRACKER_PATHS, TRACKER_PATH_PARTS};
    fn on(host: &str, domain: &str) -> bool {
        host.strip_suffix(domain)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
    }
    fn scanned(url: &str) -> bool {
        let lower = url.trim().to_ascii_lowercase();
        let (host, path) = split_url(&lower);
        // As the URL parser (the browser) reads it: a host without its trailing dot, an
        // empty path as `/`.
        let path = if host.is_some() && path.is_empty() {
            "/"
        } else {
            path
        };
        if let Some(host) = host.map(|h| h.trim_end_matches('.')) {
            if TRACKER_HOSTS.iter().any(|h| on(host, h))
                || TRACKER_PATHS.iter().any(|(h, p)| {
                    on(host, h)
                        && path
                            .strip_prefix(p)
                            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '/']))
                })
            {
                return true;
            }
        }
        TRACKER_PATH_PARTS.iter().any(|p| path.contains(p))
            || super::pixel_file_name(path)
            || super::tracker_endpoint(path)
    }
    assert!(TRACKER_PATH_PARTS.iter().all(|p| p.starts_with('/')));
    let mut domains: Vec<&str> = TRACKER_HOSTS.to_vec();
    domains.extend(TRACKER_PATHS.iter().map(|(h, _)| *h));
    domains.extend(["a.example", "com", "net", "wp.com", "book.com", ""]);
    let mut paths: Vec<String> = TRACKER_PATHS.iter().map(|(_, p)| p.to_string()).collect();
    paths.extend(TRACKER_PATH_PARTS.iter().map(|p| format!("/x{p}y")));
    paths.extend(
        [
            "",
            "/",
            "/tr?id=1",
            "/pixel?uid=1",
            "/a/collect?v=1",
            "/px.gif?e",
            "/track.jpg?id=2",
            "/trx",
            "/i/adsct/",
            "/u/a.jpg",
            "/b/s/",
            "b/ss/",
        ]
        .map(String::from),
    );
    let mut checked = 0;
    for d in &domains {
        for host in [
            d.to_string(),
            format!("x.{d}"),
            format!("x{d}"),
            format!("{d}."),
            format!("X.{}", d.to_ascii_uppercase()),
            format!("u@{d}:80"),
        ] {
            for path in &paths {
                for scheme in ["https://", "//", ""] {
                    let url = format!("{scheme}{host}{path}");
                    assert_eq!(is_tracker_url(&url), scanned(&url), "{url}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000);
}

/// `split_url` as it was written with string splits: the oracle of the byte searches.
fn split_url_plainly(url: &str) -> (Option<&str>, &str) {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"));
    match rest {
        Some(rest) => {
            let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
            let authority = authority.split(['?', '#']).next().unwrap_or("");
            let host = authority.rsplit('@').next().unwrap_or("");
            (Some(host.split(':').next().unwrap_or("")), path)
        }
        None => (None, url),
    }
}

/// The file name's stem as it was found with string splits.
fn pixel_stem_plainly(path: &str) -> &str {
    let end = path.find(['?', '#']).unwrap_or(path.len());
    let file = path[..end].rsplit('/').next().unwrap_or("");
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
    /// The byte searches of `split_url`, the path parts' look-up and the pixel file
    /// name answer as the string splits did, on URLs made of their separators, the
    /// parts, pixel words and filler.
    #[test]
    fn byte_searches_answer_as_the_splits(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "https://", "http://", "//", "/", "?", "#", "@", ":", ".", "a", "x.example",
            "u@", ":80", "/b/ss/", "/__utm.gif", "/matomo.php", "/piwik.php", "/g/collect",
            "/j/collect", "/b/s", "/g/", "pixel", "tracking", "timing", ".gif", "é",
            "scorecardresearch.com", "/tr", "px", "%2e", "%2E", "%", "2e", "/.", "Q", "X.Example",
            "/a-path-of-more-than-sixteen-bytes", "/A-PATH-OF-MORE-THAN-SIXTEEN-BYTES",
        ][..]), 0..10)
    ) {
        let url: String = pieces.concat();
        proptest::prop_assert_eq!(super::split_url(&url), split_url_plainly(&url));
        let upper = url.bytes().any(|b| b.is_ascii_uppercase());
        proptest::prop_assert_eq!(super::has_upper(url.as_bytes()), upper, "{:?}", url);
        let (_, path) = super::split_url(&url);
        let plain_part = super::TRACKER_PATH_PARTS.iter().any(|p| path.contains(p));
        proptest::prop_assert_eq!(super::has_tracker_part(path), plain_part, "{:?}", url);
        let stem = pixel_stem_plainly(path);
        let plain_pixel = stem.contains("pixel")
            && super::PIXEL_WORDS.iter().any(|w| stem.contains(w));
        proptest::prop_assert_eq!(super::pixel_file_name(path), plain_pixel, "{:?}", url);
        let plain_dot = path.contains("/.") || path.contains("/%2e");
        proptest::prop_assert_eq!(super::dot_segment(path), plain_dot, "{:?}", url);
    }

    /// Sizes and pixel styles are read as with `trim_end_matches` and a lower-cased
    /// copy of each name.
    #[test]
    fn sizes_and_styles_read_as_before(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "1", "0", "0.5", "100%", "px", "PX", " ", "!important", "!", "important", ":",
            ";", "width", "WIDTH", "Height", "height", "min-width", "MIN-HEIGHT", "max-width",
            "é", "-", "1e0",
        ][..]), 0..10),
    ) {
        let text: String = pieces.concat();
        let dimension_before = |v: &str| {
            let v = v.trim().trim_end_matches("px").trim();
            (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
                .then(|| v.parse::<u32>().ok())
                .flatten()
        };
        proptest::prop_assert_eq!(super::dimension(Some(&text)), dimension_before(&text));
        proptest::prop_assert_eq!(super::styled_pixel(&text), styled_pixel_before(&text), "{:?}", text);
    }
}

/// `styled_pixel` as it was, with a lower-cased copy of each name (the oracle).
fn styled_pixel_before(style: &str) -> bool {
    let mut w = None;
    let mut h = None;
    for decl in style.split(';') {
        let Some((k, v)) = decl.split_once(':') else {
            continue;
        };
        let v = v.trim().trim_end_matches("!important").trim();
        let px = v.strip_suffix("px").unwrap_or(v).trim().parse::<f32>().ok();
        match k.trim().to_ascii_lowercase().as_str() {
            "width" => w = px,
            "height" => h = px,
            "min-width" | "min-height" if px != Some(0.0) => return false,
            _ => {}
        }
    }
    matches!((w, h), (Some(w), Some(h)) if w <= 1.0 && h <= 1.0)
}

/// A tracker's URL written in a shape the URL parser (and so the browser) reads as the
/// tracker's: backslashes for slashes, one slash, a tab inside, a trailing dot, a host
/// percent-encoded or with a full-width dot. The browser loads the pixel all the same.
#[test]
fn trackers_in_shapes_the_parser_normalises() {
    for url in [
        "https:\\\\sb.scorecardresearch.com/p?c1=2",
        "https://sb.scorecardresearch.com\\p?c1=2",
        "https:/sb.scorecardresearch.com/p?c1=2",
        "HTTPS:\\sb.scorecardresearch.com\\p?c1=2",
        "\\\\sb.scorecardresearch.com/p?c1=2",
        "/\\sb.scorecardresearch.com/p?c1=2",
        "https://sb.score\tcardresearch.com/p?c1=2",
        "https://sb.scorecardresearch.com./p?c1=2",
        "https://sb%2Escorecardresearch.com/p",
        "https://sb.scorecardresearch.com\u{3002}/p",
        "https://www.facebook.com\\tr?id=1",
        "https://www.facebook.com./tr?id=1",
        "https://img.example.com\\pixel?uid=1",
        "https:\\\\img.example.com\\b\\ss\\x",
    ] {
        assert!(is_tracker_url(url), "{url:?}");
    }
    for url in [
        "https:\\\\img.example.com/a.jpg",
        "https://img.example.com./a.jpg",
        "https://img%2Eexample.com/a.jpg",
        "https://img.example.com\\photos\\a.jpg",
        "https:/img.example.com/a.jpg",
        "/\\img.example.com/a.jpg",
        "https://sb.scorecardresearch.example/p?c1=2",
        "https://example.com/sb.scorecardresearch.com/a.jpg",
    ] {
        assert!(!is_tracker_url(url), "{url:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
    /// Whatever the URL parser (the browser) reads as a tracker's URL is one: the
    /// screen that sends a URL to the parser is never stricter than the parse, on URLs
    /// made of schemes, slashes and backslashes, tracker and other hosts, dots, escapes,
    /// white space, user info, ports and tracking paths, in any case.
    #[test]
    fn what_the_parser_reads_as_a_tracker_is_one(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "https:", "http:", "HTTPS:", "//", "/", "\\", "\\\\", "\t", "\n", " ",
            "sb.scorecardresearch.com", "SB.ScoreCardResearch.COM", "www.facebook.com",
            "facebook.com", "pixel.wp.com", "px.ads.linkedin.com", "img.example.com",
            "scorecardresearch", ".", "%2E", "%2e", "\u{3002}", "\u{ff0e}", "u:p@", "@",
            ":443", ":80", "/tr", "/tr?id=1", "/p?c1=2", "/px", "/pixel?uid=1", "/b/ss/x",
            "/a.jpg", "?", "#", "x", "\r", "%73", "s", "b.scorecardresearch.com", "-", "ads",
            "linkedin.com", "\u{a0}", "\u{200b}", "xn--", "/..", "/%2e", "/.",
        ][..]), 1..8)
    ) {
        let url = pieces.concat();
        proptest::prop_assert!(
            !super::tracker_as_parsed(&url) || is_tracker_url(&url),
            "{:?}", url
        );
    }
}

/// `tracker_by_host` as it was before its screen: the oracle.
fn tracker_by_host_unscreened(host: Option<&str>, path: &str) -> bool {
    let Some(host) = host else {
        return false;
    };
    super::domains(host).any(|d| super::TRACKER_HOSTS_SORTED.binary_search(&d).is_ok())
        || super::domains(host).any(|d| {
            super::TRACKER_PATHS.iter().any(|&(h, p)| {
                h == d
                    && path
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '/']))
            })
        })
}

/// Every listed host has two labels or more, the screen's premise.
#[test]
fn listed_hosts_have_two_labels() {
    let hosts = super::TRACKER_HOSTS
        .iter()
        .chain(super::TRACKER_PATHS.iter().map(|(h, _)| h));
    for h in hosts {
        assert!(
            h.split('.').count() >= 2 && h.split('.').all(|l| !l.is_empty()),
            "{h}"
        );
        assert!(super::may_be_tracker_site(h.as_bytes()), "{h}");
        assert!(
            super::may_be_tracker_site(format!("x.{h}").as_bytes()),
            "{h}"
        );
    }
    // The screen's use: common image hosts are ruled out at once.
    let ruled_out = [
        "miro.medium.com",
        "upload.wikimedia.org",
        "images.example.org",
        "cdn.example-news.com",
        "pic1.zhimg.com",
        "mmbiz.qpic.cn",
        "i0.wp.com",
        "i2.wp.com",
    ]
    .iter()
    .filter(|h| !super::may_be_tracker_site(h.as_bytes()))
    .count();
    assert!(ruled_out >= 7, "{ruled_out}");
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
    /// The screened `tracker_by_host` answers as the unscreened one, on hosts made of
    /// the listed hosts' labels, look-alikes, dots and filler, and the listed paths.
    #[test]
    fn screened_hosts_answer_as_unscreened(
        labels in proptest::collection::vec(proptest::sample::select(&[
            "scorecardresearch", "com", "net", "wp", "pixel", "stats", "facebook", "www",
            "t", "co", "linkedin", "ads", "px", "mc", "yandex", "ru", "2o7", "de", "ioam",
            "sb", "a", "", "x-com", "book", "org", "bing", "bat", "twitter", "analytics",
            "scorecardresearch.com", "t.co", "pixel.wp.com", ".", "é",
        ][..]), 0..6),
        path in proptest::sample::select(&[
            "", "/", "/tr", "/tr?id=1", "/trx", "/px", "/px/", "/i/adsct", "/i/adsct?x",
            "/a.jpg",
        ][..]),
        has_host in proptest::bool::ANY,
    ) {
        let host = labels.join(".");
        let host = has_host.then_some(host.as_str());
        proptest::prop_assert_eq!(
            super::tracker_by_host(host, path),
            tracker_by_host_unscreened(host, path),
            "{:?} {:?}", host, path
        );
    }
}

#[test]
fn part_second_bytes() {
    for p in super::TRACKER_PATH_PARTS {
        assert!(super::PART_SECOND_BYTES.contains(&p.as_bytes()[1]), "{p}");
    }
}

#[test]
fn sizes_and_styles() {
    use super::is_tracker_or_ad_image as ad;
    assert!(ad("/u/x.jpg", Some("728"), Some("90"), None));
    assert!(ad("/ads/x.jpg", Some("300"), Some("250"), None));
    // Given no `alt`, an 88×31 button answers as a counter (the cleaner reads its `alt`).
    assert!(ad("/stat/1475875601", Some("88"), Some("31"), None));
    assert!(ad("/img/cc-by.png", Some("88"), Some("31"), None));
    assert!(!ad("/img/cc-by.png", Some("88"), Some("32"), None));
    assert!(!ad(
        "/u/digital-ad-300x250.jpg",
        Some("300"),
        Some("250"),
        None
    ));
    assert!(ad("/u/x.gif", None, None, Some("width:1px;height:1px")));
    assert!(!ad(
        "/u/x.jpg",
        None,
        None,
        Some("width:0;height:0;min-width:100%;min-height:100%")
    ));
}

#[test]
fn tracker_urls() {
    for u in [
        "https://sb.scorecardresearch.com/p?c1=2&c2=1&cv=2.0&cj=1",
        "http://b.scorecardresearch.com/p?c1=2",
        "https://ad.doubleclick.net/ddm/ad/x.jpg",
        "https://www.facebook.com/tr?id=1&ev=PageView&noscript=1",
        "https://pixel.wp.com/b.gif?v=noscript",
        "https://metrics.example.com/b/ss/rsid/1/H.27/s1",
        "https://www.examplestatic.com/desktop2x/img/renderTimingPixel.png",
        "/img/tracking-pixel.gif",
        "https://t.example.net/pixel?uid=123",
        "https://metrics.example.org/collect?v=1&tid=UA-1&cid=5",
        "//stats.example.org/track.gif?e=view&id=9",
        "/beacon.php?page=home",
        "https://a.example/px?id=1#x",
        "http://ads.example.net/Dyn/jmp.cgi?target=http://ad.uk.doubleclick.net/ad/news;sz=1x1;ord=1?",
        "https://r.example.com/click?id=4&u=https%3A%2F%2Fsb.scorecardresearch.com%2Fp%3Fc1%3D2",
        // An archive's snapshot of a pixel carries its URL whole in the path.
        "https://archive.example.org/web/20250917090628im_/https://sb.scorecardresearch.com/p?c1=2",
        "https://archive.example.org/web/2025im_/http:/mc.yandex.ru/watch/1130914",
        "https://proxy.example.net/httpdocs/fetch/https://www.facebook.com/tr?id=1",
    ] {
        assert!(is_tracker_url(u), "{u}");
    }
    for u in [
        "https://pixel.nymag.com/imgs/daily/photo.w1024.jpg",
        "https://cdn.shortpixel.ai/client/q_glossy/https://a.example/u/p.jpg",
        "https://www.facebook.com/photo.php?fbid=1",
        "https://a.example/u/google-pixel-7.jpg",
        "https://a.example/uploads/ads-of-the-50s.jpg",
        "http://a.example/wp-content/uploads/2015/10/digital-ad-ux-300x250.jpg",
        // Inline images load nothing, whatever their bytes spell (base64 has `/`s).
        "data:image/png;base64,iVBORw0KGgo/b/ss/AAAA/__utm.gif",
        " DATA:image/svg+xml,<svg/>/matomo.php",
        "https://a.example/u/pixel.jpg?w=800",
        "https://a.example/reviews/pixel",
        "https://a.example/pixel?",
        "https://a.example/track/cover.png?size=640",
        "https://a.example/collection?page=2",
        "data:image/png;base64,AAAA/b/ss/AAAA",
        "https://images.proxy.example/?url=https://cdn.example.org/photo.jpg",
        "https://a.example/u/photo.jpg?ref=https%3A%2F%2Fnews.example%2F",
        "https://a.example/u/photo.jpg?note=http-is-fine",
        "https://archive.example.org/web/20250917090628im_/https://cdn.example.org/photo.jpg",
        "https://a.example/httpdocs/uploads/harbour.jpg",
    ] {
        assert!(!is_tracker_url(u), "{u}");
    }
}
