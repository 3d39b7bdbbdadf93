//! Which attributes are removed before html5ever reads them.
//!
//! On modern pages most of html5ever's work is reading attributes: its tokenizer takes
//! attribute names one character at a time, makes an atom of each, and copies each value.
//! Most of those attributes (`class`, `data-*`, `aria-*`…) are read by no rule and removed
//! by the sanitizer. An [`AttrFilter`] names them: the attribute scan of
//! [`attr_cap`](super::attr_cap) then cuts them out of the start tags it reads, and the tree
//! built is the one html5ever builds from the whole input, less those attributes.
//!
//! What stays is decided by the cleaner from its rules' [`Interest`](crate::Interest)s: every
//! rule, the sanitizer included, says which attributes it reads on which elements (the
//! sanitizer reads every attribute it may keep). An attribute goes when no rule reads it on
//! its element. The attributes html5ever's tree builder itself looks at always stay (see
//! [`TREE_BUILDER_READS`]).

pub(crate) use super::attr_memo::Memo;
use crate::interest::{Pattern, Read, ValueTest};

/// Attributes the tree builder reads (HTML § 13.2.6; html5ever's `tree_builder`): `type` of
/// `<input>` (hidden inputs in tables), `color`/`face`/`size` of `<font>` (leaving foreign
/// content), `encoding` of `<annotation-xml>`, `shadowroot*` of `<template>`, `form` (form
/// association), and `<meta>`'s `charset`/`http-equiv`/`content`. Removing them could change
/// the tree, so they always stay.
const TREE_BUILDER_READS: &str = "type color face size encoding shadowroot* form charset \
                                  http-equiv content";

/// The longest attribute or element name looked up: longer ones always stay.
const MAX_NAME: usize = 48;

/// The attributes removed before parsing: see the module documentation.
#[derive(Debug, Clone)]
pub(crate) struct AttrFilter {
    /// What stays on every element.
    everywhere: Kept,
    /// What stays on the elements some read names exactly (`everywhere` included), looked
    /// up by name in `named_keys` (see [`NameSet`]).
    named: Vec<Kept>,
    /// The names of `named`: each name's index.
    named_keys: NameMap,
    /// ... on the elements some read names by prefix (`lite-*`).
    prefixed: Vec<(Box<[u8]>, Kept)>,
    /// The value tests of every [`Kept::words`], each once.
    words: Vec<Word>,
    /// This filter's number (a clone's is the same, as are its tables): what a [`Memo`]
    /// remembers of its element names is its own.
    id: u64,
}

