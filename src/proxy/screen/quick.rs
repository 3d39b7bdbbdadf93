//! The hot screen in front of [`may_be_proxy_full`](super::may_be_proxy_full): one
//! table-driven pass over the bytes of a plain `https://`, `http://` or `//` URL, with no
//! branch that depends on them but the loop's and one search for the end of the host.
//!
//! Every mark of the full screen is made of adjacent bytes: its `http` has a `tp`, its
//! `url=` an `rl` and an `l=`, its Photon host a `wp` and a `p.`… Each byte of the URL is
//! looked up once in [`TABLE`]: which pairs it can start, which it can end, and whether it
//! is one of the single bytes that count (`%`, `R`, `=`). The bits of the pairs seen are
//! gathered, and the URL is let through to the full screen only when they hold every pair
//! of some mark. Most image and link URLs hold none (`wp-content` has a `wp` but no `p.`),
//! and are answered here in a few instructions a byte, without calling anything.
//!
//! The screen is never stricter than the full one (a property test checks it, and each bit
//! below says which of its marks needs the pair): [`quick_no`] true means the full screen
//! says no.

use super::{ends_ci, host_end, is_slash, SCHEME_LESS_HOSTS};

/// Pairs and single bytes, one bit each (the pair `ab` when `a` starts it and `b` ends it).
/// A mark is let through when every pair it holds is seen ([`MARKS`]).
mod bit {
    /// `ht` (any case): `http`.
    pub(super) const HT: u32 = 1 << 0;
    /// `tt` (any case): `http`.
    pub(super) const TT: u32 = 1 << 1;
    /// `tp` (any case): `http`.
    pub(super) const TP: u32 = 1 << 2;
    /// `=` before `/` or `\`: a thumbor signature segment ending in `=`.
    pub(super) const SIG: u32 = 1 << 3;
    /// `R` after `H`, `/` or `\`: base64 `aHR0c`, its letters maybe split by `/`.
    pub(super) const HR: u32 = 1 << 4;
    /// `sa`: thumbor's `unsafe`.
    pub(super) const SA: u32 = 1 << 5;
    /// `af`: thumbor's `unsafe`.
    pub(super) const AF: u32 = 1 << 6;
    /// `,b`: Inoreader's `,b64`.
    pub(super) const COMMA_B: u32 = 1 << 7;
    /// `%`, alone: escapes, `%` in a host.
    pub(super) const PCT: u32 = 1 << 8;
    /// `wp` (any case): Photon's `i0.wp.com`.
    pub(super) const WP: u32 = 1 << 9;
    /// `p.` (any case `p`): Photon's `i0.wp.com`.
    pub(super) const P_DOT: u32 = 1 << 10;
    /// `i` (any case) before a digit: Photon's `i0.wp.com`.
    pub(super) const I_DIGIT: u32 = 1 << 11;
    /// A digit before `.`: Photon's `i0.wp.com`.
    pub(super) const DIGIT_DOT: u32 = 1 << 12;
    /// `_i` (any case `i`): Nuxt IPX's `_ip`.
    pub(super) const UNDER_I: u32 = 1 << 13;
    /// `ip` (any case): Nuxt IPX's `_ip`.
    pub(super) const IP: u32 = 1 << 14;
    /// `l=` (any case `l`): `url=`.
    pub(super) const L_EQ: u32 = 1 << 15;
    /// `rl` (any case): `url=`.
    pub(super) const RL: u32 = 1 << 16;
    /// `f=` (any case `f`): `href=`.
    pub(super) const F_EQ: u32 = 1 << 17;
    /// `hr` (any case): `href=`.
    pub(super) const HR_ANY: u32 = 1 << 18;
    /// `.` after `/` or `\`: a dot segment, which counts with any `R`.
    pub(super) const SLASH_DOT: u32 = 1 << 19;
    /// `n-`: Cloudflare's `cdn-cgi` (with `cg` and any `=`), on a root-relative URL too.
    pub(super) const N_DASH: u32 = 1 << 20;
    /// `cg`: Cloudflare's `cdn-cgi`.
    pub(super) const CG: u32 = 1 << 21;
    /// `3a` (any case `a`): hex `3a2f2f`.
    pub(super) const THREE_A: u32 = 1 << 22;
    /// `a2` (any case `a`): hex `3a2f2f`.
    pub(super) const A_TWO: u32 = 1 << 23;
    /// `2f` (any case `f`): hex `3a2f2f`.
    pub(super) const TWO_F: u32 = 1 << 24;
    /// `f2` (any case `f`): hex `3a2f2f`.
    pub(super) const F_TWO: u32 = 1 << 25;
    /// `_` or `.` before `n`, `v`, `g` or `i`: the same-site optimisers' `_next`, `_vercel`,
    /// `_gatsby`, `_ipx`, `_image`, `.netlify` (on a root-relative URL).
    pub(super) const SAME_SITE: u32 = 1 << 26;
    /// `R`, alone.
    pub(super) const R: u32 = 1 << 27;
    /// `=`, alone.
    pub(super) const EQ: u32 = 1 << 28;
    /// An ASCII tab or newline, alone: the URL parser removes it, so it may stand inside any
    /// mark (`ht` + line break + `tp`): the full screen reads the URL without it.
    pub(super) const TAB_NL: u32 = 1 << 29;
}

