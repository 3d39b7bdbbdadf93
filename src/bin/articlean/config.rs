//! `--config articlean.toml`: the cleaning policy, one key per builder setting.

use articlean::{Cleaner, CleanerBuilder};
use serde::Deserialize;
use std::path::Path;

/// The policy file. Every key is optional; an unknown key is an error that names it.
///
/// ```toml
/// base_url = "https://example.com/posts/"
/// image_proxy = "https://images.weserv.nl/?url={url_encoded}"
/// image_proxy_http_only = false
/// proxy_patterns = ["https://img.example.com/p/{url_base64}"]
/// generic_proxy_fallback = true
/// link_redirects = true
/// strip_tracking_params = true
/// extra_tracking_params = ["from"]
/// no_referrer_on_all_images = false
/// https_upgrade = false
/// rules_off = ["junk"]
/// only_rules = ["proxied_urls"]
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    base_url: Option<String>,
    image_proxy: Option<String>,
    image_proxy_http_only: Option<bool>,
    #[serde(default)]
    proxy_patterns: Vec<String>,
    generic_proxy_fallback: Option<bool>,
    link_redirects: Option<bool>,
    strip_tracking_params: Option<bool>,
    #[serde(default)]
    extra_tracking_params: Vec<String>,
    no_referrer_on_all_images: Option<bool>,
    https_upgrade: Option<bool>,
    #[serde(default)]
    rules_off: Vec<String>,
    only_rules: Option<Vec<String>>,
}

impl Config {
    /// Reads and checks the file, or the default policy without one.
    pub fn load(path: Option<&Path>) -> Result<Config, String> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The cleaner this policy describes; a bad setting is reported by `build()`.
    pub fn cleaner(&self) -> Result<Cleaner, articlean::Error> {
        let mut b = CleanerBuilder::new();
        if let Some(url) = &self.base_url {
            b = b.with_base_url(url);
        }
        if let Some(t) = &self.image_proxy {
            b = b.with_image_proxy(t);
        }
        if let Some(on) = self.image_proxy_http_only {
            b = b.with_image_proxy_http_only(on);
        }
        for p in &self.proxy_patterns {
            b = b.with_proxy_pattern(p);
        }
        if let Some(on) = self.generic_proxy_fallback {
            b = b.with_generic_proxy_fallback(on);
        }
        if let Some(on) = self.link_redirects {
            b = b.with_link_redirects(on);
        }
        if let Some(on) = self.strip_tracking_params {
            b = b.with_tracking_params_stripped(on);
        }
        if !self.extra_tracking_params.is_empty() {
            let names: Vec<&str> = self.extra_tracking_params.iter().map(|s| &**s).collect();
            b = b.with_extra_tracking_params(&names);
        }
        if let Some(on) = self.no_referrer_on_all_images {
            b = b.with_no_referrer_on_all_images(on);
        }
        if let Some(on) = self.https_upgrade {
            b = b.with_https_upgrade(on);
        }
        for rule in &self.rules_off {
            b = b.without_rule(rule);
        }
        if let Some(only) = &self.only_rules {
            let names: Vec<&str> = only.iter().map(|s| &**s).collect();
            b = b.with_only_rules(&names);
        }
        b.build()
    }
}
