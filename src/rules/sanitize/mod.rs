//! `sanitize`: the allowlist that makes the output safe to embed.
//!
//! | module | what |
//! |---|---|
//! | `defaults` | the default allowlists, and what can never be allowed |
//! | `policy` | the builder's settings, their checks, the checked policy |
//! | `urls` | URLs read as a browser reads them, the scheme allowlist, `srcset` |
//! | `nesting` | parse stability: elements the parser would move are lifted |
//! | `embeds` | video `<iframe>`s from known players (off by default) |
//! | `embed_links` | with embeds off: a known player or post becomes a link to its page |
//! | `controls` | `button`, `textarea`, `select`: what a reader saw of them |
//! | `math` | `<math>`: its TeX, `alttext` or rendered text |

mod controls;
mod defaults;
mod embed_links;
mod embeds;
mod math;
mod nesting;
pub(crate) mod policy;
mod reads;
mod svg_text;
pub(crate) mod urls;
#[cfg(feature = "posts")]
pub(crate) mod verify;

use crate::dom::names::is_block;
use crate::rules::BuiltIn;
use crate::{Action, Context, Element, Interest, Rule};
pub(crate) use embed_links::is_embed_url;
use html5ever::tendril::StrTendril;
use html5ever::{local_name, ns, LocalName, QualName};
use nesting::Placement;
use policy::{Classes, Fate, Policy, SanitizerConfig};
use std::borrow::Cow;
use std::sync::Arc;
pub(crate) use urls::browser_form;

/// The registry entry: the final stage, which drops while parsing what it removes anyway.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "sanitize",
    on_by_default: true,
    settings: policy::SETTINGS,
    final_stage: true,
    filters_at_parse_time: true,
    add: |c, parts| {
        let policy = SanitizerConfig::from_config(c).build()?;
        parts.sanitize = Some(Arc::new(Sanitize::new(policy)));
        Ok(())
    },
};

/// The allowlist sanitizer, on by default; see the crate README, "Safety: the default
/// policy", for the exact lists and [`CleanerBuilder`](crate::CleanerBuilder)'s sanitizer
/// settings to widen or narrow them.
///
/// - article elements (headings, paragraphs, lists, quotes, tables, figures, pictures,
///   media, code, inline formatting, links, line breaks) are kept with their own attributes
///   and the global `title`, `lang`, `dir`; `div`, `section`, `article`, `span` keep only
///   those global ones;
/// - `script`, `style`, `template`, `iframe`, `object`, `embed`, `frame`, `frameset`,
///   `input`, `title`, `noembed`, `noframes`, `noscript`, `selectedcontent`… are removed
///   with their content; elements of other namespaces always are, but `math` and `svg`;
/// - `button`, `textarea`, `xmp`, `plaintext`, `select`, `math` and `svg` are replaced by
///   what a reader saw of them (a button's content, the text of a text area, an `xmp` or a
///   `plaintext` as `<pre>` text, the selected option, a formula's TeX or text, the text an
///   SVG draws: a chart's labels);
///   a known video or post embed becomes a link to its page (see the README, "Controls,
///   embeds, math and `<noscript>`");
/// - any other element is unwrapped (its content kept); a block element becomes a `div`,
///   so its text is never glued to its neighbours';
/// - URLs (`href`, `src`, `srcset` candidates, `cite`, `poster`…) must be relative or use
///   `http`, `https`, `mailto` or `tel` (`data:` only for raster images in `img`/`source`),
///   read as a browser reads them; other URLs are removed; relative URLs are resolved
///   against the base URL when there is one;
/// - links get `rel="noopener noreferrer"`; `class`, `id`, `style` and comments are dropped;
/// - an element the HTML parser would not leave where it is (a `div` in a `p`, an `a` in an
///   `a`, a table cell outside a row…) is unwrapped, so the output parses back to the tree
///   it was serialized from.
#[derive(Debug, Clone)]
pub struct Sanitize {
    policy: Arc<Policy>,
    /// The HTML elements removed with their content, by name: [`DROPS`] and [`REMOVES`]
    /// (what [`drops_while_parsing`](Sanitize::drops_while_parsing) and
    /// [`removes_with_content`](Sanitize::removes_with_content) answer), worked out once
    /// from the policy: one look-up for each element parsed.
    removal: Arc<Removal>,
}

/// See [`Sanitize::removal`].
type Removal = std::collections::HashMap<
    LocalName,
    u8,
    std::hash::BuildHasherDefault<crate::dom::names::AtomHasher>,
