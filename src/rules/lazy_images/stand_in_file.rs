//! File names that are nothing but a stand-in: `lazy-placeholder.png`, `lazy_default.svg`,
//! `image-placeholder_400x300.jpg`, `blank.jpg`. Such a file draws nothing of the article,
//! with or without a real image to take its place. (A site's "no image" graphic or a
//! loading spinner does draw something a reader sees: those only give way to a real
//! candidate, see `placeholder::is_stand_in_name`.)

/// Words that on their own make a file a stand-in (`lazyload.png`, `fallback.svg`).
const STAND_IN: &[&str] = &[
    "placeholder",
    "placeholders",
    "lazy",
    "lazyload",
    "lazyloading",
    "loading",
    "blank",
    "spacer",
    "transparent",
    "fallback",
    // Spacers named as one word: a transparent pixel (`transpixel.gif`, `clearpixel.gif`),
    // a transparent spacer (`20070809__tspacer.gif`).
    "transpixel",
    "clearpixel",
    "tspacer",
];

/// Words that may stand beside a stand-in word without naming a picture (`lazy-image`,
/// `ajax-loader`, `default-placeholder`, `placeholder-grey`), among them what the stand-in
/// is for when that is no picture of the article (`native-ad-placeholder`,
/// `sponsor-logo-placeholder`, `avatar-placeholder`, and the people a missing portrait stands
/// for: `placeholder-reporters`, `author-placeholder`).
const FILLER: &[&str] = &[
    "image",
    "images",
    "img",
    "pic",
    "photo",
    "thumb",
    "thumbnail",
    "default",
    "bg",
    "white",
    "grey",
    "gray",
    "trans",
    "small",
    "large",
    "square",
    "wide",
    "svg",
    "gif",
    "png",
    "jpg",
    "icon",
    "post",
    "article",
    "media",
    "dark",
    "light",
    "empty",
    "loader",
    "v",
    "x",
    "ad",
    "ads",
    "advert",
    "native",
    "sponsor",
    "sponsored",
    "promo",
    "banner",
    "logo",
    "avatar",
    "profile",
    "user",
    "users",
    "author",
    "authors",
    "reporter",
    "reporters",
    "writer",
    "writers",
    "contributor",
    "contributors",
    "person",
    "people",
    "staff",
    "member",
    "headshot",
    // The layout a stand-in is drawn for (`placeholder-mobile.png`).
    "desktop",
    "mobile",
    "tablet",
];

/// Whether the file name `file` is made of stand-in words alone: at least one
/// [`STAND_IN`] word, and otherwise only [`FILLER`]
/// words, numbers, sizes (`400x300`, `2x`) and build hashes (`2a3b4c9f`). The words are
/// split at `-`, `_`, `.`, `+`, `@`, `%20` and lower-to-upper case changes
/// (`lazyLoader.gif`). `loading-dock.jpg`, `lazy-sunday.png` and `blank-canvas.jpg` name a
/// picture and are not stand-ins.
///
/// The words are slices of `file`, compared in any case: nothing is allocated, and the first
/// word that is no stand-in and no filler ends the test (most files name a picture).
pub(crate) fn is_stand_in_file(file: &str) -> bool {
    // An image's file name is asked about for its `src`, its candidates and its twins (see
    // `proxy::memo`).
    !file.is_empty() && crate::proxy::memo::stand_in_file(file, || is_stand_in_file_now(file))
}

/// [`is_stand_in_file`], worked out.
fn is_stand_in_file_now(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if stem.is_empty() || !is_image_extension(ext) || !stem.is_ascii() {
        return false;
    }
    // One stand-in word, in any case (`clearPixel.gif`, `TransPixel.gif`). (A stem with
    // `%20` is never one word.) A stem longer than every listed word is none of them.
    if stem.len() <= LONGEST_WORD && matches!(word_kind(stem), Word::StandIn | Word::Strong) {
        return true;
    }
    let (mut stand_in, mut strong, mut filler, mut others) = (false, false, false, 0);
    let read = each_word(stem, |w| {
        match word_kind(w) {
            Word::StandIn => stand_in = true,
            Word::Strong => (stand_in, strong) = (true, true),
            Word::Filler => filler = true,
            Word::Other if !(is_number_or_size(w) || is_hash(w)) => others += 1,
            Word::Other => {}
        }
        others <= 1
    });
    read && stand_in && (others == 0 || (strong && filler))
}

