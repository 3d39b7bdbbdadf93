//! [`CleanerBuilder`]: every setting of a [`Cleaner`], kept as a [`Config`] and checked once
//! in [`build`](CleanerBuilder::build).
//!
//! | module | setters |
//! |---|---|
//! | here | base URL, user rules, which built-in rules run, `build` |
//! | `proxies` | the `proxied_urls`, `links` and `lazy_images` rules |
//! | `sanitizer` | the sanitizer |
//! | `checks` | settings checked across rules |

mod checks;
mod proxies;
mod sanitizer;

use crate::cleaner::{Cleaner, Inner};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::rule::Rule;
use crate::rules::{self, Parts};
use std::sync::Arc;
use url::Url;

/// Builds a [`Cleaner`]. Setters consume and return the builder; nothing is checked until
/// [`build`](CleanerBuilder::build), which reports the first bad setting as an [`Error`].
/// Every setting is a field of [`Config`]: [`CleanerBuilder::from_config`] starts from one.
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
    config: Config,
    user_rules: Vec<Arc<dyn Rule>>,
    /// Turns off dropping at parse time what `sanitize` removes anyway (for tests that
    /// check it changes nothing).
    no_parse_filter: bool,
}

impl std::fmt::Debug for CleanerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CleanerBuilder")
            .field("config", &self.config)
            .field(
                "user_rules",
                &self.user_rules.iter().map(|r| r.name()).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl CleanerBuilder {
    /// The default policy: every built-in rule on.
    pub fn new() -> Self {
        Self::default()
    }

    /// A builder with every setting of `config` (user rules are added with
    /// [`with_rule`](Self::with_rule)); the setters below change it further. Nothing is
    /// checked until [`build`](Self::build).
    ///
    /// ```
    /// use articlean::{CleanerBuilder, Config};
    ///
    /// let mut config = Config::default();
    /// config.links_in_new_tab = true;
    /// let from_config = CleanerBuilder::from_config(&config);
    /// let from_setters = CleanerBuilder::new().with_links_in_new_tab(true);
    /// assert_eq!(from_config.config(), from_setters.config());
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn from_config(config: &Config) -> Self {
        CleanerBuilder {
            config: config.clone(),
            ..Self::default()
        }
    }

    /// The settings given so far, as a [`Config`] (user rules aside).
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Resolves relative URLs (`href`, `src`, `srcset`…) against `url`, which must be an
    /// absolute URL: the address the page was read from. Default: none, relative URLs stay
    /// relative.
    ///
    /// Whatever this says, a page's own `<base href>` (its first one, as in a browser) sets
    /// the base its relative URLs load from: it is resolved against `url`, and used when it
    /// gives an `http:` or `https:` URL (alone, without `url`, only when it is absolute).
    /// The `<base>` itself never reaches the output, so its URLs come out absolute.
    pub fn with_base_url(mut self, url: &str) -> Self {
        self.config.base_url = Some(url.to_string());
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
        self.config.rules_off.push(name.to_string());
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
        self.config.only_rules = Some(names.iter().map(|s| s.to_string()).collect());
        self
    }

    /// Allows turning the sanitizer off (with [`without_rule`](Self::without_rule) or
    /// [`with_only_rules`](Self::with_only_rules) without `"sanitize"`). The output is then
    /// **not safe to embed**: scripts, event handlers and `javascript:` URLs that no other
    /// rule removes stay. Off by default: without it, turning the sanitizer off is an error
    /// at [`build`](CleanerBuilder::build).
    pub fn allow_unsafe_output(mut self) -> Self {
        self.config.allow_unsafe_output = true;
        self
    }

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
        let config = &self.config;
        let base_url = config.base_url.as_deref().map(parse_base_url).transpose()?;
        let on = rules::select(config)?;
        checks::rule_names(&self.user_rules)?;
        checks::values(config)?;
        checks::not_ignored(config)?;
        rules::check_settings_read(config, &on)?;
        let mut parts = Parts::default();
        for rule in &on {
            (rule.add)(config, &mut parts)?;
        }
        // User rules run after the built-in rules, before the final stage.
        parts.rules.extend(self.user_rules.iter().cloned());
        // Whether the final stage may filter while parsing (a user rule may still want to
        // see what it removes: `Inner::new` decides on that).
        let filter =
            on.iter().any(|r| r.final_stage && r.filters_at_parse_time) && !self.no_parse_filter;
        let user_rules = !self.user_rules.is_empty();
        Ok(Cleaner {
            inner: Arc::new(assemble(parts, base_url, filter, user_rules)),
        })
    }
}

/// The last step of [`CleanerBuilder::build`]: the rules made from the checked settings, the
/// final stage and the cleaner-wide settings become the cleaner.
fn assemble(parts: Parts, base_url: Option<Url>, parse_filter: bool, user_rules: bool) -> Inner {
    let Parts {
        rules,
        sanitize,
        front_matter_urls,
    } = parts;
    Inner::new(
        rules,
        sanitize,
        base_url,
        front_matter_urls,
        parse_filter,
        user_rules,
    )
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
