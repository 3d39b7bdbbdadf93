//! What a scan of the input remembers of its [`AttrFilter`]'s answers: a page repeats a
//! few dozen attribute names on a few dozen elements, and so do the pages after it.

#[cfg(doc)]
use super::attr_filter::AttrFilter;
use super::attr_filter::{Kept, Verdict};

/// The [`Verdict`]s of the (element, attribute name) pairs met last, and the look-ups of
/// the element names met last: direct-mapped caches, allocated at their first use. A scan
/// takes the memo of its thread ([`Memo::take`]) and gives it back: a page's names are
/// mostly those of the pages before it. A verdict is remembered by the [`Kept`]'s number,
/// which no other filter's has; the element names by their filter's number, and forgotten
/// when a scan for another filter asks.
#[derive(Default)]
pub(crate) struct Memo {
    /// (attribute key, the [`Kept`]'s number, verdict); a 0 key for an empty slot.
    slots: Vec<(u128, u64, Verdict)>,
    /// (element name key, what stays on it as an `AttrFilter::element_index`); a 0 key
    /// for an empty slot.
    elements: Vec<(u128, u32)>,
    /// The number of the filter `elements` are of.
    filter: u64,
}

const MEMO_SLOTS: usize = 128;
const ELEMENT_SLOTS: usize = 64;

thread_local! {
    /// The memo of the last scan on this thread.
    static THREAD_MEMO: std::cell::Cell<Option<Memo>> = const { std::cell::Cell::new(None) };
}

/// The slot of `key` (with `salt`) in a table of `len` slots, a power of two.
fn memo_slot(key: u128, salt: u64, len: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29) ^ salt;
    (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize & (len - 1)
}

impl Memo {
    /// A memo of `n` slots (a power of two) each, for tests of evictions.
    #[cfg(test)]
    pub(super) fn with_slots(n: usize) -> Memo {
        Memo {
            slots: vec![(0, 0, Verdict::Keep); n],
            elements: vec![(0, 0); n],
            filter: 0,
        }
    }

    /// This thread's memo (an empty one the first time, or when a scan did not give it
    /// back).
    pub(crate) fn take() -> Memo {
        THREAD_MEMO.with(std::cell::Cell::take).unwrap_or_default()
    }

    /// Gives this thread its memo back.
    pub(crate) fn give_back(memo: Memo) {
        THREAD_MEMO.with(|m| m.set(Some(memo)));
    }

    pub(super) fn verdict(&mut self, kept: &Kept, key: u128) -> Verdict {
        if self.slots.is_empty() {
            self.slots = vec![(0, 0, Verdict::Keep); MEMO_SLOTS];
        }
        let id = kept.id;
        let at = memo_slot(key, id, self.slots.len());
        let slot = &mut self.slots[at];
        if slot.0 == key && slot.1 == id {
            return slot.2;
        }
        let verdict = kept.verdict(key);
        *slot = (key, id, verdict);
        verdict
    }

    /// What stays on the element whose name's key is `key`, for the filter numbered
    /// `filter`; `look_up` finds it.
    pub(super) fn element(&mut self, filter: u64, key: u128, look_up: impl FnOnce() -> u32) -> u32 {
        if self.filter != filter {
            self.elements.clear();
            self.filter = filter;
        }
        if self.elements.is_empty() {
            self.elements = vec![(0, 0); ELEMENT_SLOTS];
        }
        let at = memo_slot(key, 0, self.elements.len());
        let slot = &mut self.elements[at];
        if slot.0 != key {
            *slot = (key, look_up());
        }
        slot.1
    }
}
