//! What a tag keeps past its first [`MAX_ATTRIBUTES`] attributes.
//!
//! html5ever's tokenizer compares every attribute name with the tag's earlier ones, so a tag
//! of n attributes costs n²/2 comparisons (see [`attr_cap`](super::attr_cap)). Cutting
//! every attribute past the cap bounds that, but loses an `<img>`'s `src` written after 256
//! junk attributes. So past the cap an attribute stays when:
//!
//! - its name (ASCII case-insensitively) is not one the tag had before: the tokenizer would
//!   drop it as a duplicate anyway (and the first of a name the filter or this cut removed
//!   must not become the first); and
//! - the [`AttrFilter`], when there is one, keeps it; and
//! - its name is one cleaning reads by name on that element ([`AttrFilter::names_exactly`]:
//!   the sanitizer's `src`, `srcset`, `alt`, `href`…, a rule's) or one of [`VALUABLE`] (the
//!   lazy image names, for a cleaner without a filter): each such name once, so at most as
//!   many as there are such names; or, any other name, while fewer than [`MAX_EXTRA`] have
//!   stayed that way and the tag has had fewer than [`MAX_NAMES`] names.
//!
//! A tag therefore keeps at most `MAX_ATTRIBUTES + MAX_EXTRA` attributes plus the names
//! cleaning knows (a constant of the configuration): the tokenizer's work per tag stays
//! bounded. The scan past the cap is a few comparisons per attribute, and a look-up in a
//! set of at most `MAX_NAMES` names plus those cleaning knows (linear).

use super::attr_cap::{push_cut, Cut, MAX_ATTRIBUTES};
use super::attr_filter::{AttrFilter, Kept};
use super::tag_bytes::{attribute, skip_while, SLASH, SPACE};
use crate::rules::lazy_images::candidates::{SIZES_ATTRIBUTES, SRCSET_ATTRIBUTES, SRC_ATTRIBUTES};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// How many attributes past the cap stay whose names cleaning does not read by name.
pub(crate) const MAX_EXTRA: usize = 256;

/// How many distinct names a tag may have had for the [`MAX_EXTRA`] allowance to stay open.
const MAX_NAMES: usize = 4 * MAX_ATTRIBUTES;

/// Names that stay past the cap (when new in the tag and not filtered) without a filter to
/// say which names cleaning reads: an image's and a link's sources and text, and the lazy
/// image attributes ([`SRC_ATTRIBUTES`] and the others).
const VALUABLE: &[&str] = &[
    "src", "srcset", "sizes", "alt", "title", "href", "poster", "width", "height",
];

/// An attribute name as written, equal to another and hashed in ASCII lower case (as the
/// tokenizer compares names).
#[derive(Clone, Copy)]
struct Name<'b>(&'b [u8]);

impl PartialEq for Name<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for Name<'_> {}

impl Hash for Name<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let mut buf = [0u8; 32];
        for chunk in self.0.chunks(buf.len()) {
            for (o, b) in buf.iter_mut().zip(chunk) {
                *o = b.to_ascii_lowercase();
            }
            state.write(&buf[..chunk.len()]);
        }
        state.write_usize(self.0.len());
    }
}

/// What decides on an attribute past the cap besides its name: a start tag's (an end tag's
/// attributes all go: the tree never holds them), whether the filter drops it, the filter
/// and its look-up of the element.
pub(super) struct Verdict<'f> {
    pub(super) start: bool,
    pub(super) drop: bool,
    pub(super) filter: Option<&'f AttrFilter>,
    pub(super) on: Option<&'f Kept>,
}

/// The state of one tag past its cap.
pub(super) struct PastCap<'b> {
    /// Every name the tag had so far.
    seen: HashSet<Name<'b>>,
    /// How many attributes stayed past the cap by the [`MAX_EXTRA`] allowance.
    extra: usize,
    /// Where the run of attributes being cut starts.
    cut_from: Option<usize>,
}

impl<'b> PastCap<'b> {
    /// The state at the first attribute past the cap of the tag whose name ends at
    /// `name_end`: its first [`MAX_ATTRIBUTES`] names read again (once per such tag).
    #[cold]
    #[inline(never)]
    pub(super) fn new(bytes: &'b [u8], name_end: usize) -> Box<Self> {
        let mut seen = HashSet::with_capacity(2 * MAX_ATTRIBUTES);
        let mut i = name_end;
        for _ in 0..MAX_ATTRIBUTES {
            i = skip_while(bytes, i, SPACE | SLASH);
            if matches!(bytes.get(i), None | Some(b'>')) {
                break;
            }
            let (name_end, _, next) = attribute(bytes, i);
            seen.insert(Name(&bytes[i..name_end]));
            i = next;
        }
        Box::new(PastCap {
            seen,
            extra: 0,
            cut_from: None,
        })
    }