>;

/// [`Sanitize::drops_while_parsing`] answers yes.
const DROPS: u8 = 1;
/// [`Sanitize::removes_with_content`] answers yes.
const REMOVES: u8 = 2;

impl Default for Sanitize {
    /// The default policy.
    fn default() -> Self {
        let policy = SanitizerConfig::default()
            .build()
            .unwrap_or_else(|e| unreachable!("the default sanitizer policy is valid: {e}"));
        Sanitize::new(policy)
    }
}

impl Sanitize {
    pub(crate) fn new(policy: Policy) -> Sanitize {
        // The name tables every page reads are built with the cleaner, once.
        nesting::prepare();
        let mut sanitize = Sanitize {
            policy: Arc::new(policy),
            removal: Arc::default(),
        };
        // An HTML element the policy does not name is unwrapped, never removed: only the
        // named ones can be.
        let removal = sanitize
            .policy
            .named()
            .filter_map(|local| {
                let name = QualName::new(None, ns!(html), local.clone());
                let bits = if sanitize.drops_computed(&name) {
                    DROPS
                } else {
                    0
                } | if sanitize.removes_computed(&name) {
                    REMOVES
                } else {
                    0
                };
                (bits != 0).then(|| (local.clone(), bits))
            })
            .collect();
        sanitize.removal = Arc::new(removal);
        sanitize
    }

    /// The [`Sanitize::removal`] bits of the HTML element `local`.
    fn removal_of(&self, local: &LocalName) -> u8 {
        self.removal.get(local).copied().unwrap_or(0)
    }

    /// The checked policy (for `verify`).
    #[cfg(feature = "posts")]
    pub(crate) fn policy(&self) -> &Policy {
        &self.policy
    }
}

/// Elements that separate their text from their neighbours' and so are not simply unwrapped.
fn unwraps_as_block(name: &LocalName) -> bool {
    is_block(name)
        || matches!(
            *name,
            local_name!("legend") | local_name!("optgroup") | local_name!("option")
        )
}

/// Unwraps `el`, with a space on each side of its content so its text is not glued to its
/// neighbours'. Out of line and cold: rare, and the caller runs on every element.
#[cold]
#[inline(never)]
fn unwrap_spaced(el: &mut Element<'_>) -> Action {
    el.space_around_children();
    Action::Unwrap
}

thread_local! {
    /// The last value [`with_shared`] was asked for, as a tendril whose buffer every link
    /// of this thread's trees shares.
    static SHARED: std::cell::RefCell<Option<StrTendril>> = const { std::cell::RefCell::new(None) };
}

/// Calls `f` with `value` as a tendril that shares its buffer with the ones given before
/// for the same value on this thread: the `rel` of every link is allocated once.
fn with_shared<R>(value: &str, f: impl FnOnce(&StrTendril) -> R) -> R {
    SHARED.with(|shared| match shared.try_borrow_mut() {
        Ok(mut shared) => {
            if shared.as_deref() != Some(value) {
                *shared = None;
            }
            f(shared.get_or_insert_with(|| StrTendril::from_slice(value)))
        }
        Err(_) => f(&StrTendril::from_slice(value)),
    })
}

impl Sanitize {
    /// Unwraps (or removes) an element that is not kept.
    #[inline(never)]
    fn not_kept(&self, el: &mut Element<'_>, name: &LocalName, cx: &Context<'_>) -> Action {
        if !unwraps_as_block(name) {
            return Action::Unwrap;
        }
        // Past the walk's cap on renames the element cannot become a `div`: it is unwrapped
        // with spaces around its content instead (fail closed, never kept as it is).
        if self.policy.keeps(&local_name!("div"))
            && *name != local_name!("div")
            && !cx.renames_exhausted
        {
            // The `div` gets its attributes filtered when it is visited again.
            let div = local_name!("div");
            el.retain_attrs_by_atom(|attr, namespaced, _| {
                !namespaced && self.attr_kept(&div, attr)
            });
            return Action::rename_to(div);
        }
        unwrap_spaced(el)
    }

    /// Whether the attribute `attr` may stay on `element` (its value aside).
    fn attr_kept(&self, element: &LocalName, attr: &LocalName) -> bool {
        let policy = &*self.policy;
        policy.attr_allowed(element, attr)
            || (*attr == local_name!("class") && policy.classes != Classes::Dropped)
            || (*attr == local_name!("id") && policy.id_prefix.is_some())
    }