/// Every mark of the full screen as the bits of the pairs (and single bytes) it holds: an
/// `http`, a thumbor signature, split base64 `aHR0c`, `unsafe`, `,b64`, a `%`, a Photon
/// host, `_ip`, `url=`, `href=`, an `R` with a dot segment, `cdn-cgi` with an `=`, hex
/// `3a2f2f`; and a tab or newline anywhere (see [`bit::TAB_NL`]).
const MARKS: [u32; 14] = {
    use bit::*;
    [
        HT | TT | TP,
        SIG,
        HR,
        SA | AF,
        COMMA_B,
        PCT,
        WP | P_DOT | I_DIGIT | DIGIT_DOT,
        UNDER_I | IP,
        L_EQ | RL,
        F_EQ | HR_ANY,
        SLASH_DOT | R,
        N_DASH | CG | EQ,
        THREE_A | A_TWO | TWO_F | F_TWO,
        TAB_NL,
    ]
};

/// The bits a byte ends (low half) and starts (high half), for every byte.
static TABLE: [u64; 256] = {
    use bit::*;
    // (pair bit, bytes that start it, bytes that end it)
    const PAIRS: &[(u32, &[u8], &[u8])] = &[
        (HT, b"hH", b"tT"),
        (TT, b"tT", b"tT"),
        (TP, b"tT", b"pP"),
        (SIG, b"=", b"/\\"),
        (HR, b"H/\\", b"R"),
        (SA, b"s", b"a"),
        (AF, b"a", b"f"),
        (COMMA_B, b",", b"b"),
        (WP, b"wW", b"pP"),
        (P_DOT, b"pP", b"."),
        (I_DIGIT, b"iI", b"0123456789"),
        (DIGIT_DOT, b"0123456789", b"."),
        (UNDER_I, b"_", b"iI"),
        (IP, b"iI", b"pP"),
        (L_EQ, b"lL", b"="),
        (RL, b"rR", b"lL"),
        (F_EQ, b"fF", b"="),
        (HR_ANY, b"hH", b"rR"),
        (SLASH_DOT, b"/\\", b"."),
        (N_DASH, b"n", b"-"),
        (CG, b"c", b"g"),
        (THREE_A, b"3", b"aA"),
        (A_TWO, b"aA", b"2"),
        (TWO_F, b"2", b"fF"),
        (F_TWO, b"fF", b"2"),
        (SAME_SITE, b"_.", b"nvgi"),
    ];
    pair_table(
        PAIRS,
        &[
            (PCT, b'%'),
            (R, b'R'),
            (EQ, b'='),
            (TAB_NL, b'\t'),
            (TAB_NL, b'\n'),
            (TAB_NL, b'\r'),
        ],
    )
};

/// A table for [`pairs_in`]: for each byte, the bits of the pairs it ends and of the single
/// bytes it is (low half), and the bits of the pairs it starts with every single byte's
/// (high half). `pairs` gives each pair's bit, the bytes that start it (never the NUL byte:
/// [`pairs_in`] reads it as the byte before the first) and the bytes that end it; `singles`
/// each single byte's bit.
pub(crate) const fn pair_table(pairs: &[(u32, &[u8], &[u8])], singles: &[(u32, u8)]) -> [u64; 256] {
    let mut single_bits = 0;
    let mut s = 0;
    while s < singles.len() {
        single_bits |= singles[s].0;
        s += 1;
    }
    let mut starts = [single_bits; 256];
    let mut ends = [0u32; 256];
    let mut p = 0;
    while p < pairs.len() {
        let (bit, first, second) = pairs[p];
        let mut i = 0;
        while i < first.len() {
            starts[first[i] as usize] |= bit;
            i += 1;
        }
        i = 0;
        while i < second.len() {
            ends[second[i] as usize] |= bit;
            i += 1;
        }
        p += 1;
    }
    s = 0;
    while s < singles.len() {
        ends[singles[s].1 as usize] |= singles[s].0;
        s += 1;
    }
    let mut out = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        out[b] = (starts[b] as u64) << 32 | ends[b] as u64;
        b += 1;
    }
    out
}

