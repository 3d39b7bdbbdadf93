//! [`Config`]: every setting of a [`Cleaner`](crate::Cleaner) as plain data, the one
//! configuration that the builder, the command-line tool's `articlean.toml` and the test
//! fixtures all read.

use std::collections::BTreeMap;

/// Every setting of a [`Cleaner`](crate::Cleaner), as data: one field per
/// [`CleanerBuilder`](crate::CleanerBuilder) setting, each defaulting to the builder's
/// default. [`CleanerBuilder::from_config`](crate::CleanerBuilder::from_config) takes it, and
/// [`build`](crate::CleanerBuilder::build) checks it (nothing is checked before).
///
/// With the `config` feature (on by default, and needed by the `cli` one) it is read from and
/// written to TOML (`Config::from_toml_str`, `Config::to_toml_string`), with the field names as keys; an unknown key
/// is an error that lists the valid ones. This is the format of the command-line tool's
/// `articlean.toml` (every key shown, none required):
///
/// ```toml
/// base_url = "https://example.com/posts/"
/// # proxies and links
/// image_proxy = "https://images.weserv.nl/?url={url_encoded}"
/// image_proxy_http_only = true
/// proxy_patterns = ["https://img.example.com/p/{url_base64}"]
/// generic_proxy_fallback = false
/// link_redirects = false
/// strip_tracking_params = false
/// extra_tracking_params = ["from"]
/// no_referrer_on_all_images = true
/// https_upgrade = true
/// # which rules run
/// rules_off = ["junk"]
/// only_rules = ["proxied_urls", "links", "lazy_images", "sanitize"]
/// # turning the sanitizer off (rules_off = ["sanitize"]) needs this; the output is then unsafe
/// allow_unsafe_output = true
/// # the sanitizer
/// tags_allowed = ["big"]
/// tags_unwrapped = ["u"]
/// tags_removed = ["aside"]
/// attributes_allowed = { img = ["title"] }
/// attributes_removed = { "*" = ["lang"] }
/// url_schemes_allowed = ["magnet"]
/// url_schemes_removed = ["tel"]
/// data_images = false
/// link_rel = "noopener"
/// nofollow = true
/// links_in_new_tab = true
/// classes_kept = true           # or classes_allowed, not both
/// classes_allowed = ["highlight"]
/// ids_kept = "user-content-"
/// embeds = true
/// embed_hosts = ["video.example.net"]
/// embed_thumbnails = true
/// # lazy images
/// native_lazy_loading = false
/// lazy_src_attributes = ["data-my-src"]
/// ```
///
/// (Each value above is not the default, and some contradict each other: the list shows the
/// keys, it is not one policy. `lazy_src_attribute = "data-my-src"`, the key's earlier name,
/// is still read.)
///
/// ```
/// use articlean::{CleanerBuilder, Config};
///
/// let mut config = Config::default();
/// config.base_url = Some("https://example.com/news/".into());
/// config.rules_off.push("junk".into());
/// let cleaner = CleanerBuilder::from_config(&config).build()?;
/// assert_eq!(
///     cleaner.clean(r#"<img src="a.jpg">"#).html(),
///     r#"<img src="https://example.com/news/a.jpg" loading="lazy" decoding="async">"#
/// );
/// # Ok::<(), articlean::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(
    feature = "config",
    derive(serde::Deserialize, serde::Serialize),
    serde(default, deny_unknown_fields)
)]
#[non_exhaustive]
pub struct Config {
    /// [`with_base_url`](crate::CleanerBuilder::with_base_url).
    pub base_url: Option<String>,
    /// [`with_image_proxy`](crate::CleanerBuilder::with_image_proxy).
    pub image_proxy: Option<String>,
    /// [`with_image_proxy_http_only`](crate::CleanerBuilder::with_image_proxy_http_only).
    pub image_proxy_http_only: bool,
    /// [`with_proxy_pattern`](crate::CleanerBuilder::with_proxy_pattern), one per template.
    pub proxy_patterns: Vec<String>,
    /// [`with_generic_proxy_fallback`](crate::CleanerBuilder::with_generic_proxy_fallback).
    pub generic_proxy_fallback: bool,
    /// [`with_link_redirects`](crate::CleanerBuilder::with_link_redirects).
    pub link_redirects: bool,
    /// [`with_tracking_params_stripped`](crate::CleanerBuilder::with_tracking_params_stripped).
    pub strip_tracking_params: bool,
    /// [`with_extra_tracking_params`](crate::CleanerBuilder::with_extra_tracking_params).
    pub extra_tracking_params: Vec<String>,
    /// [`with_no_referrer_on_all_images`](crate::CleanerBuilder::with_no_referrer_on_all_images).
    pub no_referrer_on_all_images: bool,
    /// [`with_https_upgrade`](crate::CleanerBuilder::with_https_upgrade).
    pub https_upgrade: bool,
    /// [`without_rule`](crate::CleanerBuilder::without_rule), one per rule.
    pub rules_off: Vec<String>,
    /// [`with_only_rules`](crate::CleanerBuilder::with_only_rules).
    pub only_rules: Option<Vec<String>>,
    /// [`allow_unsafe_output`](crate::CleanerBuilder::allow_unsafe_output).
    pub allow_unsafe_output: bool,
    /// [`with_tags_allowed`](crate::CleanerBuilder::with_tags_allowed).
    pub tags_allowed: Vec<String>,
    /// [`with_tags_unwrapped`](crate::CleanerBuilder::with_tags_unwrapped).
    pub tags_unwrapped: Vec<String>,
    /// [`with_tags_removed`](crate::CleanerBuilder::with_tags_removed).
    pub tags_removed: Vec<String>,
    /// [`with_attributes_allowed`](crate::CleanerBuilder::with_attributes_allowed): element
    /// (or `"*"`) → attributes.
    pub attributes_allowed: BTreeMap<String, Vec<String>>,
    /// [`with_attributes_removed`](crate::CleanerBuilder::with_attributes_removed): element
    /// (or `"*"`) → attributes.
    pub attributes_removed: BTreeMap<String, Vec<String>>,
    /// [`with_url_schemes_allowed`](crate::CleanerBuilder::with_url_schemes_allowed).
    pub url_schemes_allowed: Vec<String>,
    /// [`with_url_schemes_removed`](crate::CleanerBuilder::with_url_schemes_removed).
    pub url_schemes_removed: Vec<String>,
    /// [`with_data_images`](crate::CleanerBuilder::with_data_images).
    pub data_images: bool,
    /// [`with_link_rel`](crate::CleanerBuilder::with_link_rel); `None`: `"noopener noreferrer"`.
    pub link_rel: Option<String>,
    /// [`with_nofollow`](crate::CleanerBuilder::with_nofollow).
    pub nofollow: bool,
    /// [`with_links_in_new_tab`](crate::CleanerBuilder::with_links_in_new_tab).
    pub links_in_new_tab: bool,
    /// [`with_classes_kept`](crate::CleanerBuilder::with_classes_kept). Setting it together
    /// with `classes_allowed` is an [`Error::Conflict`](crate::Error::Conflict).
    pub classes_kept: bool,
    /// [`with_classes_allowed`](crate::CleanerBuilder::with_classes_allowed).
    pub classes_allowed: Option<Vec<String>>,
    /// [`with_ids_kept`](crate::CleanerBuilder::with_ids_kept): the prefix.
    pub ids_kept: Option<String>,
    /// [`with_embeds`](crate::CleanerBuilder::with_embeds).
    pub embeds: bool,
    /// [`with_embed_hosts`](crate::CleanerBuilder::with_embed_hosts).
    pub embed_hosts: Vec<String>,
    /// [`with_embed_thumbnails`](crate::CleanerBuilder::with_embed_thumbnails).
    pub embed_thumbnails: bool,
    /// [`with_native_lazy_loading`](crate::CleanerBuilder::with_native_lazy_loading).
    pub native_lazy_loading: bool,
    /// [`with_lazy_src_attribute`](crate::CleanerBuilder::with_lazy_src_attribute), one per
    /// attribute (TOML: a list, or one name under the former key `lazy_src_attribute`).
    #[cfg_attr(
        feature = "config",
        serde(alias = "lazy_src_attribute", deserialize_with = "one_or_many")
    )]
    pub lazy_src_attributes: Vec<String>,
}

