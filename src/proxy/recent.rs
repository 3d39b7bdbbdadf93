//! The origins last unwrapped on this thread: one cleaning asks for the same proxy URL
//! several times (a `<noscript>` image's keys, then the image itself once unwrapped from
//! it, a candidate found by value; a share link repeated at the top and the foot of a
//! page), and peeling one costs tens of thousands of instructions.
//!
//! Only URLs that pass the screen are kept, and only for the built-in recognisers (no user
//! template): the answer is then a function of the URL and of whether the generic fallback
//! is on, which are the key. A few entries, oldest dropped first: a look-up costs a few
//! comparisons of lengths.

use std::cell::RefCell;
use std::collections::VecDeque;

/// How many answers are kept.
const ENTRIES: usize = 16;

/// Longer URLs are not kept (a copy of each is).
const MAX_URL: usize = 2048;

/// `(generic fallback, URL, origin)`.
type Entry = (bool, Box<str>, Option<String>);

thread_local! {
    static RECENT: RefCell<VecDeque<Entry>> = const { RefCell::new(VecDeque::new()) };
}

/// The origin of `url` with the generic fallback `generic`: the one kept, or `unwrap`'s
/// (then kept).
pub(super) fn remembered(
    generic: bool,
    url: &str,
    unwrap: impl FnOnce() -> Option<String>,
) -> Option<String> {
    if url.len() > MAX_URL {
        return unwrap();
    }
    let kept = RECENT.with_borrow(|recent| {
        recent
            .iter()
            .find(|(g, u, _)| *g == generic && **u == *url)
            .map(|(_, _, origin)| origin.clone())
    });
    if let Some(origin) = kept {
        return origin;
    }
    // Not borrowed while unwrapping.
    let origin = unwrap();
    RECENT.with_borrow_mut(|recent| {
        if recent.len() == ENTRIES {
            recent.pop_front();
        }
        recent.push_back((generic, url.into(), origin.clone()));
    });
    origin
}
