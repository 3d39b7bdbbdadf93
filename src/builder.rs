//! [`CleanerBuilder`]: every setting of a [`Cleaner`], checked once in
//! [`build`](CleanerBuilder::build).

use crate::cleaner::{Cleaner, Inner};
use crate::error::{Error, Result};
use crate::proxy::{ProxyTemplate, Unwrapper};
use crate::rule::Rule;
use crate::rules::{self, lazy_images::LazyImages, proxied_urls::ProxiedUrls};
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
    image_proxy: Option<String>,
    image_proxy_http_only: bool,
    proxy_patterns: Vec<String>,
    no_generic_proxy_fallback: bool,
    lazy_images: LazyImages,
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
            .field("image_proxy", &self.image_proxy)
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

    /// Sends every image URL through your own proxy after any known proxy has been
    /// unwrapped, e.g. `https://images.weserv.nl/?url={url_encoded}`. See
    /// [`ProxyTemplate`] for the placeholders. Default: none.
    pub fn with_image_proxy(mut self, template: &str) -> Self {
        self.image_proxy = Some(template.to_string());
        self
    }

    /// With [`with_image_proxy`](CleanerBuilder::with_image_proxy): re-route only `http:`
    /// image URLs (to avoid mixed content) and leave `https:` ones at their origin.
    /// Default: all image URLs are re-routed.
    pub fn with_image_proxy_http_only(mut self, http_only: bool) -> Self {
        self.image_proxy_http_only = http_only;
        self
    }

    /// Also recognises (and unwraps) URLs made by this template, like the built-in proxies.
    pub fn with_proxy_pattern(mut self, template: &str) -> Self {
        self.proxy_patterns.push(template.to_string());
        self
    }

    /// Whether an image URL whose whole query, or whose `url`/`src`/`u`/`image` parameter,
    /// is an absolute URL counts as a proxy even on an unknown host. Default: on.
    pub fn with_generic_proxy_fallback(mut self, on: bool) -> Self {
        self.no_generic_proxy_fallback = !on;
        self
    }

    // --- lazy images ---

    /// Whether images get `loading="lazy"` and `decoding="async"` (when they have no valid
    /// value of their own). Default: on.
    pub fn with_native_lazy_loading(mut self, on: bool) -> Self {
        self.lazy_images = self.lazy_images.with_native_lazy_loading(on);
        self
    }

    /// Also reads the real image URL of lazy-loaded images from the attribute `name` (tried
    /// before the built-in names, see [`rules::lazy_images::SRC_ATTRIBUTES`]). An invalid
    /// name is an error at [`build`](CleanerBuilder::build).
    pub fn with_lazy_src_attribute(mut self, name: &str) -> Self {
        self.lazy_images = self.lazy_images.with_src_attribute(name);
        self
    }

    // --- end lazy images ---

    /// Checks every setting and builds the [`Cleaner`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBaseUrl`], [`Error::InvalidProxyTemplate`], or
    /// [`Error::InvalidSetting`] for an unknown rule name.
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
        self.lazy_images.validate()?;
        let mut unwrapper = Unwrapper::new().with_generic_fallback(!self.no_generic_proxy_fallback);
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
        let enabled = |name: &str| {
            !self.disabled.iter().any(|d| d == name)
                && self
                    .only
                    .as_ref()
                    .is_none_or(|o| o.iter().any(|n| n == name))
        };
        let proxied = Arc::new(ProxiedUrls::new(
            unwrapper,
            reroute,
            self.image_proxy_http_only,
        ));
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
        push("lazy_images", Arc::new(self.lazy_images.clone()));
        push(
            "image_wrappers",
            Arc::new(rules::image_wrappers::ImageWrappers),
        );
        push("proxied_urls", proxied.clone());
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
