//! The built-in recognisers and the order they are tried in.
//!
//! A recogniser looks at one parsed URL and, when the URL has its shape, returns the
//! *candidate* origin text it carries. It does not validate the candidate: the caller passes
//! it through [`finalize`](super::decode::finalize), and if that rejects it the next
//! recogniser is tried. Recognisers are grouped by family:
//!
//! - [`cors`]: CORS workers and public CORS proxies (origin in the query or in the path);
//! - [`cdn`]: image CDNs with a documented fetch format (weserv, Photon, imgix, Cloudinary,
//!   NetEase, Google);
//! - [`hosted`]: mail, chat and search image proxies and option-path CDNs on their own hosts
//!   (Discord, Facebook, DuckDuckGo, Bing, Slack, Yahoo, Yahoo Mail, Proton Mail, Statically,
//!   ShortPixel, Optimole, ImageKit, Cloudimage, AMP Cache, Google Translate, Brightspot);
//! - [`sites`]: same-site framework optimisers whose source is usually a path on the site
//!   (Next.js, Netlify, Vercel, Gatsby, Nuxt IPX, Astro, Cloudflare Images), and Forem's
//!   resizer (in [`cdn`]);
//! - [`signed`]: signing image proxies whose origin is encoded in the path (camo, go-camo,
//!   Inoreader, imageproxy, imgproxy, thumbor, Pocket's thumbor cache);
//! - [`fedi`]: media proxies of fediverse servers and feed readers (Misskey, Pleroma /
//!   Akkoma, Miniflux, Lemmy, Tiny Tiny RSS);
//! - [`portals`]: image proxies of Asian portals (Baidu, QQ Browser, Naver, Daum/Kakao).

//!
//! Adding a format takes four edits: the recogniser in its family module and its row in
//! [`BUILT_INS`] (and in [`SAME_SITE`] when it may be root-relative); a row in the format table
//! of the `proxy` module docs and the same row in the README (a test keeps the two equal), and
//! rows from the service's documented form in `tests/proxy_urls.rs`; its shape in
//! `tests/proxy_props.rs` (`wrap`), which checks that generated image origins come back; and,
//! when the format can carry its origin without any of the marks the screen
//! ([`may_be_proxy`](super::screen::may_be_proxy)) looks for, a new mark there, with the
//! shape added to the screen's never-stricter property test (`proxy_shape`). A recogniser
//! that reads only its own hosts may also be named in [`HOST_BOUND`], its domains added to
//! [`on_bound_host`]: it is then not tried on other hosts (a property test checks it reads
//! no table row's shape off them).

mod cdn;
mod cors;
mod fedi;
mod hosted;
mod portals;
mod signed;
mod sites;

pub(crate) use hosted::{amp_origin, translate_goog};
pub(crate) use sites::SAME_SITE;

use crate::proxy::parsed::Parsed;
use std::sync::LazyLock;

