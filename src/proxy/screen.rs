//! Cheap screens that answer "certainly not" from the raw text of a URL, before any parsing.
//!
//! Each screen may let through URLs that turn out not to match (the full check then runs),
//! but never rejects one that would.

use memchr::memmem::Finder;

mod quick;
pub(crate) use quick::{pair_table, pairs_in};
use std::sync::LazyLock;

/// The text after `http:`, `https:` (ASCII case-insensitive) or `//` and any further run of
/// `/` and `\`, once leading ASCII white space is skipped; `None` for any other URL.
///
/// Those are exactly the URLs [`parse_input`](super::decode::parse_input) may accept, so a
/// URL that gives `None` here is never unwrapped (by the built-in recognisers).
#[inline]
fn after_scheme(url: &str) -> Option<&str> {
    // Nearly every URL asked about is written `https://host…` or `http://host…`: its host
    // starts right after the `//`, told by comparing a few bytes (what the general reading
    // gives, which a property test checks).
    let b = url.as_bytes();
    let written = if b.starts_with(b"https://") {
        8
    } else if b.starts_with(b"http://") {
        7
    } else {
        0
    };
    if written > 0 && b.get(written).is_some_and(|c| !is_slash(c)) {
        return Some(&url[written..]);
    }
    after_scheme_read(url)
}

/// [`after_scheme`] for any URL: white space, the scheme in any case, any run of slashes.
fn after_scheme_read(url: &str) -> Option<&str> {
    let s = url.trim_ascii_start();
    let b = s.as_bytes();
    if *b.first()? == b'/' {
        return s.strip_prefix("//").map(skip_slashes);
    }
    if !b.get(..4)?.eq_ignore_ascii_case(b"http") {
        return None;
    }
    let scheme_end = if b.get(4).is_some_and(|c| c | 0x20 == b's') {
        5
    } else {
        4
    };
    // The URL parser reads any run of `/` and `\` after a special scheme's `:` (or none) as
    // what comes before the host: `HTTP:////host/`, `http:\\host/`, `http:host/`.
    s.get(scheme_end..)?.strip_prefix(':').map(skip_slashes)
}

/// `s` without its leading run of `/` and `\` (a byte loop: a `char` pattern decodes).
fn skip_slashes(s: &str) -> &str {
    let n = s.bytes().take_while(is_slash).count();
    &s[n..]
}

/// The text of a root-relative URL (`/path`, not `//host`) after its `/`, once leading ASCII
/// white space is skipped: such a URL is read only by the same-site optimisers.
fn root_relative(url: &str) -> Option<&str> {
    let rest = url.trim_ascii_start().strip_prefix('/')?;
    (!rest.starts_with(['/', '\\'])).then_some(rest)
}

/// Path names of the same-site optimisers ([`SAME_SITE`](super::known::SAME_SITE)), the only
/// recognisers tried on a root-relative URL. Each must appear literally: the `url` crate
/// neither decodes `%` escapes in a path nor changes a segment other than `.` and `..`.
/// With each name, where its `_`, `.` or `-` is (a unit test checks).
const SAME_SITE_NAMES: &[(&[u8], usize)] = &[
    (b"_next", 0),
    (b".netlify", 0),
    (b"_vercel", 0),
    (b"_gatsby", 0),
    (b"_ipx", 0),
    (b"_image", 0),
    (b"cdn-cgi", 3),
];

/// True when a root-relative URL (its text after the first `/`) names a same-site optimiser
/// ([`SAME_SITE_NAMES`] anywhere in it).
///
/// Each name holds a `_`, `.` or `-` at a known place: one pass finds those bytes, and only
/// there is a name compared, rather than a search per name (this runs on every root-relative
/// link).
#[inline(never)]
fn same_site_marks(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'_', b'.', b'-', bytes).any(|i| {
        SAME_SITE_NAMES
            .iter()
            .any(|&(name, at)| name[at] == bytes[i] && found_at(bytes, i, at, name))
    })
}

/// Whether `bytes` holds `cdn-cgi` (Cloudflare's path), with a searcher built once.
#[inline(never)]
fn has_cdn_cgi(bytes: &[u8]) -> bool {
    static FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"cdn-cgi"));
    FINDER.find(bytes).is_some()
}

/// Hosts whose recognisers read a scheme-less `host/path` source, which leaves no other
/// mark: Statically (`/img/<host>/<path>`, exactly this host), the AMP Cache
/// (`/i/s/<host>/<path>`), Cloudimage (`/v7/<host>/<path>`) and Google Translate's proxy (the
/// origin's host encoded in its own), with their subdomains.
const SCHEME_LESS_HOSTS: &[(&[u8], bool)] = &[
    (b"cdn.statically.io", false),
    (b"cdn.ampproject.org", true),
    (b"cloudimg.io", true),
    (b"translate.goog", true),
];

