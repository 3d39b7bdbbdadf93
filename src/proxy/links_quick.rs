//! The hot screen in front of [`may_carry_target`](super::may_carry_target): the pairs of
//! adjacent bytes each of its words holds, gathered in one table-driven pass with no branch
//! that depends on the bytes ([`pairs_in`]). A link holding every pair of none of the words
//! certainly carries no target; the others are left to the full screen.

use super::super::screen::{pair_table, pairs_in};

/// `ht`, `tt`, `tp` (any case): an `http` after the first byte.
const HT: u32 = 1 << 0;
const TT: u32 = 1 << 1;
const TP: u32 = 1 << 2;
/// `HR`, `R0`: base64 `aHR0c` (after a `?`, a single byte).
const H_R: u32 = 1 << 3;
const R_0: u32 = 1 << 4;
const QUERY: u32 = 1 << 5;
/// `RU`, `U=`: Yahoo's `RU=`.
const R_U: u32 = 1 << 6;
const U_EQ: u32 = 1 << 7;
/// `/2`, `2/`: Substack's `/redirect/2/`.
const SLASH_2: u32 = 1 << 8;
const TWO_SLASH: u32 = 1 << 9;
/// `v3`, `__`: Proofpoint's `/v3/__`.
const V_3: u32 = 1 << 10;
const UNDERS: u32 = 1 << 11;
/// `sl`, `oo` (any case): `.translate.goog`.
const S_L: u32 = 1 << 12;
const O_O: u32 = 1 << 13;
/// `oj` (any case): `.ampproject`.
const O_J: u32 = 1 << 14;
/// `/a`, `am`, `mp`, `p/` (any case, `\` for `/`): an `amp` path segment.
const SLASH_A: u32 = 1 << 15;
const A_M: u32 = 1 << 16;
const M_P: u32 = 1 << 17;
const P_SLASH: u32 = 1 << 18;
/// An ASCII tab or newline, alone: the URL parser removes it, so it may stand inside any
/// word; the full screen reads the link without it.
const TAB_NL: u32 = 1 << 19;

/// The bits a byte ends and starts ([`pair_table`]).
static TABLE: [u64; 256] = pair_table(
    &[
        (HT, b"hH", b"tT"),
        (TT, b"tT", b"tT"),
        (TP, b"tT", b"pP"),
        (H_R, b"H", b"R"),
        (R_0, b"R", b"0"),
        (R_U, b"R", b"U"),
        (U_EQ, b"U", b"="),
        (SLASH_2, b"/", b"2"),
        (TWO_SLASH, b"2", b"/"),
        (V_3, b"v", b"3"),
        (UNDERS, b"_", b"_"),
        (S_L, b"sS", b"lL"),
        (O_O, b"oO", b"oO"),
        (O_J, b"oO", b"jJ"),
        (SLASH_A, b"/\\", b"aA"),
        (A_M, b"aA", b"mM"),
        (M_P, b"mM", b"pP"),
        (P_SLASH, b"pP", b"/\\"),
    ],
    &[
        (QUERY, b'?'),
        (TAB_NL, b'\t'),
        (TAB_NL, b'\n'),
        (TAB_NL, b'\r'),
    ],
);

/// Each word of the full screen as the bits of the pairs (and single bytes) it holds.
const WORDS: [u32; 9] = [
    HT | TT | TP,
    QUERY | H_R | R_0,
    R_U | U_EQ,
    SLASH_2 | TWO_SLASH,
    V_3 | UNDERS,
    S_L | O_O,
    O_J,
    SLASH_A | A_M | M_P | P_SLASH,
    TAB_NL,
];

