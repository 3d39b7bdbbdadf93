//! [`Cleaner`]: built once, reused for every document, shared across threads.

use crate::builder::CleanerBuilder;
use crate::dom::document::{ensure_body, keep_mode};
use crate::dom::parse::AttrFilter;
use crate::dom::parse::Prefilter;
use crate::dom::parse::{parse, parse_filtered, InputKind};
use crate::dom::serialize::serialize_children_taking;
use crate::dom::walk::{walk, Handlers, Stages};
use crate::report::Report;
use crate::rule::{Context, Rule};
use crate::rules::proxied_urls::ProxiedUrls;
use crate::rules::sanitize::Sanitize;
use once_cell::sync::Lazy;
use std::fmt;
use std::sync::Arc;
use url::Url;

/// A configured cleaning policy. Build it once with [`Cleaner::builder`] (or take the
/// default policy with [`Cleaner::default`]) and reuse it: it is cheap to clone, `Send` and
/// `Sync`, and cleaning never fails.
///
/// ```
/// use articlean::Cleaner;
///
/// let cleaner = Cleaner::default();
/// let out = cleaner.clean(r#"<p onclick="track()">Hello</p><p></p>"#);
/// assert_eq!(out.html(), "<p>Hello</p>");
/// assert_eq!(out.report().get("event_handlers"), 1);
/// ```
#[derive(Clone)]
pub struct Cleaner {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    /// The rules, in order; not the sanitizer.
    pub(crate) rules: Vec<Arc<dyn Rule>>,
    /// The sanitizer: the final stage of every element, after all rules have answered.
    /// `None` only with [`CleanerBuilder::allow_unsafe_output`].
    pub(crate) sanitize: Option<Arc<Sanitize>>,
    pub(crate) base_url: Option<Url>,
    /// What rewrites the URLs of front matter: the rule that made itself that in its
    /// registry entry (`proxied_urls`), when on.
    pub(crate) image_urls: Option<Arc<ProxiedUrls>>,
    /// Whether the final stage drops while parsing what it removes with its content anyway
    /// (its registry entry says it may; only when no user rule runs before it, as a user rule
    /// may want to see it). The drops count as the final stage's changes.
    pub(crate) parse_filter: bool,
    /// Which rules handle which elements (`None`: all of them every element).
    handlers: Option<Handlers>,
    /// The attributes removed before parsing: those the sanitizer never keeps that no rule
    /// reads (see [`AttrFilter`]); `None` when a rule reads everything.
    pub(crate) attributes: Option<AttrFilter>,
}

impl Inner {
    /// The cleaner's state from its rules: what each rule handles and reads (its
    /// [`Interest`](crate::Interest)) decides where the walk asks it and which attributes
    /// go before parsing. `parse_filter`: whether anything may be dropped while parsing
    /// (what the sanitizer removes with its content, and attributes).
    pub(crate) fn new(
        rules: Vec<Arc<dyn Rule>>,
        sanitize: Option<Arc<Sanitize>>,
        base_url: Option<Url>,
        image_urls: Option<Arc<ProxiedUrls>>,
        parse_filter: bool,
        user_rules: bool,
    ) -> Inner {
        let interests: Vec<_> = rules.iter().map(|r| r.interest()).collect();
        let handlers = Handlers::new(&interests);
        let attributes = sanitize
            .as_ref()
            .filter(|_| parse_filter)
            .and_then(|sanitize| {
                let mut reads = sanitize.interest().reads?;
                // The cleaner reads `<base href>` itself (see `page_base_url`).
                reads.extend(
                    crate::Interest::elements("base")
                        .reads("base", "href")
                        .reads?,
                );
                for interest in &interests {
                    reads.extend(interest.reads.iter().flatten().cloned());
                    interest.reads.as_ref()?;
                }
                AttrFilter::new(&reads)
            });
        Inner {
            rules,
            sanitize,
            base_url,
            image_urls,
            // A user rule may want to see what the sanitizer removes with its content.
            parse_filter: parse_filter && !user_rules,
            handlers,
            attributes,
        }
    }
}

impl fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Cleaner")
            .field("rules", &self.rule_names().collect::<Vec<_>>())
            .field("base_url", &self.inner.base_url.as_ref().map(Url::as_str))
            .finish()
    }
}

