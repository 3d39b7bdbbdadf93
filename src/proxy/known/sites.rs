//! Same-site image optimisers of web frameworks and CDNs (Next.js, Netlify, Vercel, Nuxt
//! IPX, Gatsby, Astro, Cloudflare Images): the endpoint lives on the site itself and its source is
//! usually a path on that same site.
//!
//! A root-relative source (`/images/a.jpg`) is resolved against the proxy URL, so the origin
//! is that path on the proxy URL's own site. A protocol-relative or backslashed source
//! (`//evil.example/a.jpg`, `/\evil.example`) is refused: these services refuse it too, and it
//! would name another site. An absolute source is read as it is.
//!
//! These are the only recognisers tried on a root-relative proxy URL (see
//! [`Unwrapper::unwrap`](crate::proxy::Unwrapper::unwrap)).

use crate::proxy::parsed::Parsed;

use super::{fix_collapsed_scheme, with_query};
use crate::ascii::starts_with_ci;
use crate::proxy::decode::{decode_to_http, percent_decode_once, raw_param};

/// The recognisers of this family, tried on root-relative proxy URLs.
pub(crate) const SAME_SITE: &[super::Recogniser] = &[
    next_image,
    netlify_images,
    vercel_image,
    gatsby_image,
    ipx,
    astro_image,
    cloudflare_images,
];

/// A root-relative source path (`/a.jpg`) resolved against `url`; `None` for anything else
/// (`//host`, `/\host`, `a.jpg`).
fn same_site(url: &Parsed<'_>, path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    if rest.starts_with(['/', '\\']) {
        return None;
    }
    url.join(path).map(String::from)
}

/// The source in a query parameter: an absolute URL (percent-decoded up to twice), or a
/// root-relative path (percent-decoded once) on the proxy URL's site.
fn source_param(url: &Parsed<'_>, name: &str) -> Option<String> {
    let raw = raw_param(url.query()?, name)?;
    if let Some(absolute) = decode_to_http(raw) {
        return Some(absolute);
    }
    same_site(url, &percent_decode_once(raw)?)
}

/// The source in the path after the options: an absolute URL (plain, with `//` collapsed to
/// `/` by a normaliser, or percent-encoded) or a path on the proxy URL's site. The proxy
/// URL's query goes with a plain source.
fn source_path(url: &Parsed<'_>, source: &[&str]) -> Option<String> {
    let first = source.first()?;
    if first.is_empty() {
        return None;
    }
    let joined = source.join("/");
    if let Some(plain) = fix_collapsed_scheme(&joined) {
        return Some(with_query(plain, url.query()));
    }
    if starts_with_ci(first, "http%3a") || starts_with_ci(first, "https%3a") {
        return decode_to_http(&joined);
    }
    same_site(url, &with_query(format!("/{joined}"), url.query()))
}

/// Next.js image optimiser: `{basePath}/_next/image?url=<source>&w=…&q=…`.
///
/// Example: `https://shop.example/_next/image?url=%2Fimages%2Fhero.png&w=1080&q=75`
/// → `https://shop.example/images/hero.png` (source: nextjs.org/docs, `next/image`).
pub(super) fn next_image(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !url.path().ends_with("/_next/image") {
        return None;
    }
    source_param(url, "url")
}

/// Netlify Image CDN: `/.netlify/images?url=<source>&w=…&fit=…`.
///
/// Example: `https://site.example/.netlify/images?url=/owl.jpeg&w=400` (docs.netlify.com,
/// "Image CDN").
pub(super) fn netlify_images(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if url.path().trim_end_matches('/') != "/.netlify/images" {
        return None;
    }
    source_param(url, "url")
}

/// Vercel image optimisation (framework-agnostic): `/_vercel/image?url=<source>&w=…&q=…`.
///
/// Example: `https://app.example/_vercel/image?url=%2Fa.png&w=640&q=75` (vercel.com/docs,
/// "Build Output API: images").
pub(super) fn vercel_image(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !url.path().ends_with("/_vercel/image") {
        return None;
    }
    source_param(url, "url")
}

/// Gatsby Image CDN: `/_gatsby/image/<hash>/<hash>/<file>?u=<encoded source>&a=…&cd=…` (and
/// `/_gatsby/file/…?u=`). The source is always absolute.
///
/// Example: `https://site.example/_gatsby/image/1f3b/9a2c/a.jpg?u=https%3A%2F%2Fimages.ctfassets.net%2Fa.jpg&a=w%3D420`.
pub(super) fn gatsby_image(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = segs.iter().position(|s| *s == "_gatsby")?;
    if !matches!(segs.get(at + 1), Some(&("image" | "file"))) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "u")?)
}

/// True for an IPX modifier list: `_` (none), or `,`/`&`-separated modifiers such as `w_200`,
/// `s_200x200`, `f_webp`, `embed`.
fn is_ipx_modifiers(seg: &str) -> bool {
    seg == "_"
        || !seg.is_empty()
            && seg.split([',', '&']).all(|m| {
                let name = m.split('_').next().unwrap_or_default();
                !name.is_empty()
                    && name.bytes().all(|b| b.is_ascii_alphabetic())
                    && m.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
            })
}

/// Nuxt Image / IPX: `{baseURL}/_ipx/<modifiers>/<path or URL>`.
///
/// Example: `https://site.example/_ipx/w_200,f_webp/images/a.png` → `https://site.example/images/a.png`
/// (github.com/unjs/ipx README).
pub(super) fn ipx(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = segs.iter().position(|s| *s == "_ipx")?;
    let modifiers = segs.get(at + 1)?;
    if !is_ipx_modifiers(modifiers) {
        return None;
    }
    source_path(url, segs.get(at + 2..)?)
}

/// Astro's image endpoint (the default local image service): `{base}/_image?href=<source>&w=…&h=…&f=…&q=…`.
///
/// Example: `https://site.example/_image?href=%2F_astro%2Fa.1b2c.jpg&w=800&f=webp`
/// → `https://site.example/_astro/a.1b2c.jpg` (docs.astro.build, "Image Service API").
pub(super) fn astro_image(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !url.path().ends_with("/_image") {
        return None;
    }
    source_param(url, "href")
}

/// True for a Cloudflare Images option list: comma-separated `key=value` (`width=80`,
/// `fit=cover`, `w=80`…); a key is letters, dotted or hyphenated (`trim.left`,
/// `slow-connection-quality`).
fn is_cloudflare_options(seg: &str) -> bool {
    seg.split(',').all(|o| {
        o.split_once('=').is_some_and(|(k, v)| {
            k.starts_with(|c: char| c.is_ascii_alphabetic())
                && !v.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphabetic() || matches!(b, b'.' | b'-'))
        })
    })
}

/// Cloudflare Images transformations: `/cdn-cgi/image/<options>/<source>`, the source a path
/// on the same zone or an absolute URL.
///
/// Example: `https://example.com/cdn-cgi/image/width=80,quality=75/uploads/avatar1.jpg`
/// → `https://example.com/uploads/avatar1.jpg` (developers.cloudflare.com, "Transform via URL").
pub(super) fn cloudflare_images(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = segs
        .windows(2)
        .position(|w| w == ["cdn-cgi", "image"].as_slice())?;
    let options = segs.get(at + 2)?;
    if !is_cloudflare_options(options) {
        return None;
    }
    source_path(url, segs.get(at + 3..)?)
}