/// Numbers each filter and each [`Kept`] built: a [`Memo`] outlives the scan, and tells
/// them apart by these.
static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn new_id() -> u64 {
    IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// The attributes that stay on an element.
#[derive(Debug, Clone, Default)]
pub(crate) struct Kept {
    /// Its number, given once it is complete (a clone's is the same: so are its answers).
    pub(super) id: u64,
    /// All of them.
    all: bool,
    names: NameSet,
    prefixes: Vec<Box<[u8]>>,
    /// All but these (from `Interest::reads_all_but`).
    all_but: Vec<Vec<Pattern>>,
    /// These when their value passes the test (a word from `Interest::reads_word`, a screen
    /// from `Interest::reads_when`): the test's index in [`AttrFilter::words`].
    words: Vec<(Pattern, usize)>,
}

impl Kept {
    /// Adds what `read` reads; its value test, if any, goes into `words`.
    fn add(&mut self, read: &Read, words: &mut Vec<Word>) {
        match (&read.attribute, &read.value) {
            (Pattern::Any, None) if read.except.is_empty() => self.all = true,
            (Pattern::Any, None) => self.all_but.push(read.except.clone()),
            (attribute, Some(test)) => {
                let word = Word::new(test);
                let at = match words.iter().position(|w| w.0 == word.0) {
                    Some(at) => at,
                    None => {
                        words.push(word);
                        words.len() - 1
                    }
                };
                self.words.push((attribute.clone(), at));
            }
            (Pattern::Exact(n), None) => {
                self.names.insert(n);
            }
            (Pattern::Prefix(p), None) => self.prefixes.push(p.clone()),
        }
    }

    fn merge(&mut self, other: &Kept) {
        self.all |= other.all;
        self.names.extend(&other.names);
        self.prefixes.extend(other.prefixes.iter().cloned());
        self.all_but.extend(other.all_but.iter().cloned());
        self.words.extend(other.words.iter().cloned());
    }

    /// Whether the attribute `attr` (ASCII lower case) stays by a pattern of its name,
    /// whatever its value: a kept prefix (`data-`), or a name no "all but" list excludes.
    fn keeps_by_pattern(&self, attr: &[u8]) -> bool {
        self.prefixes
            .iter()
            .any(|p| attr.len() > p.len() && attr.starts_with(p))
            || self
                .all_but
                .iter()
                .any(|except| !except.iter().any(|e| e.matches(attr)))
    }

    /// Whether the attribute `attr` (ASCII lower case) with this value stays (`words`: the
    /// filter's).
    fn keeps(&self, attr: &[u8], value: &[u8], words: &[Word]) -> bool {
        self.all
            || self.names.contains(attr)
            || self.keeps_by_pattern(attr)
            || self
                .words
                .iter()
                .any(|&(ref a, word)| a.matches(attr) && words[word].in_value(value))
    }
}

impl AttrFilter {
    /// The filter keeping what `reads` (every rule's, the sanitizer's included) read;
    /// `None` when they read everything anyway.
    pub(crate) fn new(reads: &[Read]) -> Option<AttrFilter> {
        let mut everywhere = Kept::default();
        let mut words = Vec::new();
        for attr in TREE_BUILDER_READS.split_ascii_whitespace() {
            everywhere.add(&Read::of(Pattern::Any, attr), &mut words);
        }
        let mut named_kept: Vec<(Box<[u8]>, Kept)> = Vec::new();
        let mut prefixed: Vec<(Box<[u8]>, Kept)> = Vec::new();
        for read in reads {
            let kept = match &read.element {
                Pattern::Any => &mut everywhere,
                Pattern::Exact(e) | Pattern::Prefix(e) => {
                    let list = if matches!(read.element, Pattern::Exact(_)) {
                        &mut named_kept
                    } else {
                        &mut prefixed
                    };
                    let at = match list.iter().position(|(n, _)| n == e) {
                        Some(at) => at,
                        None => {
                            list.push((e.clone(), Kept::default()));
                            list.len() - 1
                        }
                    };
                    &mut list[at].1
                }
            };
            kept.add(read, &mut words);
        }
        if everywhere.all {
            return None;
        }
        // What stays everywhere stays on the named elements too: one look-up per attribute.
        for (_, kept) in named_kept.iter_mut().chain(&mut prefixed) {
            kept.merge(&everywhere);
            kept.names.rehash();
            kept.id = new_id();
        }
        everywhere.names.rehash();
        everywhere.id = new_id();
        let mut named_keys = NameMap::default();
        let mut named = Vec::with_capacity(named_kept.len());
        for (name, kept) in named_kept {
            named_keys.insert(&name, named.len());
            named.push(kept);
        }
        named_keys.rehash();
        Some(AttrFilter {
            everywhere,
            named,
            named_keys,
            prefixed,
            words,
            id: new_id(),
        })
    }

    /// What stays on a start tag named `element` (as written, in any ASCII case): `None`
    /// when everything does (a name too long to look up).
    pub(crate) fn element(&self, element: &[u8]) -> Option<&Kept> {
        self.kept(self.element_index(element))
    }

    /// The [`Kept`] numbered `index` by [`element_index`](AttrFilter::element_index).
    fn kept(&self, index: u32) -> Option<&Kept> {
        let index = usize::try_from(index).ok()?;
        match index.checked_sub(2) {
            None if index == 0 => None,
            None => Some(&self.everywhere),
            Some(i) if i < self.named.len() => Some(&self.named[i]),
            Some(i) => self
                .prefixed
                .get(i - self.named.len())
                .map(|(_, kept)| kept),
        }
    }

    /// [`element`](AttrFilter::element) as a number: 0 for `None`, 1 for `everywhere`, then
    /// the `named` and the `prefixed` in order.
    fn element_index(&self, element: &[u8]) -> u32 {
        let mut buf = [0u8; MAX_NAME];
        let Some(name) = lower(element, &mut buf) else {
            return 0;
        };
        // The tree builder renames `<image>` to `img` (HTML § 13.2.6.4.7).
        let name: &[u8] = if name == b"image" { b"img" } else { name };
        let at = if let Some(at) = self.named_keys.get(name) {
            2 + at
        } else {
            match self
                .prefixed
                .iter()
                .position(|(p, _)| name.len() > p.len() && name.starts_with(p))
            {
                Some(at) => 2 + self.named.len() + at,
                None => 1,
            }
        };
        // Past `u32::MAX` rules: no such filter; `None` keeps everything.
        u32::try_from(at).unwrap_or(0)
    }

    /// [`element`](AttrFilter::element) of the tag name written at `input[start..end]`,
    /// remembered in `memo`: a page uses a few dozen element names.
    pub(crate) fn element_at<'f>(
        &'f self,
        input: &[u8],
        start: usize,
        end: usize,
        memo: &mut Memo,
    ) -> Option<&'f Kept> {
        match NameSet::key_lower_at(input, start, end) {
            Some(key) => {
                let index = memo.element(self.id, key, || self.element_index(&input[start..end]));
                self.kept(index)
            }
            None => self.element(&input[start..end]),
        }
    }

    /// Whether the attribute named `attr` with the value `value` (char references not
    /// decoded) goes from the start tag `element`.
    #[cfg(test)]
    pub(crate) fn drops(&self, element: &[u8], attr: &[u8], value: &[u8]) -> bool {
        let on = self.element(element);
        self.drops_memo(on, &Name::new(attr), value, &mut Memo::default())
    }

    /// Whether the attribute `attr` with the value `value` (char references not decoded)
    /// goes from a start tag whose [`element`](AttrFilter::element) look-up gave `on`, with
    /// what is known of each (element, attribute name) pair remembered in `memo`: a page
    /// repeats a few dozen names on a few dozen elements, and all but the value-dependent
    /// part of the answer depends only on them.
    pub(crate) fn drops_memo(
        &self,
        on: Option<&Kept>,
        attr: &Name<'_>,
        value: &[u8],
        memo: &mut Memo,
    ) -> bool {
        let Some(kept) = on else {
            return false;
        };
        // More words than a mask has bits (no rule set has that many): asked in full.
        let Some(key) = attr.key.filter(|_| self.words.len() <= 64) else {
            return self.drops_unmemoized(kept, attr.written, value);
        };
        match memo.verdict(kept, key) {
            Verdict::Keep => false,
            Verdict::Drop => true,
            Verdict::Words(mask) => !self
                .words
                .iter()
                .enumerate()
                .any(|(i, word)| mask & (1 << i) != 0 && word.in_value(value)),
        }
    }

    /// [`drops_memo`](AttrFilter::drops_memo) of the attribute named at `input[start..end]`:
    /// on an element that keeps every attribute (`img`, for the lazy images), answered
    /// before the name is read.
    pub(crate) fn drops_at(
        &self,
        on: Option<&Kept>,
        input: &[u8],
        (start, end): (usize, usize),
        value: &[u8],
        memo: &mut Memo,
    ) -> bool {
        match on {
            Some(kept) if !kept.all => {
                self.drops_memo(on, &Name::at(input, start, end), value, memo)
            }
            _ => false,
        }
    }

    /// Whether a rule (the sanitizer included) reads the attribute `attr` (as written) by its
    /// exact name on a start tag whose [`element`](AttrFilter::element) look-up gave `on`
    /// (`src`, `alt`, `href`…), not only by a pattern (`*`, `data-*`): a name that matters to
    /// cleaning on that element. Asked only past the attribute cap (rare).
    pub(crate) fn names_exactly(&self, on: Option<&Kept>, attr: &[u8]) -> bool {
        let mut buf = [0u8; MAX_NAME];
        match (on, lower(attr, &mut buf)) {
            (Some(kept), Some(attr)) => kept.names.contains(attr),
            _ => false,
        }
    }

    /// [`drops_memo`](AttrFilter::drops_memo) without the memo (a name longer than a key).
    #[cold]
    #[inline(never)]
    fn drops_unmemoized(&self, kept: &Kept, attr: &[u8], value: &[u8]) -> bool {
        let mut buf = [0u8; MAX_NAME];
        match lower(attr, &mut buf) {
            Some(attr) => !kept.keeps(attr, value, &self.words),
            None => false,
        }
    }
}

