//! Tracking pixels and ads: images a reader never meant to see, whether they came as an
//! `<img>`, from a `<noscript>` or from a lazy attribute (the test runs on the final `src`).
//!
//! Sources for the host and path table: the EasyPrivacy and EasyList filter lists
//! (<https://easylist.to/>), each service's own documentation of its pixel (comScore's
//! `scorecardresearch.com/p?c1=`, Meta's `facebook.com/tr?id=`, Google's
//! `google-analytics.com/collect`, WordPress.com Stats' `pixel.wp.com/b.gif`, Adobe
//! Analytics' `/b/ss/`), and the IAB's fixed-size ad units
//! (<https://www.iab.com/guidelines/iab-new-ad-portfolio/>).

use crate::Element;
use html5ever::local_name;
use std::sync::LazyLock;

mod screen;

/// Hosts (and their subdomains) that serve only tracking pixels or ads.
const TRACKER_HOSTS: &[&str] = &[
    "scorecardresearch.com",
    "doubleclick.net",
    "googlesyndication.com",
    "googleadservices.com",
    "google-analytics.com",
    "googletagmanager.com",
    "quantserve.com",
    "quantcount.com",
    "amazon-adsystem.com",
    "adnxs.com",
    "adsrvr.org",
    "moatads.com",
    "krxd.net",
    "imrworldwide.com",
    "ioam.de",
    "ivwbox.de",
    "omtrdc.net",
    "2o7.net",
    "demdex.net",
    "everesttech.net",
    "chartbeat.net",
    "statcounter.com",
    "sitemeter.com",
    // Visitor counters: an image of the count or of visitors' flags and map dots.
    "flagcounter.com",
    "histats.com",
    "clustrmaps.com",
    "mc.yandex.ru",
    // Counters' and ratings' own hosts (Yandex.Metrika's informer, LiveInternet's,
    // Rambler Top100's, Mail.ru's, HotLog's): the count as an image of any size.
    "informer.yandex.ru",
    "counter.yadro.ru",
    "counter.rambler.ru",
    "top-fwz1.mail.ru",
    "hotlog.ru",
    "hm.baidu.com",
    "cnzz.com",
    "wrating.com",
    "bat.bing.com",
    "ads-twitter.com",
    "analytics.twitter.com",
    "pixel.wp.com",
    "stats.wp.com",
    "pixel.quantserve.com",
    "pixel.mathtag.com",
    "mathtag.com",
    "criteo.com",
    "criteo.net",
    "rubiconproject.com",
    "pubmatic.com",
    "casalemedia.com",
    "openx.net",
    "adform.net",
    "serving-sys.com",
    "adition.com",
    "smartadserver.com",
    "exelator.com",
    "bluekai.com",
    "agkn.com",
    "tapad.com",
    "nr-data.net",
    "pixel.parsely.com",
    "sb.scorecardresearch.com",
];

/// `(host, path prefix)` pairs: hosts that also serve content, whose pixel is one path.
const TRACKER_PATHS: &[(&str, &str)] = &[
    ("facebook.com", "/tr"),
    ("www.facebook.com", "/tr"),
    ("t.co", "/i/adsct"),
    ("linkedin.com", "/px"),
    ("px.ads.linkedin.com", "/"),
];

/// Path fragments that only analytics endpoints have (Adobe's `/b/ss/`, Google's
/// `/__utm.gif`, Matomo's `/matomo.php`, Piwik's `/piwik.php`).
const TRACKER_PATH_PARTS: &[&str] = &[
    "/b/ss/",
    "/__utm.gif",
    "/matomo.php",
    "/piwik.php",
    "/g/collect",
    "/j/collect",
];

/// Width × height of the IAB's fixed ad units whose shape no photo has (banners,
/// leaderboards, skyscrapers, mobile banners): junk on their own.
const BANNER_SIZES: &[(u32, u32)] = &[
    (728, 90),
    (970, 90),
    (970, 250),
    (468, 60),
    (234, 60),
    (320, 50),
    (300, 50),
    (160, 600),
    (120, 600),
];