impl Default for Cleaner {
    /// The default policy: every built-in rule, no base URL.
    fn default() -> Self {
        DEFAULT.clone()
    }
}

static DEFAULT: Lazy<Cleaner> = Lazy::new(|| {
    CleanerBuilder::new()
        .build()
        .unwrap_or_else(|e| unreachable!("the default policy is valid: {e}"))
});

/// Cleans `html` with the default policy and returns the clean HTML.
///
/// `html` is a fragment, or a whole document when it starts with a doctype or `<html>`.
///
/// ```
/// let html = articlean::clean(r#"<div onclick="x()"><img class="lazy" data-src="https://example.com/a.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></div>"#);
/// assert_eq!(html, r#"<figure><img src="https://example.com/a.jpg" loading="lazy" decoding="async"></figure>"#);
/// ```
pub fn clean(html: &str) -> String {
    DEFAULT.clean(html).into_html()
}

impl Cleaner {
    /// A builder for a custom policy.
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::new()
    }

    /// Cleans `html`: a whole document when it starts with a doctype or `<html>` (after white
    /// space and comments), a body fragment otherwise.
    pub fn clean(&self, html: &str) -> Cleaned {
        self.run(html, InputKind::detect(html))
    }

    /// Cleans `html` as a body fragment, whatever it starts with.
    pub fn clean_fragment(&self, html: &str) -> Cleaned {
        self.run(html, InputKind::Fragment)
    }

    /// Cleans `html` as a whole document: the output keeps `<html>`, `<head>` and `<body>`.
    pub fn clean_document(&self, html: &str) -> Cleaned {
        self.run(html, InputKind::Document)
    }

    /// The names of the rules, in the order they run; `sanitize`, the final stage of every
    /// element, comes last.
    pub fn rule_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let last = self.inner.sanitize.as_ref().map(|s| s.name());
        self.inner.rules.iter().map(|r| r.name()).chain(last)
    }

    /// The base URL relative URLs are resolved against, if any.
    pub fn base_url(&self) -> Option<&Url> {
        self.inner.base_url.as_ref()
    }

    /// A URL found in front matter as this policy rewrites it, or `None` when it stays as it
    /// is: an image URL (its origin names an image file) gets the same treatment as the
    /// body's images (unwrapped, tracking parameters removed, upgraded, re-routed); any other
    /// URL is only unwrapped when it is a proxy URL.
    pub(crate) fn rewrite_image_url(&self, url: &str) -> Option<String> {
        self.inner
            .image_urls
            .as_ref()?
            .rewrite_front_matter_url(url)
    }

    fn run(&self, html: &str, kind: InputKind) -> Cleaned {
        self.run_keeping(html, kind, None, true)
    }

    /// Cleans the HTML body of a post: as [`clean`](Cleaner::clean) (or
    /// [`clean_fragment`](Cleaner::clean_fragment) when `fragment`), keeping the comments a
    /// blog engine reads (`<!-- more -->`…).
    pub(crate) fn clean_post_body(&self, html: &str, fragment: bool) -> Cleaned {
        let kind = if fragment {
            InputKind::Fragment
        } else {
            InputKind::detect(html)
        };
        self.run_keeping(html, kind, Some(crate::post::is_engine_comment), false)
    }

    /// Cleans a piece of raw HTML of a Markdown post: as
    /// [`clean_fragment`](Cleaner::clean_fragment), but its `<base>` re-bases nothing (see
    /// [`run_keeping`](Self::run_keeping)).
    #[cfg(feature = "posts")]
    pub(crate) fn clean_post_piece(&self, html: &str) -> Cleaned {
        self.run_keeping(html, InputKind::Fragment, None, false)
    }

    /// Parse → walk → serialize, keeping the comments `kept_comments` says. `page_base`:
    /// whether the input's own `<base href>` re-bases its relative URLs. A post's body does
    /// not: the post is part of a page the site writes, where a `<base>` would move every
    /// URL of the site's own template, so it is removed without being applied.
    fn run_keeping(
        &self,
        html: &str,
        kind: InputKind,
        kept_comments: Option<fn(&str) -> bool>,
        page_base: bool,
    ) -> Cleaned {
        // Each page starts with no proxy URL remembered from the ones cleaned before.
        crate::proxy::memo::forget();
        let inner = &*self.inner;
        let filter = inner
            .sanitize
            .as_ref()
            .filter(|_| inner.parse_filter || inner.attributes.is_some());
        let parsed = match filter {
            Some(sanitize) => parse_filtered(
                html,
                kind,
                Prefilter {
                    drop_element: &|name, _| {
                        inner.parse_filter && sanitize.drops_while_parsing(name)
                    },
                    // Comments stay for the walk: a rule may remove the element around
                    // them, and then they must not count as the sanitizer's.
                    drop_comments: false,
                    attributes: inner.attributes.as_ref(),
                    skip_drawings: inner.parse_filter,
                },
            ),
            None => parse(html, kind),
        };
        let rules: Vec<&dyn Rule> = self.inner.rules.iter().map(|r| &**r).collect();
        let last = self.inner.sanitize.as_ref().map(|s| &**s as &dyn Rule);
        // The page's own `<base href>` re-bases its relative URLs, as in a browser.
        let own_base = parsed
            .base_href
            .as_deref()
            .filter(|_| page_base)
            .and_then(|href| page_base_url(inner.base_url.as_ref(), href));
        let mut cx = Context::new(
            own_base.as_ref().or(inner.base_url.as_ref()),
            rules.len() + usize::from(last.is_some()),
            kind == InputKind::Document,
        );
        cx.quirks = parsed.quirks;
        cx.kept_comments = kept_comments;
        // Whether or not the parse-time filter is on (it drops a subset of these): what the
        // rules read of a subtree cannot depend on the filter.
        let removes = |name: &html5ever::QualName| {
            inner
                .sanitize
                .as_ref()
                .is_some_and(|s| s.removes_with_content(name))
        };
        cx.removed = crate::dom::Removed(Some(&removes));
        walk(
            &parsed.root,
            Stages {
                rules: &rules,
                handlers: inner.handlers.as_ref(),
                last,
            },
            &mut cx,
        );
        if let Some(count) = cx.counts.get_mut(rules.len()).filter(|_| filter.is_some()) {
            // What the parse-time filter dropped, the final stage removed: its count is the
            // one after the rules' (see `Stages::last`), whatever the rules are.
            *count += parsed.dropped;
        }
        if kind == InputKind::Document {
            ensure_body(&parsed.root);
            keep_mode(&parsed.root, parsed.mode);
        }
        // The tree is freed as it is written: nothing reads it after this.
        let html = serialize_children_taking(&parsed.root, html.len() + html.len() / 8);
        let report = Report::new(self.rule_names().zip(cx.counts.iter().copied()).collect());
        Cleaned { html, report }
    }
}

