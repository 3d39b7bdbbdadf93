//! The last few URLs [`Unwrapper::unwrap`](super::Unwrapper::unwrap) peeled on this thread,
//! with their answers; and, in rings of their own, the last few answers of the tracker test
//! ([`tracker`]) and of the placeholder test ([`placeholder`]), asked of the same image URLs
//! by several rules.
//!
//! The same proxy URL is read several times while one page is cleaned: by the lazy-image
//! rule (its candidates, a `<noscript>` image's keys) and by the proxy rule, and a page
//! repeats its images (a thumbnail grid, a `srcset` and its `<noscript>` twin). Peeling one
//! parses the URL and tries every recogniser; looking it up here compares a few strings. Only
//! URLs that passed the screen come here (most do not), and only for an unwrapper without
//! templates, whose answer depends on the URL and the generic fallback alone. A cleaning
//! starts with nothing remembered ([`forget`]): what it costs does not depend on the pages
//! cleaned before on the thread.

use std::cell::RefCell;

/// How many answers are kept: a ring, the oldest replaced first.
const SIZE: usize = 32;

/// How many answers of the tracker test are kept: a ring, the oldest replaced first.
const TRACKER_SIZE: usize = 16;

/// How many answers of the placeholder test are kept: a ring, the oldest replaced first.
const PLACEHOLDER_SIZE: usize = 16;

/// How many answers of the stand-in file name test are kept.
const STAND_IN_FILE_SIZE: usize = 16;

/// The last `N` answers: a ring, the oldest replaced first once it is full. Forgetting
/// keeps the slots (and their strings' buffers) for the next page: only the first `live`
/// are answers.
struct Ring<T, const N: usize> {
    entries: Vec<T>,
    /// How many of `entries` are answers (the rest are slots kept from an earlier page).
    live: usize,
    /// The slot the next answer replaces once the ring is full.
    next: usize,
}

impl<T, const N: usize> Ring<T, N> {
    const fn new() -> Self {
        Ring {
            entries: Vec::new(),
            live: 0,
            next: 0,
        }
    }

    /// The answers.
    fn live(&self) -> &[T] {
        &self.entries[..self.live]
    }

    fn push(&mut self, entry: T) {
        match self.slot() {
            Some(slot) => *slot = entry,
            None => self.entries.push(entry),
        }
    }

    /// The slot for a new answer, to be written over (its buffers kept): a slot kept from an
    /// earlier page, or once the ring is full the oldest answer; `None` while a new slot is
    /// to be pushed. The new answer is counted in `live` either way.
    fn slot(&mut self) -> Option<&mut T> {
        if self.live < N {
            self.live += 1;
            return self.entries.get_mut(self.live - 1);
        }
        let slot = self.next;
        self.next = (slot + 1) % N;
        self.entries.get_mut(slot)
    }

    fn clear(&mut self) {
        self.live = 0;
        self.next = 0;
    }
}

/// A proxy peeled: the generic fallback's setting, the URL's fingerprint ([`key`]), the URL,
/// the origin.
type Peeled = (bool, u64, String, Option<String>);

thread_local! {
    /// Proxies peeled ([`Peeled`]).
    static RECENT: RefCell<Ring<Peeled, SIZE>> =
        const { RefCell::new(Ring::new()) };
    /// The last few answers of [`is_tracker_url`](crate::rules::junk::is_tracker_url): an
    /// image's URL is asked about by the lazy-image rule (each candidate), then by the junk
    /// rule (the `src` it was given), and by the `<noscript>` twin's reading.
    static TRACKERS: Answers<TRACKER_SIZE> =
        const { RefCell::new(Ring::new()) };
    /// The last few answers of
    /// [`is_placeholder`](crate::rules::lazy_images::placeholder::is_placeholder): an image's
    /// `src` is asked about by the lazy-image rule (its state, its candidates), by the
    /// `<noscript>` reading (its twin's keys), and a page repeats its placeholder.
    static PLACEHOLDERS: Answers<PLACEHOLDER_SIZE> =
        const { RefCell::new(Ring::new()) };
    /// The last few answers of the stand-in file name test (`lazy_images::stand_in_file`):
    /// an image's file name is asked about for its `src`, its candidates and its twins.
    static STAND_IN_FILES: Answers<STAND_IN_FILE_SIZE> =
        const { RefCell::new(Ring::new()) };
}

/// Forgets every answer (a new page): the proxies peeled, the trackers and placeholders
/// told.
pub(crate) fn forget() {
    let _ = RECENT.try_with(|r| r.borrow_mut().clear());
    let _ = TRACKERS.try_with(|r| r.borrow_mut().clear());
    let _ = PLACEHOLDERS.try_with(|r| r.borrow_mut().clear());
    let _ = STAND_IN_FILES.try_with(|r| r.borrow_mut().clear());
}