    /// Filters the attributes of a kept element; returns how many were removed or changed.
    ///
    /// One pass over the attributes, one lookup for each (whether it is kept, whether its
    /// value is a URL); values are only rewritten when they change.
    // Out of line: the caller runs on every element and stays small.
    #[inline(never)]
    fn attributes(&self, el: &mut Element<'_>, name: &LocalName, cx: &Context<'_>) -> usize {
        if el.attr_count() == 0 {
            // Nothing to filter, and nothing to add: `rel` and `target` need an `href`.
            return 0;
        }
        let policy = &*self.policy;
        let is_link = *name == local_name!("a");
        let allowed = policy.attr_table_of(name);
        let base = cx.base_url();
        let mut changes = 0;
        let mut has_srcset = false;
        let keep_class = policy.classes != Classes::Dropped;
        let keep_id = policy.id_prefix.is_some();
        el.retain_attrs_mut(|local, namespaced, value| {
            if namespaced {
                changes += 1;
                return false;
            }
            let is_url = match allowed.get(local) {
                Some(is_url) => is_url,
                None => {
                    let kept = (*local == local_name!("class") && keep_class)
                        || (*local == local_name!("id") && keep_id)
                        || (is_link
                            && matches!(*local, local_name!("rel") | local_name!("target")));
                    if !kept {
                        changes += 1;
                        return false;
                    }
                    false
                }
            };
            has_srcset |= *local == local_name!("srcset");
            if is_url {
                match policy.urls.clean(name, value.as_str(), base) {
                    None => {
                        changes += 1;
                        return false;
                    }
                    Some(Cow::Owned(v)) => {
                        value.set(&v);
                        changes += 1;
                    }
                    Some(Cow::Borrowed(_)) => {}
                }
            }
            true
        });
        if has_srcset {
            changes += self.srcset(el, name, base);
        }
        changes += self.classes(el) + self.ids(el);
        if is_link {
            changes += self.link(el);
        }
        changes
    }

    /// Checks (and resolves) each candidate of `srcset`; returns 1 when it was changed or
    /// removed.
    fn srcset(&self, el: &mut Element<'_>, name: &LocalName, base: Option<&url::Url>) -> usize {
        let Some(srcset) = el.attr_by_atom(&local_name!("srcset")) else {
            return 0;
        };
        match self.policy.urls.clean_srcset(name, srcset, base) {
            None => {
                el.remove_attr_by_atom(&local_name!("srcset"));
                1
            }
            Some(v) if v != srcset => {
                el.set_attr_by_atom(&local_name!("srcset"), &v);
                1
            }
            Some(_) => 0,
        }
    }

    /// Keeps only the allowed classes.
    fn classes(&self, el: &mut Element<'_>) -> usize {
        let Classes::Only(allowed) = &self.policy.classes else {
            return 0;
        };
        let Some(class) = el.attr("class") else {
            return 0;
        };
        let kept: Vec<&str> = class
            .split_ascii_whitespace()
            .filter(|c| allowed.contains(*c))
            .collect();
        if kept.join(" ") == class {
            return 0;
        }
        if kept.is_empty() {
            el.remove_attr("class");
        } else {
            let kept = kept.join(" ");
            el.set_attr("class", &kept);
        }
        1
    }

    /// Prefixes ids, the fragment links and the `headers` that point at them.
    fn ids(&self, el: &mut Element<'_>) -> usize {
        let Some(prefix) = self.policy.id_prefix.as_deref() else {
            return 0;
        };
        let mut changes = 0;
        if let Some(id) = el.attr("id").map(str::to_string) {
            if id.is_empty() || id.chars().any(|c| c.is_ascii_whitespace()) {
                el.remove_attr("id");
                changes += 1;
            } else if !id.starts_with(prefix) {
                el.set_attr("id", &format!("{prefix}{id}"));
                changes += 1;
            }
        }
        if let Some(href) = el.attr("href").map(str::to_string) {
            if let Some(fragment) = href.strip_prefix('#') {
                if !fragment.is_empty() && !fragment.starts_with(prefix) {
                    el.set_attr("href", &format!("#{prefix}{fragment}"));
                    changes += 1;
                }
            }
        }
        if let Some(headers) = el.attr("headers").map(str::to_string) {
            let new: Vec<String> = headers
                .split_ascii_whitespace()
                .map(|h| {
                    if h.starts_with(prefix) {
                        h.to_string()
                    } else {
                        format!("{prefix}{h}")
                    }
                })
                .collect();
            let new = new.join(" ");
            if new != headers {
                el.set_attr("headers", &new);
                changes += 1;
            }
        }
        changes
    }

