//! The extension point: a [`Rule`] looks at one element at a time and answers with an
//! [`Action`]. Every built-in pass is a `Rule` too.

use crate::dom::Element;
use crate::error::{Error, Result};
use crate::interest::Interest;
use html5ever::LocalName;
use std::fmt;
use url::Url;

/// One cleaning pass. All rules of a [`Cleaner`](crate::Cleaner) run in one fused walk over
/// the tree: for each element, [`element`](Rule::element) is called on every rule in order
/// before the element's children are visited, and [`element_end`](Rule::element_end) after
/// they have been cleaned. The first rule that answers anything but [`Action::Keep`] decides
/// the element's fate; the rules after it are not asked.
///
/// Rules must be `Send + Sync`: a [`Cleaner`](crate::Cleaner) is shared across threads.
///
/// ```
/// use articlean::{Action, Cleaner, Context, Element, Rule};
///
/// /// Drops every `<marquee>` with its content.
/// struct NoMarquee;
///
/// impl Rule for NoMarquee {
///     fn name(&self) -> &'static str {
///         "no_marquee"
///     }
///     fn element(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
///         if el.is("marquee") { Action::Remove } else { Action::Keep }
///     }
/// }
///
/// let cleaner = Cleaner::builder().with_rule(NoMarquee).build()?;
/// let out = cleaner.clean("<p>news</p><marquee>buy now</marquee>");
/// assert_eq!(out.html(), "<p>news</p>");
/// assert_eq!(out.report().get("no_marquee"), 1);
/// # Ok::<(), articlean::Error>(())
/// ```
pub trait Rule: Send + Sync {
    /// A short `snake_case` name, used in the [`Report`](crate::Report).
    fn name(&self) -> &'static str;

    /// Called before the element's children are cleaned. The children seen through
    /// [`Element::children`] are as parsed.
    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let _ = (el, cx);
        Action::Keep
    }

    /// Called after the element's children have been cleaned (bottom-up): the place to
    /// decide on emptiness or on what the children turned out to be.
    fn element_end(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        let _ = (el, cx);
        Action::Keep
    }

    /// Called for each comment; `false` removes it.
    fn keep_comment(&self, text: &str, cx: &mut Context<'_>) -> bool {
        let _ = (text, cx);
        true
    }

    /// The elements this rule handles and the attributes it reads, anywhere in the tree.
    ///
    /// The walk calls [`element`](Rule::element) and [`element_end`](Rule::element_end) only
    /// on the elements handled. When every rule of a cleaner says what it reads, attributes
    /// that none reads and the sanitizer never keeps are removed before parsing, which
    /// saves most of the parser's work on attribute-heavy pages. Saying too little changes
    /// what the rule sees; the default, [`Interest::everything`], is always right.
    ///
    /// ```
    /// use articlean::{Action, Context, Element, Interest, Rule};
    ///
    /// /// Unwraps every `<font>`.
    /// struct NoFonts;
    ///
    /// impl Rule for NoFonts {
    ///     fn name(&self) -> &'static str {
    ///         "no_fonts"
    ///     }
    ///     fn element(&self, _el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
    ///         Action::Unwrap
    ///     }
    ///     fn interest(&self) -> Interest {
    ///         // Called on `<font>` only; reads no attribute.
    ///         Interest::elements("font")
    ///     }
    /// }
    /// ```
    fn interest(&self) -> Interest {
        Interest::everything()
    }
}

/// What a [`Rule`] wants done with the element it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
// A tag of its own: the walk asks whether an answer is `Keep` after every rule, and a byte
// compare is cheaper than reading the tag out of the `String`'s capacity.
#[repr(u8)]
pub enum Action {
    /// Leave it (attribute changes made through the [`Element`] stay).
    Keep,
    /// Remove it with everything inside.
    Remove,
    /// Remove the element but keep its children in its place. Before the children are
    /// cleaned, they are cleaned as if they had always been there.
    Unwrap,
    /// Give the element another name, keeping attributes and children; all rules then see
    /// it again under its new name. Build it with [`Action::rename`].
    Rename(ElementName),
    /// Replace the element with this HTML, parsed as a body fragment. The new nodes are
    /// cleaned by all rules like any input, so this cannot smuggle anything unsafe in.
    Replace(String),
}

