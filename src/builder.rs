//! [`CleanerBuilder`]: every setting of a [`Cleaner`], checked once in
//! [`build`](CleanerBuilder::build).

use crate::cleaner::{Cleaner, Inner};
use crate::error::{Error, Result};
use crate::proxy::{ProxyTemplate, Unwrapper};
use crate::rule::Rule;
use crate::rules::{self, links::Links, proxied_urls::ProxiedUrls};
use std::sync::Arc;
use url::Url;

/// Builds a [`Cleaner`]. Setters consume and return the builder; nothing is checked until
/// [`build`](CleanerBuilder::build), which reports the first bad setting as an [`Error`].
///
/// ```
/// use articlean::Cleaner;
///
/// let cleaner = Cleaner::builder()
///     .with_base_url("https://example.com/news/")
///     .with_image_proxy("https://images.weserv.nl/?url={url_encoded}")
///     .without_rule("junk")
///     .build()?;
/// let out = cleaner.clean(r#"<img src="/a.jpg">"#);
/// assert!(out.html().contains("images.weserv.nl/?url=https%3A%2F%2Fexample.com%2Fa.jpg"));
/// # Ok::<(), articlean::Error>(())
/// ```
#[must_use]
#[derive(Clone, Default)]
pub struct CleanerBuilder {
    base_url: Option<String>,
    user_rules: Vec<Arc<dyn Rule>>,
    disabled: Vec<String>,
    only: Option<Vec<String>>,
    proxies: ProxyOptions,
}

/// The settings of the `proxied_urls` and `links` rules, as given to the builder.
#[derive(Clone, Debug)]
struct ProxyOptions {
    image_proxy: Option<String>,
    image_proxy_http_only: bool,
    proxy_patterns: Vec<String>,
    generic_fallback: bool,
    link_redirects: bool,
    strip_tracking: bool,
    extra_tracking: Vec<String>,
    no_referrer_on_all_images: bool,
    https_upgrade: bool,
}

impl Default for ProxyOptions {
    fn default() -> Self {
        ProxyOptions {
            image_proxy: None,
            image_proxy_http_only: false,
            proxy_patterns: Vec::new(),
            generic_fallback: true,
            link_redirects: true,
            strip_tracking: true,
            extra_tracking: Vec::new(),
            no_referrer_on_all_images: false,
            https_upgrade: false,
        }
    }
}

impl std::fmt::Debug for CleanerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CleanerBuilder")
            .field("base_url", &self.base_url)
            .field(
                "user_rules",
                &self.user_rules.iter().map(|r| r.name()).collect::<Vec<_>>(),
            )
            .field("disabled", &self.disabled)
            .field("only", &self.only)
            .field("proxies", &self.proxies)
            .finish_non_exhaustive()
    }
}

