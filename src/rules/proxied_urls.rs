//! `proxied_urls`: image URLs routed through proxies go back to their origin, or through
//! the user's own proxy; images on hosts that refuse hotlinking get
//! `referrerpolicy="no-referrer"`.

use std::borrow::Cow;

use html5ever::{local_name, LocalName};

use url::Url;

use crate::config::Config;
use crate::error::Result;
use crate::proxy::{self, refuses_hotlinking, strip_tracking, ProxyTemplate, Unwrapper};
use crate::rules::{BuiltIn, Parts};
use crate::template::has_template_syntax;
use crate::{Action, Context, Element, Interest, Rule};
use std::sync::Arc;

/// The registry entry. The rule also rewrites the image URLs of front matter.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "proxied_urls",
    on_by_default: true,
    settings: &[
        "image_proxy",
        "image_proxy_http_only",
        "proxy_patterns",
        "generic_proxy_fallback",
        "strip_tracking_params",
        "extra_tracking_params",
        "no_referrer_on_all_images",
        "https_upgrade",
    ],
    final_stage: false,
    filters_at_parse_time: false,
    add,
};

/// Checks the templates and adds the rule.
fn add(c: &Config, parts: &mut Parts) -> Result<()> {
    let mut unwrapper = Unwrapper::new().with_generic_fallback(c.generic_proxy_fallback);
    for pattern in &c.proxy_patterns {
        unwrapper = unwrapper.with_template(ProxyTemplate::parse(pattern)?);
    }
    let reroute = c
        .image_proxy
        .as_deref()
        .map(ProxyTemplate::parse)
        .transpose()?;
    if let Some(t) = &reroute {
        unwrapper = unwrapper.with_template(t.clone());
    }
    let rule = ProxiedUrls::new(unwrapper)
        .with_reroute(reroute, c.image_proxy_http_only)
        .with_https_upgrade(c.https_upgrade)
        .with_tracking_params_stripped(c.strip_tracking_params, c.extra_tracking_params.clone())
        .with_no_referrer_on_all_images(c.no_referrer_on_all_images);
    let rule = Arc::new(rule);
    parts.rules.push(rule.clone());
    parts.front_matter_urls = Some(rule);
    Ok(())
}

/// What a URL attribute points at, which decides what may be done to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An image the page loads (`img`, `picture > source`, `video[poster]`): unwrapped,
    /// tracking parameters stripped, optionally upgraded to https and re-routed.
    Image,
    /// Audio or video (`audio[src]`, `video[src]`, `video > source`): unwrapped, tracking
    /// parameters stripped; never re-routed (an image proxy cannot serve it).
    Media,
    /// A link (`a[href]`): unwrapped only when the origin is an image file. Tracking
    /// parameters of links are the [`links`](super::links) rule's business.
    ImageLink,
}

/// Rewrites image URLs: every recognised proxy (see [`crate::proxy`]) is unwrapped to the
/// origin URL, tracking parameters are removed, `http:` is optionally upgraded to `https:`,
/// and when a re-route template is configured the URL is sent through it. Images whose host
/// refuses hotlinking ([`refuses_hotlinking`]) get `referrerpolicy="no-referrer"`.
///
/// Where it applies:
///
/// | attribute | unwrap | strip tracking | https upgrade, re-route |
/// |---|---|---|---|
/// | `img[src]`, every `img[srcset]` candidate (descriptors kept) | yes | yes | yes |
/// | `source[src]`, `source[srcset]` in a `picture` | yes | yes | yes |
/// | `video[poster]` | yes | yes | yes |
/// | `video[src]`, `audio[src]`, `source[src]` in `video`/`audio` | yes | yes | no |
/// | `a[href]` whose origin is an image file (`.jpg`, `.png`, `.webp`…) | yes | no (see `links`) | no |
///
/// Links are not re-routed: the page never loads them, so there is no mixed content or
/// hotlinking to avoid, and the reader who follows one should reach the origin.
///
/// Relative URLs are resolved against the base URL first when there is one, so a re-route
/// template always gets an absolute URL. An origin unwrapped to `http://` on the base URL's
/// own host, when the base URL is `https://`, gets `https://`: the page's site is known to
/// serve https (Photon without `ssl=1` and scheme-less weserv sources read as `http://`, the
/// scheme those services fetch). Other hosts keep the scheme the proxy carried; turn on
/// [`with_https_upgrade`](Self::with_https_upgrade) for every image. A URL that cannot be unwrapped, or whose origin
/// does not pass the safety gate (absolute http(s), at most 8 KiB, well-formed escapes), is
/// left exactly as it was: never emptied, never replaced by something unsafe.
///
/// Counts one change per attribute rewritten and one per `referrerpolicy` set.
///
/// ```
/// use articlean::proxy::{ProxyTemplate, Unwrapper};
/// use articlean::rules::proxied_urls::ProxiedUrls;
///
/// let rule = ProxiedUrls::new(Unwrapper::new())
///     .with_reroute(Some(ProxyTemplate::parse("https://wsrv.nl/?url={url_encoded}")?), false);
/// assert_eq!(
///     rule.rewrite("https://cors.example.workers.dev/?http://img.example.com/a.jpg?utm_source=x")
///         .as_deref(),
///     Some("https://wsrv.nl/?url=http%3A%2F%2Fimg.example.com%2Fa.jpg")
/// );
/// # Ok::<(), articlean::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ProxiedUrls {
    unwrapper: Unwrapper,
    reroute: Option<ProxyTemplate>,
    reroute_http_only: bool,
    https_upgrade: bool,
    strip_tracking: bool,
    extra_tracking: Vec<String>,
    no_referrer_on_all: bool,
}