/// A built-in recogniser: the candidate origin carried by a URL of its shape. It gets the URL
/// (its parts as the `url` crate reads them, [`Parsed`]) and its path [`segments`], split
/// once for all recognisers.
pub(crate) type Recogniser = fn(&Parsed<'_>, &[&str]) -> Option<String>;

/// Every built-in recogniser, most specific (host-bound) first, with a name for debugging.
pub(crate) const BUILT_INS: &[(&str, Recogniser)] = &[
    ("netease", cdn::netease),
    ("weserv", cdn::weserv),
    ("photon", cdn::photon),
    ("imgix", cdn::imgix),
    ("cloudinary", cdn::cloudinary),
    ("substack", cdn::substack),
    ("google", cdn::google),
    ("discord", hosted::discord),
    ("facebook", hosted::facebook),
    ("duckduckgo", hosted::duckduckgo),
    ("bing", hosted::bing),
    ("slack", hosted::slack),
    ("yahoo", hosted::yahoo),
    ("imagekit", hosted::imagekit),
    ("cloudimage", hosted::cloudimage),
    ("amp_cache_image", hosted::amp_cache_image),
    ("translate_goog", hosted::translate_proxy),
    ("forem", cdn::forem),
    ("statically", hosted::statically),
    ("brightspot", hosted::brightspot),
    ("shortpixel", hosted::shortpixel),
    ("optimole", hosted::optimole),
    ("next_image", sites::next_image),
    ("netlify_images", sites::netlify_images),
    ("vercel_image", sites::vercel_image),
    ("gatsby_image", sites::gatsby_image),
    ("ipx", sites::ipx),
    ("astro_image", sites::astro_image),
    ("cloudflare_images", sites::cloudflare_images),
    ("baidu", portals::baidu),
    ("qq_reader", portals::qq_reader),
    ("naver", portals::naver),
    ("daum", portals::daum),
    ("mail_image", hosted::mail_image),
    ("pocket_image_cache", signed::pocket_image_cache),
    ("misskey", fedi::misskey),
    ("lemmy", fedi::lemmy),
    ("ttrss", fedi::ttrss),
    ("inoreader", signed::inoreader),
    ("camo", signed::camo),
    ("media_proxy", fedi::media_proxy),
    ("cors_params", cors::cors_params),
    ("workers_dev_query", cors::workers_dev_query),
    ("bare_query", cors::bare_query),
    ("path_embedded", cors::path_embedded),
    ("scheme_mirror", cors::scheme_mirror),
    ("imageproxy", signed::imageproxy),
    ("thumbor", signed::thumbor),
    ("imgproxy", signed::imgproxy),
    ("go_camo", signed::go_camo),
];

/// The [`BUILT_INS`] that read only URLs on their own hosts: each answers `None` for a URL
/// whose host (as the `url` crate writes it) does not end with one of the domains
/// [`on_bound_host`] knows. A property test tries every one on URLs of every format's shape
/// on other hosts.
pub(crate) const HOST_BOUND: &[&str] = &[
    "netease",
    "weserv",
    "photon",
    "imgix",
    "substack",
    "google",
    "discord",
    "facebook",
    "duckduckgo",
    "bing",
    "slack",
    "yahoo",
    "imagekit",
    "cloudimage",
    "amp_cache_image",
    "translate_goog",
    "statically",
    "shortpixel",
    "optimole",
    "baidu",
    "qq_reader",
    "naver",
    "daum",
    "pocket_image_cache",
    "inoreader",
    "workers_dev_query",
];

/// The [`BUILT_INS`] not in [`HOST_BOUND`], in the same order: all that can read a URL on
/// any other host.
static ANY_HOST: LazyLock<Vec<(&str, Recogniser)>> = LazyLock::new(|| {
    BUILT_INS
        .iter()
        .filter(|(name, _)| !HOST_BOUND.contains(name))
        .copied()
        .collect()
});

/// The recognisers to try, in order, on a URL with this host: all of [`BUILT_INS`] on a
/// host that a [`HOST_BOUND`] one may read, only those of any host on others (the bound
/// ones would all answer `None`, so the first answer is the same).
pub(crate) fn for_host(host: Option<&str>) -> &'static [(&'static str, Recogniser)] {
    if host.is_some_and(on_bound_host) {
        BUILT_INS
    } else {
        &ANY_HOST
    }
}

/// True when `host`'s last two labels (or the whole host, with fewer) are a domain that a
/// [`HOST_BOUND`] recogniser reads: one `match` on a short string rather than a host test
/// per recogniser.
pub(crate) fn on_bound_host(host: &str) -> bool {
    let b = host.as_bytes();
    let start = memchr::memrchr(b'.', b)
        .and_then(|last| memchr::memrchr(b'.', &b[..last]))
        .map_or(0, |dot| dot + 1);
    matches!(
        &host[start..],
        "126.net"
            | "weserv.nl"
            | "wsrv.nl"
            | "wp.com"
            | "imgix.net"
            | "substackcdn.com"
            | "googleusercontent.com"
            | "discordapp.net"
            | "fbcdn.net"
            | "duckduckgo.com"
            | "bing.net"
            | "bing.com"
            | "slack-imgs.com"
            | "yimg.com"
            | "imagekit.io"
            | "cloudimg.io"
            | "ampproject.org"
            | "translate.goog"
            | "statically.io"
            | "shortpixel.ai"
            | "optimole.com"
            | "baidu.com"
            | "qq.com"
            | "pstatic.net"
            | "daumcdn.net"
            | "pocket-image-cache.com"
            | "inoreader.com"
            | "workers.dev"
    )
}