impl CleanerBuilder {
    /// The default policy: every built-in rule on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Resolves relative URLs (`href`, `src`, `srcset`…) against `url`, which must be an
    /// absolute URL. Default: none, relative URLs stay relative.
    pub fn with_base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.to_string());
        self
    }

    /// Adds a rule of your own. User rules run after the built-in rules that recover content
    /// and remove junk, and before `sanitize`, so they see the recovered images (with their
    /// classes and data attributes still there) and their output is still sanitized.
    pub fn with_rule(mut self, rule: impl Rule + 'static) -> Self {
        self.user_rules.push(Arc::new(rule));
        self
    }

    /// Turns a built-in rule off by name (see [`rules::BUILT_IN`]). An unknown name is an
    /// error at [`build`](CleanerBuilder::build).
    pub fn without_rule(mut self, name: &str) -> Self {
        self.disabled.push(name.to_string());
        self
    }

    /// Runs only these built-in rules (user rules still run). Unknown names are an error at
    /// [`build`](CleanerBuilder::build). Mostly for measuring one rule alone.
    pub fn with_only_rules(mut self, names: &[&str]) -> Self {
        self.only = Some(names.iter().map(|s| s.to_string()).collect());
        self
    }

    // --- proxies and links ---

    /// Sends every image URL (`img`, `srcset`, `picture > source`, `video[poster]`, image
    /// URLs in front matter) through your own proxy after any known proxy has been
    /// unwrapped, e.g. `https://images.weserv.nl/?url={url_encoded}`. See [`ProxyTemplate`]
    /// for the placeholders; the template is checked at [`build`](CleanerBuilder::build).
    /// Links and audio/video sources are never re-routed. Default: none.
    pub fn with_image_proxy(mut self, template: &str) -> Self {
        self.proxies.image_proxy = Some(template.to_string());
        self
    }

    /// With [`with_image_proxy`](CleanerBuilder::with_image_proxy): re-route only `http:`
    /// image URLs (to avoid mixed content) and leave `https:` ones at their origin.
    /// Default: off, all image URLs are re-routed.
    pub fn with_image_proxy_http_only(mut self, http_only: bool) -> Self {
        self.proxies.image_proxy_http_only = http_only;
        self
    }

    /// Also recognises (and unwraps) URLs made by this template, like the built-in proxies.
    /// Default: only the built-in recognisers (and the image proxy's own template).
    pub fn with_proxy_pattern(mut self, template: &str) -> Self {
        self.proxies.proxy_patterns.push(template.to_string());
        self
    }

    /// Whether an image URL whose whole query, or whose `url`/`src`/`u`/`image` parameter,
    /// is an absolute URL counts as a proxy even on an unknown host. Default: on.
    pub fn with_generic_proxy_fallback(mut self, on: bool) -> Self {
        self.proxies.generic_fallback = on;
        self
    }

    /// Whether links through known redirectors (`link.zhihu.com/?target=`,
    /// `google.com/url?q=`, `l.facebook.com/l.php?u=`…, see
    /// [`unwrap_redirect`](crate::proxy::unwrap_redirect)) are replaced by their target.
    /// Default: on.
    pub fn with_link_redirects(mut self, on: bool) -> Self {
        self.proxies.link_redirects = on;
        self
    }

    /// Whether tracking parameters (`utm_*`, `fbclid`, `gclid`…, see
    /// [`strip_tracking`](crate::proxy::strip_tracking)) are removed from links and image
    /// URLs. Default: on.
    pub fn with_tracking_params_stripped(mut self, on: bool) -> Self {
        self.proxies.strip_tracking = on;
        self
    }

    /// More query parameter names to remove as tracking (exact, case-sensitive), e.g.
    /// `&["from", "share_token"]`. Adds to earlier calls. An empty name, or one with `=`,
    /// `&`, `#` or white space, is an error at [`build`](CleanerBuilder::build). Default:
    /// none.
    pub fn with_extra_tracking_params(mut self, names: &[&str]) -> Self {
        self.proxies
            .extra_tracking
            .extend(names.iter().map(|n| n.to_string()));
        self
    }

    /// Gives every `img` `referrerpolicy="no-referrer"`. Default: off, only images on hosts
    /// known to refuse hotlinking (see [`refuses_hotlinking`](crate::proxy::refuses_hotlinking))
    /// get it.
    pub fn with_no_referrer_on_all_images(mut self, on: bool) -> Self {
        self.proxies.no_referrer_on_all_images = on;
        self
    }

    /// Rewrites `http://` image URLs to `https://` (after unwrapping, before re-routing).
    /// Images on hosts without TLS will then fail to load. Default: off.
    pub fn with_https_upgrade(mut self, on: bool) -> Self {
        self.proxies.https_upgrade = on;
        self
    }

    // --- end of proxies and links ---

    /// Checks every setting and builds the [`Cleaner`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBaseUrl`], [`Error::InvalidProxyTemplate`],
    /// [`Error::InvalidSetting`] for an unknown rule name or an unusable extra tracking
    /// parameter name, [`Error::Conflict`] for [`with_https_upgrade`](Self::with_https_upgrade)
    /// together with [`with_image_proxy_http_only`](Self::with_image_proxy_http_only) and an
    /// image proxy.
    pub fn build(self) -> Result<Cleaner> {
        let base_url = self.base_url.as_deref().map(parse_base_url).transpose()?;
        for name in self.disabled.iter().chain(self.only.iter().flatten()) {
            if !rules::BUILT_IN.contains(&name.as_str()) {
                return Err(Error::InvalidSetting {
                    setting: "rule name",
                    reason: format!(
                        "no built-in rule is named {name:?} (known: {})",
                        rules::BUILT_IN.join(", ")
                    ),
                });
            }
        }
        let (proxied, links) = self.proxies.rules()?;
        let proxied = Arc::new(proxied);
        let enabled = |name: &str| {
            !self.disabled.iter().any(|d| d == name)
                && self
                    .only
                    .as_ref()
                    .is_none_or(|o| o.iter().any(|n| n == name))
        };
        let mut list: Vec<Arc<dyn Rule>> = Vec::new();
        let mut push = |name: &str, rule: Arc<dyn Rule>| {
            if enabled(name) {
                list.push(rule);
            }
        };
        push(
            "event_handlers",
            Arc::new(rules::event_handlers::EventHandlers),
        );
        push(
            "lazy_images",
            Arc::new(rules::lazy_images::LazyImages::default()),
        );
        push(
            "image_wrappers",
            Arc::new(rules::image_wrappers::ImageWrappers),
        );
        push("proxied_urls", proxied.clone());
        push("links", Arc::new(links));
        push("junk", Arc::new(rules::junk::Junk));
        list.extend(self.user_rules.iter().cloned());
        if enabled("sanitize") {
            list.push(Arc::new(rules::sanitize::Sanitize::default()));
        }
        Ok(Cleaner {
            inner: Arc::new(Inner {
                rules: list,
                base_url,
                image_urls: enabled("proxied_urls").then_some(proxied),
            }),
        })
    }
}