/// Ad units a photo may also have (the rectangles, the half page): junk when the URL also
/// names an ad (a path word `ad`, `ads`, `adserver`, `banner`, `banners`).
const RECTANGLE_SIZES: &[(u32, u32)] = &[
    (300, 250),
    (336, 280),
    (250, 250),
    (180, 150),
    (300, 600),
    (300, 1050),
    (320, 100),
    (120, 240),
];

/// Whether the `<img>` `el` is a tracking pixel or an ad (see [`is_tracker_or_ad_image`]);
/// an 88×31 button is one unless it is a badge that says what it is (`junk/buttons.rs`).
pub(crate) fn is_tracker_image(el: &Element<'_>) -> bool {
    tracker_or_ad(
        el.attr_by_atom(&local_name!("src")).unwrap_or(""),
        el.attr_by_atom(&local_name!("width")),
        el.attr_by_atom(&local_name!("height")),
        el.attr_by_atom(&local_name!("style")),
        |src| super::buttons::is_badge(el, src),
    )
}

/// Whether an image with these `src`, `width`, `height` and `style` values is a tracking
/// pixel or an ad:
///
/// - `width` and `height` both 0 or 1, or an inline style that sizes it so (without a
///   `min-width`/`min-height` stretching it again);
/// - its `src` is a tracker's or an ad server's (see [`is_tracker_url`]);
/// - it has a standard banner size (`BANNER_SIZES` in `junk/trackers.rs`: 728×90, 970×90,
///   970×250, 468×60, 320×50, 160×600…), or a size a photo may also have (300×250,
///   336×280, 300×600…) with its URL in an ad directory (`/ads/`, `/banner/`);
/// - it is an 88×31 button. The cleaner keeps such a button when it is a badge that says
///   what it is (its `alt`, or its `title`, names no counter, nor does its URL: a Creative
///   Commons licence, "Powered by MediaWiki"), which this function, given no `alt`, cannot
///   see: it answers as for a visitor counter.
pub fn is_tracker_or_ad_image(
    src: &str,
    width: Option<&str>,
    height: Option<&str>,
    style: Option<&str>,
) -> bool {
    tracker_or_ad(src, width, height, style, |_| false)
}

/// [`is_tracker_or_ad_image`], asking `badge` (given the trimmed `src`) whether an 88×31
/// image is a badge that says what it is (then no ad).
fn tracker_or_ad(
    src: &str,
    width: Option<&str>,
    height: Option<&str>,
    style: Option<&str>,
    badge: impl FnOnce(&str) -> bool,
) -> bool {
    let (w, h) = (dimension(width), dimension(height));
    if matches!((w, h), (Some(0 | 1), Some(0 | 1))) {
        return true;
    }
    if style.is_some_and(styled_pixel) {
        return true;
    }
    let src = src.trim();
    if !src.is_empty() && is_tracker_url(src) {
        return true;
    }
    if let (Some(w), Some(h)) = (w, h) {
        if BANNER_SIZES.contains(&(w, h)) {
            return true;
        }
        if (w, h) == super::buttons::BUTTON_SIZE {
            return !badge(src);
        }
        if RECTANGLE_SIZES.contains(&(w, h)) && has_ad_word(src) {
            return true;
        }
    }
    false
}

/// Whether `url` is a tracker's or an ad server's: on a tracker or ad host (comScore's
/// `scorecardresearch.com`, `doubleclick.net`, `googlesyndication.com`, `quantserve.com`,
/// WordPress.com's `pixel.wp.com`…), on a tracking path of a host that also serves content
/// (Meta's `facebook.com/tr`), with an analytics path (Adobe's `/b/ss/`, Matomo's
/// `piwik.php`, `/__utm.gif`), or with a file named as a tracking pixel
/// (`renderTimingPixel.png`: `pixel` with `tracking`, `timing`, `impression`…), or an
/// endpoint named as a tracker's and asked with a query (`/pixel?uid=1`, `/collect?v=1…`,
/// `/beacon.gif?e=view`, `/track.php?id=9`: see `ENDPOINT_NAMES`). The table and its
/// sources are in `src/rules/junk/trackers.rs`. A URL is read as the browser reads it:
/// `https:\\host\p`, `https:/host/p`, a tab inside, a host with a trailing dot, one
/// percent-encoded or with a full-width dot load from that host.
#[inline]
pub fn is_tracker_url(url: &str) -> bool {
    // An inline image is no tracker's, and a photo inlined is tens of kilobytes: not
    // lowercased (nor read as a path, where its base64 could spell `/b/ss/`).
    if crate::ascii::starts_with_ci(url.trim_start(), "data:") {
        return false;
    }
    // The same image URL is asked about by several rules (see `proxy::memo`).
    crate::proxy::memo::tracker(url, || is_tracker_url_now(url))
}

