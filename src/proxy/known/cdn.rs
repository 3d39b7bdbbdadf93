//! Image CDNs with a documented "fetch this remote image" URL format.

use crate::ascii::{starts_with_ci, strip_prefix_ci};
use crate::proxy::parsed::Parsed;

use super::{fix_collapsed_scheme, host_is_or_under};
use crate::proxy::decode::{decode_to_http, looks_like_host, percent_decode_once, raw_param};

/// NetEase image resizer: `nimg.ws.126.net/?url=<origin>&thumbnail=…&quality=…&type=…`.
/// The origin is percent-encoded or plain; NetEase's own parameters are dropped.
///
/// Example: `http://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2Fa.jpg&thumbnail=660x2147483647`.
pub(super) fn netease(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if url.host_str()? != "nimg.ws.126.net" {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// images.weserv.nl / wsrv.nl: the `url` parameter, percent-decoded. A missing scheme means
/// http, an `ssl:` prefix means https; the other parameters (`w`, `h`, `fit`…) are dropped.
///
/// Example: `https://wsrv.nl/?url=ssl:example.com/a.jpg&w=300` → `https://example.com/a.jpg`.
pub(super) fn weserv(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "weserv.nl") && !host_is_or_under(url, "wsrv.nl") {
        return None;
    }
    let raw = raw_param(url.query()?, "url")?;
    if let Some(full) = decode_to_http(raw) {
        return Some(full);
    }
    let value = percent_decode_once(raw)?;
    let (scheme, rest) = match strip_prefix_ci(&value, "ssl:") {
        Some(rest) => ("https", rest),
        None => ("http", value.as_str()),
    };
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let host = rest.split(['/', '?', '#']).next()?;
    looks_like_host(host).then(|| format!("{scheme}://{rest}"))
}

/// Query arguments of Jetpack Photon that are transformations, not part of the origin.
/// `is-pending-load` (Jetpack's lazy-load marker) is dropped too.
const PHOTON_ARGS: &[&str] = &[
    "w",
    "h",
    "resize",
    "fit",
    "ssl",
    "quality",
    "strip",
    "crop",
    "zoom",
    "lb",
    "ulb",
    "filter",
    "brightness",
    "contrast",
    "colorize",
    "smooth",
    "is-pending-load",
];

/// True for Photon hosts `i0.wp.com` … `i9.wp.com`.
fn is_photon_host(host: &str) -> bool {
    host.strip_suffix(".wp.com")
        .and_then(|h| h.strip_prefix('i'))
        .is_some_and(|d| d.len() == 1 && d.bytes().all(|b| b.is_ascii_digit()))
}

/// Jetpack Photon / Image CDN: `i0.wp.com/{host}/{path}`; `ssl=1` means https, otherwise
/// http. Photon's arguments are dropped, other query parameters are kept in order. A
/// fragment written `#038;ssl=1` (a half-decoded `&#038;`) is read as more query.
///
/// Example: `https://i2.wp.com/j99.in/wp-content/uploads/2018/03/bbn.jpg?resize=768%2C493&ssl=1`.
pub(super) fn photon(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !is_photon_host(url.host_str()?) {
        return None;
    }
    let path = url.path().strip_prefix('/')?;
    // Byte searches (`str` splitters with a `char` go through their pattern searcher).
    let slash = memchr::memchr(b'/', path.as_bytes())?;
    let (origin_host, origin_path) = (&path[..slash], &path[slash + 1..]);
    if !looks_like_host(origin_host) || origin_path.is_empty() {
        return None;
    }
    let more = url.fragment().and_then(|f| f.strip_prefix("038;"));
    // Written `https://`, its `s` removed at the end unless `ssl=1` came: the query is read
    // once, nothing collected (a property test compares it with `photon_collected`).
    let mut out = String::with_capacity(
        "https://?&".len()
            + path.len()
            + url.query().map_or(0, str::len)
            + more.map_or(0, str::len),
    );
    out.push_str("https://");
    out.push_str(path);
    let mut ssl = false;
    let mut first = true;
    let mut read = |piece: &str| {
        if piece.is_empty() {
            return;
        }
        let (name, value) = match piece.bytes().position(|b| b == b'=') {
            Some(eq) => (&piece[..eq], &piece[eq + 1..]),
            None => (piece, ""),
        };
        if name == "ssl" {
            ssl = value == "1" || value.eq_ignore_ascii_case("true");
        }
        if !PHOTON_ARGS.contains(&name) {
            out.push(if first { '?' } else { '&' });
            out.push_str(piece);
            first = false;
        }
    };
    for part in [url.query().unwrap_or(""), more.unwrap_or("")] {
        for piece in part.split('&') {
            // Only a piece with a `#` can hold `#038;` (never one of the query's).
            if piece.as_bytes().contains(&b'#') {
                piece.split("#038;").for_each(&mut read);
            } else {
                read(piece);
            }
        }
    }
    if !ssl {
        out.remove("http".len());
    }
    Some(out)
}

/// [`photon`] as first written: the query and the fragment's more query joined, the pieces
/// kept collected, then joined.
#[cfg(test)]
pub(super) fn photon_collected(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !is_photon_host(url.host_str()?) {
        return None;
    }
    let path = url.path().strip_prefix('/')?;
    let (origin_host, origin_path) = path.split_once('/')?;
    if !looks_like_host(origin_host) || origin_path.is_empty() {
        return None;
    }
    let mut raw = url.query().unwrap_or("").to_owned();
    if let Some(more) = url.fragment().and_then(|f| f.strip_prefix("038;")) {
        raw.push('&');
        raw.push_str(more);
    }
    let mut ssl = false;
    let mut kept: Vec<&str> = Vec::new();
    for piece in raw.split('&').flat_map(|p| p.split("#038;")) {
        if piece.is_empty() {
            continue;
        }
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        if name == "ssl" {
            ssl = value == "1" || value.eq_ignore_ascii_case("true");
        }
        if !PHOTON_ARGS.contains(&name) {
            kept.push(piece);
        }
    }
    let scheme = if ssl { "https" } else { "http" };
    let mut out = format!("{scheme}://{path}");
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

/// imgix Web Proxy source: `*.imgix.net/<percent-encoded absolute URL>?<imgix params>&s=…`.
/// The path is the origin; the query is imgix's and is dropped.
///
/// Example: `https://demo.imgix.net/http%3A%2F%2Favatars.com%2Fjohn-smith.png?h=300&s=a201`.
pub(super) fn imgix(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !url.host_str()?.ends_with(".imgix.net") {
        return None;
    }
    let rest = url.path().strip_prefix('/')?;
    if let Some(plain) = fix_collapsed_scheme(rest) {
        return Some(plain);
    }
    decode_to_http(rest)
}

/// Cloudinary fetch: `<host>/[<cloud>/]{image,video}/fetch/<transformations>/<url>`. The
/// cloud name is in the path on `res.cloudinary.com` and absent on a private CDN
/// (`<cloud>-res.cloudinary.com`) or a custom domain, so the shape is read on any host. The
/// transformation segments (`w_300,c_fill`, `s--sig--`, `f_auto/q_auto`…) are skipped; the
/// remote URL is plain or percent-encoded. Cloudinary's own query (`?_a=` analytics) is
/// dropped.
///
/// Example: `https://res.cloudinary.com/demo/image/fetch/w_300/https://example.com/a.jpg`.
pub(super) fn cloudinary(_url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = (0..2).find(|&p| {
        matches!(segs.get(p), Some(&("image" | "video"))) && segs.get(p + 1) == Some(&"fetch")
    })?;
    fetched_after(segs, at + 2)
}

/// The remote URL of a Cloudinary-style fetch path: from the first segment at or after
/// `from` that starts with `http` (plain or percent-encoded), the option segments before it
/// skipped.
fn fetched_after(segs: &[&str], from: usize) -> Option<String> {
    let start = segs
        .iter()
        .skip(from)
        .position(|s| starts_with_ci(s, "http"))?
        + from;
    let rest = segs.get(start..)?.join("/");
    fix_collapsed_scheme(&rest).or_else(|| decode_to_http(&rest))
}

/// True for a Cloudflare-style option list: comma-separated `key=value`, a value possibly
/// empty (`height=,`), as Forem writes it.
fn is_keyed_options(seg: &str) -> bool {
    seg.split(',').all(|o| {
        o.split_once('=').is_some_and(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
        })
    })
}

/// Forem (dev.to and other Forem sites) image resizer, Cloudflare image resizing behind a
/// Worker route: `<media host>/dynamic/image/<key=value,…>/<absolute URL, plain or encoded>`.
///
/// Example: `https://media2.dev.to/dynamic/image/width=800,height=,fit=scale-down/https%3A%2F%2Fexample.com%2Fa.png`.
pub(super) fn forem(_url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    match segs {
        ["dynamic", "image", options, rest @ ..]
            if is_keyed_options(options) && !rest.is_empty() =>
        {
            let joined = rest.join("/");
            fix_collapsed_scheme(&joined).or_else(|| decode_to_http(&joined))
        }
        _ => None,
    }
}

/// Substack's image CDN (Cloudinary underneath): `substackcdn.com/image/fetch/<options>/<URL>`,
/// the URL percent-encoded (or plain); the options in any spelling, including the
/// `$s_!…!,` prefix raw or percent-encoded (`%24s_%21…%21,`).
///
/// Example: `https://substackcdn.com/image/fetch/w_1456,c_limit,f_webp,q_auto:good/https%3A%2F%2Fexample.com%2Fa.png`.
pub(super) fn substack(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "substackcdn.com") || !matches!(segs, ["image", "fetch", ..]) {
        return None;
    }
    fetched_after(segs, 2)
}