impl Action {
    /// [`Action::Rename`] to `name` (ASCII letters, digits and `-`, starting with a letter;
    /// lowercased).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSetting`] for any other name: it could not be written back as a tag.
    ///
    /// ```
    /// use articlean::Action;
    ///
    /// assert!(matches!(Action::rename("Mark"), Ok(Action::Rename(n)) if n.as_str() == "mark"));
    /// assert!(Action::rename("my_tag").is_err());
    /// ```
    pub fn rename(name: &str) -> Result<Action> {
        let valid = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if valid {
            Ok(Action::Rename(ElementName(LocalName::from(
                name.to_ascii_lowercase(),
            ))))
        } else {
            Err(Error::InvalidSetting {
                setting: "element name",
                reason: format!(
                    "{name:?} is not an element name (ASCII letters, digits and `-`, \
                     starting with a letter)"
                ),
            })
        }
    }

    /// [`Action::Rename`] to a name known to be valid.
    pub(crate) fn rename_to(name: LocalName) -> Action {
        Action::Rename(ElementName(name))
    }
}

/// A valid element name, lowercase: what [`Action::Rename`] renames to. Made by
/// [`Action::rename`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ElementName(pub(crate) LocalName);

impl ElementName {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ElementName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ElementName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a rule knows about the whole run: the base URL, and a counter of its changes.
pub struct Context<'a> {
    pub(crate) base_url: Option<&'a Url>,
    pub(crate) counts: Vec<usize>,
    pub(crate) current: usize,
    pub(crate) document: bool,
    /// Set by the walk while the final stage decides on an element that was renamed or
    /// replaced too many times: it must not answer `Rename` or `Replace` then.
    pub(crate) renames_exhausted: bool,
    /// The input is a document the parser read in quirks mode.
    pub(crate) quirks: bool,
    /// Comments kept whatever the rules say (a post's excerpt markers), when set.
    pub(crate) kept_comments: Option<fn(&str) -> bool>,
    /// The elements the final stage removes with everything inside, by name: the ones the
    /// parse-time filter may build as empty shells. A rule that reads an element's
    /// descendants skips their insides (see [`Removed`](crate::dom::Removed)).
    pub(crate) removed: crate::dom::Removed<'a>,
    /// The page's text, measured once when a rule first needs it (see
    /// `Element::page_text_len`).
    pub(crate) page_text: Option<usize>,
    /// Whether a hidden element was kept as the page's content (at most one is).
    pub(crate) page_revealed: bool,
    /// Markup a rule parsed ahead, where an element not visited yet stands (see
    /// [`ParsedAhead`]).
    pub(crate) parsed_ahead: Option<ParsedAhead>,
}

/// Markup parsed where an element not visited yet stands (the HTML of a `<noscript>`, read
/// from the image before it), kept for the rule that will replace that element with it:
/// parsed once, not twice. Used only for the same node, at the same depth, with the same
/// markup (the nodes are the ones [`Element::parse_replacement`] gives there, untouched).
pub(crate) struct ParsedAhead {
    pub(crate) node: crate::NodeRef,
    pub(crate) depth: usize,
    pub(crate) markup: String,
    pub(crate) roots: Vec<crate::NodeRef>,
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("base_url", &self.base_url)
            .field("counts", &self.counts)
            .field("current", &self.current)
            .field("document", &self.document)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    pub(crate) fn new(base_url: Option<&'a Url>, rules: usize, document: bool) -> Self {
        Context {
            base_url,
            counts: vec![0; rules],
            current: 0,
            document,
            renames_exhausted: false,
            quirks: false,
            kept_comments: None,
            removed: crate::dom::Removed(None),
            page_text: None,
            page_revealed: false,
            parsed_ahead: None,
        }
    }

    /// Whether the final stage removes `node` with everything inside it (a `<template>`, a
    /// `<canvas>`'s fallback, what the policy removes): what is inside never reaches the
    /// reader, and the parse-time filter may not even build it. A rule that asks whether an
    /// element holds something (an image, text) must not count what is inside such a node,
    /// or its answer would depend on the filter.
    pub(crate) fn removes_inside(&self, node: &crate::NodeRef) -> bool {
        match (self.removed.0, node.qual_name()) {
            (Some(removes), Some(name)) => removes(name),
            _ => false,
        }
    }

