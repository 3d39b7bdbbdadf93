//! Image proxies of hosted services, each on its own host: mail, chat and search image
//! proxies (Discord, Facebook, DuckDuckGo, Bing) and image CDNs that take the origin in the
//! path after their options (Statically, ShortPixel, Optimole).

use url::Url;

use super::{fix_collapsed_scheme, host_is_or_under, with_query};
use crate::ascii::starts_with_ci;
use crate::proxy::decode::{decode_to_http, looks_like_host, percent_decode_once, raw_param};

/// Discord's media proxy for embeds: `media.discordapp.net` or `images-ext-N.discordapp.net`
/// `/external/<hash>/[<%3F-encoded query>/]<scheme>/<host>/<path>`. The proxy's own query
/// (`width`, `height`, `format`) is dropped; the origin's query, when it had one, is the
/// segment before the scheme.
///
/// Example: `https://images-ext-1.discordapp.net/external/AbC123/https/example.com/a.png?width=400`.
pub(super) fn discord(url: &Url, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    let media = host == "media.discordapp.net"
        || host
            .strip_prefix("images-ext-")
            .and_then(|h| h.strip_suffix(".discordapp.net"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    let ["external", hash, rest @ ..] = segs else {
        return None;
    };
    if !media || hash.is_empty() {
        return None;
    }
    let (query, rest) = match rest {
        [q, rest @ ..] if starts_with_ci(q, "%3f") => (Some(percent_decode_once(q)?), rest),
        _ => (None, rest),
    };
    let [scheme, origin_host, path @ ..] = rest else {
        return None;
    };
    let scheme = match *scheme {
        "https" => "https",
        "http" => "http",
        _ => return None,
    };
    if !looks_like_host(origin_host) {
        return None;
    }
    let mut out = format!("{scheme}://{origin_host}/{}", path.join("/"));
    if let Some(q) = query {
        out.push_str(&q);
    }
    Some(out)
}

/// Facebook's external-image proxy: `external.*.fbcdn.net/safe_image.php?…&url=<encoded>`
/// and its newer `/emg1/…?url=` form.
///
/// Example: `https://external.fsgn2-1.fna.fbcdn.net/safe_image.php?d=AQB&w=500&url=https%3A%2F%2Fexample.com%2Fa.jpg`.
pub(super) fn facebook(url: &Url, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if !host.starts_with("external") || !host_is_or_under(url, "fbcdn.net") {
        return None;
    }
    if !matches!(segs.first(), Some(&("safe_image.php" | "emg1"))) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// DuckDuckGo's image proxy: `external-content.duckduckgo.com/iu/?u=<encoded>&f=1` (also
/// `proxy.duckduckgo.com`).
///
/// Example: `https://external-content.duckduckgo.com/iu/?u=https%3A%2F%2Fexample.com%2Fa.jpg&f=1&nofb=1`.
pub(super) fn duckduckgo(url: &Url, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if host != "external-content.duckduckgo.com" && host != "proxy.duckduckgo.com" {
        return None;
    }
    if !matches!(segs, ["iu" | "iur", ..]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "u")?)
}

/// Bing's thumbnail service when it carries the source: `tse*.mm.bing.net/th?u=<encoded>`
/// or `www.bing.com/th?u=`. `th?id=OIP…` (an opaque id) carries none and stays.
///
/// Example: `https://tse1.mm.bing.net/th?u=https%3A%2F%2Fexample.com%2Fa.jpg&w=100&h=100&c=7`.
pub(super) fn bing(url: &Url, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if !host.ends_with(".mm.bing.net") && host != "www.bing.com" && host != "bing.com" {
        return None;
    }
    if !matches!(segs, ["th", ..]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "u")?)
}

/// Statically's image CDN: `cdn.statically.io/img/<host>[/<options>]/<path>`, options such as
/// `w=300,h=500,f=auto,q=80`. Statically fetches the origin over https.
///
/// Example: `https://cdn.statically.io/img/example.com/w=300,f=auto/images/a.jpg`.
pub(super) fn statically(url: &Url, segs: &[&str]) -> Option<String> {
    if url.host_str()? != "cdn.statically.io" {
        return None;
    }
    let ["img", host, rest @ ..] = segs else {
        return None;
    };
    if !looks_like_host(host) {
        return None;
    }
    let is_options = |s: &str| {
        s.split(',').all(|o| {
            o.split_once('=')
                .is_some_and(|(k, v)| matches!(k, "w" | "h" | "f" | "q") && !v.is_empty())
        })
    };
    let path = match rest {
        [options, path @ ..] if is_options(options) => path,
        path => path,
    };
    if path.first().is_none_or(|p| p.is_empty()) {
        return None;
    }
    Some(with_query(
        format!("https://{host}/{}", path.join("/")),
        url.query(),
    ))
}

/// True for a segment of image options of the `key_value` / `key:value` kind, separated by
/// `+` or `,` (ShortPixel `w_924+q_lossy+ret_img`, Optimole `w:1024`).
fn is_option_list(seg: &str) -> bool {
    !seg.is_empty()
        && seg.split(['+', ',']).all(|o| {
            o.split_once(['_', ':']).is_some_and(|(k, v)| {
                !k.is_empty() && k.bytes().all(|b| b.is_ascii_alphabetic()) && !v.is_empty()
            })
        })
}

/// The absolute URL that starts at `segs[at]` (plain, `//` collapsed, or percent-encoded),
/// with the proxy URL's query for a plain one.
fn absolute_from(url: &Url, segs: &[&str], at: usize) -> Option<String> {
    let rest = segs.get(at..)?;
    let first = rest.first()?;
    let joined = rest.join("/");
    if let Some(plain) = fix_collapsed_scheme(&joined) {
        return Some(with_query(plain, url.query()));
    }
    if starts_with_ci(first, "http%3a") || starts_with_ci(first, "https%3a") {
        return decode_to_http(&joined);
    }
    None
}

/// ShortPixel Adaptive Images: `cdn.shortpixel.ai/spai/<options>/<absolute URL>` (also the
/// older `/client/<options>/`).
///
/// Example: `https://cdn.shortpixel.ai/spai/w_924+q_lossy+ret_img+to_webp/https://example.com/a.jpg`.
pub(super) fn shortpixel(url: &Url, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "shortpixel.ai") {
        return None;
    }
    match segs {
        ["spai" | "client", options, ..] if is_option_list(options) => absolute_from(url, segs, 2),
        _ => None,
    }
}

/// Optimole: `<key>.i.optimole.com/<option>/<option>/…/<absolute URL>`, options such as
/// `w:1024`, `h:683`, `q:mauto`, `f:best`, `cb:abc`, `ig:avif`.
///
/// Example: `https://mlxyz.i.optimole.com/w:1024/h:683/q:mauto/https://example.com/a.jpg`.
pub(super) fn optimole(url: &Url, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "i.optimole.com") {
        return None;
    }
    let at = segs.iter().position(|s| !is_option_list(s))?;
    (at > 0).then_some(())?;
    absolute_from(url, segs, at)
}

/// Brightspot CMS image resizer (`dims4`, older `dims3`), on the CMS's CDN or the site's own
/// host: `/dims4/<preset>/<hash>/<operations…>/?url=<encoded origin>`.
///
/// Example: `https://www.politico.com/dims4/default/4f1e2a3/2147483647/resize/1160x%3E/quality/90/?url=https%3A%2F%2Fstatic.politico.com%2Fa%2Fb%2Fphoto`.
pub(super) fn brightspot(url: &Url, segs: &[&str]) -> Option<String> {
    if !matches!(segs, ["dims4" | "dims3", _, _, ..]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}
