//! CORS workers and public CORS proxies: the origin sits in the query or in the path.

use crate::proxy::parsed::Parsed;

use super::{fix_collapsed_scheme, host_is_or_under, with_query};
use crate::ascii::starts_with_ci;
use crate::proxy::decode::{decode_to_http, looks_like_host, raw_param};
use crate::proxy::generic::is_page_image_service;

/// Hosts of public CORS proxies that take the origin in a query parameter.
const CORS_PARAM_HOSTS: &[&str] = &[
    "corsproxy.io",
    "allorigins.win",
    "api.codetabs.com",
    "api.cors.lol",
    "workers.dev",
];

/// Query parameter names CORS proxies use for the origin.
const CORS_PARAMS: &[&str] = &["url", "apiurl", "quest"];

/// Parameter form of CORS proxies: `?url=`, `?apiurl=` (Cloudflare's worker template) or
/// `?quest=` (codetabs), percent-decoded up to twice.
///
/// Applies to `corsproxy.io`, `api.allorigins.win/raw?url=`, `api.codetabs.com/v1/proxy?quest=`,
/// `api.cors.lol/?url=`, any `*.workers.dev`, and any host whose path ends in `/raw` or
/// `/proxy`.
///
/// Example: `https://api.allorigins.win/raw?url=https%3A%2F%2Fexample.com%2Fa.png`.
pub(super) fn cors_params(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    let known_host = CORS_PARAM_HOSTS.iter().any(|d| host_is_or_under(url, d));
    let path = url.path().trim_end_matches('/');
    let proxy_path = path.ends_with("/raw") || path.ends_with("/proxy");
    if !known_host && !proxy_path {
        return None;
    }
    let query = url.query()?;
    CORS_PARAMS
        .iter()
        .filter_map(|name| raw_param(query, name))
        .find_map(decode_to_http)
}

/// Cloudflare-Worker CORS proxy (cloudflare-cors-anywhere): on `*.workers.dev` the whole
/// query is the origin, percent-decoded up to twice as the worker does
/// (`decodeURIComponent(decodeURIComponent(search.substr(1)))`).
///
/// Example: `https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202105/a_1024.jpg`.
pub(super) fn workers_dev_query(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "workers.dev") {
        return None;
    }
    decode_to_http(url.query()?)
}

/// The worker's bare-query shape on any host: path `/` and a query that starts with `http`
/// and is (after percent-decoding up to twice) an absolute http(s) URL. Covers
/// `corsproxy.io/?<encoded>` and self-hosted workers on custom domains.
///
/// Example: `https://corsproxy.io/?https%3A%2F%2Fexample.com%2Fa.png`.
pub(super) fn bare_query(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if url.path() != "/" {
        return None;
    }
    let query = url.query()?;
    // The service's name is looked for only once the shape holds: most URLs fail it.
    if !starts_with_ci(query, "http") || is_page_image_service(url, segs) {
        return None;
    }
    decode_to_http(query)
}

/// Path form (cors-anywhere, worker path form, `cors.eu.org`): the path after the first `/`
/// is the origin, and the proxy URL's query belongs to it. `https:/origin` (slashes collapsed
/// by a normaliser) is repaired. A percent-encoded origin (`/https%3A%2F%2F…`) is decoded and
/// the query is then the proxy's own, so it is dropped.
///
/// A host or path naming a service that makes images *of* pages (`screenshot`, `opengraph`…)
/// is refused: its path carries the page.
///
/// Example: `https://cors-anywhere.herokuapp.com/https://example.com/a.png?x=1`.
pub(super) fn path_embedded(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let rest = url.path().strip_prefix('/')?;
    // The service's name is looked for only once a path starts with a scheme: most do not.
    let embedded = || {
        if let Some(plain) = fix_collapsed_scheme(rest) {
            return Some(with_query(plain, url.query()));
        }
        if starts_with_ci(rest, "http%3a") || starts_with_ci(rest, "https%3a") {
            return decode_to_http(rest);
        }
        None
    };
    embedded().filter(|_| !is_page_image_service(url, segs))
}

/// Path-scheme mirror: `/{scheme}/{host}/{path}` → `{scheme}://{host}/{path}`, with the
/// query kept. The second segment must look like a host name.
///
/// Example: `https://fd.xuwubk.eu.org/https/github.com/binarywang/WxJava/issues/2579`.
pub(super) fn scheme_mirror(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let (scheme, rest) = segs.split_first()?;
    let scheme = match *scheme {
        s if s.eq_ignore_ascii_case("https") => "https",
        s if s.eq_ignore_ascii_case("http") => "http",
        _ => return None,
    };
    let host = rest.first()?;
    if !looks_like_host(host) {
        return None;
    }
    Some(with_query(
        format!("{scheme}://{}", rest.join("/")),
        url.query(),
    ))
}