/// An attribute name as written, with its key (see [`NameSet::key`]).
pub(crate) struct Name<'n> {
    written: &'n [u8],
    key: Option<u128>,
}

impl<'n> Name<'n> {
    #[cfg(test)]
    fn new(written: &'n [u8]) -> Self {
        Name {
            written,
            key: NameSet::key_lower(written),
        }
    }

    /// The name written at `input[start..end]`.
    pub(crate) fn at(input: &'n [u8], start: usize, end: usize) -> Self {
        Name {
            written: &input[start..end],
            key: NameSet::key_lower_at(input, start, end),
        }
    }
}

/// What stays of an attribute, given its name and element: its value aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Verdict {
    Keep,
    Drop,
    /// Kept when its value holds one of these [`AttrFilter::words`] (a bit each).
    Words(u64),
}

impl Kept {
    /// The [`Verdict`] for the attribute whose key is `key` (see [`NameSet::key`]).
    pub(super) fn verdict(&self, key: u128) -> Verdict {
        let bytes = key.to_le_bytes();
        let attr = &bytes[..usize::from(bytes[15])];
        if self.all || self.names.contains_key(key) || self.keeps_by_pattern(attr) {
            return Verdict::Keep;
        }
        let mut mask = 0u64;
        for &(ref a, word) in &self.words {
            if a.matches(attr) {
                mask |= 1 << word;
            }
        }
        if mask == 0 {
            Verdict::Drop
        } else {
            Verdict::Words(mask)
        }
    }
}