    /// The elements whose insides a rule does not count when it asks what an element holds.
    pub(crate) fn removed(&self) -> crate::dom::Removed<'a> {
        self.removed
    }

    /// Whether the comment `text` stays whatever the rules say.
    pub(crate) fn keeps_comment(&self, text: &str) -> bool {
        self.kept_comments.is_some_and(|keep| keep(text))
    }

    /// The base URL relative URLs are resolved against, when one was configured.
    pub fn base_url(&self) -> Option<&Url> {
        self.base_url
    }

    /// `url` resolved against the base URL; `url` parsed as is when there is no base URL.
    /// `None` when it does not parse.
    pub fn resolve(&self, url: &str) -> Option<Url> {
        resolve(self.base_url, url)
    }

    /// Whether the input is a whole document rather than a fragment.
    pub fn is_document(&self) -> bool {
        self.document
    }

    /// Counts one change for the current rule in the [`Report`](crate::Report). Actions
    /// other than [`Action::Keep`] are counted by the walk itself.
    pub fn changed(&mut self) {
        self.changed_by(1);
    }

    /// Counts `n` changes for the current rule.
    pub fn changed_by(&mut self, n: usize) {
        if let Some(c) = self.counts.get_mut(self.current) {
            *c += n;
        }
    }
}

/// A [`Rule`] made from a closure, called before the children (like [`Rule::element`]).
///
/// ```
/// use articlean::{rule_fn, Action, Cleaner};
///
/// let no_fonts = rule_fn("no_fonts", |el, _cx| {
///     if el.is("font") { Action::Unwrap } else { Action::Keep }
/// });
/// let cleaner = Cleaner::builder().with_rule(no_fonts).build()?;
/// assert_eq!(cleaner.clean("<p><font color=red>hi</font></p>").html(), "<p>hi</p>");
/// # Ok::<(), articlean::Error>(())
/// ```
pub fn rule_fn<F>(name: &'static str, f: F) -> FnRule<F>
where
    F: Fn(&mut Element<'_>, &mut Context<'_>) -> Action + Send + Sync,
{
    FnRule {
        name,
        f,
        interest: Interest::everything(),
    }
}

/// The [`Rule`] made by [`rule_fn`].
pub struct FnRule<F> {
    name: &'static str,
    f: F,
    interest: Interest,
}

impl<F> FnRule<F> {
    /// The elements the closure handles and the attributes it reads (see
    /// [`Rule::interest`]); without it, every element and every attribute.
    ///
    /// ```
    /// use articlean::{rule_fn, Action, Cleaner, Interest};
    ///
    /// let no_fonts = rule_fn("no_fonts", |_el, _cx| Action::Unwrap)
    ///     .with_interest(Interest::elements("font"));
    /// let cleaner = Cleaner::builder().with_rule(no_fonts).build()?;
    /// assert_eq!(cleaner.clean("<p><font color=red>hi</font></p>").html(), "<p>hi</p>");
    /// # Ok::<(), articlean::Error>(())
    /// ```
    pub fn with_interest(mut self, interest: Interest) -> Self {
        self.interest = interest;
        self
    }
}

impl<F> std::fmt::Debug for FnRule<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FnRule").field("name", &self.name).finish()
    }
}

impl<F> Rule for FnRule<F>
where
    F: Fn(&mut Element<'_>, &mut Context<'_>) -> Action + Send + Sync,
{
    fn name(&self) -> &'static str {
        self.name
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        (self.f)(el, cx)
    }

    fn interest(&self) -> Interest {
        self.interest.clone()
    }
}

/// `url` resolved against `base`, or parsed as is without one: [`Context::resolve`], for
/// code that has the base URL but no context.
pub(crate) fn resolve(base: Option<&Url>, url: &str) -> Option<Url> {
    match base {
        Some(base) => base.join(url).ok(),
        None => Url::parse(url).ok(),
    }
}
