//! Signing image proxies: the origin is encoded (hex, base64 or plain) in the path, next to
//! an HMAC that we do not need to check to read the origin back.

use crate::ascii::starts_with_ci;
use crate::proxy::parsed::Parsed;

use super::{fix_collapsed_scheme, host_is_or_under, with_query};
use crate::proxy::decode::{
    decode_base64_text, decode_hex_text, decode_to_http, is_base64ish, is_hex,
    looks_like_base64_http, looks_like_host, raw_param,
};

/// Inoreader camo: `www.inoreader.com/camo/<sig>,b64/<base64url origin>`.
///
/// Example: `https://www.inoreader.com/camo/syTLE,b64/aHR0cHM6Ly90dmF4Mi5zaW5haW1nLmNuL2EuanBn`.
pub(super) fn inoreader(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "inoreader.com") {
        return None;
    }
    match segs {
        ["camo", sig, encoded] if sig.ends_with(",b64") => decode_base64_text(encoded),
        _ => None,
    }
}

/// GitHub / atmos camo: `/<hmac hex>/<hex origin>` or `/<hmac hex>?url=<encoded origin>`.
/// On `camo.githubusercontent.com` any hex digest is accepted; on other hosts the digest must
/// be 40 hex digits (HMAC-SHA1), which is also go-camo's hex form.
///
/// Example: `https://camo.githubusercontent.com/<40 hex>/687474703a2f2f6578616d706c652e636f6d2f612e6a7067`.
pub(super) fn camo(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let github = url.host_str()? == "camo.githubusercontent.com";
    let digest_ok = |d: &str| is_hex(d) && (github || d.len() == 40);
    match segs {
        [digest, encoded] if digest_ok(digest) && is_hex(encoded) => decode_hex_text(encoded),
        [digest] if digest_ok(digest) => decode_to_http(raw_param(url.query()?, "url")?),
        _ => None,
    }
}

/// go-camo / Gitea camo: `/<base64url hmac>/<base64url origin, unpadded>` (exactly two
/// segments; the origin segment must start like base64 of `http:`/`https:`).
///
/// Example: `https://camo.example/vO2Oz3NhKx3qyRCt0aAqLZ5mfIk/aHR0cHM6Ly9leGFtcGxlLmNvbS9hLnBuZw`.
pub(super) fn go_camo(_url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    match segs {
        [sig, encoded]
            if is_base64ish(sig)
                && (16..=88).contains(&sig.len())
                && looks_like_base64_http(encoded) =>
        {
            decode_base64_text(encoded)
        }
        _ => None,
    }
}

/// True for one willnorris/imageproxy option: a size (`100x150`, `x`, `0.5x`, `200`), `fit`,
/// `fv`, `fh`, `r90`, `q75`, `sc`, a format, a crop (`cx10`…) or a signature `s<base64>`.
fn is_imageproxy_option(token: &str) -> bool {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let number_or_empty = |s: &str| s.is_empty() || number(s);
    if let Some((w, h)) = token.split_once('x') {
        if number_or_empty(w) && number_or_empty(h) {
            return true;
        }
    }
    if number(token) || matches!(token, "fit" | "fv" | "fh" | "sc" | "png" | "jpeg" | "tiff") {
        return true;
    }
    for prefix in ["cx", "cy", "cw", "ch", "r", "q"] {
        if let Some(n) = token.strip_prefix(prefix) {
            let n = n.strip_prefix('-').unwrap_or(n);
            if number(n) {
                return true;
            }
        }
    }
    token
        .strip_prefix('s')
        .is_some_and(|sig| sig.len() >= 16 && is_base64ish(sig))
}

/// willnorris/imageproxy: `/{options}/{remote}` where the options are a comma list (may be
/// empty) and the remote URL is plain (the proxy URL's query then belongs to it),
/// percent-encoded, or base64url.
///
/// Example: `https://imageproxy.example/100x150,q75/https://example.com/a.jpg?id=1`.
pub(super) fn imageproxy(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let (options, rest) = segs.split_first()?;
    if !options.is_empty() && !options.split(',').all(is_imageproxy_option) {
        return None;
    }
    let first = rest.first()?;
    if starts_with_ci(first, "http:") || starts_with_ci(first, "https:") {
        let plain = fix_collapsed_scheme(&rest.join("/"))?;
        return Some(with_query(plain, url.query()));
    }
    match rest {
        [encoded] if starts_with_ci(encoded, "http%3a") || starts_with_ci(encoded, "https%3a") => {
            decode_to_http(encoded)
        }
        [encoded] if looks_like_base64_http(encoded) => decode_base64_text(encoded),
        _ => None,
    }
}

/// True for an imgproxy signature segment: `insecure`, `unsafe`, `_`, or base64url.
fn is_imgproxy_signature(s: &str) -> bool {
    matches!(s, "insecure" | "unsafe" | "_") || (is_base64ish(s) && s.len() <= 88)
}