/// [`is_tracker_url`] of a URL that is not inline, worked out (out of line: a remembered
/// answer does not need it).
#[inline(never)]
fn is_tracker_url_now(url: &str) -> bool {
    // Most URLs are lowercase already: copied only when one is not (asked of every byte
    // without stopping at the first: a loop the compiler runs many bytes at a time).
    let url = url.trim();
    let upper = has_upper(url.as_bytes());
    let lower: std::borrow::Cow<'_, str> = if upper {
        url.to_ascii_lowercase().into()
    } else {
        url.into()
    };
    let (host, path) = split_url(&lower);
    if tracker_by_host(host, path) {
        return true;
    }
    tracker_by_path(path) || (read_otherwise(&lower, host, path) && tracker_as_parsed(url))
}

/// Whether `text` holds an ASCII upper-case letter: asked of sixteen bytes at a time
/// without stopping (a block the compiler compares at once), then of the rest.
fn has_upper(text: &[u8]) -> bool {
    let mut blocks = text.chunks_exact(16);
    let mut up = false;
    for block in blocks.by_ref() {
        up |= block
            .iter()
            .fold(false, |up, b| up | b.is_ascii_uppercase());
    }
    up || blocks.remainder().iter().any(u8::is_ascii_uppercase)
}

/// Whether `path` (lowercase, with its query) is a tracker's, whatever the host. Most paths
/// hold none of the marks of the tests and are answered by one table-driven pass (`screen`).
fn tracker_by_path(path: &str) -> bool {
    if crate::screens::on() && !screen::may_be_tracker_path(path) {
        return false;
    }
    tracker_by_path_unscreened(path)
}

/// [`tracker_by_path`] without its screen: each test in turn.
fn tracker_by_path_unscreened(path: &str) -> bool {
    has_tracker_part(path)
        || pixel_file_name(path)
        || tracker_endpoint(path)
        || redirects_to_tracker(path)
        || archived_tracker(path)
}

/// Whether the URL parser, as a browser runs it, may read `lower` (lowercase, trimmed) with
/// another host or path than [`split_url`] does: a backslash read as a slash, a tab or line
/// break removed, an `http(s):` with one slash or more than two, no path (read as `/`) or a
/// query before it, a dot segment (`/./`, `/../`, `/%2e/`: removed), a host
/// percent-encoded, not ASCII (a full-width dot), or ending with a dot.
fn read_otherwise(lower: &str, host: Option<&str>, path: &str) -> bool {
    let b = lower.as_bytes();
    memchr::memchr(b'\\', b).is_some()
        || crate::url_text::has_tab_or_newline(b)
        || match host {
            // No path: the browser asks for `/` (with the query, if any). No host: more
            // slashes, which the browser passes over to the host.
            // The host's bytes in one pass (a short run), before the path's searches.
            Some(h) => {
                path.is_empty()
                    || h.is_empty()
                    || h.ends_with('.')
                    || h.bytes().any(|b| b == b'%' || !b.is_ascii())
                    || query_before_path(lower, path)
                    || dot_segment(path)
            }
            None => lower.starts_with("http:") || lower.starts_with("https:"),
        }
}

/// Whether `path` holds `/.` or `/%2e` (a dot segment, plain or escaped, or a name starting
/// with `.`): looked for at each `.` and `%` (fewer in a path than `/`), no substring
/// searcher built.
fn dot_segment(path: &str) -> bool {
    let b = path.as_bytes();
    memchr::memchr2_iter(b'.', b'%', b)
        .any(|i| i > 0 && b[i - 1] == b'/' && (b[i] == b'.' || b[i..].starts_with(b"%2e")))
}