/// The longest URL whose answer is remembered.
const LONGEST: usize = 4096;

/// A ring of answers of a yes-or-no test of URLs.
type Answers<const N: usize> = RefCell<Ring<(u64, String, bool), N>>;

/// A cheap fingerprint of `url` ([`key`]) stored beside it: its length and last eight bytes
/// (a page's URLs share their start and often their length, and differ in the file name).
/// A look-up compares fingerprints first, and the whole URLs only when they agree: no
/// string comparison (nor its call) for most entries.
fn key(url: &str) -> u64 {
    let b = url.as_bytes();
    let n = b.len().min(8);
    let mut tail = [0u8; 8];
    tail[..n].copy_from_slice(&b[b.len() - n..]);
    u64::from_le_bytes(tail) ^ ((b.len() as u64) << 51)
}

/// The answer for `url` in `ring`: remembered, or `test`'s, which is then remembered. `test`
/// runs with nothing borrowed.
///
/// Only this wrapper is generic (one copy per test): the look-up and the storing, the same
/// for every ring, are one copy each, out of line.
#[inline]
fn remembered<const N: usize>(
    ring: &'static std::thread::LocalKey<Answers<N>>,
    url: &str,
    test: impl FnOnce() -> bool,
) -> bool {
    // A ring keeps its strings' buffers from page to page: none is kept this long.
    if url.len() > LONGEST {
        return test();
    }
    if let Some(answer) = known(ring, url) {
        return answer;
    }
    let answer = test();
    remember(ring, url, answer);
    answer
}

/// The answer remembered for `url` in `ring`, if any.
#[inline(never)]
fn known<const N: usize>(
    ring: &'static std::thread::LocalKey<Answers<N>>,
    url: &str,
) -> Option<bool> {
    let k = key(url);
    ring.try_with(|r| {
        r.borrow()
            .live()
            .iter()
            .find(|(uk, u, _)| *uk == k && u == url)
            .map(|&(_, _, answer)| answer)
    })
    .ok()
    .flatten()
}

/// Remembers `answer` for `url` in `ring`.
#[inline(never)]
fn remember<const N: usize>(
    ring: &'static std::thread::LocalKey<Answers<N>>,
    url: &str,
    answer: bool,
) {
    let k = key(url);
    let _ = ring.try_with(|r| {
        let mut r = r.borrow_mut();
        // A kept slot's or the oldest answer's text is written over: no allocation once the
        // ring has its slots and their strings are long enough (kept from page to page).
        match r.slot() {
            Some(entry) => {
                entry.0 = k;
                entry.1.clear();
                entry.1.push_str(url);
                entry.2 = answer;
            }
            None => r.entries.push((k, url.to_owned(), answer)),
        }
    });
}

/// The tracker test's answer for `url`: remembered, or `test`'s, which is then remembered.
/// `test` runs with nothing borrowed.
pub(crate) fn tracker(url: &str, test: impl FnOnce() -> bool) -> bool {
    remembered(&TRACKERS, url, test)
}

/// The stand-in file name test's answer for `file`: remembered, or `test`'s, which is then
/// remembered. `test` runs with nothing borrowed.
pub(crate) fn stand_in_file(file: &str, test: impl FnOnce() -> bool) -> bool {
    remembered(&STAND_IN_FILES, file, test)
}

/// The placeholder test's answer for `src`: remembered, or `test`'s, which is then
/// remembered. `test` runs with nothing borrowed.
pub(crate) fn placeholder(src: &str, test: impl FnOnce() -> bool) -> bool {
    remembered(&PLACEHOLDERS, src, test)
}

/// The answer for `url` (with the generic fallback `generic`): remembered, or `peel`'s,
/// which is then remembered. `peel` runs with nothing borrowed (it may unwrap other URLs).
pub(super) fn peeled(
    generic: bool,
    url: &str,
    peel: impl FnOnce() -> Option<String>,
) -> Option<String> {
    let k = key(url);
    let known = RECENT
        .try_with(|r| {
            r.borrow()
                .live()
                .iter()
                .find(|(g, uk, u, _)| *uk == k && *g == generic && u == url)
                .map(|(_, _, _, origin)| origin.clone())
        })
        .ok()
        .flatten();
    if let Some(origin) = known {
        return origin;
    }
    let origin = peel();
    let _ = RECENT.try_with(|r| {
        r.borrow_mut()
            .push((generic, k, url.to_owned(), origin.clone()))
    });
    origin
}

#[cfg(test)]
mod tests {
    use super::{forget, peeled, placeholder, tracker, PLACEHOLDER_SIZE, SIZE, TRACKER_SIZE};
    use std::cell::Cell;

