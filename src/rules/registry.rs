//! The registry of built-in rules. Each built-in rule declares itself once, in its own module,
//! as a `BUILT_IN` [`BuiltIn`]: its name, whether it is on by default, the [`Config`] keys it
//! reads, whether it is the final stage (and may filter while parsing), and how it is made
//! from a [`Config`]. [`rules`](crate::rules) lists them in the order they run (the
//! registration line); the builder, the cleaner and the report only go through this list.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::rule::Rule;
use crate::rules::proxied_urls::ProxiedUrls;
use crate::rules::sanitize::Sanitize;
use std::sync::Arc;

/// What a built-in rule declares about itself.
pub(crate) struct BuiltIn {
    /// Its name in the [`Report`](crate::Report) and for
    /// [`without_rule`](crate::CleanerBuilder::without_rule); the rule's
    /// [`Rule::name`] returns it too.
    pub(crate) name: &'static str,
    /// Whether it runs unless turned off. A rule off by default runs when
    /// [`with_only_rules`](crate::CleanerBuilder::with_only_rules) names it.
    pub(crate) on_by_default: bool,
    /// The [`Config`] keys it reads. A key set while every rule that reads it is off is an
    /// [`Error::Conflict`]: it would be silently ignored.
    pub(crate) settings: &'static [&'static str],
    /// The final stage: asked about every element after all other rules, user rules too,
    /// have answered. It can only be turned off together with
    /// [`allow_unsafe_output`](crate::CleanerBuilder::allow_unsafe_output). One at most.
    pub(crate) final_stage: bool,
    /// May drop, while parsing, what it would remove anyway (credited to it in the report).
    /// Only the final stage can: a rule before it may want to see what it removes, so the
    /// filter is off as soon as a user rule runs.
    pub(crate) filters_at_parse_time: bool,
    /// Checks its settings and adds the rule to the cleaner being built.
    pub(crate) add: fn(&Config, &mut Parts) -> Result<()>,
}

/// What the built-in rules make of a [`Config`], in the order they run: the parts of a
/// [`Cleaner`](crate::Cleaner) that `CleanerBuilder::assemble` puts together.
#[derive(Default)]
pub(crate) struct Parts {
    /// The rules before the final stage.
    pub(crate) rules: Vec<Arc<dyn Rule>>,
    /// The final stage (the sanitizer), when on.
    pub(crate) sanitize: Option<Arc<Sanitize>>,
    /// What rewrites the URLs found in front matter (the `proxied_urls` rule), when on.
    pub(crate) front_matter_urls: Option<Arc<ProxiedUrls>>,
}

impl Parts {
    /// Adds an ordinary rule.
    pub(crate) fn push(&mut self, rule: impl Rule + 'static) {
        self.rules.push(Arc::new(rule));
    }
}

/// The names of the built-in rules, in the order they run.
pub(crate) const fn names<const N: usize>(registry: &[&BuiltIn]) -> [&'static str; N] {
    let mut names = [""; N];
    let mut i = 0;
    while i < N {
        names[i] = registry[i].name;
        i += 1;
    }
    names
}

/// The built-in rules that run with `config`, in order.
///
/// # Errors
///
/// [`Error::InvalidSetting`] for an unknown rule name; [`Error::Conflict`] for the final
/// stage turned off without `allow_unsafe_output`.
pub(crate) fn select(config: &Config) -> Result<Vec<&'static BuiltIn>> {
    let registry = super::REGISTRY;
    let named = config
        .rules_off
        .iter()
        .chain(config.only_rules.iter().flatten());
    for name in named {
        if !registry.iter().any(|r| r.name == name) {
            return Err(Error::InvalidSetting {
                setting: "rule name",
                reason: format!(
                    "no built-in rule is named {name:?} (known: {})",
                    super::BUILT_IN.join(", ")
                ),
            });
        }
    }
    let mut on = Vec::with_capacity(registry.len());
    for &rule in registry {
        let off = config.rules_off.iter().any(|n| n == rule.name);
        let enabled = !off
            && config
                .only_rules
                .as_ref()
                .map_or(rule.on_by_default, |only| {
                    only.iter().any(|n| n == rule.name)
                });
        if rule.final_stage && !config.allow_unsafe_output {
            // The final stage is off only when asked for twice: by name, and as unsafe.
            if off {
                return Err(Error::Conflict(format!(
                    "without_rule({:?}) leaves the output unsafe to embed; call \
                     allow_unsafe_output() to say that this is meant",
                    rule.name
                )));
            }
            on.push(rule);
        } else if enabled {
            on.push(rule);
        }
    }
    Ok(on)
}