/// True when the host of the URL (its text after the scheme) is, ASCII case-insensitively,
/// one of [`SCHEME_LESS_HOSTS`] (or a subdomain where allowed) with an optional user info,
/// port or trailing `.`.
fn scheme_less_host(bytes: &[u8]) -> bool {
    let host = &bytes[..host_end(bytes)];
    // Every name ends in `o` or `g` (a unit test checks). A host whose last byte is none of
    // them and nothing user info, a port or a trailing `.` could have ended with (a digit,
    // `:`, `.`, `@`) is none of them, answered before those are looked for.
    if !host.last().is_some_and(|&b| {
        matches!(b | 0x20, b'o' | b'g') || matches!(b, b'0'..=b'9' | b':' | b'.' | b'@')
    }) {
        return false;
    }
    let host = memchr::memrchr(b'@', host).map_or(host, |at| &host[at + 1..]);
    let host = match memchr::memrchr(b':', host) {
        Some(colon) if host[colon + 1..].iter().all(u8::is_ascii_digit) => &host[..colon],
        _ => host,
    };
    let host = host.strip_suffix(b".").unwrap_or(host);
    // The same look once they are removed.
    if !host
        .last()
        .is_some_and(|&b| matches!(b | 0x20, b'o' | b'g'))
    {
        return false;
    }
    SCHEME_LESS_HOSTS.iter().any(|&(name, subdomains)| {
        host.eq_ignore_ascii_case(name)
            || subdomains
                && host.len() > name.len()
                && ends_ci(host, host.len(), name)
                && host[host.len() - name.len() - 1] == b'.'
    })
}

/// True when `bytes[i - back..]` starts with `needle` (and `i - back` is in range).
fn found_at(bytes: &[u8], i: usize, back: usize, needle: &[u8]) -> bool {
    i.checked_sub(back)
        .and_then(|start| bytes.get(start..))
        .is_some_and(|tail| tail.starts_with(needle))
}

/// True when `bytes[..i]` ends with `needle`, ASCII case-insensitively.
fn ends_ci(bytes: &[u8], i: usize, needle: &[u8]) -> bool {
    i.checked_sub(needle.len())
        .and_then(|start| bytes.get(start..i))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(needle))
}

/// True for `/` and `\` (the `url` crate reads `\` as `/` in http(s) URLs).
fn is_slash(byte: &u8) -> bool {
    matches!(byte, b'/' | b'\\')
}

/// True when the `=` at `i` ends a segment of exactly 28 bytes (thumbor's base64 HMAC-SHA1
/// signature).
fn ends_signature(bytes: &[u8], i: usize) -> bool {
    let ends_segment = bytes.get(i + 1).is_none_or(is_slash);
    ends_segment
        && i >= 27
        && !bytes[i - 27..i].iter().any(is_slash)
        && (i == 27 || is_slash(&bytes[i - 28]))
}

/// True when the `f` at `i` is the one of an `unsafe` segment (thumbor).
fn unsafe_segment_at(bytes: &[u8], i: usize) -> bool {
    found_at(bytes, i, 4, b"unsafe")
        && i.checked_sub(5).is_some_and(|s| is_slash(&bytes[s]))
        && bytes.get(i + 2).is_some_and(is_slash)
}

/// True when the `p` or `P` at `i` is the one of `i<digit>.wp.com` (any case) not followed
/// by a letter or digit: a Photon host, whatever follows it (`/`, a port, `\`…). (Photon's
/// hosts are `i0.wp.com` to `i9.wp.com`; WordPress's others, such as its stats pixel
/// `pixel.wp.com`, proxy nothing. A host written with a `%` is let through by its `%`.)
fn photon_host_at(bytes: &[u8], i: usize) -> bool {
    // `w` first: the `p` of most URLs (`.jpg`, `.png`, `/uploads/`) fails there.
    i >= 4
        && bytes[i - 1] | 0x20 == b'w'
        && bytes[i - 2] == b'.'
        && bytes[i - 3].is_ascii_digit()
        && bytes[i - 4] | 0x20 == b'i'
        && bytes
            .get(i + 1..i + 5)
            .is_some_and(|com| com.eq_ignore_ascii_case(b".com"))
        && !bytes.get(i + 5).is_some_and(u8::is_ascii_alphanumeric)
}