impl Read {
    fn of(element: Pattern, attribute: &str) -> Read {
        Read {
            element,
            attribute: crate::interest::patterns(attribute).remove(0),
            except: Vec::new(),
            value: None,
        }
    }
}

/// `name` in ASCII lower case, in `buf`; `None` when it does not fit.
fn lower<'b>(name: &[u8], buf: &'b mut [u8; MAX_NAME]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..name.len())?;
    for (o, b) in out.iter_mut().zip(name) {
        *o = b.to_ascii_lowercase();
    }
    Some(out)
}

/// The key of the name at `input[start..end]` (its bytes in ASCII lower case and its
/// length, one number; never 0): `None` for the empty name or past 15 bytes.
pub(super) fn name_key_at(input: &[u8], start: usize, end: usize) -> Option<u128> {
    NameSet::key_lower_at(input, start, end)
}

/// What an attribute's value is searched for (see [`Kept::words`]): a word (ASCII lower
/// case) or a rule's screen.
#[derive(Debug, Clone)]
struct Word(ValueTest);

impl Word {
    fn new(test: &ValueTest) -> Word {
        Word(match test {
            ValueTest::Word(word) => ValueTest::Word(word.to_ascii_lowercase().into()),
            ValueTest::Screen(screen) => ValueTest::Screen(*screen),
        })
    }

    /// Whether `value` passes: holds the word, in any ASCII case (or a character reference),
    /// or passes the screen.
    fn in_value(&self, value: &[u8]) -> bool {
        match &self.0 {
            ValueTest::Word(word) => has_word(value, word),
            ValueTest::Screen(screen) => screen(value),
        }
    }
}

