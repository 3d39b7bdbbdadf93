//! The screen in front of [`tracker_by_path`](super::tracker_by_path): one table-driven pass
//! over a path (`crate::proxy::pairs_in`, as the proxy screen does) that answers "no
//! tracker's path" for most image URLs without running the five tests behind it, whose code
//! a page's every image otherwise touches.
//!
//! Each test can only say yes when the path holds certain adjacent bytes: an analytics part
//! (`/b/ss/`, `/__utm.gif`, `/matomo.php`, `/piwik.php`, `/g/collect`, `/j/collect`), `pixel`
//! in its file name, a `?` with an endpoint's name (`px`, `collect`, `beacon`, `track…`,
//! `impression`, `pageview`, `pixel`), an `http` in its query (a redirect to a tracker) or
//! after a `/` (an archived tracker). Each such mark is a few pairs of bytes; the path is let
//! through when it holds every pair of one of them ([`MARKS`]). A property test checks that
//! the screen never says no where the tests say yes, and a unit test that every name in the
//! tests' tables is let through.

use crate::proxy::{pair_table, pairs_in};

/// Pairs and single bytes, one bit each (any ASCII case: the path is lower-cased by the
/// callers, and the screen does not rely on it).
mod bit {
    /// `/b`: `/b/ss/`.
    pub(super) const SL_B: u32 = 1 << 0;
    /// `b/`: `/b/ss/`.
    pub(super) const B_SL: u32 = 1 << 1;
    /// `ss`: `/b/ss/`.
    pub(super) const SS: u32 = 1 << 2;
    /// `/_`: `/__utm.gif`.
    pub(super) const SL_UND: u32 = 1 << 3;
    /// `__`: `/__utm.gif`.
    pub(super) const UND_UND: u32 = 1 << 4;
    /// `/m`: `/matomo.php`.
    pub(super) const SL_M: u32 = 1 << 5;
    /// `to`: `/matomo.php`.
    pub(super) const TO: u32 = 1 << 6;
    /// `mo`: `/matomo.php`.
    pub(super) const MO: u32 = 1 << 7;
    /// `iw`: `/piwik.php`.
    pub(super) const IW: u32 = 1 << 8;
    /// `wi`: `/piwik.php`.
    pub(super) const WI: u32 = 1 << 9;
    /// `g/`: `/g/collect`.
    pub(super) const G_SL: u32 = 1 << 10;
    /// `j/`: `/j/collect`.
    pub(super) const J_SL: u32 = 1 << 11;
    /// `ll`: `collect`.
    pub(super) const LL: u32 = 1 << 12;
    /// `ct`: `collect`.
    pub(super) const CT: u32 = 1 << 13;
    /// `co`: `collect`.
    pub(super) const CO: u32 = 1 << 14;
    /// `pi`: `pixel`.
    pub(super) const PI: u32 = 1 << 15;
    /// `ix`: `pixel`.
    pub(super) const IX: u32 = 1 << 16;
    /// `xe`: `pixel`.
    pub(super) const XE: u32 = 1 << 17;
    /// `?`, alone: an endpoint asked with a query, a redirect's query.
    pub(super) const Q: u32 = 1 << 18;
    /// `px`: the `px` endpoint.
    pub(super) const PX: u32 = 1 << 19;
    /// `be`: `beacon`.
    pub(super) const BE: u32 = 1 << 20;
    /// `ea`: `beacon`.
    pub(super) const EA: u32 = 1 << 21;
    /// `ac`: `beacon`, `track`.
    pub(super) const AC: u32 = 1 << 22;
    /// `tr`: `track`.
    pub(super) const TR: u32 = 1 << 23;
    /// `ck`: `track`.
    pub(super) const CK: u32 = 1 << 24;
    /// `im`: `impression`.
    pub(super) const IM: u32 = 1 << 25;
    /// `mp`: `impression`.
    pub(super) const MP: u32 = 1 << 26;
    /// `pa`: `pageview`.
    pub(super) const PA: u32 = 1 << 27;
    /// `ag`: `pageview`.
    pub(super) const AG: u32 = 1 << 28;
    /// `ge`: `pageview`.
    pub(super) const GE: u32 = 1 << 29;
    /// `ht`: `http`.
    pub(super) const HT: u32 = 1 << 30;
    /// `tp`: `http`.
    pub(super) const TP: u32 = 1 << 31;
}

/// Every mark as the bits of the pairs it holds: the analytics parts, `pixel`, each
/// endpoint's name with a `?`, and `http` (a carried or redirected URL).
const MARKS: [u32; 14] = {
    use bit::*;
    [
        SL_B | B_SL | SS,
        SL_UND | UND_UND,
        SL_M | TO | MO,
        IW | WI,
        G_SL | LL | CT | CO,
        J_SL | LL | CT | CO,
        PI | IX | XE,
        Q | PX,
        Q | CO | LL | CT,
        Q | BE | EA | AC,
        Q | TR | AC | CK,
        Q | IM | MP,
        Q | PA | AG | GE,
        HT | TP,
    ]
};