/// The bits of the pairs and single bytes of `bytes` ([`bit`]).
fn pairs(bytes: &[u8]) -> u32 {
    pairs_in(&TABLE, bytes)
}

/// The bits of the pairs of adjacent bytes and of the single bytes that `bytes` holds, by
/// `table` ([`pair_table`]): one lookup a byte, no branch but the loop's.
#[inline]
pub(crate) fn pairs_in(table: &[u64; 256], bytes: &[u8]) -> u32 {
    // Before the first byte: as if a NUL byte, which starts the single bytes only (no
    // table has a pair starting with it), so that the first byte's own are seen too.
    let (mut seen, mut started) = (0u32, (table[0] >> 32) as u32);
    for &b in bytes {
        let entry = table[usize::from(b)];
        // The low half: the bits `b` ends; the high half: the bits it starts.
        seen |= started & entry as u32;
        started = (entry >> 32) as u32;
    }
    seen
}

/// True when the bits hold every pair of some mark ([`MARKS`]).
fn marked(seen: u32) -> bool {
    // No early exit: thirteen and-compares, no branch.
    MARKS
        .iter()
        .fold(false, |any, &mark| any | (seen & mark == mark))
}

/// True when the host (up to the first `/` or `\\`) of `rest`, the text after the scheme and
/// its `//` that starts with no further slash, may be a scheme-less source's
/// ([`SCHEME_LESS_HOSTS`]): it ends with a port (or a `:`), or, but for one trailing `.`,
/// with one of their names (any case; user info before it is no matter).
fn host_may_be_scheme_less(rest: &[u8]) -> bool {
    let host = &rest[..host_end(rest)];
    match host.last() {
        Some(b'0'..=b'9' | b':') => true,
        _ => {
            let host = host.strip_suffix(b".").unwrap_or(host);
            host.last()
                .is_some_and(|&b| matches!(b | 0x20, b'o' | b'g'))
                && named(host)
        }
    }
}

/// True when `host` ends with one of the [`SCHEME_LESS_HOSTS`] (any case): rare, out of
/// line.
#[cold]
#[inline(never)]
fn named(host: &[u8]) -> bool {
    SCHEME_LESS_HOSTS
        .iter()
        .any(|&(name, _)| ends_ci(host, host.len(), name))
}

/// True when `url` (as written: an ASCII tab or newline in it is let through, for the full
/// screen to read the URL without it) is certainly no proxy URL of any built-in format: a plain `https://`,
/// `http://` or `//` URL with none of the full screen's marks, a root-relative URL that
/// names no same-site optimiser, or a URL that starts with neither `h`, `H`, `/` nor white
/// space (so has no scheme the recognisers read). False
/// means only "ask the full screen".
#[inline]
pub(super) fn quick_no(url: &str) -> bool {
    let b = url.as_bytes();
    let rest = if let Some(rest) = b.strip_prefix(b"https://") {
        rest
    } else if let Some(rest) = b.strip_prefix(b"http://") {
        rest
    } else if let Some(rest) = b.strip_prefix(b"//") {
        rest
    } else if let Some(path) = b.strip_prefix(b"/") {
        // Root-relative: only the same-site optimisers' names count, each holding a pair.
        return pairs(path) & (bit::SAME_SITE | bit::N_DASH | bit::TAB_NL) == 0;
    } else {
        // Anything that starts with no `h`, `H`, `/` or white space (nor is empty: the full
        // screen says no to that too) is neither `http(s):`, `//` nor root-relative.
        return b.first().is_some_and(|&c| {
            !matches!(
                c,
                b'h' | b'H' | b'/' | b'\t' | b'\n' | b'\x0C' | b'\r' | b' '
            )
        });
    };
    // A further slash is skipped by the full screen: left to it (rare).
    if rest.first().is_none_or(is_slash) {
        return false;
    }
    let seen = pairs(rest);
    !(marked(seen) | (rest.last() == Some(&b'=')) | host_may_be_scheme_less(rest))
}

#[cfg(test)]
mod tests;