/// Whether `value` holds `word` (lower case) in any ASCII case; a character reference might
/// spell it, so a value with one is read as holding it.
fn has_word(value: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return true;
    };
    // Only where the first letter stands (either case) is the word compared: a class list
    // runs to hundreds of bytes on utility-class pages, and is read for every `div`. Eight
    // bytes at a time, the places of that letter (a byte that is it once its 0x20 bit is
    // set: both cases of a letter, a few more bytes for other characters) and of `&` are
    // found together; each is then looked at (the word compared, or the `&` taken).
    const ONES: u64 = u64::MAX / 0xff;
    const HIGH: u64 = ONES * 0x80;
    // The lowest byte flagged is exact; the ones above it may not be: every flagged byte
    // is looked at, which only costs time.
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let folded = ONES * u64::from(first | 0x20);
    let amp = ONES * u64::from(b'&');
    let word_at = |at: usize| {
        value[at] == b'&'
            || value
                .get(at..at + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let chunks = value.chunks_exact(8);
    let tail = chunks.remainder();
    for (i, chunk) in chunks.enumerate() {
        let mut x = [0u8; 8];
        x.copy_from_slice(chunk);
        let x = u64::from_le_bytes(x);
        let mut flagged = zero_bytes((x | (ONES * 0x20)) ^ folded) | zero_bytes(x ^ amp);
        while flagged != 0 {
            if word_at(i * 8 + (flagged.trailing_zeros() / 8) as usize) {
                return true;
            }
            flagged &= flagged - 1;
        }
    }
    let base = value.len() - tail.len();
    let upper = first.to_ascii_uppercase();
    tail.iter()
        .enumerate()
        .any(|(at, &b)| (b == b'&' || b == first || b == upper) && word_at(base + at))
}

/// [`has_word`] as it was (the oracle of its test): a plain loop on a short value, `memchr`
/// on a long one.
#[cfg(test)]
fn has_word_searched(value: &[u8], word: &[u8]) -> bool {
    let Some(&first) = word.first() else {
        return true;
    };
    // Only where the first letter stands (either case) is the word compared: a class list
    // runs to hundreds of bytes on utility-class pages, and is read for every `div`. One
    // pass finds those and the `&` of a reference: a vector search on a long value, a plain
    // loop on a short one (most class lists), where setting up the search costs more than
    // reading the bytes.
    let upper = first.to_ascii_uppercase();
    let word_at = |at: usize| {
        value[at] == b'&'
            || value
                .get(at..at + word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    if value.len() < SHORT_VALUE {
        value
            .iter()
            .enumerate()
            .any(|(at, &b)| (b == b'&' || b == first || b == upper) && word_at(at))
    } else {
        memchr::memchr3_iter(b'&', first, upper, value).any(word_at)
    }
}

/// The length from which [`has_word_searched`] searches a value with `memchr`.
#[cfg(test)]
const SHORT_VALUE: usize = 48;

/// The 16 bytes of `x` in ASCII lower case, all at once (bytes past 0x7f stay as they are).
fn ascii_lower(x: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xff;
    const HIGH: u128 = ONES * 0x80;
    let low = x & !HIGH;
    // A byte's high bit is set in `from_a` when its low seven bits are `A` or more, in
    // `past_z` when they are past `Z` (no carry crosses a byte: 0x7f + 0x3f < 0x100).
    let from_a = low + ONES * (0x80 - u128::from(b'A'));
    let past_z = low + ONES * (0x80 - u128::from(b'Z') - 1);
    let upper = from_a & !past_z & !x & HIGH;
    x | (upper >> 2)
}

/// A set of names (ASCII lower case). A name up to 15 bytes long is one number, looked up in
/// an open-addressing table: most attribute names are short, and this look-up is most of the
/// filter's work.
#[derive(Debug, Clone, Default)]
struct NameSet {
    short: Vec<u128>,
    /// `short` hashed: a power-of-two number of slots, 0 for an empty one.
    slots: Vec<u128>,
    long: Vec<Box<[u8]>>,
}

impl NameSet {
    /// `name` as a number: its bytes, then zeros, its length in the top byte (`None` for
    /// the empty name or past 15 bytes).
    fn key(name: &[u8]) -> Option<u128> {
        if name.is_empty() || name.len() > 15 {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..name.len()].copy_from_slice(name);
        bytes[15] = name.len() as u8;
        Some(u128::from_le_bytes(bytes))
    }

    /// `key_lower` (the test oracle) of the name at `input[start..end]`: read as one
    /// number from the input, lowered in one go.
    fn key_lower_at(input: &[u8], start: usize, end: usize) -> Option<u128> {
        let len = end - start;
        if len == 0 || len > 15 {
            return None;
        }
        let raw = match input
            .get(start..start + 16)
            .and_then(|s| <[u8; 16]>::try_from(s).ok())
        {
            Some(sixteen) => u128::from_le_bytes(sixteen) & ((1 << (8 * len)) - 1),
            None => {
                let mut bytes = [0u8; 16];
                bytes[..len].copy_from_slice(&input[start..end]);
                u128::from_le_bytes(bytes)
            }
        };
        Some(ascii_lower(raw) | (len as u128) << 120)
    }

    /// [`key`](NameSet::key) of `name` in ASCII lower case, in one pass.
    #[cfg(test)]
    fn key_lower(name: &[u8]) -> Option<u128> {
        if name.is_empty() || name.len() > 15 {
            return None;
        }
        let mut bytes = [0u8; 16];
        for (o, b) in bytes.iter_mut().zip(name) {
            *o = b.to_ascii_lowercase();
        }
        bytes[15] = name.len() as u8;
        Some(u128::from_le_bytes(bytes))
    }

    fn slot(key: u128, mask: usize) -> usize {
        let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (folded.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize & mask
    }

    fn insert(&mut self, name: &[u8]) {
        match NameSet::key(name) {
            Some(k) if !self.short.contains(&k) => self.short.push(k),
            Some(_) => {}
            None if !self.long.iter().any(|n| **n == *name) => self.long.push(name.into()),
            None => {}
        }
    }

    fn extend(&mut self, other: &NameSet) {
        for &k in &other.short {
            if !self.short.contains(&k) {
                self.short.push(k);
            }
        }
        for n in &other.long {
            self.insert(n);
        }
    }

    /// Builds `slots` from `short`, with at most one name in four slots used: once the set
    /// is complete (`insert` and `extend` only collect), before any `contains`.
    fn rehash(&mut self) {
        let size = (self.short.len() * 4).next_power_of_two().max(8);
        self.slots = vec![0; size];
        for &k in &self.short {
            let mut at = NameSet::slot(k, size - 1);
            while self.slots[at] != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = k;
        }
    }

    fn contains(&self, name: &[u8]) -> bool {
        match NameSet::key(name) {
            Some(k) => self.contains_key(k),
            None => self.long.iter().any(|n| **n == *name),
        }
    }

    /// Whether the short name whose key is `k` is in the set.
    fn contains_key(&self, k: u128) -> bool {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = NameSet::slot(k, mask);
        loop {
            match self.slots.get(at) {
                Some(&s) if s == k => return true,
                Some(&0) | None => return false,
                Some(_) => at = (at + 1) & mask,
            }
        }
    }
}

/// Names (ASCII lower case) to numbers, looked up as a [`NameSet`] looks up its names.
#[derive(Debug, Clone, Default)]
struct NameMap {
    short: Vec<(u128, usize)>,
    /// `short` hashed: a power-of-two number of slots, a 0 key for an empty one.
    slots: Vec<(u128, usize)>,
    long: Vec<(Box<[u8]>, usize)>,
}

impl NameMap {
    /// Adds `name` (once: later values of a name are ignored).
    fn insert(&mut self, name: &[u8], value: usize) {
        match NameSet::key(name) {
            Some(k) if !self.short.iter().any(|&(s, _)| s == k) => self.short.push((k, value)),
            Some(_) => {}
            None if !self.long.iter().any(|(n, _)| **n == *name) => {
                self.long.push((name.into(), value));
            }
            None => {}
        }
    }

    /// Builds `slots` from `short` (see [`NameSet::rehash`]).
    fn rehash(&mut self) {
        let size = (self.short.len() * 4).next_power_of_two().max(8);
        self.slots = vec![(0, 0); size];
        for &(k, v) in &self.short {
            let mut at = NameSet::slot(k, size - 1);
            while self.slots[at].0 != 0 {
                at = (at + 1) & (size - 1);
            }
            self.slots[at] = (k, v);
        }
    }

    fn get(&self, name: &[u8]) -> Option<usize> {
        let Some(k) = NameSet::key(name) else {
            return self
                .long
                .iter()
                .find(|(n, _)| **n == *name)
                .map(|&(_, v)| v);
        };
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = NameSet::slot(k, mask);
        loop {
            match self.slots.get(at) {
                Some(&(s, v)) if s == k => return Some(v),
                Some(&(0, _)) | None => return None,
                Some(_) => at = (at + 1) & mask,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Interest;

    #[test]
    fn word_search_agrees_with_every_window() {
        // The memchr search against the plain one, on values where the word's first letter
        // comes in both cases, overlaps itself, or is cut by the end.
        let naive = |value: &[u8], word: &[u8]| {
            value.contains(&b'&')
                || value
                    .windows(word.len())
                    .any(|w| w.eq_ignore_ascii_case(word))
        };
        let pieces = [
            "c", "C", "ca", "cap", "CAPTION", "caption", "aption", " ", "x", "&",
        ];
        let mut values = vec![String::new()];
        for _ in 0..3 {
            let mut longer = Vec::new();
            for v in &values {
                for p in pieces {
                    longer.push(format!("{v}{p}"));
                }
            }
            values.extend(longer);
        }
        // Each value also padded to either side of the length from which `memchr` searches
        // (the padding holds no letter of the words), so both searches meet every value.
        let padded: Vec<String> = values
            .iter()
            .flat_map(|v| {
                [SHORT_VALUE - 1, SHORT_VALUE]
                    .into_iter()
                    .flat_map(move |n| {
                        let pad = "-".repeat(n.saturating_sub(v.len()));
                        [format!("{pad}{v}"), format!("{v}{pad}")]
                    })
            })
            .collect();
        for word in ["caption", "c", "lazy"] {
            for v in values.iter().chain(&padded) {
                assert_eq!(
                    has_word(v.as_bytes(), word.as_bytes()),
                    naive(v.as_bytes(), word.as_bytes()),
                    "{v:?} {word:?}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The word search (a loop on a short value, `memchr` on a long one) against the
        /// plain one, on values of the word's letters in both cases, `&`, white space and
        /// bytes one bit away from its first letter; each also without its `&`s.
        #[test]
        fn word_search_agrees_on_random_values(
            value in proptest::collection::vec(proptest::sample::select(vec![
                b'c', b'C', b'a', b'p', b't', b'i', b'o', b'n', b'&', b' ', b'-', b'#', b'\x03',
                b'\x83', b'l', b'z', b'y', b'L',
            ]), 0..80),
            word in proptest::sample::select(vec!["caption", "c", "lazy", "#x", "-"]),
        ) {
            let no_refs: Vec<u8> = value.iter().copied().filter(|&b| b != b'&').collect();
            for value in [value, no_refs] {
                let naive = value.contains(&b'&')
                    || value
                        .windows(word.len())
                        .any(|w| w.eq_ignore_ascii_case(word.as_bytes()));
                proptest::prop_assert_eq!(has_word(&value, word.as_bytes()), naive);
                proptest::prop_assert_eq!(
                    has_word(&value, word.as_bytes()),
                    has_word_searched(&value, word.as_bytes())
                );
            }
        }
    }

    fn filter(interest: Interest) -> AttrFilter {
        AttrFilter::new(&interest.reads.unwrap()).unwrap()
    }

    fn drops(f: &AttrFilter, element: &str, attr: &str, value: &str) -> bool {
        f.drops(element.as_bytes(), attr.as_bytes(), value.as_bytes())
    }

    /// [`AttrFilter::drops_memo`] with `memo`, the names read from a longer input (as the
    /// scan reads them) and from one that ends with them.
    fn memoized(f: &AttrFilter, element: &str, attr: &str, value: &str, memo: &mut Memo) -> bool {
        let input = format!("{element} {attr}={value} and more than sixteen bytes");
        let (e, a) = (element.len(), element.len() + 1);
        // The long input as the scan asks (`drops_at`), the short one through `drops_memo`.
        let on = f.element_at(input.as_bytes(), 0, e, memo);
        let long = f.drops_at(
            on,
            input.as_bytes(),
            (a, a + attr.len()),
            value.as_bytes(),
            memo,
        );
        let on = f.element_at(element.as_bytes(), 0, e, memo);
        let name = Name::at(attr.as_bytes(), 0, attr.len());
        let short = f.drops_memo(on, &name, value.as_bytes(), memo);
        assert_eq!(long, short, "{element:?} {attr:?} {value:?}");
        long
    }

    #[test]
    fn an_attribute_goes_unless_a_rule_reads_it_there() {
        let f = filter(
            Interest::elements("*")
                .reads("img", "*")
                .reads("div", "class")
                .reads("*", "href"),
        );
        assert!(drops(&f, "span", "class", "") && drops(&f, "SPAN", "Data-Src", ""));
        assert!(!drops(&f, "img", "class", "") && !drops(&f, "img", "data-src", ""));
        assert!(!drops(&f, "div", "class", "") && drops(&f, "div", "data-x", ""));
        assert!(!drops(&f, "span", "HREF", ""));
        // `<image>` is an `img` once parsed.
        assert!(!drops(&f, "image", "data-src", ""));
        // What the tree builder reads stays everywhere.
        for attr in [
            "type",
            "color",
            "face",
            "size",
            "encoding",
            "shadowrootmode",
            "form",
        ] {
            assert!(!drops(&f, "span", attr, "x"), "{attr}");
        }
        // Names too long to look up stay.
        assert!(!drops(&f, "span", &"x".repeat(MAX_NAME + 1), ""));
        assert!(!drops(&f, &"x".repeat(MAX_NAME + 1), "class", ""));
    }

    /// A memo kept from the scans of other filters (as a thread keeps it) answers for each
    /// filter as its own tables do: the filters below disagree on every pair, and are
    /// asked in turn, with a full memo and with one slot.
    #[test]
    fn a_memo_shared_between_filters_answers_for_each() {
        let filters = [
            filter(
                Interest::elements("*")
                    .reads("img", "*")
                    .reads("div", "class"),
            ),
            filter(
                Interest::elements("*")
                    .reads("div", "id")
                    .reads("span p", "class"),
            ),
            filter(Interest::elements("*").reads_word("div span", "class", "caption")),
        ];
        let filters = [&filters[0], &filters[1], &filters[2], &filters[0].clone()];
        for mut memo in [Memo::default(), Memo::with_slots(1)] {
            for round in 0..2 {
                for e in ["img", "div", "span", "p", "IMG"] {
                    for a in ["class", "id", "src", "data-x"] {
                        for v in ["x", "caption"] {
                            for f in filters {
                                assert_eq!(
                                    memoized(f, e, a, v, &mut memo),
                                    drops(f, e, a, v),
                                    "{round} {e} {a} {v}"
                                );
                            }
                        }
                    }
                }
            }
        }
        // Through the thread's memo, as a scan takes it.
        for f in filters {
            let mut memo = Memo::take();
            for e in ["img", "div"] {
                let m = memoized(f, e, "class", "x", &mut memo);
                assert_eq!(m, drops(f, e, "class", "x"), "{e}");
            }
            Memo::give_back(memo);
        }
    }

    #[test]
    fn reading_everything_everywhere_keeps_everything() {
        assert!(AttrFilter::new(&Interest::elements("*").reads("*", "*").reads.unwrap()).is_none());
    }

    /// The tables agree with reading every read in turn, on every combination of names
    /// that exercises them (exact, prefix, except, word, `<image>`, case).
    #[test]
    fn the_tables_agree_with_the_reads() {
        let interest = Interest::elements("*")
            .reads("img", "*")
            .reads_all_but("div span", "class id")
            .reads_word("div p span", "class", "caption")
            .reads("*", "aria-hidden style data-keep on* aria-describedby")
            .reads("lite-*", "*")
            .reads("a", "href data-*")
            // A screen, and a plain read of the same attribute on one of its elements.
            .reads_when("p li", "title", |v| {
                v.first().is_some_and(|b| b | 0x20 == b'x')
            })
            .reads("li", "title");
        let reads = interest.reads.clone().unwrap();
        let f = filter(interest);
        let tree = crate::interest::patterns(TREE_BUILDER_READS);
        let elements = [
            "img",
            "IMAGE",
            "div",
            "Span",
            "p",
            "a",
            "li",
            "lite-youtube",
            "lite-",
            "x",
            "figure",
        ];
        let attrs = [
            "class",
            "id",
            "ID",
            "data-src",
            "data-",
            "data-x",
            "data-keep",
            "aria-label",
            "aria-hidden",
            "role",
            "itemid",
            "href",
            "style",
            "data",
            "onclick",
            "on",
            "type",
            "shadowrootmode",
            "Form",
            "aria-describedby",
            "aria-describedbx",
            "aria-describedb",
            "title",
        ];
        let values = ["", "x", "Caption", "a&amp;b", "lazyload"];
        let read = |e: &str, a: &str, v: &str| {
            let canonical = if e.eq_ignore_ascii_case("image") {
                "img"
            } else {
                e
            };
            tree.iter().any(|t| t.matches(a.as_bytes()))
                || reads.iter().any(|r| {
                    r.element.matches(canonical.as_bytes())
                        && r.attribute.matches(a.as_bytes())
                        && !r.except.iter().any(|x| x.matches(a.as_bytes()))
                        && r.value.as_ref().is_none_or(|t| match t {
                            ValueTest::Word(w) => has_word(v.as_bytes(), w),
                            ValueTest::Screen(screen) => screen(v.as_bytes()),
                        })
                })
        };
        // One memo for the whole scan: what it remembers of earlier pairs (other elements,
        // other values, other cases) never changes an answer; neither do evictions (a memo
        // of one slot), with the elements in the inner loop or the outer one.
        let mut shared = Memo::default();
        let mut tiny = Memo::with_slots(1);
        let mut tiny_across = Memo::with_slots(1);
        for e in elements {
            for a in attrs {
                for v in values {
                    let read = read(e, a, v);
                    assert_eq!(drops(&f, e, a, v), !read, "{e:?} {a:?} {v:?}");
                    for memo in [&mut shared, &mut tiny] {
                        let memoized = memoized(&f, e, a, v, memo);
                        assert_eq!(memoized, !read, "memo: {e:?} {a:?} {v:?}");
                    }
                }
            }
        }
        for a in attrs {
            for v in values {
                for e in elements {
                    let memoized = memoized(&f, e, a, v, &mut tiny_across);
                    assert_eq!(memoized, !read(e, a, v), "memo: {e:?} {a:?} {v:?}");
                }
            }
        }
    }
}