/// True when the `R` at `i` belongs to base64 `aHR0c` (of `http`) whose letters may be
/// separated by runs of `/`: imgproxy lets the encoded source be split into segments
/// anywhere and reads them joined.
#[inline(never)]
fn split_base64_http_at(bytes: &[u8], i: usize) -> bool {
    let mut back = bytes[..i].iter().rev().filter(|b| !is_slash(b));
    let mut ahead = bytes[i + 1..].iter().filter(|b| !is_slash(b));
    back.next() == Some(&b'H')
        && back.next() == Some(&b'a')
        && ahead.next() == Some(&b'0')
        && ahead.next() == Some(&b'c')
}

/// The byte that starts `bytes[pos..]` once percent-decoded `levels` times (0, 1 or 2),
/// with the position just after the text it came from; `None` at the end or on a broken
/// escape. (The recursion is `levels` deep.)
fn decoded_byte(bytes: &[u8], pos: usize, levels: u8) -> Option<(u8, usize)> {
    let Some(below) = levels.checked_sub(1) else {
        return bytes.get(pos).map(|&b| (b, pos + 1));
    };
    let (byte, next) = decoded_byte(bytes, pos, below)?;
    if byte != b'%' {
        return Some((byte, next));
    }
    let (hi, next) = decoded_byte(bytes, next, below)?;
    let (lo, next) = decoded_byte(bytes, next, below)?;
    let hex = |d: u8| char::from(d).to_digit(16);
    let value = hex(hi)? * 16 + hex(lo)?;
    Some((u8::try_from(value).ok()?, next))
}

/// True when `bytes[start..]`, percent-decoded `levels` times, starts with `http` (any case).
fn decodes_to_http(bytes: &[u8], start: usize, levels: u8) -> bool {
    let mut pos = start;
    b"http".iter().all(|want| {
        decoded_byte(bytes, pos, levels).is_some_and(|(byte, next)| {
            pos = next;
            byte.eq_ignore_ascii_case(want)
        })
    })
}

/// True when the `%` at `i` is part of an `http` (any case) written with percent-escapes,
/// once or twice encoded (`%68ttp`, `h%54tp`, `%2568ttp`…), as the recognisers read it
/// after percent-decoding up to twice: the text starting up to three bytes before `i`,
/// those bytes being a literal start of `http`.
fn percent_http_at(bytes: &[u8], i: usize) -> bool {
    // Cheap first: the escape must stand for a letter of `http` (any case) or a `%`.
    let hex = bytes.get(i + 1..i + 3);
    if !matches!(
        hex,
        Some(b"68" | b"48" | b"74" | b"54" | b"70" | b"50" | b"25")
    ) {
        return false;
    }
    escaped_http_at(bytes, i)
}

/// [`percent_http_at`] past its cheap test (rare: out of line).
#[cold]
#[inline(never)]
fn escaped_http_at(bytes: &[u8], i: usize) -> bool {
    (0..=3).any(|back| {
        i.checked_sub(back).is_some_and(|start| {
            ends_ci(bytes, i, &b"http"[..back])
                && (decodes_to_http(bytes, start, 1) || decodes_to_http(bytes, start, 2))
        })
    })
}

/// True when the `%` at `i` escapes a `.` (`%2e`, which the `url` crate reads as a dot
/// segment).
fn escaped_dot_at(bytes: &[u8], i: usize) -> bool {
    bytes
        .get(i + 1..i + 3)
        .is_some_and(|hex| hex.eq_ignore_ascii_case(b"2e"))
}

/// True when the URL (its text after the scheme) has a path segment `.` or `..`, plain or
/// escaped (`%2e`), which the `url` crate removes, joining the segments around it. Also
/// true for other segments starting with `.`.
#[inline(never)]
fn may_have_dot_segment(bytes: &[u8], escaped_dot: bool) -> bool {
    escaped_dot || memchr::memchr_iter(b'.', bytes).any(|i| i > 0 && is_slash(&bytes[i - 1]))
}

/// Where the host of the URL (its text after the scheme) ends: at the first `/` or `\`
/// after the ones the `url` crate skips there (or later, never earlier).
fn host_end(bytes: &[u8]) -> usize {
    let host_start = bytes.iter().position(|b| !is_slash(b)).unwrap_or(0);
    memchr::memchr2(b'/', b'\\', &bytes[host_start..]).map_or(bytes.len(), |end| host_start + end)
}