/// A setting that no rule that is on reads would be silently ignored: an error.
pub(crate) fn check_settings_read(config: &Config, on: &[&BuiltIn]) -> Result<()> {
    for key in config.keys_set() {
        let readers: Vec<&str> = super::REGISTRY
            .iter()
            .filter(|r| r.settings.contains(&key))
            .map(|r| r.name)
            .collect();
        if !readers.is_empty() && !on.iter().any(|r| readers.contains(&r.name)) {
            return Err(Error::Conflict(format!(
                "the setting {key} would be ignored: the {} rule is off",
                readers.join(" and ")
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{BUILT_IN, REGISTRY};
    use crate::config::Config;

    /// The keys no rule reads: they choose the rules, or apply to the whole cleaner.
    const GENERAL: &[&str] = &["base_url", "rules_off", "only_rules", "allow_unsafe_output"];

    /// A configuration with every key set away from its default.
    fn every_key_set() -> Config {
        Config {
            base_url: Some("https://example.com/".into()),
            image_proxy: Some("https://wsrv.nl/?url={url_encoded}".into()),
            image_proxy_http_only: true,
            proxy_patterns: vec!["https://p.example/{url}".into()],
            generic_proxy_fallback: false,
            link_redirects: false,
            strip_tracking_params: false,
            extra_tracking_params: vec!["from".into()],
            no_referrer_on_all_images: true,
            https_upgrade: true,
            rules_off: vec!["junk".into()],
            only_rules: Some(vec!["links".into()]),
            allow_unsafe_output: true,
            tags_allowed: vec!["big".into()],
            tags_unwrapped: vec!["u".into()],
            tags_removed: vec!["aside".into()],
            attributes_allowed: [("p".into(), vec!["translate".into()])].into(),
            attributes_removed: [("*".into(), vec!["lang".into()])].into(),
            url_schemes_allowed: vec!["magnet".into()],
            url_schemes_removed: vec!["tel".into()],
            data_images: false,
            link_rel: Some("noopener".into()),
            nofollow: true,
            links_in_new_tab: true,
            classes_kept: true,
            classes_allowed: Some(vec!["note".into()]),
            ids_kept: Some("x-".into()),
            embeds: true,
            embed_hosts: vec!["video.example.net".into()],
            embed_thumbnails: true,
            native_lazy_loading: false,
            lazy_src_attributes: vec!["data-x".into()],
        }
    }

    #[test]
    fn every_key_is_general_or_read_by_a_rule() {
        let keys = every_key_set().keys_set();
        assert_eq!(
            keys.len(),
            32,
            "a key was added: set it in every_key_set too"
        );
        for key in keys {
            let read = REGISTRY.iter().any(|r| r.settings.contains(&key));
            assert!(
                read ^ GENERAL.contains(&key),
                "{key}: read by a rule, or general"
            );
        }
        for rule in REGISTRY {
            for key in rule.settings {
                assert!(
                    every_key_set().keys_set().contains(key),
                    "{}: no key {key}",
                    rule.name
                );
            }
        }
    }

    #[test]
    fn registry_names_are_the_rules_names_and_one_final_stage_comes_last() {
        assert_eq!(BUILT_IN.len(), REGISTRY.len());
        let finals: Vec<usize> = (0..REGISTRY.len())
            .filter(|&i| REGISTRY[i].final_stage)
            .collect();
        assert_eq!(finals, [REGISTRY.len() - 1]);
        for r in REGISTRY {
            assert!(!r.filters_at_parse_time || r.final_stage, "{}", r.name);
        }
        let default = crate::Cleaner::default();
        assert_eq!(default.rule_names().collect::<Vec<_>>(), BUILT_IN);
    }
}
