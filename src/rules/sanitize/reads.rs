//! What the sanitizer reads: with the other rules' [`Interest`]s, it decides which attributes
//! go before parsing (see `dom::attr_filter`). The sanitizer removes every attribute it does
//! not keep, so what it keeps is among what it reads.

use super::policy::Classes;
use super::Sanitize;
use crate::Interest;

impl Sanitize {
    /// The sanitizer handles every element. It reads every attribute it may keep (and a
    /// link's `rel` and `target`), and any attribute of the elements that leave a link or
    /// text of their own: embeds, the posts of social networks (`blockquote`), formulas,
    /// form controls, the document's `html`, `head` and `body`; of the `div`s and `span`s
    /// that stand in for embeds, what may name the player.
    pub(crate) fn reads(&self) -> Interest {
        let policy = &*self.policy;
        let mut kept: Vec<&str> = policy.attr_names().map(|n| &**n).collect();
        if policy.classes != Classes::Dropped {
            kept.push("class");
        }
        if policy.id_prefix.is_some() {
            kept.extend(["id", "headers"]);
        }
        Interest::elements("*")
            .reads("*", &kept.join(" "))
            .reads("a", "rel target")
            .reads(
                "iframe embed object blockquote figure lite-* img math html head body",
                "*",
            )
            .reads(
                "button select textarea option optgroup input datalist keygen meter progress \
                 output",
                "*",
            )
            // Placeholders of embeds: whether they have a `data-` attribute, and the
            // player's URL (`embed_links::URL_ATTRS`).
            .reads("div span", "data-* data href src title")
    }
}
