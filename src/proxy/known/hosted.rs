//! Image proxies of hosted services, each on its own host: mail, chat and search image
//! proxies (Discord, Facebook, DuckDuckGo, Bing, Slack, Yahoo) and image CDNs that take the
//! origin in the path after their options (Statically, ShortPixel, Optimole, ImageKit,
//! Cloudimage, the AMP Cache).

use crate::proxy::parsed::Parsed;

use super::{fix_collapsed_scheme, host_is_or_under, query_without, scheme_less, with_query};
use crate::ascii::starts_with_ci;
use crate::proxy::decode::{decode_to_http, looks_like_host, percent_decode_once, raw_param};

/// Discord's media proxy for embeds: `media.discordapp.net` or `images-ext-N.discordapp.net`
/// `/external/<hash>/[<%3F-encoded query>/]<scheme>/<host>/<path>`. The proxy's own query
/// (`width`, `height`, `format`) is dropped; the origin's query, when it had one, is the
/// segment before the scheme.
///
/// Example: `https://images-ext-1.discordapp.net/external/AbC123/https/example.com/a.png?width=400`.
pub(super) fn discord(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
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
pub(super) fn facebook(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
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
pub(super) fn duckduckgo(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if host != "external-content.duckduckgo.com" && host != "proxy.duckduckgo.com" {
        return None;
    }
    if !matches!(segs, ["iu" | "iur", ..]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "u")?)
}

/// Bing's thumbnail service when it carries the source: `tse*.mm.bing.net/th?u=<encoded>`,
/// `th.bing.com/th?u=` or `www.bing.com/th?u=`. `th?id=OIP…` and `/th/id/OIP…` (an opaque
/// id) carry none and stay.
///
/// Example: `https://tse1.mm.bing.net/th?u=https%3A%2F%2Fexample.com%2Fa.jpg&w=100&h=100&c=7`.
pub(super) fn bing(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if !host.ends_with(".mm.bing.net") && !host_is_or_under(url, "bing.com") {
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
pub(super) fn statically(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
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
fn absolute_from(url: &Parsed<'_>, segs: &[&str], at: usize) -> Option<String> {
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
pub(super) fn shortpixel(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
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
pub(super) fn optimole(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
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
pub(super) fn brightspot(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !matches!(segs, ["dims4" | "dims3", _, _, ..]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// Slack's image proxy for link previews: `slack-imgs.com/?c=1&o1=…&url=<encoded>`.
///
/// Example: `https://slack-imgs.com/?c=1&o1=ro&url=https%3A%2F%2Fexample.com%2Fa.png`.
pub(super) fn slack(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "slack-imgs.com") {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// Yahoo's media resizer: `*.yimg.com/<app>/api/res/1.2/<signature>/<base64 options>/<origin>`;
/// the origin is written plainly and its query is the proxy URL's.
///
/// Example: `https://s.yimg.com/ny/api/res/1.2/AbC--/YXBwaWQ9aGlnaGxhbmRlcg--/https://media.zenfs.com/a.jpg`.
pub(super) fn yahoo(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "yimg.com") {
        return None;
    }
    let at = segs
        .windows(2)
        .position(|w| w == ["api", "res"].as_slice())?;
    let start = segs
        .iter()
        .skip(at + 2)
        .position(|s| starts_with_ci(s, "http"))?
        + at
        + 2;
    absolute_from(url, segs, start)
}

/// ImageKit web-proxy origin: `ik.imagekit.io/<id>[/<prefix>][/tr:<transformations>]/<absolute
/// URL>` (plain or percent-encoded); the `tr` query parameter is ImageKit's and is dropped.
///
/// Example: `https://ik.imagekit.io/demo/tr:w-300/https://example.com/a.jpg`.
pub(super) fn imagekit(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if url.host_str()? != "ik.imagekit.io" {
        return None;
    }
    let at = segs
        .iter()
        .skip(1)
        .position(|s| starts_with_ci(s, "http"))?
        + 1;
    let rest = segs.get(at..)?.join("/");
    if let Some(plain) = fix_collapsed_scheme(&rest) {
        let query = query_without(url.query(), &["tr"]);
        return Some(with_query(plain, query.as_deref()));
    }
    decode_to_http(&rest)
}

/// Cloudimage: `<token>.cloudimg.io/[v7/]<origin>?<operations>`, the origin absolute (plain
/// or percent-encoded, `ci_url_encoded=1`) or without its scheme (`sample.li/a.jpg`, read as
/// http). The query is Cloudimage's and is dropped.
///
/// Example: `https://demo.cloudimg.io/v7/sample.example/flat1.jpg?w=450`.
pub(super) fn cloudimage(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "cloudimg.io") {
        return None;
    }
    let rest = match segs {
        ["v7", rest @ ..] => rest,
        rest => rest,
    };
    let first = rest.first()?;
    let joined = rest.join("/");
    if let Some(plain) = fix_collapsed_scheme(&joined) {
        return Some(plain);
    }
    if starts_with_ci(first, "http%3a") || starts_with_ci(first, "https%3a") {
        return decode_to_http(&joined);
    }
    (rest.len() > 1)
        .then(|| scheme_less("http", rest, None))
        .flatten()
}

/// The AMP Cache's image and resource forms: `<sub>.cdn.ampproject.org/{i,r}/[s/]<URL without
/// scheme>` and the resized image `/ii/w<width>/[s/]…`; `s/` means https. A document (`/c/`)
/// is a page, read by the link rules only.
///
/// Example: `https://example-com.cdn.ampproject.org/i/s/example.com/a.jpg` → `https://example.com/a.jpg`.
pub(super) fn amp_cache_image(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "cdn.ampproject.org") {
        return None;
    }
    let rest = match segs {
        ["i" | "r", rest @ ..] => rest,
        ["ii", width, rest @ ..]
            if width
                .strip_prefix('w')
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) =>
        {
            rest
        }
        _ => return None,
    };
    amp_origin(rest, url.query())
}

/// The origin of an AMP Cache or AMP viewer path after its type: `[s/]<host>/<path>`, `s`
/// meaning https; the query is the origin's.
pub(crate) fn amp_origin(rest: &[&str], query: Option<&str>) -> Option<String> {
    match rest {
        ["s", rest @ ..] => scheme_less("https", rest, query),
        rest => scheme_less("http", rest, query),
    }
}

/// Google Translate's website proxy: `<host with `.` → `-`, `-` → `--`>.translate.goog/<path>?
/// <query>&_x_tr_sl=…&_x_tr_tl=…`; the host is decoded back, the `_x_tr_*` parameters are the
/// proxy's, and the page was served over https.
///
/// Example: `https://example-com.translate.goog/a.jpg?_x_tr_sl=auto&_x_tr_tl=en` → `https://example.com/a.jpg`.
pub(crate) fn translate_goog(url: &Parsed<'_>) -> Option<String> {
    let label = url.host_str()?.strip_suffix(".translate.goog")?;
    if label.is_empty() || label.contains('.') {
        return None;
    }
    let mut host = String::with_capacity(label.len());
    let mut chars = label.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '-' {
            if chars.peek() == Some(&'-') {
                chars.next();
                host.push('-');
            } else {
                host.push('.');
            }
        } else {
            host.push(c);
        }
    }
    let query: Option<String> = url.query().and_then(|q| {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("_x_tr_"))
            .collect();
        (!kept.is_empty()).then(|| kept.join("&"))
    });
    let segs = super::segments(url);
    let mut all = vec![host.as_str()];
    all.extend_from_slice(&segs);
    scheme_less("https", &all, query.as_deref())
}

/// [`translate_goog`] as an image recogniser.
pub(super) fn translate_proxy(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    translate_goog(url)
}

/// Mail image proxies that name the remote image in a parameter: Yahoo Mail
/// (`ecp.yusercontent.com/mail?url=`) and Proton Mail (`…/api/core/v4/images?Url=`).
///
/// Example: `https://ecp.yusercontent.com/mail?url=https%3A%2F%2Fexample.com%2Fa.png&t=1&sig=x`.
pub(super) fn mail_image(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let query = url.query()?;
    if url.host_str()? == "ecp.yusercontent.com" && segs == ["mail"] {
        return decode_to_http(raw_param(query, "url")?);
    }
    if matches!(segs, [.., "core", "v4", "images"]) {
        return decode_to_http(raw_param(query, "Url")?);
    }
    None
}