impl ProxyOptions {
    /// Checks the settings and builds the `proxied_urls` and `links` rules.
    fn rules(&self) -> Result<(ProxiedUrls, Links)> {
        for name in &self.extra_tracking {
            if name.is_empty()
                || name
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '=' | '&' | '#'))
            {
                return Err(Error::InvalidSetting {
                    setting: "extra tracking parameter",
                    reason: format!("{name:?} cannot be a query parameter name"),
                });
            }
        }
        if self.https_upgrade && self.image_proxy_http_only && self.image_proxy.is_some() {
            return Err(Error::Conflict(
                "with_https_upgrade leaves no http: image URL for with_image_proxy_http_only \
                 to re-route"
                    .into(),
            ));
        }
        let mut unwrapper = Unwrapper::new().with_generic_fallback(self.generic_fallback);
        for pattern in &self.proxy_patterns {
            unwrapper = unwrapper.with_template(ProxyTemplate::parse(pattern)?);
        }
        let reroute = self
            .image_proxy
            .as_deref()
            .map(ProxyTemplate::parse)
            .transpose()?;
        if let Some(t) = &reroute {
            unwrapper = unwrapper.with_template(t.clone());
        }
        let proxied = ProxiedUrls::new(unwrapper)
            .with_reroute(reroute, self.image_proxy_http_only)
            .with_https_upgrade(self.https_upgrade)
            .with_tracking_params_stripped(self.strip_tracking, self.extra_tracking.clone())
            .with_no_referrer_on_all_images(self.no_referrer_on_all_images);
        let links = Links::default()
            .with_redirects(self.link_redirects)
            .with_tracking_params_stripped(self.strip_tracking, self.extra_tracking.clone());
        Ok((proxied, links))
    }
}

fn parse_base_url(url: &str) -> Result<Url> {
    let invalid = |reason: String| Error::InvalidBaseUrl {
        url: url.to_string(),
        reason,
    };
    let parsed = Url::parse(url).map_err(|e| invalid(e.to_string()))?;
    if parsed.cannot_be_a_base() {
        return Err(invalid("it cannot be a base for relative URLs".into()));
    }
    Ok(parsed)
}
