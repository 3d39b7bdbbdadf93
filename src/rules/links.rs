//! `links`: link redirectors unwrapped to their target, tracking parameters removed.

use html5ever::local_name;

use crate::proxy::{strip_tracking, unwrap_redirect};
use crate::rules::BuiltIn;
use crate::template::has_template_syntax;
use crate::{Action, Context, Element, Interest, Rule};

/// The registry entry.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "links",
    on_by_default: true,
    settings: &[
        "link_redirects",
        "strip_tracking_params",
        "extra_tracking_params",
    ],
    final_stage: false,
    filters_at_parse_time: false,
    add: |c, parts| {
        parts.push(
            Links::default()
                .with_redirects(c.link_redirects)
                .with_tracking_params_stripped(
                    c.strip_tracking_params,
                    c.extra_tracking_params.clone(),
                ),
        );
        Ok(())
    },
};

/// Rewrites `a[href]`:
///
/// 1. a link through a known redirector (`link.zhihu.com/?target=`, `google.com/url?q=`,
///    `l.facebook.com/l.php?u=`, `weibo.cn/sinaurl?u=`, Steam's `linkfilter`, Juejin's
///    `link.juejin.cn/?target=`…, see [`unwrap_redirect`]) becomes the link to its target
///    (nested redirectors too). A relative `href` is resolved against the base URL first.
/// 2. tracking parameters (`utm_*`, `fbclid`, `gclid`…, see [`strip_tracking`], plus your
///    extra names) are removed; the other parameters stay byte for byte.
///
/// Both steps are on by default. A target that is not an absolute http(s) URL, is broken
/// (bad percent-encoding, not UTF-8) or too long leaves the link exactly as it was. Counts
/// one change per `href` rewritten.
///
/// Tracking parameters of images are removed by [`proxied_urls`](super::proxied_urls).
///
/// ```
/// use articlean::rules::links::Links;
///
/// let links = Links::default();
/// assert_eq!(
///     links.rewrite("https://link.zhihu.com/?target=https%3A//example.com/a%3Fid%3D1%26utm_source%3Dzhihu")
///         .as_deref(),
///     Some("https://example.com/a?id=1")
/// );
/// ```
#[derive(Debug, Clone)]
pub struct Links {
    redirects: bool,
    strip_tracking: bool,
    extra_tracking: Vec<String>,
}

impl Default for Links {
    /// Redirectors unwrapped, the built-in tracking parameters removed, no extra names.
    fn default() -> Self {
        Links {
            redirects: true,
            strip_tracking: true,
            extra_tracking: Vec::new(),
        }
    }
}

impl Links {
    /// Whether link redirectors are unwrapped.
    pub fn with_redirects(mut self, on: bool) -> Self {
        self.redirects = on;
        self
    }

    /// Whether tracking parameters are removed, and which extra names count as tracking
    /// (exact, case-sensitive match).
    pub fn with_tracking_params_stripped(mut self, on: bool, extra: Vec<String>) -> Self {
        self.strip_tracking = on;
        self.extra_tracking = extra;
        self
    }

    /// The link as this rule rewrites it, or `None` when it stays as it is.
    pub fn rewrite(&self, href: &str) -> Option<String> {
        let href = href.trim_ascii();
        // Tracking parameters need a query; a redirector does too, except Yahoo's and
        // Substack's, which carry their target in the path (`unwrap_redirect` screens links
        // without allocating). A URL holding template syntax stays as it is.
        if has_template_syntax(href) {
            return None;
        }
        let target = self.redirects.then(|| unwrap_redirect(href)).flatten();
        let current = target.as_deref().unwrap_or(href);
        let stripped = self
            .strip_tracking
            .then(|| strip_tracking(current, &self.extra_tracking))
            .flatten();
        let out = stripped.or(target)?;
        (!out.is_empty() && out != href && !has_template_syntax(&out)).then_some(out)
    }
}

impl Rule for Links {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        Interest::elements("a").reads("a", "href").ending("")
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if *el.local_name() != local_name!("a") || !el.is_html() {
            return Action::Keep;
        }
        let Some(href) = el.attr_by_atom(&local_name!("href")) else {
            return Action::Keep;
        };
        let mut new = self.rewrite(href);
        // A relative link may still be a redirector on the page's own site
        // (`/link?target=…` on a Zhihu page saved with its base URL).
        if new.is_none() && self.redirects {
            let base = cx.base_url();
            let plain = crate::scheme::is_relative(href) && !has_template_syntax(href);
            if let Some(base) = base.filter(|_| plain) {
                new = base
                    .join(href.trim())
                    .ok()
                    .filter(|abs| unwrap_redirect(abs.as_str()).is_some())
                    .and_then(|abs| self.rewrite(abs.as_str()));
            }
        }
        if let Some(new) = new {
            el.set_attr("href", &new);
            cx.changed();
        }
        Action::Keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let href = "https://www.google.com/url?q=https://example.com/p%3Futm_medium%3Demail&sa=D";
        assert_eq!(
            Links::default().rewrite(href).as_deref(),
            Some("https://example.com/p")
        );
        assert_eq!(
            Links::default()
                .with_tracking_params_stripped(false, vec![])
                .rewrite(href)
                .as_deref(),
            Some("https://example.com/p?utm_medium=email")
        );
        assert_eq!(Links::default().with_redirects(false).rewrite(href), None);
        let extra = Links::default().with_tracking_params_stripped(true, vec!["from".into()]);
        assert_eq!(
            extra.rewrite("/p?from=timeline&id=3").as_deref(),
            Some("/p?id=3")
        );
        assert_eq!(Links::default().rewrite("?utm_source=x"), None);
        assert_eq!(Links::default().rewrite("  "), None);
    }
}