/// False only when `url` cannot be a proxy URL of any built-in format (templates are not
/// screened): the hot [`quick`] screen answers most URLs, the full one
/// ([`may_be_proxy_full`]) the rest. Both give the same answer (the quick one says no only
/// where the full one does).
///
/// `url` is read as the browser's URL parser reads it, without its ASCII tabs and newlines
/// (see `crate::url_text`): the quick screen lets a URL holding one through, and the full
/// one reads it without them.
pub(crate) fn may_be_proxy(url: &str) -> bool {
    screened(url).is_some()
}

/// [`may_be_proxy`], giving the URL as the parser reads it (without ASCII tabs and newlines:
/// borrowed when it has none) when it may be a proxy URL.
#[inline]
pub(crate) fn screened(url: &str) -> Option<std::borrow::Cow<'_, str>> {
    if crate::screens::on() && quick::quick_no(url) {
        return None;
    }
    let read = crate::url_text::as_parsed(url);
    may_be_proxy_full(&read).then_some(read)
}

/// [`may_be_proxy`] without the quick screen in front: false only when `url` cannot be a
/// proxy URL of any built-in format.
///
/// Every built-in format leaves a mark in the text of the URL after its scheme, whatever
/// the `url` crate does to that text before the recognisers read it (it reads `\` as `/`,
/// drops `.` and `..` segments, decodes and lower-cases the host):
///
/// - an embedded `http` (any case), plain or with any of its letters percent-escaped once
///   or twice (`%68ttp`, `h%2574tp`), as every origin read with percent-decoding is;
/// - base64 `aHR0c` (of `http`), whose letters may be separated by `/` (imgproxy splits its
///   encoded source into segments anywhere); when the URL may have a dot segment (`/.`,
///   `%2e`) any `R` counts, as the `url` crate drops those segments before the recognisers
///   join the rest;
/// - hex `3a2f2f` (of `://`, any case: camo's hex origin);
/// - a segment ending in `,b64` (Inoreader, whose base64 origin is decoded after
///   percent-decoding and may have an upper-case scheme);
/// - weserv's scheme-less `url=` (any case), thumbor's `unsafe` or 28-byte signature segment
///   ending in `=`;
/// - a Photon host: `i<digit>.wp.com` (any case) not followed by a letter or digit, or any
///   `%` in the host;
/// - Nuxt IPX's `_ipx` segment (its source may be a plain path), or an `=` in a URL that
///   holds `cdn-cgi` (Cloudflare's options are `key=value`, its source may be a plain path);
/// - a host whose source is a scheme-less `host/path` ([`SCHEME_LESS_HOSTS`]: Statically,
///   the AMP Cache, Cloudimage, Google Translate), checked once on the host text;
/// - `href=` (Astro's `/_image?href=`, whose source may be a plain path).
///
/// A root-relative URL (`/path`) is read only by the same-site optimisers, whose path names
/// (`_next`, `.netlify`, `_vercel`, `_gatsby`, `_ipx`, `cdn-cgi`) must appear in it
/// literally. Any other URL that is not `http(s)://…` or `//…` is never a proxy URL.
///
/// Each mark contains one of eight rare bytes: `p`/`P` (`http`, `.wp.com`, `_ipx`), `=`
/// (`url=`, the signature, Cloudflare options), `R` (`aHR0c`), `f`/`F` (`3a2f2f`, `unsafe`),
/// `%` (escapes), `,` (`,b64`). Three `memchr` passes find those bytes and only there is a
/// mark looked for, without allocating. (Most URLs never come here: the quick screen finds
/// none of the pairs of bytes each mark holds.)
///
/// The one exception: a Photon or scheme-less-source host spelled with non-ASCII characters that
/// IDNA maps to ASCII (`ｉ０.ｗｐ.ｃｏｍ`) is not seen; finding it would mean scanning every host.
#[cold]
#[inline(never)]
pub(crate) fn may_be_proxy_full(url: &str) -> bool {
    let Some(rest) = after_scheme(url) else {
        return root_relative(url).is_some_and(|rest| same_site_marks(rest.as_bytes()));
    };
    let b = rest.as_bytes();
    if scheme_less_host(b) {
        return true;
    }
    let mut cdn_cgi = None;
    let plain_marks = memchr::memchr3_iter(b'p', b'P', b'=', b).any(|i| {
        if b[i] == b'=' {
            ends_ci(b, i, b"url")
                || ends_ci(b, i, b"href")
                || ends_signature(b, i)
                || *cdn_cgi.get_or_insert_with(|| has_cdn_cgi(b))
        } else {
            ends_ci(b, i + 1, b"http") || photon_host_at(b, i) || ends_ci(b, i + 1, b"_ip")
        }
    });
    if plain_marks {
        return true;
    }
    let (mut saw_r, mut escaped_dot, mut host) = (false, false, None);
    let encoded_marks = memchr::memchr3_iter(b'R', b'f', b'%', b).any(|i| match b[i] {
        b'R' => {
            saw_r = true;
            split_base64_http_at(b, i)
        }
        b'f' => unsafe_segment_at(b, i) || ends_ci(b, i + 1, b"3a2f2f"),
        _ => {
            escaped_dot |= escaped_dot_at(b, i);
            i < *host.get_or_insert_with(|| host_end(b)) || percent_http_at(b, i)
        }
    });
    if encoded_marks || saw_r && may_have_dot_segment(b, escaped_dot) {
        return true;
    }
    memchr::memchr2_iter(b'F', b',', b).any(|i| match b[i] {
        b'F' => ends_ci(b, i + 1, b"3a2f2f"),
        _ => found_at(b, i, 0, b",b64") && b.get(i + 4).is_some_and(is_slash),
    })
}

