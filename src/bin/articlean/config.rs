//! `--config articlean.toml`: the cleaning policy, one key per builder setting. Without
//! `--config`, the first `articlean.toml` in the current folder or one of its parents.

use articlean::{Cleaner, CleanerBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
/// # turning the sanitizer off (rules_off = ["sanitize"]) needs this; the output is then unsafe
/// allow_unsafe_output = false
/// # sanitizer
/// tags_allowed = ["big"]
/// tags_unwrapped = ["u"]
/// tags_removed = ["aside"]
/// attributes_allowed = { img = ["title"] }
/// attributes_removed = { "*" = ["title"] }
/// url_schemes_allowed = ["magnet"]
/// url_schemes_removed = ["tel"]
/// data_images = true
/// link_rel = "noopener noreferrer"
/// nofollow = false
/// links_in_new_tab = false
/// classes_kept = false
/// classes_allowed = ["highlight"]
/// ids_kept = "user-content-"
/// embeds = true
/// embed_hosts = ["www.youtube-nocookie.com"]
/// embed_thumbnails = false
/// # lazy images
/// native_lazy_loading = true
/// lazy_src_attribute = "data-my-src"
/// ```
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    base_url: Option<String>,
    image_proxy: Option<String>,
    image_proxy_http_only: Option<bool>,
    #[serde(default, skip_serializing_if = "is_empty")]
    proxy_patterns: Vec<String>,
    generic_proxy_fallback: Option<bool>,
    link_redirects: Option<bool>,
    strip_tracking_params: Option<bool>,
    #[serde(default, skip_serializing_if = "is_empty")]
    extra_tracking_params: Vec<String>,
    no_referrer_on_all_images: Option<bool>,
    https_upgrade: Option<bool>,
    #[serde(default, skip_serializing_if = "is_empty")]
    rules_off: Vec<String>,
    only_rules: Option<Vec<String>>,
    allow_unsafe_output: Option<bool>,
    // The sanitizer.
    #[serde(default, skip_serializing_if = "is_empty")]
    tags_allowed: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    tags_unwrapped: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    tags_removed: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    attributes_allowed: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "is_empty")]
    attributes_removed: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "is_empty")]
    url_schemes_allowed: Vec<String>,
    #[serde(default, skip_serializing_if = "is_empty")]
    url_schemes_removed: Vec<String>,
    data_images: Option<bool>,
    link_rel: Option<String>,
    nofollow: Option<bool>,
    links_in_new_tab: Option<bool>,
    classes_kept: Option<bool>,
    #[serde(default, skip_serializing_if = "is_empty")]
    classes_allowed: Vec<String>,
    ids_kept: Option<String>,
    embeds: Option<bool>,
    embed_thumbnails: Option<bool>,
    #[serde(default, skip_serializing_if = "is_empty")]
    embed_hosts: Vec<String>,
    // Lazy images.
    native_lazy_loading: Option<bool>,
    lazy_src_attribute: Option<String>,
}

/// For `skip_serializing_if`: lists and tables not given are not printed.
fn is_empty<T: IntoIterator + Clone>(list: &T) -> bool {
    list.clone().into_iter().next().is_none()
}

/// The file name looked for when `--config` is not given.
pub const FILE_NAME: &str = "articlean.toml";

/// The first [`FILE_NAME`] in the current folder or one of its parents.
pub fn discover() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

fn strs(list: &[String]) -> Vec<&str> {
    list.iter().map(|s| &**s).collect()
}

impl Config {
    /// Lets `rules_off`/`only_rules` turn the sanitizer off (`--allow-unsafe-output`).
    pub fn allow_unsafe_output(&mut self) {
        self.allow_unsafe_output = Some(true);
    }

