//! The settings of the proxy, link and lazy-image rules; each is a field of
//! [`Config`](crate::Config), checked by [`build`](CleanerBuilder::build).

use super::CleanerBuilder;

impl CleanerBuilder {
    /// Sends every image URL (`img`, `srcset`, `picture > source`, `video[poster]`, image
    /// URLs in front matter) through your own proxy after any known proxy has been
    /// unwrapped, e.g. `https://images.weserv.nl/?url={url_encoded}`. See [`ProxyTemplate`](crate::proxy::ProxyTemplate)
    /// for the placeholders; the template is checked at [`build`](CleanerBuilder::build).
    /// Links and audio/video sources are never re-routed. Default: none.
    pub fn with_image_proxy(mut self, template: &str) -> Self {
        self.config.image_proxy = Some(template.to_string());
        self
    }

    /// With [`with_image_proxy`](CleanerBuilder::with_image_proxy): re-route only `http:`
    /// image URLs (to avoid mixed content) and leave `https:` ones at their origin.
    /// Default: off, all image URLs are re-routed.
    pub fn with_image_proxy_http_only(mut self, http_only: bool) -> Self {
        self.config.image_proxy_http_only = http_only;
        self
    }

    /// Also recognises (and unwraps) URLs made by this template, like the built-in proxies.
    /// Default: only the built-in recognisers (and the image proxy's own template).
    pub fn with_proxy_pattern(mut self, template: &str) -> Self {
        self.config.proxy_patterns.push(template.to_string());
        self
    }

    /// Whether an image URL whose whole query, or whose `url`/`src`/`u`/`image` parameter,
    /// is an absolute URL counts as a proxy even on an unknown host. Default: on.
    pub fn with_generic_proxy_fallback(mut self, on: bool) -> Self {
        self.config.generic_proxy_fallback = on;
        self
    }

    /// Whether links through known redirectors (`link.zhihu.com/?target=`,
    /// `google.com/url?q=`, `l.facebook.com/l.php?u=`…, see
    /// [`unwrap_redirect`](crate::proxy::unwrap_redirect)) are replaced by their target.
    /// Default: on.
    pub fn with_link_redirects(mut self, on: bool) -> Self {
        self.config.link_redirects = on;
        self
    }

    /// Whether tracking parameters (`utm_*`, `fbclid`, `gclid`…, see
    /// [`strip_tracking`](crate::proxy::strip_tracking)) are removed from links and image
    /// URLs. Default: on.
    pub fn with_tracking_params_stripped(mut self, on: bool) -> Self {
        self.config.strip_tracking_params = on;
        self
    }

    /// More query parameter names to remove as tracking (exact, case-sensitive), e.g.
    /// `&["from", "share_token"]`. Adds to earlier calls. An empty name, or one with `=`,
    /// `&`, `#` or white space, is an error at [`build`](CleanerBuilder::build). Default:
    /// none.
    pub fn with_extra_tracking_params(mut self, names: &[&str]) -> Self {
        self.config
            .extra_tracking_params
            .extend(names.iter().map(|n| n.to_string()));
        self
    }

    /// Gives every `img` `referrerpolicy="no-referrer"`. Default: off, only images on hosts
    /// known to refuse hotlinking (see [`refuses_hotlinking`](crate::proxy::refuses_hotlinking))
    /// get it.
    pub fn with_no_referrer_on_all_images(mut self, on: bool) -> Self {
        self.config.no_referrer_on_all_images = on;
        self
    }

    /// Rewrites `http://` image URLs to `https://` (after unwrapping, before re-routing).
    /// Images on hosts without TLS will then fail to load. Default: off.
    pub fn with_https_upgrade(mut self, on: bool) -> Self {
        self.config.https_upgrade = on;
        self
    }

    // --- lazy images ---

    /// Whether images get `loading="lazy"` and `decoding="async"` (when they have no valid
    /// value of their own). Default: on.
    pub fn with_native_lazy_loading(mut self, on: bool) -> Self {
        self.config.native_lazy_loading = on;
        self
    }

    /// Also reads the real image URL of lazy-loaded images from the attribute `name` (tried
    /// before the built-in names, see [`rules::lazy_images::SRC_ATTRIBUTES`](crate::rules::lazy_images::SRC_ATTRIBUTES)). An invalid
    /// name is an error at [`build`](CleanerBuilder::build).
    pub fn with_lazy_src_attribute(mut self, name: &str) -> Self {
        self.config.lazy_src_attributes.push(name.to_string());
        self
    }
}