impl Default for ProxiedUrls {
    /// The built-in recognisers with the generic fallback, tracking parameters stripped, no
    /// re-route, no https upgrade, `referrerpolicy` only for hosts that refuse hotlinking.
    fn default() -> Self {
        Self::new(Unwrapper::new())
    }
}

impl ProxiedUrls {
    /// The rule with these recognisers and the default options (see [`Default`]).
    pub fn new(unwrapper: Unwrapper) -> Self {
        ProxiedUrls {
            unwrapper,
            reroute: None,
            reroute_http_only: false,
            https_upgrade: false,
            strip_tracking: true,
            extra_tracking: Vec::new(),
            no_referrer_on_all: false,
        }
    }

    /// Sends every image URL through `template` after unwrapping (only `http:` ones when
    /// `http_only`). The template should also be one of the unwrapper's, so that cleaning
    /// twice does not route twice.
    pub fn with_reroute(mut self, template: Option<ProxyTemplate>, http_only: bool) -> Self {
        self.reroute = template;
        self.reroute_http_only = http_only;
        self
    }

    /// Rewrites `http://` image URLs to `https://` (before re-routing).
    pub fn with_https_upgrade(mut self, on: bool) -> Self {
        self.https_upgrade = on;
        self
    }

    /// Whether tracking parameters ([`strip_tracking`]) are removed from image and media
    /// URLs, and which extra parameter names count as tracking.
    pub fn with_tracking_params_stripped(mut self, on: bool, extra: Vec<String>) -> Self {
        self.strip_tracking = on;
        self.extra_tracking = extra;
        self
    }

    /// Gives every `img` `referrerpolicy="no-referrer"`, not only those on hosts that
    /// refuse hotlinking.
    pub fn with_no_referrer_on_all_images(mut self, on: bool) -> Self {
        self.no_referrer_on_all = on;
        self
    }

    /// The image URL as this rule rewrites it, or `None` when it stays as it is.
    pub fn rewrite(&self, url: &str) -> Option<String> {
        self.rewrite_as(url, Kind::Image)
    }

    /// A URL found in front matter: treated as an image URL when its origin (after
    /// unwrapping) names an image file; any other URL is only unwrapped, so a page link in
    /// front matter is never re-routed through an image proxy.
    pub(crate) fn rewrite_front_matter_url(&self, url: &str) -> Option<String> {
        if has_template_syntax(url) {
            return None;
        }
        let origin = self.unwrapper.unwrap(url);
        if origin.as_deref().is_some_and(has_template_syntax) {
            return None;
        }
        if proxy::names_image_file(origin.as_deref().unwrap_or(url)) {
            self.rewrite(url)
        } else {
            origin.filter(|o| o != url.trim())
        }
    }

    fn rewrite_as(&self, url: &str, kind: Kind) -> Option<String> {
        self.rewrite_on(url, kind, None)
    }