/// Whether a `?` or `#` stands before `path` (a suffix of `lower`): then [`split_url`] took
/// the path from the query or the fragment (`//host?/p`), where the browser asks for `/`.
fn query_before_path(lower: &str, path: &str) -> bool {
    let start = lower.len() - path.len();
    memchr::memchr2(b'?', b'#', &lower.as_bytes()[..start]).is_some()
}

/// [`is_tracker_url`] of `url` as the URL parser reads it (a protocol-relative one as
/// `https:`): its host and path, normalised, looked up as [`split_url`]'s are. Rare: out of
/// line.
#[cold]
#[inline(never)]
fn tracker_as_parsed(url: &str) -> bool {
    let url = url.trim();
    let b = url.as_bytes();
    let relative = b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\');
    let parsed = if relative {
        url::Url::parse(&format!("https:{url}"))
    } else {
        url::Url::parse(url)
    };
    let Ok(parsed) = parsed else {
        return false;
    };
    let Some(host) = parsed
        .host_str()
        .filter(|_| matches!(parsed.scheme(), "http" | "https"))
    else {
        return false;
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let path = parsed[url::Position::BeforePath..].to_ascii_lowercase();
    tracker_by_host(Some(&host), &path) || tracker_by_path(&path)
}

/// Whether `path` holds one of [`TRACKER_PATH_PARTS`]. Each part starts with `/`: it is
/// looked for only where the path has one followed by a byte that starts one (a plain loop:
/// paths have many `/`).
fn has_tracker_part(path: &str) -> bool {
    let bytes = path.as_bytes();
    (0..bytes.len()).any(|i| {
        bytes[i] == b'/'
            && bytes
                .get(i + 1)
                .is_some_and(|&b| PART_SECOND_BYTES.contains(&b))
            && TRACKER_PATH_PARTS
                .iter()
                .any(|p| bytes[i..].starts_with(p.as_bytes()))
    })
}

/// Whether `path` carries a tracker's URL whole after a `/`, as an archive's snapshot of a
/// page's pixel does (`/web/20250917090628im_/https://sb.scorecardresearch.com/p?c1=2`):
/// that URL's host and path are read as [`is_tracker_url`] reads a URL's (once: a URL
/// carried in the carried URL is not looked into).
fn archived_tracker(path: &str) -> bool {
    let Some((_, rest)) = crate::proxy::carried_in_path(path) else {
        return false;
    };
    let inner = format!("https://{rest}");
    let (host, path) = split_url(&inner);
    host.is_some() && tracker_by_host(host, path)
}

/// Whether `host` (lowercase) is a tracker's, or `path` one of a tracker's paths on it
/// ([`TRACKER_HOSTS`], [`TRACKER_PATHS`]).
fn tracker_by_host(host: Option<&str>, path: &str) -> bool {
    if let Some(host) = host {
        // A host on a listed domain ends with that domain, whose last two labels are then
        // the host's: one look-up rules out nearly every host before its domains are tried.
        if !may_be_tracker_site(host.as_bytes()) {
            return false;
        }
        // `host` is on a domain exactly when one of its domains (itself, and what follows
        // each of its dots) is that domain: a few look-ups in the sorted list instead of a
        // comparison with every entry.
        if domains(host).any(|d| TRACKER_HOSTS_SORTED.binary_search(&d).is_ok()) {
            return true;
        }
        if domains(host).any(|d| {
            TRACKER_PATHS.iter().any(|&(h, p)| {
                h == d
                    && path
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['?', '/']))
            })
        }) {
            return true;
        }
    }
    false
}

/// Whether a query value of `path` (lowercase, with its query) is an absolute URL on a
/// tracker's or ad server's host ([`TRACKER_HOSTS`]), also percent-encoded: an ad or a
/// pixel served through a redirector (`…/jmp.cgi?target=http://ad.doubleclick.net/…`,
/// `/click?u=https%3a%2f%2fsb.scorecardresearch.com%2fp…`). Values are split at `&` and at
/// the ad servers' own `;`.
fn redirects_to_tracker(path: &str) -> bool {
    let Some(q) = memchr::memchr(b'?', path.as_bytes()) else {
        return false;
    };
    let query = &path[q + 1..];
    if memchr::memmem::find(query.as_bytes(), b"http").is_none() {
        return false;
    }
    query
        .split(['&', ';'])
        .filter_map(|kv| kv.split_once('=').map(|(_, v)| v))
        .any(|v| {
            let v = v.trim();
            if !v.starts_with("http") {
                return false;
            }
            let decoded = v.replace("%3a", ":").replace("%2f", "/");
            let (host, _) = split_url(&decoded);
            decoded.starts_with("http")
                && host.is_some_and(|h| {
                    domains(h).any(|d| TRACKER_HOSTS_SORTED.binary_search(&d).is_ok())
                })
        })
}