/// imgproxy (darthsim): `/<sig>/<opt:args>/…/plain/<url>[@ext]` or
/// `/<sig>/<opt:args>/…/<base64url origin, may be split by '/'>[.ext]`. Processing options
/// always contain `:`.
///
/// Example: `https://imgproxy.example/insecure/rs:fill:300:200/plain/https://example.com/a.jpg@webp`.
pub(super) fn imgproxy(_url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let (sig, rest) = segs.split_first()?;
    if !is_imgproxy_signature(sig) {
        return None;
    }
    let source_at = rest.iter().position(|s| !s.contains(':'))?;
    let source = rest.get(source_at..)?;
    if let Some((&"plain", plain)) = source.split_first() {
        let joined = plain.join("/");
        let without_ext = match joined.rsplit_once('@') {
            Some((head, ext)) if is_extension(ext) => head,
            _ => joined.as_str(),
        };
        return fix_collapsed_scheme(without_ext).or_else(|| decode_to_http(without_ext));
    }
    if source.iter().any(|s| s.contains(':')) {
        return None;
    }
    let joined = source.concat();
    let without_ext = match joined.rsplit_once('.') {
        Some((head, ext)) if is_extension(ext) => head,
        _ => joined.as_str(),
    };
    if !looks_like_base64_http(without_ext) {
        return None;
    }
    decode_base64_text(without_ext)
}

/// True for a short file extension such as `png` or `webp`.
fn is_extension(ext: &str) -> bool {
    (1..=5).contains(&ext.len()) && ext.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// True for a thumbor option segment: `trim[:…]`, a crop `AxB:CxD`, `(adaptive-)(full-)fit-in`,
/// a size `-300x-200`/`x200`/`origx300`, an alignment, `smart`, `meta`, `debug` or
/// `filters:…`.
fn is_thumbor_option(seg: &str) -> bool {
    let dim = |s: &str| {
        let s = s.strip_prefix('-').unwrap_or(s);
        s.is_empty() || s == "orig" || s.bytes().all(|b| b.is_ascii_digit())
    };
    let size = |s: &str| s.split_once('x').is_some_and(|(w, h)| dim(w) && dim(h));
    if seg == "trim" || seg.starts_with("trim:") || seg.starts_with("filters:") {
        return true;
    }
    if let Some((a, b)) = seg.split_once(':') {
        return size(a) && size(b);
    }
    size(seg)
        || matches!(
            seg,
            "fit-in"
                | "full-fit-in"
                | "adaptive-fit-in"
                | "adaptive-full-fit-in"
                | "left"
                | "center"
                | "right"
                | "top"
                | "middle"
                | "bottom"
                | "smart"
                | "meta"
                | "debug"
        )
}

/// Where the image starts after thumbor's options. A `filters:` segment runs to the first
/// segment ending in `)`, as thumbor reads it (`filters:(?P<filters>.+?\))/`): a filter's
/// argument may be a URL with slashes (`watermark(https://…/wm.png,10,10,50)`).
fn thumbor_image_start(rest: &[&str]) -> Option<usize> {
    let mut i = 0;
    while let Some(seg) = rest.get(i) {
        if !is_thumbor_option(seg) {
            return Some(i);
        }
        if seg.starts_with("filters:") && !seg.ends_with(')') {
            i += rest.get(i + 1..)?.iter().position(|s| s.ends_with(')'))? + 1;
        }
        i += 1;
    }
    None
}

/// thumbor: `/unsafe/<options>/<image>` or `/<28-char base64url HMAC-SHA1>/<options>/<image>`.
/// The image is a plain or percent-encoded absolute URL, or `host/path` (read as http).
///
/// Example: `https://thumbor.example/unsafe/300x200/smart/https://example.com/a.jpg`.
pub(super) fn thumbor(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let (sig, rest) = segs.split_first()?;
    let signed = sig.len() == 28 && sig.ends_with('=') && is_base64ish(sig);
    if *sig != "unsafe" && !signed {
        return None;
    }
    let start = thumbor_image_start(rest)?;
    let image = rest.get(start..)?;
    let first = image.first()?;
    let joined = image.join("/");
    if let Some(plain) = fix_collapsed_scheme(&joined) {
        return Some(with_query(plain, url.query()));
    }
    if starts_with_ci(first, "http%3a") || starts_with_ci(first, "https%3a") {
        return decode_to_http(&joined);
    }
    (looks_like_host(first) && image.len() > 1)
        .then(|| with_query(format!("http://{joined}"), url.query()))
}

/// Pocket's image cache (thumbor underneath, unsigned): `pocket-image-cache.com/[<size>]/
/// filters:…/<encoded URL>`, the size segment possibly empty (`.com//filters:…`).
///
/// Example: `https://pocket-image-cache.com/1200x/filters:format(jpg):extract_focal()/https%3A%2F%2Fexample.com%2Fa.jpg`.
pub(super) fn pocket_image_cache(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "pocket-image-cache.com") {
        return None;
    }
    let rest = match segs {
        ["", rest @ ..] => rest,
        rest => rest,
    };
    let image = rest.get(thumbor_image_start(rest)?..)?;
    let joined = image.join("/");
    fix_collapsed_scheme(&joined).or_else(|| decode_to_http(&joined))
}
