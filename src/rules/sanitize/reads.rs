//! What the sanitizer reads, and the attributes it never keeps: from these and the other
//! rules' [`Interest`]s the cleaner decides which attributes go before parsing (see
//! `dom::attr_filter`).

use super::policy::Classes;
use super::Sanitize;
use crate::interest::{patterns, Pattern};
use crate::Interest;

/// Attributes the sanitizer removes from every element unless its policy keeps them, that
/// change nothing in how html5ever builds the tree.
const NEVER_KEPT: &str = "role tabindex aria-* data-* item*";

impl Sanitize {
    /// The sanitizer handles every element. It reads every attribute it may keep, and any
    /// attribute of the elements that leave a link or text of their own: embeds, the posts
    /// of social networks (`blockquote`), formulas; of the `div`s and `span`s that stand in
    /// for embeds, what may name the player.
    pub(crate) fn reads(&self) -> Interest {
        let policy = &*self.policy;
        let mut kept: Vec<&str> = policy.attr_names().map(|n| &**n).collect();
        if policy.classes != Classes::Dropped {
            kept.push("class");
        }
        if policy.id_prefix.is_some() {
            kept.push("id");
        }
        Interest::elements("*")
            .reads("*", &kept.join(" "))
            .reads("iframe embed object blockquote figure lite-* img math", "*")
            // Placeholders of embeds: whether they have a `data-` attribute, and the
            // player's URL (`embed_links::URL_ATTRS`).
            .reads("div span", "data-* data href src title")
    }

    /// The attributes this sanitizer removes from every element (those it may keep are
    /// among what it [`reads`](Sanitize::reads)).
    pub(crate) fn attributes_never_kept(&self) -> Vec<Pattern> {
        let policy = &*self.policy;
        let mut never = patterns(NEVER_KEPT);
        if policy.classes == Classes::Dropped {
            never.extend(patterns("class"));
        }
        if policy.id_prefix.is_none() {
            never.extend(patterns("id"));
        }
        never
    }
}