/// [`TRACKER_HOSTS`], sorted for [`is_tracker_url`]'s look-ups.
static TRACKER_HOSTS_SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut hosts = TRACKER_HOSTS.to_vec();
    hosts.sort_unstable();
    hosts
});

/// One bit per hash of the last labels of each host of [`TRACKER_HOSTS`] and
/// [`TRACKER_PATHS`], set at compile time: the screen of [`tracker_by_host`]. A host of two
/// labels sets its bit in the first table (by those two labels), a longer one in the second
/// (by its last three). A host on a listed domain is that domain or ends with `.` and it;
/// each listed domain has two labels or more (a unit test checks), so the host's last two
/// labels are a two-label domain's, its last three a longer domain's last three, and so is
/// their bit. (Three labels for the longer ones: `i0.wp.com` is not on `pixel.wp.com`, and
/// a screen by `wp.com` would let every Photon image through.)
static TRACKER_SITE_BITS: [[u64; SITE_WORDS]; 2] = tracker_site_bits();

/// The words of each table of [`TRACKER_SITE_BITS`]: 2048 bits, for some 60 hosts.
const SITE_WORDS: usize = 32;

const fn tracker_site_bits() -> [[u64; SITE_WORDS]; 2] {
    let mut bits = [[0; SITE_WORDS]; 2];
    let mut i = 0;
    while i < TRACKER_HOSTS.len() + TRACKER_PATHS.len() {
        let host = if i < TRACKER_HOSTS.len() {
            TRACKER_HOSTS[i]
        } else {
            TRACKER_PATHS[i - TRACKER_HOSTS.len()].0
        };
        let host = host.as_bytes();
        // Two labels: one dot.
        let table = if labels_start(host, 2) == 0 { 0 } else { 1 };
        let bit = site_bit(host, table + 2);
        bits[table][bit / 64] |= 1 << (bit % 64);
        i += 1;
    }
    bits
}

/// Whether `host` (lowercase) may be on a listed domain: the bit of its last two labels is
/// set in the first table, or that of its last three in the second. When neither is, no
/// listed domain has `host` on it.
fn may_be_tracker_site(host: &[u8]) -> bool {
    let set =
        |table: usize, bit: usize| TRACKER_SITE_BITS[table][bit / 64] & (1 << (bit % 64)) != 0;
    let (two, three) = site_bits(host);
    set(0, two) || set(1, three)
}

/// The bit of `host`'s last `labels` labels (two or three): FNV-1a of their bytes read from
/// the end, its low byte dropped.
const fn site_bit(host: &[u8], labels: usize) -> usize {
    let (two, three) = site_bits(host);
    if labels == 2 {
        two
    } else {
        three
    }
}

/// The bits of `host`'s last two labels and of its last three ([`site_bit`]), in one pass
/// from the end: the hash of the last three goes on from that of the last two.
const fn site_bits(host: &[u8]) -> (usize, usize) {
    let mut hash: u32 = 0x811c_9dc5;
    let (mut dots, mut two) = (0, None);
    let mut i = host.len();
    while i > 0 {
        i -= 1;
        if host[i] == b'.' {
            dots += 1;
            if dots == 2 {
                two = Some(hash);
            } else if dots == 3 {
                break;
            }
        }
        hash = (hash ^ host[i] as u32).wrapping_mul(0x0100_0193);
    }
    // Short of two (three) dots, the whole host is its last two (three) labels.
    let two = match two {
        Some(two) => two,
        None => hash,
    };
    (bit_of(two), bit_of(hash))
}

/// A table's bit for a hash: its low byte dropped.
const fn bit_of(hash: u32) -> usize {
    (hash >> 8) as usize % (SITE_WORDS * 64)
}