    /// [`rewrite_as`](Self::rewrite_as) for a URL of a page whose own URL is `page` (the base
    /// URL): an origin unwrapped to `http://` on the page's own host is given `https://` when
    /// the page is served over https (see [`on_https_site`]).
    fn rewrite_on(&self, url: &str, kind: Kind, page: Option<&Url>) -> Option<String> {
        let url = url.trim_ascii();
        if has_template_syntax(url) {
            return None;
        }
        self.rewrite_checked(url, kind, page)
    }

    /// [`rewrite_on`](Self::rewrite_on) for a URL already trimmed and known to hold no
    /// template syntax.
    fn rewrite_checked(&self, url: &str, kind: Kind, page: Option<&Url>) -> Option<String> {
        if url.is_empty() {
            return None;
        }
        let unwrapped = self
            .unwrapper
            .unwrap(url)
            .map(|origin| on_https_site(origin, page));
        if kind == Kind::ImageLink {
            return unwrapped.filter(|origin| proxy::names_image_file(origin));
        }
        // Already routed through the user's proxy: stays routed, whatever the origin's
        // scheme (a `{host}{path}` template loses it), so cleaning twice changes nothing.
        let already_routed = self
            .reroute
            .as_ref()
            .is_some_and(|t| t.recognise(url).is_some());
        // Borrowed until something changes: most URLs stay as they are.
        let mut current: Cow<'_, str> = unwrapped.map_or(Cow::Borrowed(url), Cow::Owned);
        if self.strip_tracking {
            if let Some(stripped) = strip_tracking(&current, &self.extra_tracking) {
                current = Cow::Owned(stripped);
            }
        }
        if kind == Kind::Image {
            if self.https_upgrade {
                if let Some(rest) = strip_http(&current) {
                    current = Cow::Owned(format!("https://{rest}"));
                }
            }
            if let Some(template) = &self.reroute {
                let wanted =
                    !self.reroute_http_only || already_routed || strip_http(&current).is_some();
                if let Some(routed) = wanted.then(|| template.apply(&current)).flatten() {
                    current = Cow::Owned(routed);
                }
            }
        }
        // Never decoded into template syntax (`%7B%7Bx%7D%7D` into `{{x}}`).
        (current != url && !current.is_empty() && !has_template_syntax(&current))
            .then(|| current.into_owned())
    }

    /// Rewrites `attr` of `el` as `kind`; a relative URL is resolved against the base URL
    /// first when there is one.
    fn rewrite_attr(
        &self,
        el: &mut Element<'_>,
        cx: &mut Context<'_>,
        attr: &LocalName,
        kind: Kind,
    ) {
        let Some(value) = el.attr_by_atom(attr) else {
            return;
        };
        if let Some(new) = self.rewrite_resolved(value, kind, cx) {
            el.set_attr(attr, &new);
            cx.changed();
        }
    }

    fn rewrite_srcset(&self, el: &mut Element<'_>, cx: &mut Context<'_>) {
        let Some(srcset) = el.attr_by_atom(&local_name!("srcset")) else {
            return;
        };
        let rewritten =
            crate::srcset::rewrite(srcset, |u| self.rewrite_resolved(u, Kind::Image, cx));
        if let Some(new) = rewritten {
            el.set_attr("srcset", &new);
            cx.changed();
        }
    }

    fn rewrite_resolved(&self, url: &str, kind: Kind, cx: &Context<'_>) -> Option<String> {
        let url = url.trim_ascii();
        if has_template_syntax(url) {
            return None;
        }
        match cx.base_url() {
            Some(base) if is_relative(url) && !url.is_empty() && !url.starts_with('#') => {
                let absolute = base.join(url).ok()?;
                self.rewrite_on(absolute.as_str(), kind, Some(base))
            }
            // Already trimmed and checked for template syntax.
            _ => self.rewrite_checked(url, kind, cx.base_url()),
        }
    }

    /// Sets `referrerpolicy="no-referrer"` on an `img` that needs it.
    fn set_referrer_policy(&self, el: &mut Element<'_>, cx: &mut Context<'_>) {
        let current = el
            .attr_by_atom(&local_name!("referrerpolicy"))
            .map(str::trim);
        if current.is_some_and(|p| p.eq_ignore_ascii_case("no-referrer")) {
            return;
        }
        if self.no_referrer_on_all || self.loads_from_hotlink_refuser(el, cx) {
            el.set_attr("referrerpolicy", "no-referrer");
            cx.changed();
        }
    }

