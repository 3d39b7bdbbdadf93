//! What the sanitizer reads: with the other rules' [`Interest`]s, it decides which attributes
//! go before parsing (see `dom::attr_filter`). The sanitizer removes every attribute it does
//! not keep, so what it keeps is among what it reads.

use super::policy::Classes;
use super::Sanitize;
use crate::Interest;
use html5ever::local_name;

impl Sanitize {
    /// The sanitizer handles every element. It reads every attribute it may keep: the
    /// global ones everywhere, each element's own on it, and those of the elements it or
    /// another rule renames to (`div`, `figure`, `figcaption`) everywhere; a link's `rel` and
    /// `target`. And what decides what the elements that leave a link or text of their own
    /// leave: any attribute of embeds and formulas; the classes and links of the posts of
    /// social networks (`blockquote`); what may name the player on the `div`s and `span`s
    /// that stand in for embeds; a list's options.
    pub(crate) fn reads(&self) -> Interest {
        let policy = &*self.policy;
        let mut everywhere: Vec<&str> = policy.global_attr_names().map(|n| &**n).collect();
        if policy.classes != Classes::Dropped {
            everywhere.push("class");
        }
        if policy.id_prefix.is_some() {
            everywhere.extend(["id", "headers"]);
        }
        let mut interest = Interest::elements("*");
        for (element, attrs) in policy.element_attr_names() {
            let attrs: Vec<&str> = attrs.map(|a| &**a).collect();
            let renamed_to = matches!(
                *element,
                local_name!("div") | local_name!("figure") | local_name!("figcaption")
            );
            if renamed_to {
                everywhere.extend(&attrs);
            } else {
                interest = interest.reads(element, &attrs.join(" "));
            }
        }
        interest
            .reads("*", &everywhere.join(" "))
            .reads("a", "rel target")
            .reads("iframe embed object lite-* math svg", "*")
            .reads("blockquote", "class cite data-instgrm-permalink")
            // Placeholders of embeds: whether they have a `data-` attribute, and the
            // player's URL (`embed_links::URL_ATTRS`).
            .reads("div span figure", "data-* data href src title")
            .reads("img", "src title")
            .reads("select", "multiple size")
            .reads("dialog", "open")
            .reads("option optgroup", "selected disabled label")
            // Whether an image in a button is an icon.
            .reads("img picture video", "width height")
    }
}