    /// `rel` (and `target`) of a link.
    fn link(&self, el: &mut Element<'_>) -> usize {
        let mut changes = 0;
        let has_href = el.attr_by_atom(&local_name!("href")).is_some();
        let rel = self.policy.link_rel.as_deref().filter(|_| has_href);
        let target = (has_href && self.policy.new_tab).then_some("_blank");
        let changed = match rel {
            Some(v) => with_shared(v, |v| el.set_attr_tendril_by_atom(&local_name!("rel"), v)),
            None => el.remove_attr_by_atom(&local_name!("rel")),
        };
        changes += usize::from(changed);
        let changed = match target {
            Some(v) => el.set_attr_by_atom(&local_name!("target"), v),
            None => el.remove_attr_by_atom(&local_name!("target")),
        };
        changes += usize::from(changed);
        changes
    }

    /// An `<iframe>` when embeds are on: the canonical embed or nothing.
    #[inline(never)]
    fn embed(&self, el: &Element<'_>, cx: &Context<'_>) -> Action {
        let Some(embeds) = &self.policy.embeds else {
            return Action::Remove;
        };
        match embeds.canonical(el, cx.base_url()) {
            None => Action::Remove,
            Some(attrs) if embeds::is_canonical(el, &attrs) => Action::Keep,
            // Only the canonical form is ever kept: past the walk's cap on replacements,
            // an embed that is not yet canonical goes.
            Some(_) if cx.renames_exhausted => Action::Remove,
            Some(attrs) => Action::Replace(embeds::to_html(&attrs)),
        }
    }
}

impl Sanitize {
    /// Whether nothing inside an element named `name` reaches the reader: this rule removes
    /// it with its content (or the parse-time filter drops it). What the rules ask of an
    /// element's content ("does this figure hold an image?") leaves these insides out, so the
    /// answer is the same with and without the filter, and with or without a user rule. A
    /// superset of [`drops_while_parsing`](Self::drops_while_parsing): also the boxes
    /// (`<canvas>` fallback) and frames, but not what a rule turns into content (a
    /// `<noscript>`'s image, a `select`'s option, an allowed player).
    pub(crate) fn removes_with_content(&self, name: &QualName) -> bool {
        if name.ns == ns!(html) {
            return self.removal_of(&name.local) & REMOVES != 0;
        }
        self.removes_computed(name)
    }

    /// [`removes_with_content`](Self::removes_with_content), worked out from the policy.
    fn removes_computed(&self, name: &QualName) -> bool {
        if self.drops_computed(name) {
            return true;
        }
        name.ns == ns!(html)
            && match name.local {
                local_name!("noscript") | local_name!("option") | local_name!("optgroup") => false,
                local_name!("iframe") if self.policy.embeds.is_some() => false,
                ref local => matches!(self.policy.fate(local), Fate::Remove),
            }
    }

    /// Whether this rule removes every element named `name`, with its content, wherever it
    /// stands and whatever its attributes: such elements may be dropped while parsing
    /// (when no other rule needs to see them first). `<noscript>` is not: `lazy_images`
    /// reads it. Nor are frames and plugins (`embed_links` reads them), a `select`'s
    /// options, MathML (`math` reads it), the boxes that leave a space between words, nor
    /// the document structure.
    pub(crate) fn drops_while_parsing(&self, name: &QualName) -> bool {
        if name.ns == ns!(html) {
            return self.removal_of(&name.local) & DROPS != 0;
        }
        self.drops_computed(name)
    }

    /// [`drops_while_parsing`](Self::drops_while_parsing), worked out from the policy.
    fn drops_computed(&self, name: &QualName) -> bool {
        if name.ns != ns!(html) {
            // MathML and SVG are read as text (`math`, `svg_text`).
            return match name.ns {
                ns!(mathml) => !self.reads_math(),
                ns!(svg) => !self.reads_svg() || !svg_text::may_draw_text(&name.local),
                _ => true,
            };
        }
        match name.local {
            local_name!("html") | local_name!("head") | local_name!("body") => false,
            local_name!("noscript") => false,
            // The cleaner reads the page's base URL from the tree (`parse::first_base_href`).
            local_name!("base") => false,
            local_name!("iframe") if self.policy.embeds.is_some() => false,
            // Embeds leave a link (`embed_links`); a `select` is read from its options.
            local_name!("iframe") | local_name!("embed") | local_name!("object") => false,
            local_name!("option") | local_name!("optgroup") => false,
            // Boxes between words leave a space (`dom::junction`): the walk must see them.
            ref local if controls::is_box(local) => false,
            ref local => matches!(self.policy.fate(local), Fate::Remove),
        }
    }
}