    #[test]
    fn answers_are_remembered_per_setting_and_forgotten_in_turn() {
        let calls = Cell::new(0);
        let peel = |answer: Option<&str>| {
            calls.set(calls.get() + 1);
            answer.map(str::to_owned)
        };
        let url = "https://memo-test.example/?url=https://a.example/a.jpg";
        assert_eq!(
            peeled(true, url, || peel(Some("https://a.example/a.jpg"))).as_deref(),
            Some("https://a.example/a.jpg")
        );
        assert_eq!(
            peeled(true, url, || peel(None)).as_deref(),
            Some("https://a.example/a.jpg")
        );
        assert_eq!(calls.get(), 1);
        // The other setting is another question.
        assert_eq!(peeled(false, url, || peel(None)), None);
        assert_eq!(calls.get(), 2);
        // A `None` is remembered too.
        assert_eq!(peeled(false, url, || peel(Some("x"))), None);
        assert_eq!(calls.get(), 2);
        // Past `SIZE` other answers, the first is asked again.
        for i in 0..SIZE {
            peeled(true, &format!("https://memo-test.example/{i}"), || None);
        }
        let before = calls.get();
        assert_eq!(peeled(true, url, || peel(Some("y"))).as_deref(), Some("y"));
        assert_eq!(calls.get(), before + 1);
        // Forgotten at once.
        forget();
        assert_eq!(peeled(true, url, || peel(Some("z"))).as_deref(), Some("z"));
        assert_eq!(calls.get(), before + 2);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(1024))]
        /// Whatever the order URLs are asked in (many of one length, many ending alike, some
        /// whose fingerprints agree), each remembered answer is the test's own for that URL:
        /// comparing fingerprints first never takes another URL's answer.
        #[test]
        fn remembered_answers_are_each_urls_own(
            asked in proptest::collection::vec(
                (
                    proptest::sample::select(&["https://a.example/", "https://b.example/", "", "x"][..]),
                    proptest::sample::select(&["a", "b", "ab", "ba", "aa", "12345678"][..]),
                    proptest::sample::select(&[".jpg", ".png", "", "/1.jpg", "/2.jpg"][..]),
                ),
                0..60,
            ),
        ) {
            forget();
            // The oracle: a yes-or-no answer that tells close URLs apart.
            let answer = |u: &str| u.bytes().map(u32::from).sum::<u32>() % 3 == 0 || u.contains("ba");
            for (a, b, c) in &asked {
                let url = format!("{a}{b}{c}");
                proptest::prop_assert_eq!(placeholder(&url, || answer(&url)), answer(&url));
                proptest::prop_assert_eq!(tracker(&url, || !answer(&url)), !answer(&url));
                let origin = answer(&url).then(|| url.clone());
                proptest::prop_assert_eq!(peeled(true, &url, || origin.clone()), origin);
            }
            forget();
        }
    }

    #[test]
    fn tracker_answers_are_remembered_and_forgotten() {
        let calls = Cell::new(0);
        let test = |answer: bool| {
            calls.set(calls.get() + 1);
            answer
        };
        let url = "https://memo-test.example/pixel?uid=1";
        assert!(tracker(url, || test(true)));
        assert!(tracker(url, || test(false)));
        assert_eq!(calls.get(), 1);
        assert!(!tracker("https://memo-test.example/a.jpg", || test(false)));
        assert_eq!(calls.get(), 2);
        // Past `TRACKER_SIZE` other answers, the first is asked again.
        for i in 0..TRACKER_SIZE {
            tracker(&format!("https://memo-test.example/{i}.jpg"), || false);
        }
        assert!(!tracker(url, || test(false)));
        assert_eq!(calls.get(), 3);
        // Forgotten at once.
        forget();
        assert!(tracker(url, || test(true)));
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn placeholder_answers_are_remembered_and_forgotten() {
        let calls = Cell::new(0);
        let test = |answer: bool| {
            calls.set(calls.get() + 1);
            answer
        };
        let src = "data:image/gif;base64,R0lGODlhAQABAAAAACw=";
        assert!(placeholder(src, || test(true)));
        assert!(placeholder(src, || test(false)));
        assert_eq!(calls.get(), 1);
        // Apart from the tracker test's answers.
        assert!(!tracker(src, || test(false)));
        assert_eq!(calls.get(), 2);
        // Past `PLACEHOLDER_SIZE` other answers, the first is asked again.
        for i in 0..PLACEHOLDER_SIZE {
            placeholder(&format!("https://memo-test.example/{i}.jpg"), || false);
        }
        assert!(!placeholder(src, || test(false)));
        assert_eq!(calls.get(), 3);
        forget();
        assert!(placeholder(src, || test(true)));
        assert_eq!(calls.get(), 4);
    }
}