/// Where the last `labels` labels of `host` start: after its `labels`-th-to-last `.` (`b.com`
/// of `a.b.com` for two), or at 0 when it has fewer labels.
const fn labels_start(host: &[u8], labels: usize) -> usize {
    let mut dots = 0;
    let mut i = host.len();
    while i > 0 {
        i -= 1;
        if host[i] == b'.' {
            dots += 1;
            if dots == labels {
                return i + 1;
            }
        }
    }
    0
}

/// The bytes that follow the `/` of the parts of [`TRACKER_PATH_PARTS`] (a unit test
/// checks).
const PART_SECOND_BYTES: &[u8] = b"b_mpgj";

/// `host` and each domain it is a subdomain of, as written (`a.b.com`, `b.com`, `com`):
/// `host` is `domain` or one of its subdomains exactly when `domain` is one of these.
fn domains(host: &str) -> impl Iterator<Item = &str> {
    std::iter::once(host).chain(memchr::memchr_iter(b'.', host.as_bytes()).map(|i| &host[i + 1..]))
}

/// `(host, path with query)` of a lowercase URL; no host for a relative one.
fn split_url(url: &str) -> (Option<&str>, &str) {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("//"));
    let Some(rest) = rest else {
        return (None, url);
    };
    // This runs on every image URL. The path starts at the first `/` (`memchr`: the path
    // may be long); the authority (a short run) is read once, byte by byte: it ends at a
    // `?` or `#`, the host starts after its last `@` and ends at the first `:` after it.
    let b = rest.as_bytes();
    let slash = memchr::memchr(b'/', b).unwrap_or(b.len());
    let (mut start, mut end, mut colon) = (0, slash, None);
    for (i, &c) in b[..slash].iter().enumerate() {
        match c {
            b'?' | b'#' => {
                end = i;
                break;
            }
            b'@' => (start, colon) = (i + 1, None),
            b':' if colon.is_none() => colon = Some(i),
            _ => {}
        }
    }
    (Some(&rest[start..colon.unwrap_or(end)]), &rest[slash..])
}

/// Words that, with `pixel`, name a tracking pixel's file.
const PIXEL_WORDS: &[&str] = &[
    "tracking",
    "tracker",
    "timing",
    "impression",
    "analytics",
    "beacon",
    "counter",
    "spacer",
    "transparent",
    "1x1",
    "conversion",
];

/// Whether the file name of `path` (lowercase) names a tracking pixel: its words (split at
/// `-`, `_`, `.` and camel case in the original) hold `pixel` and one of [`PIXEL_WORDS`].
/// Called on the lowercase URL, so camel case is matched as the joined word
/// (`rendertimingpixel`).
fn pixel_file_name(path: &str) -> bool {
    let end = memchr::memchr2(b'?', b'#', path.as_bytes()).unwrap_or(path.len());
    let file = &path[..end];
    let file = memchr::memrchr(b'/', file.as_bytes()).map_or(file, |i| &file[i + 1..]);
    let stem = memchr::memrchr(b'.', file.as_bytes()).map_or(file, |i| &file[..i]);
    // `pixel` looked for where a `p` is (no substring searcher built for each file name).
    let s = stem.as_bytes();
    if !memchr::memchr_iter(b'p', s).any(|i| s[i..].starts_with(b"pixel")) {
        return false;
    }
    PIXEL_WORDS.iter().any(|w| stem.contains(w))
}

/// File names (without extension) of the endpoints that count a view or collect an event
/// (Google Analytics' measurement protocol `/collect`, the generic `/pixel`, `/px`,
/// `/beacon`, `/track`): no picture is asked for with such a name and a query.
const ENDPOINT_NAMES: &[&str] = &[
    "pixel",
    "px",
    "collect",
    "beacon",
    "track",
    "tracker",
    "tracking",
    "impression",
    "impressions",
    "pageview",
];

/// Extensions such an endpoint is written with: none, a GIF, a server script.
const ENDPOINT_EXTENSIONS: &[&str] = &["", "gif", "php", "asp", "aspx", "ashx", "jsp", "cgi"];

