//! Video embeds (off by default): `<iframe>`s from an allowlist of video players, rebuilt
//! in one canonical, sandboxed form; every other `<iframe>` is removed.

use super::urls::browser_form;
use crate::dom::serialize::escape_into;
use crate::error::{Error, Result};
use crate::Element;
use url::Url;

/// The built-in players: host and the path their embed URLs start with.
pub(crate) const BUILT_IN_HOSTS: &[(&str, &str)] = &[
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("www.youtube-nocookie.com", "/embed/"),
    ("youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("player.bilibili.com", "/player.html"),
    ("www.dailymotion.com", "/embed/"),
    ("geo.dailymotion.com", "/player"),
    ("embed.ted.com", "/talks/"),
    ("www.loom.com", "/embed/"),
];

/// The `sandbox` of every kept embed: the player may run its scripts against its own origin
/// and go full screen, nothing else (no forms, popups, top navigation, downloads).
pub(crate) const SANDBOX: &str = "allow-scripts allow-same-origin allow-presentation";

/// The `referrerpolicy` of every kept embed (players refuse to play without the origin).
pub(crate) const REFERRER_POLICY: &str = "strict-origin-when-cross-origin";

/// The embed allowlist.
#[derive(Debug, Clone)]
pub(crate) struct Embeds {
    /// `(host, path prefix)`; user hosts accept any path.
    hosts: Vec<(String, String)>,
}

impl Embeds {
    /// The built-in players plus `extra` hosts (any path on them).
    pub(crate) fn new(extra: &[String]) -> Result<Embeds> {
        let mut hosts: Vec<(String, String)> = BUILT_IN_HOSTS
            .iter()
            .map(|(h, p)| (h.to_string(), p.to_string()))
            .collect();
        for host in extra {
            let lower = host.trim().to_ascii_lowercase();
            let parsed = Url::parse(&format!("https://{lower}/")).ok();
            let ok = !lower.is_empty()
                && lower
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
                && parsed.as_ref().and_then(Url::host_str) == Some(lower.as_str());
            if !ok {
                return Err(Error::InvalidSetting {
                    setting: "with_embed_hosts",
                    reason: format!("{host:?} is not a host name"),
                });
            }
            hosts.push((lower, "/".to_string()));
        }
        Ok(Embeds { hosts })
    }

    /// The canonical attributes of `el` as a kept embed, or `None` when it is not one.
    pub(crate) fn canonical(
        &self,
        el: &Element<'_>,
        base: Option<&Url>,
    ) -> Option<Vec<(&'static str, String)>> {
        let src = browser_form(el.attr("src")?);
        let mut url = if let Some(rest) = src.strip_prefix("//") {
            Url::parse(&format!("https://{rest}")).ok()?
        } else {
            match Url::parse(&src) {
                Ok(url) => url,
                Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(&src).ok()?,
                Err(_) => return None,
            }
        };
        if !matches!(url.scheme(), "http" | "https")
            || !url.username().is_empty()
            || url.password().is_some()
            || url.port().is_some()
        {
            return None;
        }
        url.set_scheme("https").ok()?;
        let host = url.host_str()?.trim_end_matches('.').to_string();
        let path = url.path().to_string();
        if !self
            .hosts
            .iter()
            .any(|(h, p)| *h == host && path.starts_with(p.as_str()))
        {
            return None;
        }
        let mut attrs = vec![("src", url.to_string())];
        for dim in ["width", "height"] {
            if let Some(v) = el.attr(dim).map(str::trim).filter(|v| is_dimension(v)) {
                attrs.push((dim, v.to_string()));
            }
        }
        if let Some(title) = el.attr("title") {
            attrs.push(("title", title.to_string()));
        }
        if el.has_attr("allowfullscreen") {
            attrs.push(("allowfullscreen", String::new()));
        }
        attrs.push(("sandbox", SANDBOX.to_string()));
        attrs.push(("loading", "lazy".to_string()));
        attrs.push(("referrerpolicy", REFERRER_POLICY.to_string()));
        Some(attrs)
    }
}

/// `640`, `100%`: digits, at most five, and an optional `%`.
fn is_dimension(v: &str) -> bool {
    let digits = v.strip_suffix('%').unwrap_or(v);
    (1..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `el` already is exactly the canonical embed (attributes in order, no content).
pub(crate) fn is_canonical(el: &Element<'_>, attrs: &[(&'static str, String)]) -> bool {
    !el.has_children()
        && el.attr_count() == attrs.len()
        && el
            .attrs()
            .zip(attrs)
            .all(|((n, v), (cn, cv))| n == *cn && v == cv)
}

/// The canonical embed as HTML.
pub(crate) fn to_html(attrs: &[(&'static str, String)]) -> String {
    let mut out = String::from("<iframe");
    for (name, value) in attrs {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_into(&mut out, value, true);
        out.push('"');
    }
    out.push_str("></iframe>");
    out
}