    /// Whether any URL the `img` may load (its `src`, its `srcset`, the `source`s of its
    /// `picture`) is on a host that refuses hotlinking.
    fn loads_from_hotlink_refuser(&self, el: &Element<'_>, cx: &Context<'_>) -> bool {
        let refuses = |url: &str| loads_from_refuser(url, cx.base_url());
        let refuses_in = |src: Option<&str>, srcset: Option<&str>| {
            src.is_some_and(refuses)
                || srcset.is_some_and(|s| crate::srcset::iter(s).any(|c| refuses(c.url)))
        };
        if refuses_in(
            el.attr_by_atom(&local_name!("src")),
            el.attr_by_atom(&local_name!("srcset")),
        ) {
            return true;
        }
        if !el.parent().is_some_and(|p| p.is("picture")) {
            return false;
        }
        // The `source`s before it, back to an earlier `img` (a picture holds its sources,
        // then one image): each `source` is read for one image at most, so a picture of
        // many source-and-image pairs costs its size, not its size squared.
        el.previous_siblings()
            .take_while(|s| !s.is("img"))
            .filter(|s| s.is("source"))
            .any(|s| refuses_in(s.attr("src").as_deref(), s.attr("srcset").as_deref()))
    }
}

/// Whether the image URL `url` (of a page whose base URL is `base`) is on a host that
/// refuses hotlinking ([`refuses_hotlinking`]): the host it has once resolved against
/// `base` ([`Context::resolve`]).
fn loads_from_refuser(url: &str, base: Option<&Url>) -> bool {
    let url = trim(url);
    // A plainly written host that is not on the list is answered without parsing: the
    // `url` crate reads it the same (lower-cased), as a decimal IPv4 address or not at all,
    // and none of those refuses hotlinking. Only after two slashes: against a base URL of
    // the same scheme, `https:host/a.jpg` and `https:/host/a.jpg` are paths on the base
    // URL's host.
    let written_host = proxy::plain_host_cased(url).filter(|_| slashes_before_host(url));
    if let Some((host, upper)) = written_host {
        // A host on the list is one the `url` crate reads as written (lower-cased) when it
        // is a plain domain name: no IPv4 address, no empty label, no IDNA label to check.
        // (A plain host has no port: without upper case it is asked as it is.)
        let refuses = if upper {
            refuses_hotlinking(host)
        } else {
            proxy::refuses_hotlinking_lower(host)
        };
        if !refuses || is_plain_domain(host) && reads_own_host(url) {
            return refuses;
        }
    }
    if crate::scheme::is_hostless_data(url) {
        return false;
    }
    // A plainly relative URL is on the base URL's host (or, with no base URL, parses as
    // nothing): answered without parsing it.
    if is_plainly_relative(url) {
        return base.and_then(Url::host_str).is_some_and(refuses_hotlinking);
    }
    crate::rule::resolve(base, url).is_some_and(|u| u.host_str().is_some_and(refuses_hotlinking))
}

/// Whether `url` (trimmed) starts with two slashes (`/` or `\\`), or has two right after an
/// `http:` or `https:` (any case): the host that follows is its own, whatever the base URL.
fn slashes_before_host(url: &str) -> bool {
    let after = crate::ascii::strip_prefix_ci(url, "https:")
        .or_else(|| crate::ascii::strip_prefix_ci(url, "http:"))
        .unwrap_or(url);
    after
        .as_bytes()
        .get(..2)
        .is_some_and(|two| two.iter().all(|b| matches!(b, b'/' | b'\\')))
}

/// A host (of ASCII letters, digits, `.` and `-`, as [`proxy::plain_host_cased`] gives) that the
/// `url` crate reads as a domain name and keeps as written, lower-cased: no empty label (but
/// one trailing `.`), no label starting with `xn--` (IDNA checks those), and a last label
/// that is not a number (`1`, `0x1f`: the host is then read as an IPv4 address).
fn is_plain_domain(host: &str) -> bool {
    let labels = host.strip_suffix('.').unwrap_or(host).as_bytes();
    // One pass over the labels (each ended by a `.` or the end), no splitter.
    let (mut start, mut last) = (0, &labels[..0]);
    for end in memchr::memchr_iter(b'.', labels).chain(std::iter::once(labels.len())) {
        let label = &labels[start..end];
        if label.is_empty()
            || label
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case(b"xn--"))
        {
            return false;
        }
        (start, last) = (end + 1, label);
    }
    let number = last.iter().all(u8::is_ascii_digit)
        || last.get(..2).is_some_and(|h| h.eq_ignore_ascii_case(b"0x"));
    !number
}