    /// Reads and checks the file, or the default policy without one.
    pub fn load(path: Option<&Path>) -> Result<Config, String> {
        let Some(path) = path else {
            return Ok(Config::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The policy as `articlean config` prints it: where it comes from, the keys set, and
    /// what they make (the rules in the order they run, the base URL).
    pub fn describe(&self, source: Option<&Path>, cleaner: &Cleaner) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        match source {
            Some(path) => {
                let _ = writeln!(s, "# configuration: {}", path.display());
            }
            None => {
                let _ = writeln!(
                    s,
                    "# configuration: none ({FILE_NAME} not found here or above): the default policy"
                );
            }
        }
        match toml::to_string(self) {
            Ok(keys) => s.push_str(&keys),
            Err(e) => {
                let _ = writeln!(s, "# cannot print the keys: {e}");
            }
        }
        let rules: Vec<String> = cleaner.rule_names().map(|r| format!("{r:?}")).collect();
        let _ = writeln!(s, "# effective: rules in the order they run");
        let _ = writeln!(s, "# rules = [{}]", rules.join(", "));
        let base = cleaner
            .base_url()
            .map_or("none".to_string(), |u| format!("{:?}", u.as_str()));
        let _ = writeln!(s, "# base_url = {base}");
        s
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
        b = self.sanitizer(b);
        if let Some(on) = self.native_lazy_loading {
            b = b.with_native_lazy_loading(on);
        }
        if let Some(name) = &self.lazy_src_attribute {
            b = b.with_lazy_src_attribute(name);
        }
        for rule in &self.rules_off {
            b = b.without_rule(rule);
        }
        if let Some(only) = &self.only_rules {
            let names: Vec<&str> = only.iter().map(|s| &**s).collect();
            b = b.with_only_rules(&names);
        }
        if self.allow_unsafe_output == Some(true) {
            b = b.allow_unsafe_output();
        }
        b.build()
    }

    /// The sanitizer's settings.
    fn sanitizer(&self, mut b: CleanerBuilder) -> CleanerBuilder {
        // Only what the file sets: an empty list is no setting (and settings that would be
        // ignored are errors, e.g. with the sanitizer off).
        type ListSetter = fn(CleanerBuilder, &[&str]) -> CleanerBuilder;
        let lists: [(&Vec<String>, ListSetter); 7] = [
            (&self.tags_allowed, CleanerBuilder::with_tags_allowed),
            (&self.tags_unwrapped, CleanerBuilder::with_tags_unwrapped),
            (&self.tags_removed, CleanerBuilder::with_tags_removed),
            (
                &self.url_schemes_allowed,
                CleanerBuilder::with_url_schemes_allowed,
            ),
            (
                &self.url_schemes_removed,
                CleanerBuilder::with_url_schemes_removed,
            ),
            (&self.classes_allowed, CleanerBuilder::with_classes_allowed),
            (&self.embed_hosts, CleanerBuilder::with_embed_hosts),
        ];
        for (list, set) in lists {
            if !list.is_empty() {
                b = set(b, &strs(list));
            }
        }
        for (tag, attrs) in &self.attributes_allowed {
            b = b.with_attributes_allowed(tag, &strs(attrs));
        }
        for (tag, attrs) in &self.attributes_removed {
            b = b.with_attributes_removed(tag, &strs(attrs));
        }
        if let Some(on) = self.data_images {
            b = b.with_data_images(on);
        }
        if let Some(rel) = &self.link_rel {
            b = b.with_link_rel(rel);
        }
        if let Some(on) = self.nofollow {
            b = b.with_nofollow(on);
        }
        if let Some(on) = self.links_in_new_tab {
            b = b.with_links_in_new_tab(on);
        }
        if let Some(on) = self.classes_kept {
            b = b.with_classes_kept(on);
        }
        if let Some(prefix) = &self.ids_kept {
            b = b.with_ids_kept(prefix);
        }
        if let Some(on) = self.embeds {
            b = b.with_embeds(on);
        }
        if let Some(on) = self.embed_thumbnails {
            b = b.with_embed_thumbnails(on);
        }
        b
    }
}