/// Stand-in words that no picture of an article is named by: beside them and a
/// [`FILLER`] word, one other word may stand, the site's name or what the stand-in is for
/// (`newsroom-placeholder-image.jpeg`, `placeholder-comments-desktop.svg`). (A site may
/// name a real teaser picture `fallback-gifts.jpg`, even `placeholder-gifts.jpg`, and
/// `loading-dock.jpg`, `lazy-sunday.png`, `blank-canvas.jpg` name pictures: without a
/// filler word, or with a weaker stand-in word, the other word makes it a picture.)
const STRONG: &[&str] = &["placeholder", "placeholders"];

/// What a word of a file stem is, by the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// None of the lists' (and an empty slot of [`WORDS`]).
    Other,
    /// A [`STAND_IN`] word.
    StandIn,
    /// A [`STAND_IN`] word that is also [`STRONG`].
    Strong,
    /// A [`FILLER`] word.
    Filler,
}

/// The length of the longest word of the lists (a unit test checks).
const LONGEST_WORD: usize = 12;

/// The slots of [`WORDS`]: a power of two, over three times the number of words.
const SLOTS: usize = 256;

/// The words of the lists, each in the slot of its [`slot`] hash or, when that is taken, the
/// next free one. A word is looked up with one hash and, nearly always, one comparison:
/// [`is_stand_in_file`] reads every word of every image file name it is asked about, and
/// a scan of the lists cost as much as the rest of the rule's look at an image.
static WORDS: [(&str, Word); SLOTS] = words();

/// [`WORDS`], built at compile time ([`STAND_IN`] first: a word of both lists is one).
const fn words() -> [(&'static str, Word); SLOTS] {
    let mut table = [("", Word::Other); SLOTS];
    let lists: [(&[&str], Word); 2] = [(STAND_IN, Word::StandIn), (FILLER, Word::Filler)];
    let mut l = 0;
    while l < lists.len() {
        let (list, kind) = lists[l];
        let mut i = 0;
        while i < list.len() {
            let word = list[i];
            let kind = if matches!(kind, Word::StandIn) && in_list(STRONG, word) {
                Word::Strong
            } else {
                kind
            };
            let mut at = slot(word.as_bytes());
            while !matches!(table[at].1, Word::Other) && !same(table[at].0, word) {
                at = (at + 1) % SLOTS;
            }
            if matches!(table[at].1, Word::Other) {
                table[at] = (word, kind);
            }
            i += 1;
        }
        l += 1;
    }
    table
}

/// The slot of a word's hash (FNV-1a of its bytes lower-cased: any case finds it).
const fn slot(bytes: &[u8]) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        hash = (hash ^ bytes[i].to_ascii_lowercase() as u32).wrapping_mul(0x0100_0193);
        i += 1;
    }
    hash as usize % SLOTS
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const fn in_list(list: &[&str], word: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        if same(list[i], word) {
            return true;
        }
        i += 1;
    }
    false
}

/// What the word `w` is, in any case.
fn word_kind(w: &str) -> Word {
    let mut at = slot(w.as_bytes());
    // Fewer words than slots: an empty slot ends every search.
    loop {
        let (word, kind) = WORDS[at];
        if kind == Word::Other || word.eq_ignore_ascii_case(w) {
            return kind;
        }
        at = (at + 1) % SLOTS;
    }
}