/// `url.trim()`, answered without the Unicode white space search when the URL starts and
/// ends with ASCII bytes that are not white space (nearly always). White space as `trim`
/// reads it: `char::is_whitespace`, which counts the vertical tab (U+000B) that
/// `u8::is_ascii_whitespace` leaves out.
fn trim(url: &str) -> &str {
    let b = url.as_bytes();
    let plain = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii() && !char::from(c).is_whitespace());
    if plain(b.first()) && plain(b.last()) {
        url
    } else {
        url.trim()
    }
}

/// Whether `url`, written with two slashes before its host ([`slashes_before_host`]), is
/// read with that host whatever the base URL: it names its scheme (`http:`, `https:`). (A
/// scheme-relative `//host` is read by the base URL's scheme, or not at all.)
fn reads_own_host(url: &str) -> bool {
    crate::ascii::starts_with_ci(url, "http:") || crate::ascii::starts_with_ci(url, "https:")
}

/// A relative URL that keeps the host of any base URL it is resolved against, and that
/// parses as nothing on its own: no `:` (so no scheme, and no URL without a base), no `\`,
/// no white space or control byte (which the `url` crate strips or removes), and not
/// starting with `//` (a host of its own).
fn is_plainly_relative(url: &str) -> bool {
    !url.starts_with("//") && url.bytes().all(|b| b > b' ' && b != b':' && b != b'\\')
}

/// `origin` with `https:` for `http:` when it is on the host of `page` and `page` is an
/// `https:` URL: the page's own site is known to serve https, whatever scheme a proxy fetched
/// it with (Photon without `ssl=1` and scheme-less weserv sources read as `http:`, the scheme
/// those services fetch by default). Any other origin is returned as it is: whether another
/// host serves https is not known from one URL.
fn on_https_site(origin: String, page: Option<&Url>) -> String {
    let Some(page) = page.filter(|p| p.scheme() == "https") else {
        return origin;
    };
    let Some(rest) = strip_http(&origin) else {
        return origin;
    };
    let same_host = Url::parse(&origin)
        .is_ok_and(|o| o.host_str() == page.host_str() && o.port_or_known_default() == Some(80));
    if same_host {
        format!("https://{rest}")
    } else {
        origin
    }
}

/// The rest of an `http://` URL (ASCII case-insensitive), or `None`.
fn strip_http(url: &str) -> Option<&str> {
    let head = url.get(..7)?;
    head.eq_ignore_ascii_case("http://").then(|| &url[7..])
}

/// No scheme: a relative or protocol-relative URL.
fn is_relative(url: &str) -> bool {
    crate::scheme::is_relative(url)
}

impl Rule for ProxiedUrls {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        const MEDIA: &str = "img source video audio a";
        Interest::elements(MEDIA)
            .reads(MEDIA, "src srcset poster href referrerpolicy")
            .ending("")
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !el.is_html() {
            return Action::Keep;
        }
        match *el.local_name() {
            local_name!("img") => {
                self.rewrite_attr(el, cx, &local_name!("src"), Kind::Image);
                self.rewrite_srcset(el, cx);
                self.set_referrer_policy(el, cx);
            }
            local_name!("source") => {
                let in_media = el.parent().is_some_and(|p| p.is("video") || p.is("audio"));
                if in_media {
                    self.rewrite_attr(el, cx, &local_name!("src"), Kind::Media);
                } else {
                    self.rewrite_attr(el, cx, &local_name!("src"), Kind::Image);
                    self.rewrite_srcset(el, cx);
                }
            }
            local_name!("video") => {
                self.rewrite_attr(el, cx, &local_name!("poster"), Kind::Image);
                self.rewrite_attr(el, cx, &local_name!("src"), Kind::Media);
            }
            local_name!("audio") => self.rewrite_attr(el, cx, &local_name!("src"), Kind::Media),
            local_name!("a") => {
                if let Some(new) = el
                    .attr_by_atom(&local_name!("href"))
                    .and_then(|h| self.rewrite_as(h, Kind::ImageLink))
                {
                    el.set_attr("href", &new);
                    cx.changed();
                }
            }
            _ => {}
        }
        Action::Keep
    }
}