impl Default for Config {
    /// The default policy: every built-in rule on, with its defaults.
    fn default() -> Self {
        Config {
            base_url: None,
            image_proxy: None,
            image_proxy_http_only: false,
            proxy_patterns: Vec::new(),
            generic_proxy_fallback: true,
            link_redirects: true,
            strip_tracking_params: true,
            extra_tracking_params: Vec::new(),
            no_referrer_on_all_images: false,
            https_upgrade: false,
            rules_off: Vec::new(),
            only_rules: None,
            allow_unsafe_output: false,
            tags_allowed: Vec::new(),
            tags_unwrapped: Vec::new(),
            tags_removed: Vec::new(),
            attributes_allowed: BTreeMap::new(),
            attributes_removed: BTreeMap::new(),
            url_schemes_allowed: Vec::new(),
            url_schemes_removed: Vec::new(),
            data_images: true,
            link_rel: None,
            nofollow: false,
            links_in_new_tab: false,
            classes_kept: false,
            classes_allowed: None,
            ids_kept: None,
            embeds: false,
            embed_hosts: Vec::new(),
            embed_thumbnails: false,
            native_lazy_loading: true,
            lazy_src_attributes: Vec::new(),
        }
    }
}

impl Config {
    /// The keys whose value is not the default, in the order of the fields.
    ///
    /// ```
    /// let mut config = articlean::Config::default();
    /// config.embeds = true;
    /// assert_eq!(config.keys_set(), ["embeds"]);
    /// ```
    pub fn keys_set(&self) -> Vec<&'static str> {
        let d = Config::default();
        let fields = [
            ("base_url", self.base_url != d.base_url),
            ("image_proxy", self.image_proxy != d.image_proxy),
            (
                "image_proxy_http_only",
                self.image_proxy_http_only != d.image_proxy_http_only,
            ),
            ("proxy_patterns", self.proxy_patterns != d.proxy_patterns),
            (
                "generic_proxy_fallback",
                self.generic_proxy_fallback != d.generic_proxy_fallback,
            ),
            ("link_redirects", self.link_redirects != d.link_redirects),
            (
                "strip_tracking_params",
                self.strip_tracking_params != d.strip_tracking_params,
            ),
            (
                "extra_tracking_params",
                self.extra_tracking_params != d.extra_tracking_params,
            ),
            (
                "no_referrer_on_all_images",
                self.no_referrer_on_all_images != d.no_referrer_on_all_images,
            ),
            ("https_upgrade", self.https_upgrade != d.https_upgrade),
            ("rules_off", self.rules_off != d.rules_off),
            ("only_rules", self.only_rules != d.only_rules),
            (
                "allow_unsafe_output",
                self.allow_unsafe_output != d.allow_unsafe_output,
            ),
            ("tags_allowed", self.tags_allowed != d.tags_allowed),
            ("tags_unwrapped", self.tags_unwrapped != d.tags_unwrapped),
            ("tags_removed", self.tags_removed != d.tags_removed),
            (
                "attributes_allowed",
                self.attributes_allowed != d.attributes_allowed,
            ),
            (
                "attributes_removed",
                self.attributes_removed != d.attributes_removed,
            ),
            (
                "url_schemes_allowed",
                self.url_schemes_allowed != d.url_schemes_allowed,
            ),
            (
                "url_schemes_removed",
                self.url_schemes_removed != d.url_schemes_removed,
            ),
            ("data_images", self.data_images != d.data_images),
            ("link_rel", self.link_rel != d.link_rel),
            ("nofollow", self.nofollow != d.nofollow),
            (
                "links_in_new_tab",
                self.links_in_new_tab != d.links_in_new_tab,
            ),
            ("classes_kept", self.classes_kept != d.classes_kept),
            ("classes_allowed", self.classes_allowed != d.classes_allowed),
            ("ids_kept", self.ids_kept != d.ids_kept),
            ("embeds", self.embeds != d.embeds),
            ("embed_hosts", self.embed_hosts != d.embed_hosts),
            (
                "embed_thumbnails",
                self.embed_thumbnails != d.embed_thumbnails,
            ),
            (
                "native_lazy_loading",
                self.native_lazy_loading != d.native_lazy_loading,
            ),
            (
                "lazy_src_attributes",
                self.lazy_src_attributes != d.lazy_src_attributes,
            ),
        ];
        fields
            .into_iter()
            .filter(|(_, set)| *set)
            .map(|(key, _)| key)
            .collect()
    }
}