/// The bits a byte ends (low half) and starts (high half), for every byte.
static TABLE: [u64; 256] = {
    use bit::*;
    const PAIRS: &[(u32, &[u8], &[u8])] = &[
        (SL_B, b"/", b"bB"),
        (B_SL, b"bB", b"/"),
        (SS, b"sS", b"sS"),
        (SL_UND, b"/", b"_"),
        (UND_UND, b"_", b"_"),
        (SL_M, b"/", b"mM"),
        (TO, b"tT", b"oO"),
        (MO, b"mM", b"oO"),
        (IW, b"iI", b"wW"),
        (WI, b"wW", b"iI"),
        (G_SL, b"gG", b"/"),
        (J_SL, b"jJ", b"/"),
        (LL, b"lL", b"lL"),
        (CT, b"cC", b"tT"),
        (CO, b"cC", b"oO"),
        (PI, b"pP", b"iI"),
        (IX, b"iI", b"xX"),
        (XE, b"xX", b"eE"),
        (PX, b"pP", b"xX"),
        (BE, b"bB", b"eE"),
        (EA, b"eE", b"aA"),
        (AC, b"aA", b"cC"),
        (TR, b"tT", b"rR"),
        (CK, b"cC", b"kK"),
        (IM, b"iI", b"mM"),
        (MP, b"mM", b"pP"),
        (PA, b"pP", b"aA"),
        (AG, b"aA", b"gG"),
        (GE, b"gG", b"eE"),
        (HT, b"hH", b"tT"),
        (TP, b"tT", b"pP"),
    ];
    pair_table(PAIRS, &[(Q, b'?')])
};

/// False only when `path` holds none of the marks of a tracker's path: then
/// [`tracker_by_path`](super::tracker_by_path) says no.
#[inline]
pub(super) fn may_be_tracker_path(path: &str) -> bool {
    let seen = pairs_in(&TABLE, path.as_bytes());
    // No early exit: fourteen and-compares, no branch.
    MARKS
        .iter()
        .fold(false, |any, &mark| any | (seen & mark == mark))
}

#[cfg(test)]
mod tests {
    use super::may_be_tracker_path;
    use crate::rules::junk::trackers::{
        tracker_by_path_unscreened, ENDPOINT_NAMES, PIXEL_WORDS, TRACKER_PATH_PARTS,
    };

    /// Every name of the tests' tables, where they look for it, is let through: the
    /// analytics parts, `pixel` with each of its words, each endpoint asked with a query,
    /// a carried URL, a redirect's query.
    #[test]
    fn every_tracker_path_is_let_through() {
        let mut paths: Vec<String> = TRACKER_PATH_PARTS.iter().map(|p| p.to_string()).collect();
        paths.extend(PIXEL_WORDS.iter().map(|w| format!("/a/{w}pixel.gif")));
        paths.extend(ENDPOINT_NAMES.iter().map(|n| format!("/a/{n}.gif?x=1")));
        paths.push("/web/2025im_/https://sb.scorecardresearch.com/p".to_string());
        paths.push("/jmp?u=http://ad.doubleclick.net/x".to_string());
        for path in &paths {
            assert!(tracker_by_path_unscreened(path), "{path}");
            assert!(may_be_tracker_path(path), "{path}");
            assert!(may_be_tracker_path(&path.to_ascii_uppercase()), "{path}");
        }
        // And most image paths are answered by the screen.
        for path in [
            "/mmbiz_png/abc/640?wx_fmt=png&from=appmsg",
            "/v2-d8708ba742d5e9dcb8589ec9e8c58b87_r.jpg",
            "/max/1400/1*qm8rt2vxckp0lsyd4nfe1w.jpeg",
            "/wp-content/uploads/2023/04/harbor.jpg",
        ] {
            assert!(!may_be_tracker_path(path), "{path}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The screen never says no where the tests say yes, on paths made of the tables'
        /// names, their pieces, separators and filler.
        #[test]
        fn the_screen_is_never_stricter_than_the_tests(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "/", "?", "&", "=", "#", ".", "a", "x", "/b/ss/", "/__utm.gif", "/matomo.php",
                "/piwik.php", "/g/collect", "/j/collect", "pixel", "tracking", "timing", "1x1",
                "px", "collect", "beacon", "track", "tracker", "impression", "impressions",
                "pageview", ".gif", ".php", ".jpg", "http", "https:/", "http:/", "%3a", "%2f",
                "scorecardresearch.com", "doubleclick.net", ";", "u=", "é", "sb.",
            ][..]), 0..10),
        ) {
            let path: String = pieces.concat();
            if tracker_by_path_unscreened(&path) {
                proptest::prop_assert!(may_be_tracker_path(&path), "{:?}", path);
            }
        }

        /// The same on paths shaped as an endpoint's: a directory, a file name (an
        /// endpoint's, a pixel's or another), an extension and a query.
        #[test]
        fn endpoint_shaped_paths_are_let_through(
            dir in proptest::sample::select(&["", "/a", "/b/ss", "/x/y"][..]),
            name in proptest::sample::select(&[
                "pixel", "px", "collect", "beacon", "track", "tracker", "tracking",
                "impression", "impressions", "pageview", "photo", "timingpixel", "p", "PX",
            ][..]),
            ext in proptest::sample::select(&["", ".gif", ".php", ".jpg", ".aspx", "."][..]),
            query in proptest::sample::select(&["", "?", "?x=1", "?u=http://a", "#?x"][..]),
        ) {
            let path = format!("{dir}/{name}{ext}{query}");
            if tracker_by_path_unscreened(&path) {
                proptest::prop_assert!(may_be_tracker_path(&path), "{:?}", path);
            }
        }
    }
}
