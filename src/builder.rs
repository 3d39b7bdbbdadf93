//! [`CleanerBuilder`]: every setting of a [`Cleaner`], checked once in
//! [`build`](CleanerBuilder::build).

use crate::cleaner::{Cleaner, Inner};
use crate::error::{Error, Result};
use crate::proxy::{ProxyTemplate, Unwrapper};
use crate::rule::Rule;
use crate::rules::sanitize::policy::{Classes, SanitizerConfig};
use crate::rules::{self, lazy_images::LazyImages, links::Links, proxied_urls::ProxiedUrls};
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
    sanitizer: SanitizerConfig,
    lazy_images: LazyImages,
    /// Turns off dropping at parse time what `sanitize` removes anyway (for tests that
    /// check it changes nothing).
    no_parse_filter: bool,
    /// The sanitizer may be turned off ([`CleanerBuilder::allow_unsafe_output`]).
    allow_unsafe: bool,
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
            .field("sanitizer", &self.sanitizer)
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
    /// error at [`build`](CleanerBuilder::build). Turning `sanitize` off is an error too,
    /// unless [`allow_unsafe_output`](CleanerBuilder::allow_unsafe_output) says so.
    ///
    /// ```
    /// use articlean::Cleaner;
    ///
    /// assert!(Cleaner::builder().without_rule("sanitize").build().is_err());
    /// let unsafe_cleaner = Cleaner::builder()
    ///     .without_rule("sanitize")
    ///     .allow_unsafe_output()
    ///     .build()?;
    /// assert_eq!(unsafe_cleaner.clean("<b onclick=x()>a</b>").html(), "<b>a</b>");
    /// assert!(unsafe_cleaner.clean("<b>a</b><script>x()</script>").html().contains("<script>"));
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn without_rule(mut self, name: &str) -> Self {
        self.disabled.push(name.to_string());
        self
    }

    /// Runs only these built-in rules (user rules still run). Unknown names are an error at
    /// [`build`](CleanerBuilder::build). Mostly for measuring one rule alone.
    ///
    /// The sanitizer is not a rule you leave out by omission: it stays on, as the final
    /// stage, unless [`allow_unsafe_output`](CleanerBuilder::allow_unsafe_output) is set
    /// and `"sanitize"` is not among `names`.
    ///
    /// ```
    /// use articlean::Cleaner;
    ///
    /// let only_proxies = Cleaner::builder().with_only_rules(&["proxied_urls"]).build()?;
    /// assert_eq!(only_proxies.clean("<p onclick=x()>a<script>y()</script></p>").html(), "<p>a</p>");
    /// assert_eq!(only_proxies.rule_names().collect::<Vec<_>>(), ["proxied_urls", "sanitize"]);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_only_rules(mut self, names: &[&str]) -> Self {
        self.only = Some(names.iter().map(|s| s.to_string()).collect());
        self
    }

    /// Allows turning the sanitizer off (with [`without_rule`](Self::without_rule) or
    /// [`with_only_rules`](Self::with_only_rules) without `"sanitize"`). The output is then
    /// **not safe to embed**: scripts, event handlers and `javascript:` URLs that no other
    /// rule removes stay. Off by default: without it, turning the sanitizer off is an error
    /// at [`build`](CleanerBuilder::build).
    pub fn allow_unsafe_output(mut self) -> Self {
        self.allow_unsafe = true;
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

    // --- sanitizer ---
    // All sanitizer settings live in `self.sanitizer` and are checked by `build()`; the
    // default policy is described in the README, "Safety: the default policy".

    /// Keeps these elements too (HTML elements; their attributes are still filtered, see
    /// [`with_attributes_allowed`](CleanerBuilder::with_attributes_allowed)).
    ///
    /// An element that is always removed with its content (`script`, `style`, `iframe`,
    /// `svg`, `math`, `textarea`, form controls… see the README) is an [`Error::Conflict`];
    /// `html`, `head`, `body`, `form` and invalid names are [`Error::InvalidSetting`].
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_allowed(&["kbd", "abbr", "big"]).build()?;
    /// assert_eq!(cleaner.clean("<p><big>Big</big> news</p>").html(), "<p><big>Big</big> news</p>");
    /// assert!(articlean::Cleaner::builder().with_tags_allowed(&["svg"]).build().is_err());
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_allowed(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.sanitizer.tags_allowed.extend(tags);
        self
    }

    /// Takes these elements off the allowlist: they are unwrapped, their content kept (block
    /// elements become `div`s). Table parts cannot be unwrapped ([`Error::InvalidSetting`]):
    /// remove them with [`with_tags_removed`](CleanerBuilder::with_tags_removed).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_unwrapped(&["u"]).build()?;
    /// assert_eq!(cleaner.clean("<p><u>under</u>lined</p>").html(), "<p>underlined</p>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_unwrapped(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.sanitizer.tags_unwrapped.extend(tags);
        self
    }

    /// Removes these elements with their content. One also passed to
    /// [`with_tags_allowed`](CleanerBuilder::with_tags_allowed) is an [`Error::Conflict`].
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_tags_removed(&["aside"]).build()?;
    /// assert_eq!(cleaner.clean("<p>Text</p><aside>Related</aside>").html(), "<p>Text</p>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_tags_removed(mut self, tags: &[&str]) -> Self {
        let tags = tags.iter().map(|t| t.to_string());
        self.sanitizer.tags_removed.extend(tags);
        self
    }

    /// Keeps these attributes on `tag` (`"*"`: on every kept element). Attributes named like
    /// URL attributes (`href`, `src`, `cite`, `poster`, `action`, `data`, `background`…) are
    /// checked against the URL scheme allowlist wherever they are allowed. Event handlers
    /// (`on*`), `style`, `srcdoc`, `name`, `is`, `xmlns*` can never be allowed, and `id`,
    /// `class`, `rel`, `target` have settings of their own ([`Error::InvalidSetting`]).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder()
    ///     .with_attributes_allowed("p", &["translate"])
    ///     .with_attributes_allowed("*", &["data-line"])
    ///     .build()?;
    /// let out = cleaner.clean(r#"<p translate="no" data-line="3" data-x="1">Text</p>"#);
    /// assert_eq!(out.html(), r#"<p translate="no" data-line="3">Text</p>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_attributes_allowed(mut self, tag: &str, attributes: &[&str]) -> Self {
        let pairs = attributes.iter().map(|a| (tag.to_string(), a.to_string()));
        self.sanitizer.attrs_allowed.extend(pairs);
        self
    }

    /// Drops these attributes from `tag` (`"*"`: from every element), even when the
    /// default policy keeps them.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_attributes_removed("img", &["width", "height"]).build()?;
    /// assert_eq!(cleaner.clean(r#"<img src="a.png" width="10" height="10" alt="A">"#).html(), r#"<img src="a.png" alt="A" loading="lazy" decoding="async">"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_attributes_removed(mut self, tag: &str, attributes: &[&str]) -> Self {
        let pairs = attributes.iter().map(|a| (tag.to_string(), a.to_string()));
        self.sanitizer.attrs_removed.extend(pairs);
        self
    }

    /// Also accepts URLs with these schemes (default: `http`, `https`, `mailto`, `tel`, and
    /// relative URLs). `javascript`, `vbscript` and `data` are [`Error::InvalidSetting`]
    /// (see [`with_data_images`](CleanerBuilder::with_data_images) for `data:`).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_url_schemes_allowed(&["magnet", "xmpp"]).build()?;
    /// let out = cleaner.clean(r#"<a href="magnet:?xt=urn:x">get</a>"#);
    /// assert_eq!(out.html(), r#"<a href="magnet:?xt=urn:x" rel="noopener noreferrer">get</a>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_url_schemes_allowed(mut self, schemes: &[&str]) -> Self {
        let schemes = schemes.iter().map(|s| s.to_string());
        self.sanitizer.schemes_allowed.extend(schemes);
        self
    }

    /// Refuses URLs with these schemes, even default ones (`with_url_schemes_removed(&["http"])`
    /// keeps only `https` links and images).
    pub fn with_url_schemes_removed(mut self, schemes: &[&str]) -> Self {
        let schemes = schemes.iter().map(|s| s.to_string());
        self.sanitizer.schemes_removed.extend(schemes);
        self
    }

    /// Whether `data:` URLs of raster images (`image/png`, `jpeg`, `gif`, `webp`, `avif`,
    /// `bmp`, `x-icon`) are kept in `img` and `source`. Default: on. Other `data:` URLs are
    /// never kept.
    pub fn with_data_images(mut self, on: bool) -> Self {
        self.sanitizer.no_data_images = !on;
        self
    }

    /// The `rel` of links (`<a href>`); `""` for none. Default: `"noopener noreferrer"`.
    /// The input's own `rel` is always replaced.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_link_rel("noopener").with_nofollow(true).build()?;
    /// let out = cleaner.clean(r#"<a href="https://example.com/" rel="me">x</a>"#);
    /// assert_eq!(out.html(), r#"<a href="https://example.com/" rel="noopener nofollow">x</a>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_link_rel(mut self, rel: &str) -> Self {
        self.sanitizer.link_rel = Some(rel.to_string());
        self
    }

    /// Adds `nofollow` to the `rel` of links. Default: off.
    pub fn with_nofollow(mut self, on: bool) -> Self {
        self.sanitizer.nofollow = on;
        self
    }

    /// Gives links `target="_blank"` (and `rel` always holds `noopener` then). Default: off,
    /// and the input's `target` is dropped.
    pub fn with_links_in_new_tab(mut self, on: bool) -> Self {
        self.sanitizer.new_tab = on;
        self
    }

    /// Keeps the `class` attribute of kept elements. Default: off (classes dropped).
    pub fn with_classes_kept(mut self, on: bool) -> Self {
        self.sanitizer.classes = if on { Classes::All } else { Classes::Dropped };
        self
    }

    /// Keeps only these classes (the other words of `class` are dropped). Replaces
    /// [`with_classes_kept`](CleanerBuilder::with_classes_kept).
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_classes_allowed(&["note", "warning"]).build()?;
    /// let out = cleaner.clean(r#"<p class="note lazy js-track">Careful</p>"#);
    /// assert_eq!(out.html(), r#"<p class="note">Careful</p>"#);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_classes_allowed(mut self, classes: &[&str]) -> Self {
        self.sanitizer.classes = Classes::Only(classes.iter().map(|c| c.to_string()).collect());
        self
    }

    /// Keeps `id`s, prefixed with `prefix` (ids that already start with it are left alone),
    /// so they cannot clobber the embedding page's DOM; fragment links (`href="#x"`) and the
    /// `headers` of table cells get the same prefix. The prefix is a letter followed by
    /// letters, digits, `-` or `_`. Default: ids dropped.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_ids_kept("user-content-").build()?;
    /// let out = cleaner.clean(r##"<p><a href="#fn1">1</a></p><p id="fn1">Note</p>"##);
    /// assert_eq!(
    ///     out.html(),
    ///     r##"<p><a href="#user-content-fn1" rel="noopener noreferrer">1</a></p><p id="user-content-fn1">Note</p>"##
    /// );
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_ids_kept(mut self, prefix: &str) -> Self {
        self.sanitizer.id_prefix = Some(prefix.to_string());
        self
    }

    /// Keeps video embeds: an `<iframe>` whose `src` is an `https` (or `http`, upgraded)
    /// player URL of YouTube (`/embed/`), youtube-nocookie (`/embed/`), Vimeo
    /// (`player.vimeo.com/video/`), Bilibili (`player.bilibili.com/player.html`),
    /// Dailymotion (`/embed/`, `geo.dailymotion.com/player`), TED (`embed.ted.com/talks/`)
    /// or Loom (`/embed/`) is rebuilt as `<iframe src width height title allowfullscreen
    /// sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy"
    /// referrerpolicy="strict-origin-when-cross-origin">` (only the attributes present and
    /// valid are kept; its content is dropped). Every other `<iframe>` is removed, as by
    /// default.
    ///
    /// ```
    /// let cleaner = articlean::Cleaner::builder().with_embeds(true).build()?;
    /// let out = cleaner.clean(r#"<iframe src="//www.youtube.com/embed/abc" width="560" onload="x()"></iframe>"#);
    /// assert_eq!(
    ///     out.html(),
    ///     concat!(
    ///         r#"<iframe src="https://www.youtube.com/embed/abc" width="560" "#,
    ///         r#"sandbox="allow-scripts allow-same-origin allow-presentation" loading="lazy" "#,
    ///         r#"referrerpolicy="strict-origin-when-cross-origin"></iframe>"#
    ///     )
    /// );
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_embeds(mut self, on: bool) -> Self {
        self.sanitizer.embeds = on;
        self
    }

    /// The link that an embed (a YouTube, Vimeo… `<iframe>`, or its stand-in) leaves when it
    /// is not kept also shows the provider's thumbnail (`i.ytimg.com/vi/ID/hqdefault.jpg`),
    /// where its URL follows from the embed's. Off by default: the page never showed that
    /// image (articlean invents nothing unless asked).
    pub fn with_embed_thumbnails(mut self, on: bool) -> Self {
        self.sanitizer.embed_thumbnails = on;
        self
    }

    /// With [`with_embeds`](CleanerBuilder::with_embeds): also keeps embeds from these
    /// hosts (exact host names, any path).
    pub fn with_embed_hosts(mut self, hosts: &[&str]) -> Self {
        let hosts = hosts.iter().map(|h| h.to_string());
        self.sanitizer.embed_hosts.extend(hosts);
        self
    }

    // --- end sanitizer ---

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

    /// Whether the parser may drop what the sanitizer removes anyway (on by default; the
    /// output is the same either way). For tests and benchmarks.
    #[doc(hidden)]
    pub fn with_parse_time_filter(mut self, on: bool) -> Self {
        self.no_parse_filter = !on;
        self
    }

    /// Checks every setting and builds the [`Cleaner`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidBaseUrl`], [`Error::InvalidProxyTemplate`],
    /// [`Error::InvalidSetting`] for an unknown rule name, two rules of the same name, an
    /// unusable extra tracking parameter name or a bad sanitizer setting;
    /// [`Error::Conflict`] for contradicting sanitizer settings, for the sanitizer turned
    /// off without [`allow_unsafe_output`](Self::allow_unsafe_output), for a setting that
    /// would be silently ignored (embed hosts without embeds, an http-only image proxy
    /// without an image proxy, settings of a rule that is off…), or for
    /// [`with_https_upgrade`](Self::with_https_upgrade) together with
    /// [`with_image_proxy_http_only`](Self::with_image_proxy_http_only) and an image proxy.
    pub fn build(self) -> Result<Cleaner> {
        let base_url = self.base_url.as_deref().map(parse_base_url).transpose()?;
        let sanitizer = self.sanitizer.build()?;
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
        self.check_rule_names()?;
        self.lazy_images.validate()?;
        let (proxied, links) = self.proxies.rules()?;
        let proxied = Arc::new(proxied);
        let enabled = |name: &str| {
            !self.disabled.iter().any(|d| d == name)
                && self
                    .only
                    .as_ref()
                    .is_none_or(|o| o.iter().any(|n| n == name))
        };
        // The sanitizer is off only when asked for twice: by name, and as unsafe.
        let sanitize_on = !self.allow_unsafe || enabled("sanitize");
        if self.disabled.iter().any(|d| d == "sanitize") && !self.allow_unsafe {
            return Err(Error::Conflict(
                "without_rule(\"sanitize\") leaves the output unsafe to embed; call \
                 allow_unsafe_output() to say that this is meant"
                    .into(),
            ));
        }
        self.check_ignored_settings(sanitize_on, &enabled)?;
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
        push("links", Arc::new(links));
        push("junk", Arc::new(rules::junk::Junk));
        list.extend(self.user_rules.iter().cloned());
        let sanitize = sanitize_on.then(|| Arc::new(rules::sanitize::Sanitize::new(sanitizer)));
        Ok(Cleaner {
            inner: Arc::new(Inner::new(
                list,
                sanitize,
                base_url,
                enabled("proxied_urls").then_some(proxied),
                !self.no_parse_filter,
                !self.user_rules.is_empty(),
            )),
        })
    }

    /// Every rule name appears once in the report: user rules may not take a built-in's
    /// name or each other's.
    fn check_rule_names(&self) -> Result<()> {
        let mut seen: Vec<&str> = rules::BUILT_IN.to_vec();
        for rule in &self.user_rules {
            let name = rule.name();
            if seen.contains(&name) {
                return Err(Error::InvalidSetting {
                    setting: "rule name",
                    reason: format!(
                        "two rules are named {name:?}: each rule needs its own name in the report"
                    ),
                });
            }
            seen.push(name);
        }
        Ok(())
    }

    /// Settings that would have no effect are errors, not silently ignored.
    fn check_ignored_settings(
        &self,
        sanitize_on: bool,
        enabled: &dyn Fn(&str) -> bool,
    ) -> Result<()> {
        let ignored = |what: &str, because: &str| {
            Err(Error::Conflict(format!(
                "{what} would be ignored: {because}"
            )))
        };
        if !self.sanitizer.embed_hosts.is_empty() && !self.sanitizer.embeds {
            return ignored(
                "with_embed_hosts",
                "embeds are off (with_embeds(true) turns them on)",
            );
        }
        if !sanitize_on && self.sanitizer.differs_from_default() {
            return ignored("a sanitizer setting", "the sanitizer is off");
        }
        let p = &self.proxies;
        if p.image_proxy_http_only && p.image_proxy.is_none() {
            return ignored(
                "with_image_proxy_http_only",
                "no image proxy is set (with_image_proxy)",
            );
        }
        if !p.extra_tracking.is_empty() && !p.strip_tracking {
            return ignored(
                "with_extra_tracking_params",
                "tracking parameters are not stripped (with_tracking_params_stripped(false))",
            );
        }
        let proxy_settings = p.image_proxy.is_some()
            || !p.proxy_patterns.is_empty()
            || p.no_referrer_on_all_images
            || p.https_upgrade;
        if proxy_settings && !enabled("proxied_urls") {
            return ignored("an image proxy setting", "the proxied_urls rule is off");
        }
        if !p.link_redirects && !enabled("links") {
            return ignored("with_link_redirects(false)", "the links rule is off");
        }
        Ok(())
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