#[cfg(feature = "config")]
impl Config {
    /// Reads a configuration from TOML text (the keys are the field names; see [`Config`]).
    /// Only the form is checked here; the values are checked by
    /// [`build`](crate::CleanerBuilder::build).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`](crate::Error::InvalidConfig) for text that is not TOML, an unknown key (the message lists
    /// the valid ones) or a value of the wrong type.
    ///
    /// ```
    /// use articlean::Config;
    ///
    /// let config = Config::from_toml_str("embeds = true\nrules_off = [\"junk\"]")?;
    /// assert!(config.embeds);
    /// let e = Config::from_toml_str("embed = true").unwrap_err().to_string();
    /// assert!(e.contains("unknown field `embed`") && e.contains("`embeds`"), "{e}");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn from_toml_str(text: &str) -> Result<Config, crate::Error> {
        toml::from_str(text)
            .map_err(|e| crate::Error::InvalidConfig(e.to_string().trim_end().into()))
    }

    /// The keys set (see [`keys_set`](Config::keys_set)) as TOML, which
    /// [`from_toml_str`](Config::from_toml_str) reads back to this configuration.
    ///
    /// ```
    /// use articlean::Config;
    ///
    /// let mut config = Config::default();
    /// config.link_redirects = false;
    /// assert_eq!(config.to_toml_string(), "link_redirects = false\n");
    /// assert_eq!(Config::from_toml_str(&config.to_toml_string())?, config);
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn to_toml_string(&self) -> String {
        let set = self.keys_set();
        let table = match toml::Table::try_from(self) {
            Ok(mut table) => {
                table.retain(|key, _| set.contains(&key));
                table
            }
            Err(e) => unreachable!("a Config is always a TOML table: {e}"),
        };
        toml::to_string(&table).unwrap_or_else(|e| unreachable!("a TOML table prints: {e}"))
    }
}

/// `lazy_src_attributes`: a list, or one name (as the former `lazy_src_attribute` key was).
#[cfg(feature = "config")]
fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged, expecting = "an attribute name or a list of attribute names")]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match serde::Deserialize::deserialize(d)? {
        OneOrMany::One(name) => vec![name],
        OneOrMany::Many(names) => names,
    })
}