#[cfg(test)]
#[path = "proxied_urls_attack_tests.rs"]
mod attack_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_left_alone() {
        let rule = ProxiedUrls::default();
        let long = format!(
            "https://x.workers.dev/?https://a.example/{}.jpg",
            "a".repeat(9000)
        );
        for bad in [
            "",
            "   ",
            "https://x.workers.dev/?javascript:alert(1)",
            "https://x.workers.dev/?https%3A%2F%2Fa.example%2F%ZZ.jpg",
            "https://wsrv.nl/?url=%FF%FE",
            "https://camo.githubusercontent.com/0d2b0b6e0a0a2f1f9d2c0a8b7b7e6f5e4d3c2b1a/zz",
            long.as_str(),
        ] {
            assert_eq!(rule.rewrite(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn reroute_http_only_is_idempotent_with_a_schemeless_template() {
        let t = ProxyTemplate::parse("https://i3.wp.com/{host}{path}").unwrap();
        let rule =
            ProxiedUrls::new(Unwrapper::new().with_template(t.clone())).with_reroute(Some(t), true);
        let once = rule.rewrite("http://a.example/p.jpg").unwrap();
        assert_eq!(once, "https://i3.wp.com/a.example/p.jpg");
        assert_eq!(rule.rewrite(&once), None);
        assert_eq!(rule.rewrite("https://a.example/p.jpg"), None);
    }

    #[test]
    fn https_upgrade_then_reroute() {
        let t = ProxyTemplate::parse("https://wsrv.nl/?url={url_encoded}").unwrap();
        let rule = ProxiedUrls::new(Unwrapper::new().with_template(t.clone()))
            .with_https_upgrade(true)
            .with_reroute(Some(t), false);
        assert_eq!(
            rule.rewrite("HTTP://a.example/p.jpg").as_deref(),
            Some("https://wsrv.nl/?url=https%3A%2F%2Fa.example%2Fp.jpg")
        );
    }

    #[test]
    fn https_on_the_pages_own_site_only() {
        let page = |u: &str| Url::parse(u).unwrap();
        let https_page = page("https://a.example/post/");
        let up = |o: &str, p: Option<&Url>| on_https_site(o.to_owned(), p);
        assert_eq!(
            up("http://a.example/x.jpg", Some(&https_page)),
            "https://a.example/x.jpg"
        );
        assert_eq!(
            up("HTTP://A.example/x.jpg", Some(&https_page)),
            "https://A.example/x.jpg"
        );
        assert_eq!(
            up("http://b.example/x.jpg", Some(&https_page)),
            "http://b.example/x.jpg"
        );
        assert_eq!(
            up("http://a.example:8080/x.jpg", Some(&https_page)),
            "http://a.example:8080/x.jpg"
        );
        assert_eq!(
            up("http://a.example/x.jpg", Some(&page("http://a.example/"))),
            "http://a.example/x.jpg"
        );
        assert_eq!(up("http://a.example/x.jpg", None), "http://a.example/x.jpg");
        assert_eq!(up("/x.jpg", Some(&https_page)), "/x.jpg");
    }

    /// `https:a.jpg` against an `https:` base URL is a path on the base URL's host (the
    /// written-host shortcut took `a.jpg` for the host: no `referrerpolicy` on a page of a
    /// host that refuses hotlinking).
    #[test]
    fn scheme_without_slashes_is_on_the_base_host() {
        let cleaner = crate::Cleaner::builder()
            .with_base_url("https://wx1.sinaimg.cn/post/")
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        let out = cleaner.clean(r#"<p><img src="https:a.jpg" alt="x"></p>"#);
        assert!(out.html().contains("no-referrer"), "{}", out.html());
        let base = Url::parse("https://wx1.sinaimg.cn/post/").ok();
        for url in ["https:a.jpg", "https:/a.jpg", "HTTPS:example.com/a.jpg"] {
            assert!(loads_from_refuser(url, base.as_ref()), "{url}");
        }
        assert!(!loads_from_refuser(
            "https://example.com/a.jpg",
            base.as_ref()
        ));
        assert!(!loads_from_refuser(
            "https:\\\\example.com/a.jpg",
            base.as_ref()
        ));
        for (url, want) in [
            ("https://pic1.ZHIMG.com/a.jpg", true),
            ("https://pic1.zhimg.com./a.jpg", true),
            ("https://xn--zz.zhimg.com/a.jpg", false),
            ("https://a..zhimg.com/a.jpg", true),
            ("https:///Pic1.zhimg.com/", true),
        ] {
            let resolved =
                Url::parse(url).is_ok_and(|u| u.host_str().is_some_and(refuses_hotlinking));
            let joined = base
                .as_ref()
                .and_then(|b| b.join(url).ok())
                .is_some_and(|u| u.host_str().is_some_and(refuses_hotlinking));
            assert_eq!(loads_from_refuser(url, None), resolved, "{url}");
            assert_eq!(loads_from_refuser(url, base.as_ref()), joined, "{url}");
            assert_eq!(joined, want, "{url}");
        }
        // A `\\` before an `@` ends the host for an `https:` base URL, not for another one.
        let other = Url::parse("foo://mmbiz.qpic.cn/p").ok();
        assert!(loads_from_refuser("//.\\@sinaimg.cn", other.as_ref()));
        assert!(!loads_from_refuser("//.\\@sinaimg.cn", base.as_ref()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// The answer for a plainly relative URL, given without parsing it, is the one of
        /// the URL resolved against the base URL (or parsed, without one), on URLs made of
        /// separators, hosts that refuse hotlinking and others, with several base URLs.
        #[test]
        fn hotlink_refusers_answered_as_resolved(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "/", "//", "\\", ":", "?", "#", ".", "..", "a", "x.jpg", "sinaimg.cn",
                "wx1.sinaimg.cn", "example.com", "https:", "http:", "%2F", " ", "\t", "é",
                "@", "data:", "mmbiz.qpic.cn", "https://", "HTTP://", "//Pic1.ZHIMG.com",
                "xn--", "XN--a.", "0x1f", "1", "-", "zkres1.myzaker.com", ":80",
            ][..]), 0..8),
            base in proptest::sample::select(&[
                "", "https://wx1.sinaimg.cn/post/", "https://example.com/a/b", "file:///x/",
                "mailto:a@example.com", "foo://mmbiz.qpic.cn/p",
            ][..]),
        ) {
            let url: String = pieces.concat();
            let base = Url::parse(base).ok();
            let resolved = match &base {
                Some(b) => b.join(url.trim()).ok(),
                None => Url::parse(url.trim()).ok(),
            }
            .is_some_and(|u| u.host_str().is_some_and(refuses_hotlinking));
            proptest::prop_assert_eq!(loads_from_refuser(&url, base.as_ref()), resolved, "{:?}", url);
        }
    }

    /// `is_plain_domain` as it was, with splitters (the oracle).
    fn is_plain_domain_split(host: &str) -> bool {
        let labels = host.strip_suffix('.').unwrap_or(host);
        let last = labels.rsplit('.').next().unwrap_or("");
        let number =
            last.bytes().all(|b| b.is_ascii_digit()) || crate::ascii::starts_with_ci(last, "0x");
        !number
            && labels
                .split('.')
                .all(|l| !l.is_empty() && !crate::ascii::starts_with_ci(l, "xn--"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
        /// The one-pass label reading answers as the splitters did, and the trim as
        /// `str::trim`.
        #[test]
        fn plain_domains_and_trims_as_before(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                ".", "..", "a", "zhimg", "com", "xn--", "XN--a", "x", "0x1f", "0X", "1", "12",
                "-", "xn-", "\u{a0}", " ", "\t", "\u{b}", "\u{c}", "\u{1c}", "é", "\u{3000}",
            ][..]), 0..7),
        ) {
            let host: String = pieces.concat();
            proptest::prop_assert_eq!(is_plain_domain(&host), is_plain_domain_split(&host), "{:?}", host);
            proptest::prop_assert_eq!(trim(&host), host.trim(), "{:?}", host);
        }
    }

    #[test]
    fn links_unwrap_only_to_image_files() {
        let rule = ProxiedUrls::default();
        assert_eq!(
            rule.rewrite_as("https://i0.wp.com/a.example/p.png?ssl=1", Kind::ImageLink)
                .as_deref(),
            Some("https://a.example/p.png")
        );
        assert_eq!(
            rule.rewrite_as(
                "https://corsproxy.io/?https://a.example/page.html",
                Kind::ImageLink
            ),
            None
        );
    }
}