/// True when `url` (as written: one holding an ASCII tab or newline is let through, for the
/// full screen to read without it) certainly carries no target the full screen would let
/// through: it holds
/// every pair of none of the words (an `http` only after the first byte, as the full screen
/// reads it). False means only "ask the full screen".
#[inline]
pub(super) fn quick_no(url: &str) -> bool {
    const HTTP: u32 = HT | TT | TP;
    let b = url.as_bytes();
    // An `http` at the first byte is the link's own scheme, which the full screen skips;
    // one after it starts past the scheme's `http` when there is one (it cannot overlap
    // it). So an `http`'s pairs are looked for only from there (`tail`), the other words'
    // in the bytes before it too (`head`, with its pair into `tail`).
    let skip = if b.get(..4).is_some_and(|s| s.eq_ignore_ascii_case(b"http")) {
        4
    } else {
        1
    };
    let head = b.get(..=skip).unwrap_or(b);
    let tail = b.get(skip..).unwrap_or_default();
    let seen = pairs_in(&TABLE, tail) | pairs_in(&TABLE, head) & !HTTP;
    WORDS.iter().all(|&word| seen & word != word)
}

#[cfg(test)]
mod tests {
    use super::super::may_carry_target_full;
    use super::quick_no;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_096))]
        /// Where the quick screen says no to a link as written, with tabs and newlines put in
        /// anywhere, the full screen says no to it as the URL parser reads it.
        #[test]
        fn never_stricter_with_tabs_and_newlines_inside(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "https://", "h", "http", "HTTP", "ttp", "?", "=", "RU", "U=", "/", "\\", ".",
                "amp", "/amp/", "/redirect/2/", "/v3/__", "aHR0c", "?aHR0c", ".translate.goog",
                ".ampproject", "x", "2",
            ][..]), 0..10),
            breaks in proptest::collection::vec(
                (0usize..200, proptest::sample::select(&["\t", "\n", "\r", "\r\n"][..])), 0..3),
        ) {
            let mut url: String = pieces.concat();
            for (at, text) in breaks {
                let at = at % (url.len() + 1);
                url.insert_str(at, text);
            }
            if quick_no(&url) {
                prop_assert!(!may_carry_target_full(&crate::url_text::as_parsed(&url)), "{:?}", url);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        /// Wherever the quick screen says no, the full screen says no: on mixes of the
        /// words' pieces, whole and cut, and filler.
        #[test]
        fn never_stricter_than_the_full_screen(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "h", "H", "http", "HTTP", "ttp", "ht", "tp", "?", "=", "RU", "U=", "ru", "/",
                "\\", ".", "amp", "AMP", "/amp/", "\\AmP/", "/redirect/2/", "/2/", "/v3/__",
                "v3", "__", "aHR0c", "?aHR0c", "HR", "R0", ".translate.goog", ".TRANSLATE.GOOG",
                "sl", "oo", "ampproject", ".AmpProject", "oj", "hhttp", "httphttp", "x", "é", "%2F", "p", "P", "mp",
                "_", "2", "t", "a", "R", "U", "Am", "tTp", "/a", "/v", "/r", "https://",
                "example.com",
            ][..]), 0..12)
        ) {
            let url: String = pieces.concat();
            if quick_no(&url) {
                prop_assert!(!may_carry_target_full(&url), "{:?}", url);
            }
        }

        /// The same on arbitrary text.
        #[test]
        fn never_stricter_on_any_text(url in "\\PC{0,40}") {
            if quick_no(&url) {
                prop_assert!(!may_carry_target_full(&url), "{:?}", url);
            }
        }
    }

    /// No pair starts with the NUL byte (`pairs_in` reads it as the byte before the first).
    #[test]
    fn nul_starts_no_pair() {
        assert_eq!((super::TABLE[0] >> 32) as u32, super::QUERY | super::TAB_NL);
    }

    /// Plain links are answered by the quick screen.
    #[test]
    fn answers_plain_links() {
        for no in [
            "https://example.com/2024/01/a-post.html",
            "/about",
            "https://www.example.org/wiki/Page?id=3&lang=en",
            "mailto:a@example.com",
            "",
        ] {
            assert!(quick_no(no), "{no}");
        }
        for maybe in [
            "https://l.example/?u=https%3A%2F%2Fa.example",
            "?aHR0cHM6Ly9h",
            "/amp/s/example.com",
            "https://x.cdn.ampproject.org/c/s/a.example/",
        ] {
            assert!(!quick_no(maybe), "{maybe}");
        }
    }
}