    /// Reads the attribute past the cap named at `bytes[start..end]`: kept, or cut with the
    /// attributes next to it that are cut (see the module documentation).
    #[inline(never)]
    pub(super) fn read(
        &mut self,
        bytes: &'b [u8],
        (start, end): (usize, usize),
        verdict: Verdict<'_>,
        cuts: &mut Vec<Cut>,
    ) {
        let name = &bytes[start..end];
        let valuable = verdict.start && is_valuable(name, &verdict);
        // Once the allowance is closed only a name cleaning reads can stay: no other is
        // looked up or remembered (the set stays small, whatever the tag's length).
        let keep = (valuable || self.open())
            && self.seen.insert(Name(name))
            && verdict.start
            && !verdict.drop
            && (valuable || self.allowance());
        match (keep, self.cut_from) {
            (true, Some(from)) => {
                push_cut(cuts, from, start, 0);
                self.cut_from = None;
            }
            (false, None) => self.cut_from = Some(start),
            _ => {}
        }
    }

    /// Whether the [`MAX_EXTRA`] allowance is still open: fewer than that many attributes
    /// stayed by it, and the tag had fewer than [`MAX_NAMES`] names (those the filter drops
    /// count there).
    fn open(&self) -> bool {
        self.extra < MAX_EXTRA && self.seen.len() < MAX_NAMES
    }

    /// Whether one more attribute may stay by the [`MAX_EXTRA`] allowance (and counts it).
    fn allowance(&mut self) -> bool {
        let left = self.extra < MAX_EXTRA;
        self.extra += usize::from(left);
        left
    }

    /// Ends the tag whose last attribute ends at `last_end`: the run being cut, if any, goes.
    pub(super) fn finish(&self, last_end: usize, cuts: &mut Vec<Cut>) {
        if let Some(from) = self.cut_from {
            push_cut(cuts, from, last_end.max(from), 0);
        }
    }
}

/// Whether cleaning reads the attribute `name` by its name on the element: as the filter
/// says, or, without one, as [`VALUABLE`] and the lazy image lists say.
fn is_valuable(name: &[u8], verdict: &Verdict<'_>) -> bool {
    match verdict.filter {
        Some(f) => f.names_exactly(verdict.on, name) || listed(name),
        None => listed(name),
    }
}

/// Whether `name` is one of [`VALUABLE`] or a lazy image attribute (any case).
fn listed(name: &[u8]) -> bool {
    VALUABLE
        .iter()
        .chain(SRC_ATTRIBUTES)
        .chain(SRCSET_ATTRIBUTES)
        .chain(SIZES_ATTRIBUTES)
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::super::attr_cap::cap_attributes;
    use super::{listed, MAX_ATTRIBUTES, MAX_EXTRA};

    /// The attributes of the `<img>` html5ever reads from `html`, in order.
    fn img_attributes(html: &str) -> Vec<(String, String)> {
        use html5ever::tendril::TendrilSink;
        use markup5ever_rcdom::{NodeData, RcDom};
        let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
        let mut stack = vec![dom.document.clone()];
        while let Some(node) = stack.pop() {
            if let NodeData::Element { name, attrs, .. } = &node.data {
                if &*name.local == "img" {
                    return attrs
                        .borrow()
                        .iter()
                        .map(|a| (a.name.local.to_string(), a.value.to_string()))
                        .collect();
                }
            }
            stack.extend(node.children.borrow().iter().cloned());
        }
        Vec::new()
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]
        /// Differential against html5ever on the whole tag: what the capped tag gives is what
        /// the whole one gives, less some attributes (never another value: the first of each
        /// name), every attribute whose name cleaning reads among them, and at most the cap,
        /// the allowance and those.
        #[test]
        fn what_stays_is_what_the_tokenizer_reads(
            picks in proptest::collection::vec(0usize..700, 200..800),
            quoted in proptest::bool::ANY,
        ) {
            const SPECIAL: &[&str] = &["src", "SRC", "alt", "data-src", "SrcSet", "href", "data-original"];
            let mut html = String::from("<p>x</p><img");
            for (at, pick) in picks.iter().enumerate() {
                let name = match pick.checked_sub(600) {
                    Some(s) => SPECIAL[s % SPECIAL.len()].to_string(),
                    None => format!("n{pick}"),
                };
                if quoted {
                    html.push_str(&format!(" {name}=\"v{at}\""));
                } else {
                    html.push_str(&format!(" {name}=v{at}"));
                }
            }
            html.push('>');
            let whole = img_attributes(&html);
            let capped = img_attributes(&cap_attributes(&html));
            for pair in &capped {
                proptest::prop_assert!(whole.contains(pair), "{:?} is not the whole tag's", pair);
            }
            for (name, value) in &whole {
                if listed(name.as_bytes()) {
                    proptest::prop_assert!(capped.contains(&(name.clone(), value.clone())), "{} lost", name);
                }
            }
            let first: Vec<_> = whole.iter().take(MAX_ATTRIBUTES.min(whole.len())).collect();
            proptest::prop_assert!(first.iter().all(|p| capped.contains(p)));
            proptest::prop_assert!(capped.len() <= MAX_ATTRIBUTES + MAX_EXTRA + SPECIAL.len());
            if whole.len() <= MAX_ATTRIBUTES + MAX_EXTRA {
                proptest::prop_assert_eq!(&capped, &whole);
            }
        }
    }
}