/// True when the URL's host is `domain` or a subdomain of it (ASCII case-insensitive; the
/// `url` crate has already lower-cased it).
pub(crate) fn host_is_or_under(url: &Parsed<'_>, domain: &str) -> bool {
    url.host_str().is_some_and(|h| {
        h == domain
            || h.strip_suffix(domain)
                .is_some_and(|prefix| prefix.ends_with('.'))
    })
}

/// The URL's path segments (without the leading `/`); empty for a cannot-be-a-base URL.
///
/// Split with `memchr` in one pass, held inline (every layer peeled asks for them): the same
/// as collecting `url::Url::path_segments`, which a property test compares it with.
pub(crate) fn segments<'u>(url: &'u Parsed<'_>) -> Segments<'u> {
    let mut segs = Segments {
        inline: [""; INLINE_SEGMENTS],
        len: 0,
        spilled: None,
    };
    let Some(path) = url.path().strip_prefix('/') else {
        return segs;
    };
    let mut start = 0;
    for slash in memchr::memchr_iter(b'/', path.as_bytes()) {
        // One slot is kept for the last segment.
        if segs.len + 1 == INLINE_SEGMENTS {
            segs.spilled = Some(spilled(path));
            return segs;
        }
        segs.inline[segs.len] = &path[start..slash];
        (segs.len, start) = (segs.len + 1, slash + 1);
    }
    segs.inline[segs.len] = &path[start..];
    segs.len += 1;
    segs
}

/// How many path segments [`Segments`] holds without allocating (nearly every URL's).
const INLINE_SEGMENTS: usize = 16;

/// A URL's path segments ([`segments`]), read as a slice: held inline up to
/// [`INLINE_SEGMENTS`] (no allocation for each layer peeled), else in a vector.
pub(crate) struct Segments<'u> {
    inline: [&'u str; INLINE_SEGMENTS],
    len: usize,
    spilled: Option<Vec<&'u str>>,
}