fn is_image_extension(ext: &str) -> bool {
    ["gif", "png", "jpg", "jpeg", "svg", "webp", "avif"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// Calls `known` on each word of an ASCII file stem, split at separators (`%20` is one) and
/// lower-to-upper case changes, while it returns true; whether it did for every word.
fn each_word(stem: &str, mut known: impl FnMut(&str) -> bool) -> bool {
    let bytes = stem.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let separator = match bytes[i] {
            b'-' | b'_' | b'.' | b'+' | b'@' | b' ' => 1,
            b'%' if bytes[i + 1..].starts_with(b"20") => 3,
            _ => 0,
        };
        if separator > 0 {
            if start < i && !known(&stem[start..i]) {
                return false;
            }
            i += separator;
            start = i;
            continue;
        }
        if i > start && bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase() {
            if !known(&stem[start..i]) {
                return false;
            }
            start = i;
        }
        i += 1;
    }
    start >= bytes.len() || known(&stem[start..])
}

/// `400`, `400x300`, `2x`, `v2`, `w600`, in any case.
fn is_number_or_size(w: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(w)
        || w.split_once(['x', 'X'])
            .is_some_and(|(a, b)| digits(a) && (digits(b) || b.is_empty()))
        || w.strip_prefix(['v', 'w', 'h', 's', 'V', 'W', 'H', 'S'])
            .is_some_and(digits)
}

/// A build hash: 6 or more hex digits with at least one digit (`2a3b4c`, `d41d8cd9`).
fn is_hash(w: &str) -> bool {
    w.len() >= 6
        && w.bytes().all(|b| b.is_ascii_hexdigit())
        && w.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::{is_hash, is_image_extension, is_stand_in_file, FILLER, STAND_IN, STRONG};

    /// The test written the plain way: `%20` replaced, the stem split into lowercase words,
    /// each looked up.
    fn by_lowercase_words(file: &str) -> bool {
        let Some((stem, ext)) = file.rsplit_once('.') else {
            return false;
        };
        if stem.is_empty() || !is_image_extension(ext) || !stem.is_ascii() {
            return false;
        }
        let stem = stem.replace("%20", "-");
        if STAND_IN.iter().any(|w| stem.eq_ignore_ascii_case(w)) {
            return true;
        }
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut prev = None;
        for c in stem.chars() {
            if matches!(c, '-' | '_' | '.' | '+' | '@' | ' ') {
                words.push(std::mem::take(&mut current));
                prev = None;
                continue;
            }
            if c.is_ascii_uppercase() && prev.is_some_and(|p: char| p.is_ascii_lowercase()) {
                words.push(std::mem::take(&mut current));
            }
            prev = Some(c);
            current.push(c.to_ascii_lowercase());
        }
        words.push(current);
        words.retain(|w| !w.is_empty());
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let number_or_size = |w: &str| {
            digits(w)
                || w.split_once('x')
                    .is_some_and(|(a, b)| digits(a) && (digits(b) || b.is_empty()))
                || ["v", "w", "h", "s"]
                    .iter()
                    .any(|p| w.strip_prefix(p).is_some_and(digits))
        };
        let others = words
            .iter()
            .filter(|w| {
                !(STAND_IN.contains(&w.as_str())
                    || FILLER.iter().any(|f| f.eq_ignore_ascii_case(w))
                    || number_or_size(w)
                    || is_hash(w))
            })
            .count();
        let strong = words.iter().any(|w| STRONG.contains(&w.as_str()));
        let filler = words.iter().any(|w| FILLER.contains(&w.as_str()));
        words.iter().any(|w| STAND_IN.contains(&w.as_str()))
            && (others == 0 || (others == 1 && strong && filler))
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// The slice-based split answers as the plain one on names built from stand-in and
        /// filler words, near misses, sizes, hashes, every separator (`%20` and broken
        /// escapes among them) and case changes.
        #[test]
        fn answers_as_the_lowercase_words(
            pieces in proptest::collection::vec((
                proptest::sample::select(&[
                    "lazy", "Lazy", "LAZY", "placeholder", "Placeholder", "loading", "Loader",
                    "blank", "image", "IMG", "default", "x", "X", "v2", "W600", "400x300",
                    "400X300", "2x", "2X", "x3", "2a3b4c9f", "D41D8CD9", "abc", "sunday", "é",
                    "", "20",
                ][..]),
                proptest::sample::select(&[
                    "", "-", "_", ".", "+", "@", " ", "%20", "%2", "%", "%%20", "--",
                ][..]),
            ), 1..5),
            ext in proptest::sample::select(&["png", "GIF", "svg", "html", "", "jpeg"][..]),
        ) {
            let stem: String = pieces.iter().map(|(w, sep)| format!("{w}{sep}")).collect();
            let file = format!("{stem}.{ext}");
            proptest::prop_assert_eq!(is_stand_in_file(&file), by_lowercase_words(&file), "{:?}", file);
        }
    }

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        use super::{word_kind, Word};
        for w in STAND_IN {
            let kind = if STRONG.contains(w) {
                Word::Strong
            } else {
                Word::StandIn
            };
            assert_eq!(word_kind(w), kind, "{w}");
            assert_eq!(word_kind(&w.to_ascii_uppercase()), kind, "{w}");
        }
        for w in FILLER {
            assert_eq!(word_kind(w), Word::Filler, "{w}");
            assert_eq!(word_kind(&w.to_ascii_uppercase()), Word::Filler, "{w}");
        }
        for w in ["", "sunday", "lazyy", "placeholderx", "imag", "canvas", "é"] {
            assert_eq!(word_kind(w), Word::Other, "{w}");
        }
        assert!(STAND_IN.len() + FILLER.len() < super::SLOTS / 2);
    }

    #[test]
    fn longest_word() {
        let longest = STAND_IN.iter().chain(FILLER).map(|w| w.len()).max();
        assert_eq!(longest, Some(super::LONGEST_WORD));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(2000))]
        /// The remembered answers are the answers, across pages (`forget`), on names that
        /// repeat, more of them than the ring holds.
        #[test]
        fn remembered_answers_are_the_answers(
            picks in proptest::collection::vec((0usize..40, proptest::bool::weighted(0.1)), 1..60)
        ) {
            let pool: Vec<String> = (0..40)
                .map(|i| match i % 4 {
                    0 => format!("lazy-placeholder-{i}.png"),
                    1 => format!("photo-{i}.jpg"),
                    2 => format!("blank{}.gif", "x".repeat(i)),
                    _ => String::new(),
                })
                .collect();
            for &(k, forget) in &picks {
                if forget {
                    crate::proxy::memo::forget();
                }
                let file = &pool[k];
                proptest::prop_assert_eq!(
                    is_stand_in_file(file), super::is_stand_in_file_now(file), "{:?}", file
                );
            }
        }
    }

    #[test]
    fn stand_in_files() {
        for f in [
            "lazy-image.jpg",
            "lazyload.png",
            "lazy_default.svg",
            "image-placeholder.png",
            "placeholder_400x300.jpg",
            "blank.jpg",
            "fallback.png",
            "lazyLoader.gif",
            "placeholder.2a3b4c9f.svg",
            "Lazy-Placeholder@2x.PNG",
            "native-ad-placeholder.png",
            "sponsor_logo_placeholder.svg",
            "avatar-placeholder-96x96.png",
            "placeholder-reporters.svg",
            "author-placeholder.png",
            "Placeholder_Writer_80x80.jpg",
            "transpixel.gif",
            "20070809__tspacer.gif",
            "clearPixel.gif",
            "newsroom-placeholder-image.jpeg",
            "placeholder-comentarios-desktop.svg",
            "placeholder-mobile.png",
            "Site_Placeholder_Img@2x.png",
        ] {
            assert!(is_stand_in_file(f), "{f}");
        }
    }

    #[test]
    fn pictures_that_share_a_word() {
        for f in [
            "loading-dock.jpg",
            "lazy-sunday.png",
            "blank-canvas-art.jpg",
            "default-thumb.jpg",
            "default.jpg",
            "hqdefault.jpg",
            "spinner-dolphins.jpg",
            "noimage.png",
            "no-image-v1.png",
            "ajax-loader.gif",
            "loading-spinner.gif",
            "photo.jpg",
            "placeholder",
            "placeholder.html",
            "image.png",
            "ad-campaign-2019.jpg",
            "sponsor-logo.png",
            "banner.jpg",
            "people-waiting-at-the-ferry.jpg",
            "staff-party.png",
            "transformers-pixel-art.png",
            "loading-dock-desktop.jpg",
            "placeholder-art-exhibit.jpg",
            "fallback-plan-b-meeting.jpg",
            "mobile-lazy-sunday.png",
            "fallback-gifts.jpg",
            "placeholder-gifts.jpg",
            "acme_fallback_img.png",
        ] {
            assert!(!is_stand_in_file(f), "{f}");
        }
    }
}
