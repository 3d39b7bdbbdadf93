//! Checks of settings that span rules, run by [`build`](super::CleanerBuilder::build) before
//! the rules are made (each rule checks its own settings as it is made).

use crate::config::Config;
use crate::error::{Error, Result};
use crate::rule::Rule;
use crate::rules;
use std::sync::Arc;

/// Every rule name appears once in the report: user rules may not take a built-in's name or
/// each other's.
pub(super) fn rule_names(user_rules: &[Arc<dyn Rule>]) -> Result<()> {
    let mut seen: Vec<&str> = rules::BUILT_IN.to_vec();
    for rule in user_rules {
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

/// Values read by several rules, and settings that contradict each other.
pub(super) fn values(c: &Config) -> Result<()> {
    for name in &c.extra_tracking_params {
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
    if c.https_upgrade && c.image_proxy_http_only && c.image_proxy.is_some() {
        return Err(Error::Conflict(
            "with_https_upgrade leaves no http: image URL for with_image_proxy_http_only \
             to re-route"
                .into(),
        ));
    }
    if c.classes_kept && c.classes_allowed.is_some() {
        return Err(Error::Conflict(
            "classes_kept keeps every class, classes_allowed only some: set one of them".into(),
        ));
    }
    Ok(())
}

/// Settings that would have no effect because of another setting are errors, not silently
/// ignored (settings of a rule that is off: [`rules::check_settings_read`]).
pub(super) fn not_ignored(c: &Config) -> Result<()> {
    let ignored = |what: &str, because: &str| {
        Err(Error::Conflict(format!(
            "{what} would be ignored: {because}"
        )))
    };
    if !c.embed_hosts.is_empty() && !c.embeds {
        return ignored(
            "with_embed_hosts",
            "embeds are off (with_embeds(true) turns them on)",
        );
    }
    if c.image_proxy_http_only && c.image_proxy.is_none() {
        return ignored(
            "with_image_proxy_http_only",
            "no image proxy is set (with_image_proxy)",
        );
    }
    if !c.extra_tracking_params.is_empty() && !c.strip_tracking_params {
        return ignored(
            "with_extra_tracking_params",
            "tracking parameters are not stripped (with_tracking_params_stripped(false))",
        );
    }
    Ok(())
}