/// The result of one cleaning run: the clean HTML and a [`Report`] of what changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub(crate) html: String,
    pub(crate) report: Report,
}

impl Cleaned {
    /// The clean HTML.
    pub fn html(&self) -> &str {
        &self.html
    }

    /// The clean HTML, without copying.
    pub fn into_html(self) -> String {
        self.html
    }

    /// What changed, per rule.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Both parts.
    pub fn into_parts(self) -> (String, Report) {
        (self.html, self.report)
    }
}

impl fmt::Display for Cleaned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.html)
    }
}

impl From<Cleaned> for String {
    fn from(c: Cleaned) -> String {
        c.html
    }
}

/// The base URL that a page's `<base href>` sets: `href` parsed against the URL the page was
/// configured with ([`with_base_url`](crate::CleanerBuilder::with_base_url), the document's
/// own URL), or alone when there is none (HTML § 4.2.3, "set the frozen base URL"). Only an
/// `http:` or `https:` URL is a base: against any other (`javascript:`, `data:`, a relative
/// `href` with nothing to resolve it against) relative URLs do not resolve, so they stay
/// as the configured base (or none) gives them. The URL parser drops the ASCII tab and
/// newlines inside `href` and the spaces around it, as a browser's does.
fn page_base_url(configured: Option<&Url>, href: &str) -> Option<Url> {
    let url = match configured {
        Some(base) => base.join(href),
        None => Url::parse(href),
    }
    .ok()?;
    matches!(url.scheme(), "http" | "https").then_some(url)
}