/// Google / Gmail image proxy: `*.googleusercontent.com/proxy/<opaque>#<origin>` and the
/// newer `/meips/<opaque>#<origin>`. The path token is opaque, so only a fragment holding an
/// absolute URL gives the origin back.
///
/// Example: `https://ci3.googleusercontent.com/proxy/AbC123=s0-d-e1-ft#http://mysite.com/i.jpg`.
pub(super) fn google(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    let path = url.path();
    if !url.host_str()?.ends_with(".googleusercontent.com")
        || !(path.starts_with("/proxy/") || path.starts_with("/meips/"))
    {
        return None;
    }
    decode_to_http(url.fragment()?)
}

#[cfg(test)]
mod tests {
    use super::{photon, photon_collected};
    use proptest::sample::select;

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]

        /// Photon read in one pass gives what the collected reading gives, whatever the
        /// query and the fragment hold.
        #[test]
        fn photon_is_the_collected_reading(
            host in select(&["i0.wp.com", "i2.wp.com", "example.com"][..]),
            path in select(&["/j99.in/a.jpg", "/j99.in/", "/a.jpg", "/1.2.3.4/x/y.png", "/x", "/j99.in:8080/a/b"][..]),
            query in proptest::collection::vec(select(&[
                "ssl=1", "ssl=true", "ssl=TRUE", "ssl=0", "ssl", "w=300", "resize=1%2C2", "a=b",
                "&", "#038;", "038;", "is-pending-load=1", "x", "=", "#",
            ][..]), 0..7),
            fragment in proptest::collection::vec(select(&[
                "038;", "ssl=1", "ssl=0", "&", "#038;", "w=1", "b=c", "#", "=",
            ][..]), 0..6),
            has_query in proptest::bool::ANY,
            has_fragment in proptest::bool::ANY,
        ) {
            let mut text = format!("https://{host}{path}");
            if has_query {
                text.push('?');
                text.push_str(&query.concat());
            }
            if has_fragment {
                text.push('#');
                text.push_str(&fragment.concat());
            }
            if let Some(url) = crate::proxy::parsed::Parsed::new(text.as_str().into()) {
                let segs = super::super::segments(&url);
                proptest::prop_assert_eq!(photon(&url, &segs), photon_collected(&url, &segs), "{}", text);
            }
        }
    }
}
