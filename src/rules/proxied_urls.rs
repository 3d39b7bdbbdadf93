//! `proxied_urls`: image URLs routed through proxies go back to their origin, or through
//! the user's own proxy.

use crate::proxy::{ProxyTemplate, Unwrapper};
use crate::{Action, Context, Element, Rule};

/// Rewrites image URLs: every recognised proxy (see [`crate::proxy`]) is unwrapped to the
/// origin URL; then, when a re-route template is configured, the URL is sent through it.
///
/// Applies to `img[src]`, every `srcset` candidate (descriptors kept), `source[src]`,
/// `video[poster]`. Counts one change per attribute rewritten.
#[derive(Debug, Clone)]
pub struct ProxiedUrls {
    unwrapper: Unwrapper,
    reroute: Option<ProxyTemplate>,
    reroute_http_only: bool,
}

impl ProxiedUrls {
    /// The rule with these recognisers and an optional re-route template.
    pub fn new(
        unwrapper: Unwrapper,
        reroute: Option<ProxyTemplate>,
        reroute_http_only: bool,
    ) -> Self {
        ProxiedUrls {
            unwrapper,
            reroute,
            reroute_http_only,
        }
    }

    /// The URL as this rule rewrites it, or `None` when it stays as it is.
    pub fn rewrite(&self, url: &str) -> Option<String> {
        let unwrapped = self.unwrapper.unwrap(url);
        let origin = unwrapped.as_deref().unwrap_or(url);
        let rerouted = self.reroute.as_ref().and_then(|t| {
            if self.reroute_http_only
                && !origin
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("http:")
            {
                return None;
            }
            t.apply(origin)
        });
        let out = rerouted.or(unwrapped)?;
        (out != url).then_some(out)
    }
}

impl Rule for ProxiedUrls {
    fn name(&self) -> &'static str {
        "proxied_urls"
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let url_attr = match el.name() {
            "img" | "source" => "src",
            "video" => "poster",
            _ => return Action::Keep,
        };
        // Relative URLs are resolved first when there is a base URL, so a re-route template
        // gets an absolute URL.
        let rewrite = |url: &str| {
            let url = url.trim();
            match cx.base_url() {
                Some(base) if !url.contains(':') => base
                    .join(url)
                    .ok()
                    .and_then(|abs| self.rewrite(abs.as_str())),
                _ => self.rewrite(url),
            }
        };
        let new_src = el.attr(url_attr).and_then(rewrite);
        let new_srcset = el
            .attr("srcset")
            .and_then(|s| crate::srcset::rewrite(s, rewrite));
        if let Some(new) = new_src {
            el.set_attr(url_attr, &new);
            cx.changed();
        }
        if let Some(new) = new_srcset {
            el.set_attr("srcset", &new);
            cx.changed();
        }
        Action::Keep
    }
}