/// A document's `html`, `head` or `body`: kept with its `lang` and `dir` only. Out of line
/// and cold: once per document, and [`Sanitize`]'s `element` runs on every element.
#[cold]
#[inline(never)]
fn document_root(el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
    let removed = el.retain_attrs_by_atom(|attr, namespaced, _| {
        !namespaced && matches!(*attr, local_name!("lang") | local_name!("dir"))
    });
    cx.changed_by(removed);
    Action::Keep
}

impl Rule for Sanitize {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        self.reads()
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !el.is_html() {
            return self.foreign(el);
        }
        let name = el.local_name().clone();
        if let Some(action) = self.embed_link(el, &name, cx) {
            return action;
        }
        if cx.is_document()
            && matches!(
                name,
                local_name!("html") | local_name!("head") | local_name!("body")
            )
        {
            return document_root(el, cx);
        }
        let is_embed = name == local_name!("iframe") && self.policy.embeds.is_some();
        if !is_embed {
            match self.policy.fate(&name) {
                Fate::Remove => return Action::Remove,
                Fate::Unwrap => return self.not_kept(el, &name, cx),
                // An open `<dialog>` showed its content as a block: a `div` (or spaced). So
                // does an option outside a drop-down (those inside are read with their
                // `select`, whose content is not walked).
                Fate::Read
                    if (name == local_name!("dialog") && el.has_attr("open"))
                        || matches!(name, local_name!("option") | local_name!("optgroup")) =>
                {
                    return self.not_kept(el, &name, cx)
                }
                Fate::Read => return self.read(el, &name),
                Fate::Keep => {}
            }
        }
        // Quirks mode only matters for a `table`: the doctype is not looked for otherwise.
        let quirks = name == local_name!("table") && cx.quirks;
        match nesting::placement(
            &name,
            quirks,
            || el.ancestor_names(),
            || nesting::scopes(el),
        ) {
            Placement::Fits => {}
            Placement::Drop => return Action::Remove,
            Placement::Lift if unwraps_as_block(&name) => return unwrap_spaced(el),
            Placement::Lift => return Action::Unwrap,
        }
        if is_embed {
            return self.embed(el, cx);
        }
        // Nothing to filter, and nothing to add (`rel` and `target` need an `href`): told
        // here, without a call into the filter.
        if el.attr_count() != 0 {
            let changes = self.attributes(el, &name, cx);
            cx.changed_by(changes);
        }
        Action::Keep
    }

    fn keep_comment(&self, _text: &str, _cx: &mut Context<'_>) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::policy::SanitizerConfig;
    use super::Sanitize;
    use html5ever::{ns, LocalName, QualName};

    /// The answers looked up are the ones worked out from the policy, for every policy the
    /// settings can give and every name.
    #[test]
    fn removal_looked_up_as_worked_out() {
        // Every HTML element, one the policy knows that is no element, and names of no
        // policy (custom elements, SVG's).
        let names = crate::dom::names::HTML_ELEMENTS
            .split_ascii_whitespace()
            .chain(
                "selectedcontent lite-youtube amp-img x-foo foreignObject path g"
                    .split_ascii_whitespace(),
            );
        let configs = [
            SanitizerConfig::default(),
            SanitizerConfig {
                embeds: true,
                ..Default::default()
            },
            SanitizerConfig {
                tags_removed: vec!["aside".into(), "nav".into(), "svg".into()],
                tags_unwrapped: vec!["math".into(), "u".into()],
                ..Default::default()
            },
            SanitizerConfig {
                tags_allowed: vec!["big".into(), "marquee".into()],
                ..Default::default()
            },
        ];
        for config in configs {
            let sanitize = Sanitize::new(config.build().unwrap());
            for local in names.clone() {
                for ns in [ns!(html), ns!(svg), ns!(mathml)] {
                    let name = QualName::new(None, ns, LocalName::from(local));
                    assert_eq!(
                        sanitize.drops_while_parsing(&name),
                        sanitize.drops_computed(&name),
                        "{name:?}"
                    );
                    assert_eq!(
                        sanitize.removes_with_content(&name),
                        sanitize.removes_computed(&name),
                        "{name:?}"
                    );
                }
            }
        }
    }
}