impl<'u> std::ops::Deref for Segments<'u> {
    type Target = [&'u str];

    fn deref(&self) -> &[&'u str] {
        match &self.spilled {
            Some(segs) => segs,
            None => &self.inline[..self.len],
        }
    }
}

/// The segments of a path of more than [`INLINE_SEGMENTS`] (rare: out of line).
#[cold]
#[inline(never)]
fn spilled(path: &str) -> Vec<&str> {
    path.split('/').collect()
}

/// Repairs a scheme whose `//` was collapsed to `/` by a path normaliser
/// (`https:/example.com/x` → `https://example.com/x`). Returns `None` unless `s` starts with
/// `http:` or `https:` (any case).
pub(crate) fn fix_collapsed_scheme(s: &str) -> Option<String> {
    use crate::ascii::strip_prefix_ci;
    for scheme in ["https:", "http:"] {
        if let Some(after) = strip_prefix_ci(s, scheme) {
            return if after.starts_with("//") {
                Some(format!("{scheme}{after}"))
            } else {
                after
                    .strip_prefix('/')
                    .filter(|rest| !rest.is_empty())
                    .map(|rest| format!("{scheme}//{rest}"))
            };
        }
    }
    None
}

/// `<scheme>://<host>/<path…>` from path segments written without their scheme
/// (`example.com`, `images`, `a.jpg`), with `?query` when given: the AMP Cache's and
/// Cloudimage's scheme-less sources. `None` unless the first segment looks like a host.
pub(crate) fn scheme_less(scheme: &str, segs: &[&str], query: Option<&str>) -> Option<String> {
    let (host, path) = segs.split_first()?;
    if !crate::proxy::decode::looks_like_host(host) {
        return None;
    }
    Some(with_query(
        format!("{scheme}://{host}/{}", path.join("/")),
        query,
    ))
}

/// The query without the parameters named in `drop` (the proxy's own), `None` when nothing
/// is left.
pub(crate) fn query_without(query: Option<&str>, drop: &[&str]) -> Option<String> {
    let kept: Vec<&str> = query?
        .split('&')
        .filter(|p| {
            let name = p.split('=').next().unwrap_or_default();
            !p.is_empty() && !drop.contains(&name)
        })
        .collect();
    (!kept.is_empty()).then(|| kept.join("&"))
}

/// `text` followed by `?query` when the URL has a (non-empty) query.
pub(crate) fn with_query(text: String, query: Option<&str>) -> String {
    match query {
        Some(q) if !q.is_empty() => format!("{text}?{q}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use url::Url;

    #[test]
    fn collapsed_scheme() {
        assert_eq!(
            fix_collapsed_scheme("https:/a.b/c").as_deref(),
            Some("https://a.b/c")
        );
        assert_eq!(
            fix_collapsed_scheme("HTTP://a.b").as_deref(),
            Some("http://a.b")
        );
        assert_eq!(fix_collapsed_scheme("https:a.b"), None);
        assert_eq!(fix_collapsed_scheme("ftp://a.b"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]

        /// The `memchr` split gives the `url` crate's path segments.
        #[test]
        fn segments_are_the_url_crates(
            start in proptest::sample::select(&[
                "https://a.example", "http://a.example/", "data:", "mailto:", "https://a.example/.",
            ][..]),
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "/", "//", "a", "b.jpg", "%2F", "..", ".", "\\", "é", "?q=/x", "#f/g", " ",
                "/////", "a/b/c/d/e/f/g/h/",
            ][..]), 0..8),
        ) {
            let text = format!("{start}{}", pieces.concat());
            if let Ok(url) = Url::parse(&text) {
                let plain: Vec<&str> = url.path_segments().map(Iterator::collect).unwrap_or_default();
                let parsed = Parsed::from(url.clone());
                proptest::prop_assert_eq!(&*segments(&parsed), &plain[..], "{}", text);
            }
        }
    }

    /// The example URLs of the format table in the `proxy` module docs.
    fn table_examples() -> Vec<String> {
        include_str!("../mod.rs")
            .lines()
            .filter_map(|line| line.strip_prefix("//! | "))
            .filter_map(|row| row.split(" | ").nth(1))
            .filter_map(|cell| cell.trim().strip_prefix('`')?.strip_suffix('`'))
            .filter(|example| example.starts_with("http"))
            .map(str::to_owned)
            .collect()
    }

    /// Checks the host dispatch on one URL: off the bound hosts, every [`HOST_BOUND`]
    /// recogniser answers `None`, and the first answer of the recognisers chosen is the
    /// first of all of them. Counts, per bound recogniser, the URLs it read.
    fn check_dispatch(text: &str, read: &mut std::collections::HashMap<&'static str, usize>) {
        let Some(url) = crate::proxy::decode::parse_input(text) else {
            return;
        };
        let segs = segments(&url);
        let bound = url.host_str().is_some_and(on_bound_host);
        for (name, recognise) in BUILT_INS {
            if !HOST_BOUND.contains(name) {
                continue;
            }
            let answer = recognise(&url, &segs);
            assert!(
                bound || answer.is_none(),
                "{name} reads {text} off its hosts"
            );
            if answer.is_some() {
                *read.entry(name).or_default() += 1;
            }
        }
        let first = |list: &[(&str, Recogniser)]| {
            list.iter()
                .find_map(|(_, r)| r(&url, &segs).and_then(|c| super::super::decode::finalize(&c)))
        };
        assert_eq!(first(for_host(url.host_str())), first(BUILT_INS), "{text}");
    }

    /// Choosing the recognisers by host selects every one that would answer: tried on
    /// every table row's path and query under every row's host (and that host with a
    /// subdomain, a trailing `.`, a longer last label, a prefix, or alone with its last two
    /// labels), and on generated proxy URLs of every format.
    #[test]
    fn dispatch_by_host_selects_every_recogniser_that_reads() {
        let rows: Vec<Url> = table_examples()
            .iter()
            .filter_map(|e| Url::parse(e).ok())
            .collect();
        assert!(rows.len() >= 40, "only {} rows", rows.len());
        let mut read = std::collections::HashMap::new();
        for host_row in &rows {
            let host = host_row.host_str().unwrap_or_default();
            let last_two = host
                .rmatch_indices('.')
                .nth(1)
                .map_or(host, |(at, _)| &host[at + 1..]);
            let hosts = [
                host.to_owned(),
                format!("a.{host}"),
                format!("{host}."),
                format!("{host}x"),
                format!("x{host}"),
                format!("{host}.example"),
                last_two.to_owned(),
            ];
            for shape in &rows {
                let mut tail = shape.path().to_owned();
                if let Some(q) = shape.query() {
                    tail.push('?');
                    tail.push_str(q);
                }
                if let Some(f) = shape.fragment() {
                    tail.push('#');
                    tail.push_str(f);
                }
                for h in &hosts {
                    check_dispatch(&format!("{}://{h}{tail}", host_row.scheme()), &mut read);
                }
            }
        }
        let mut next = crate::proxy::screen::tests::rng(0x5eed_d15a_7c4e);
        for _ in 0..20_000 {
            let text = crate::proxy::screen::tests::proxy_shape(&mut next);
            check_dispatch(&text, &mut read);
        }
        // Each bound recogniser was seen reading URLs: none of the checks above is empty.
        for name in HOST_BOUND {
            assert!(
                read.get(name).is_some_and(|&n| n > 0),
                "{name} never read a URL"
            );
            assert!(
                BUILT_INS.iter().any(|(n, _)| n == name),
                "{name} is no built-in"
            );
        }
    }

    /// Every host-like literal of the recognisers' sources (and that host under a
    /// subdomain, or after a letter when it starts with `-` or `.`), with every table row's
    /// path and query: a bound recogniser reading hosts the table does not show is still
    /// chosen by [`for_host`].
    #[test]
    fn dispatch_by_host_on_every_host_the_sources_name() {
        let sources = [
            include_str!("mod.rs"),
            include_str!("cdn.rs"),
            include_str!("cors.rs"),
            include_str!("fedi.rs"),
            include_str!("hosted.rs"),
            include_str!("portals.rs"),
            include_str!("signed.rs"),
            include_str!("sites.rs"),
        ];
        let mut hosts = std::collections::BTreeSet::new();
        for src in sources {
            for lit in src.split('"').skip(1).step_by(2) {
                let plain = lit.bytes().all(|b| {
                    b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-'
                });
                if plain && lit.contains('.') && lit.len() > 3 {
                    let bare = lit.trim_matches(|c| c == '.' || c == '-');
                    for h in [
                        bare.to_owned(),
                        format!("a.{bare}"),
                        format!("a{lit}"),
                        format!("{bare}."),
                    ] {
                        hosts.insert(h);
                    }
                }
            }
        }
        assert!(hosts.len() > 100, "only {} hosts", hosts.len());
        let rows: Vec<Url> = table_examples()
            .iter()
            .filter_map(|e| Url::parse(e).ok())
            .collect();
        let mut read = std::collections::HashMap::new();
        for shape in &rows {
            let mut tail = shape.path().to_owned();
            if let Some(q) = shape.query() {
                tail.push('?');
                tail.push_str(q);
            }
            for h in &hosts {
                check_dispatch(&format!("https://{h}{tail}"), &mut read);
            }
        }
    }

    #[test]
    fn host_suffix() {
        let url = Parsed::from(
            Url::parse("https://cors.zfour.workers.dev/").unwrap_or_else(|e| panic!("{e}")),
        );
        assert!(host_is_or_under(&url, "workers.dev"));
        assert!(!host_is_or_under(&url, "rkers.dev"));
    }
}