/// Whether `path` (lowercase, with its query) asks a tracker's endpoint: its file is named
/// as one (`ENDPOINT_NAMES`), written without an extension or as a GIF or a server script,
/// and it carries a query (`/pixel?uid=123`, `/collect?v=1&tid=…`, `/track.gif?e=view`). A
/// photo named `pixel.jpg`, or a page at `/track/` or `/pixel`, is not one.
fn tracker_endpoint(path: &str) -> bool {
    let Some(q) = memchr::memchr(b'?', path.as_bytes()) else {
        return false;
    };
    if path.len() == q + 1 {
        return false;
    }
    let before = &path[..q];
    let before = before.split('#').next().unwrap_or(before);
    let file = memchr::memrchr(b'/', before.as_bytes()).map_or(before, |i| &before[i + 1..]);
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
    ENDPOINT_NAMES.contains(&stem) && ENDPOINT_EXTENSIONS.contains(&ext)
}

/// Whether a directory of `url`'s path names ads (`/ads/`, `/ad/`, `/banner/`,
/// `/adserver/`); the file name is not looked at (an article's picture may be called
/// `digital-ad-ux-300x250.jpg`).
fn has_ad_word(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let (_, path) = split_url(&lower);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let dirs = path.rsplit_once('/').map_or("", |(d, _)| d);
    dirs.split('/').any(|w| {
        matches!(
            w,
            "ad" | "ads" | "adserver" | "banner" | "banners" | "adimg"
        )
    })
}

/// The number of pixels a `width` or `height` attribute gives (`1`, `728px`, ` 90 `): at
/// most six digits, after white space and `px` are cut.
fn dimension(v: Option<&str>) -> Option<u32> {
    let v = v?;
    // Most values are plain digits: read as they are (what the cuts would leave).
    let b = v.as_bytes();
    if (1..=6).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) {
        return Some(b.iter().fold(0, |n, &d| n * 10 + u32::from(d - b'0')));
    }
    dimension_cut(v)
}

/// [`dimension`] of a value that is not plain digits: white space and `px` cut first.
#[inline(never)]
fn dimension_cut(v: &str) -> Option<u32> {
    let v = strip_suffixes(v.trim(), "px").trim();
    (!v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| v.parse().ok())
        .flatten()
}

/// An inline style sizing the element to at most 1×1 pixel (`width:1px;height:1px`), and
/// not stretching it again with a `min-width`/`min-height`.
fn styled_pixel(style: &str) -> bool {
    let mut w = None;
    let mut h = None;
    for decl in style.split(';') {
        let Some((k, v)) = decl.split_once(':') else {
            continue;
        };
        let px = || {
            let v = strip_suffixes(v.trim(), "!important").trim();
            v.strip_suffix("px").unwrap_or(v).trim().parse::<f32>().ok()
        };
        // Compared without a lower-cased copy of the name (nor its value read for another
        // name): the same answer as matching the name lower-cased.
        let k = k.trim();
        let is = |name: &str| k.eq_ignore_ascii_case(name);
        if is("width") {
            w = px();
        } else if is("height") {
            h = px();
        } else if (is("min-width") || is("min-height")) && px() != Some(0.0) {
            // Next.js' `fill` images: `width:0;height:0;min-width:100%;min-height:100%`.
            return false;
        }
    }
    matches!((w, h), (Some(w), Some(h)) if w <= 1.0 && h <= 1.0)
}

/// `s` without every `suffix` at its end (`trim_end_matches` without a substring searcher
/// built for each call).
fn strip_suffixes<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// Whether `el` is an ad slot: an `<ins>` marked for AdSense (`ins.adsbygoogle`, any `ins`
/// with `data-ad-client`/`data-ad-slot`). Such a slot holds no article content: at most the
/// ad script's `push` call (a `<script>` the parse-time filter may already have dropped, so
/// its text is not looked at) or a label.
pub(crate) fn is_ad_slot(el: &Element<'_>) -> bool {
    el.classes().any(|c| c.eq_ignore_ascii_case("adsbygoogle"))
        || el.has_attr("data-ad-client")
        || el.has_attr("data-ad-slot")
}

#[cfg(test)]
#[path = "trackers_tests.rs"]
mod tests;