/// The host of an `http://`, `https://` or `//` URL when it is written plainly: only ASCII
/// letters, digits, `.` and `-`, directly followed by `/`, `\`, `?`, `#` or the end (no
/// port, user info, percent-escape, IDN or white space). `None` for any other URL.
///
/// When this gives `Some(host)`, the `url` crate reads the URL's host as `host` lower-cased,
/// or as an IPv4 address written in decimal (a host whose last label is a number), or fails
/// to parse the URL: nothing else. A caller can therefore answer "no" for a host that does
/// not match any of its (alphabetic) names without parsing the URL.
pub(crate) fn plain_host(url: &str) -> Option<&str> {
    plain_host_cased(url).map(|(host, _)| host)
}

/// The bytes of a plainly written host ([`plain_host`]): [`HOST_BYTE`] for a lower-case
/// letter, a digit, `.` or `-`, with [`UPPER`] too for an upper-case letter; 0 for any other.
static HOST_BYTES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            t[b] = HOST_BYTE | UPPER;
        } else if c.is_ascii_alphanumeric() || c == b'.' || c == b'-' {
            t[b] = HOST_BYTE;
        }
        b += 1;
    }
    t
};
const HOST_BYTE: u8 = 1;
const UPPER: u8 = 2;

/// [`plain_host`], and whether the host holds an upper-case letter (read in the same pass,
/// one table look-up a byte).
pub(crate) fn plain_host_cased(url: &str) -> Option<(&str, bool)> {
    let rest = after_scheme(url)?;
    let mut seen = 0u8;
    let end = rest
        .bytes()
        .position(|b| {
            let class = HOST_BYTES[usize::from(b)];
            seen |= class;
            class == 0
        })
        .unwrap_or(rest.len());
    ends_plain_host(rest, end).then(|| (&rest[..end], seen & UPPER != 0))
}

/// Whether the run of host bytes `rest[..end]` (`rest` is what follows the scheme's `//`) is
/// the whole host: not empty, and ended by the input's end, a path, query or fragment.
pub(super) fn ends_plain_host(rest: &str, end: usize) -> bool {
    let terminated = matches!(
        rest.as_bytes().get(end),
        None | Some(b'/' | b'\\' | b'?' | b'#')
    );
    // An `@` before the path, query or fragment makes what came before it user info, even
    // past a `\` (`//x\@host/`: the `url` crate reads the host `host`). Only a host ended
    // by a `\` can have one after it: the other ends are the path's, query's, fragment's.
    let user_info = || {
        let tail = &rest.as_bytes()[end..];
        let authority_end = memchr::memchr3(b'/', b'?', b'#', tail).unwrap_or(tail.len());
        memchr::memchr(b'@', &tail[..authority_end]).is_some()
    };
    let backslash = rest.as_bytes().get(end) == Some(&b'\\');
    end > 0 && terminated && !(backslash && user_info())
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod scheme_tests {

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
        /// The plain `https://` and `http://` shortcut gives what the general reading gives,
        /// whatever follows the scheme (slashes, white space, nothing) and however it is cased.
        #[test]
        fn after_scheme_shortcut_reads_as_the_general_reading(
            head in proptest::sample::select(&[
                "https://", "http://", "HTTPS://", "https:", "http:/", "https:///", "http:\\\\",
                " https://", "//", "/", "httpx://", "https//", "",
            ][..]),
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "/", "\\", "a.example", "x", " ", "\t", "?", "#", "é", "@", ":", "//",
            ][..]), 0..5),
        ) {
            let url = format!("{head}{}", pieces.concat());
            proptest::prop_assert_eq!(super::after_scheme(&url), super::after_scheme_read(&url), "{:?}", url);
        }
    }
}
