//! Cheap screens that answer "certainly not" from the raw text of a URL, before any parsing.
//!
//! Each screen may let through URLs that turn out not to match (the full check then runs),
//! but never rejects one that would.

/// The text after `http://`, `https://` (ASCII case-insensitive) or `//` (with any further
/// leading `/`), once leading ASCII white space is skipped; `None` for any other URL.
///
/// Those are exactly the URLs [`parse_input`](super::decode::parse_input) may accept, so a
/// URL that gives `None` here is never unwrapped (by the built-in recognisers).
fn after_scheme(url: &str) -> Option<&str> {
    let s = url.trim_ascii_start();
    let b = s.as_bytes();
    if *b.first()? == b'/' {
        return s
            .strip_prefix("//")
            .map(|rest| rest.trim_start_matches('/'));
    }
    if !b.get(..4)?.eq_ignore_ascii_case(b"http") {
        return None;
    }
    let scheme_end = if b.get(4).is_some_and(|c| c | 0x20 == b's') {
        5
    } else {
        4
    };
    s.get(scheme_end..)?.strip_prefix("://")
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
const SAME_SITE_NAMES: &[&[u8]] = &[
    b"_next",
    b".netlify",
    b"_vercel",
    b"_gatsby",
    b"_ipx",
    b"cdn-cgi",
];

/// True when a root-relative URL (its text after the first `/`) names a same-site optimiser.
fn same_site_marks(bytes: &[u8]) -> bool {
    SAME_SITE_NAMES
        .iter()
        .any(|name| memchr::memmem::find(bytes, name).is_some())
}

/// True when the host of the URL (its text after the scheme) is, ASCII case-insensitively,
/// `cdn.statically.io` with an optional user info, port or trailing `.`, or holds a `%`
/// (decoded by the `url` crate): Statically's scheme-less `/img/<host>/<path>` leaves no other
/// mark.
fn statically_host(bytes: &[u8]) -> bool {
    const HOST: &[u8] = b"cdn.statically.io";
    let host = &bytes[..host_end(bytes)];
    let host = host
        .iter()
        .rposition(|&b| b == b'@')
        .map_or(host, |at| &host[at + 1..]);
    let host = match host.iter().rposition(|&b| b == b':') {
        Some(colon) if host[colon + 1..].iter().all(u8::is_ascii_digit) => &host[..colon],
        _ => host,
    };
    let host = host.strip_suffix(b".").unwrap_or(host);
    host.eq_ignore_ascii_case(HOST)
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

/// True when the `p` or `P` at `i` is the one of `.wp.com` (any case) not followed by a
/// letter or digit: a Photon host, whatever follows it (`/`, a port, `\`…).
fn photon_host_at(bytes: &[u8], i: usize) -> bool {
    // `w` first: the `p` of most URLs (`.jpg`, `.png`, `/uploads/`) fails there.
    i >= 2
        && bytes[i - 1] | 0x20 == b'w'
        && bytes[i - 2] == b'.'
        && bytes
            .get(i + 1..i + 5)
            .is_some_and(|com| com.eq_ignore_ascii_case(b".com"))
        && !bytes.get(i + 5).is_some_and(u8::is_ascii_alphanumeric)
}

/// True when the `R` at `i` belongs to base64 `aHR0c` (of `http`) whose letters may be
/// separated by runs of `/`: imgproxy lets the encoded source be split into segments
/// anywhere and reads them joined.
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
fn may_have_dot_segment(bytes: &[u8], escaped_dot: bool) -> bool {
    escaped_dot || memchr::memchr_iter(b'.', bytes).any(|i| i > 0 && is_slash(&bytes[i - 1]))
}

/// Where the host of the URL (its text after the scheme) ends: at the first `/` or `\`
/// after the ones the `url` crate skips there (or later, never earlier).
fn host_end(bytes: &[u8]) -> usize {
    let host_start = bytes.iter().position(|b| !is_slash(b)).unwrap_or(0);
    bytes[host_start..]
        .iter()
        .position(is_slash)
        .map_or(bytes.len(), |end| host_start + end)
}

/// False only when `url` cannot be a proxy URL of any built-in format (templates are not
/// screened).
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
/// - a Photon host: `.wp.com` (any case) not followed by a letter or digit, or any `%` in
///   the host;
/// - Nuxt IPX's `_ipx` segment (its source may be a plain path), or an `=` in a URL that
///   holds `cdn-cgi` (Cloudflare's options are `key=value`, its source may be a plain path);
/// - Statically's host `cdn.statically.io` (its source is scheme-less `host/path`), checked
///   once on the host text.
///
/// A root-relative URL (`/path`) is read only by the same-site optimisers, whose path names
/// (`_next`, `.netlify`, `_vercel`, `_gatsby`, `_ipx`, `cdn-cgi`) must appear in it
/// literally. Any other URL that is not `http(s)://…` or `//…` is never a proxy URL.
///
/// Each mark contains one of eight rare bytes: `p`/`P` (`http`, `.wp.com`, `_ipx`), `=`
/// (`url=`, the signature, Cloudflare options), `R` (`aHR0c`), `f`/`F` (`3a2f2f`, `unsafe`),
/// `%` (escapes), `,` (`,b64`). Three `memchr` passes find those bytes and only there is a
/// mark looked for, so most image and link URLs are answered in a few hundred instructions,
/// without allocating.
///
/// The one exception: a Photon or Statically host spelled with non-ASCII characters that
/// IDNA maps to ASCII (`ｉ０.ｗｐ.ｃｏｍ`) is not seen; finding it would mean scanning every host.
pub(crate) fn may_be_proxy(url: &str) -> bool {
    let Some(rest) = after_scheme(url) else {
        return root_relative(url).is_some_and(|rest| same_site_marks(rest.as_bytes()));
    };
    let b = rest.as_bytes();
    if statically_host(b) {
        return true;
    }
    let mut cdn_cgi = None;
    let plain_marks = memchr::memchr3_iter(b'p', b'P', b'=', b).any(|i| {
        if b[i] == b'=' {
            ends_ci(b, i, b"url")
                || ends_signature(b, i)
                || *cdn_cgi.get_or_insert_with(|| memchr::memmem::find(b, b"cdn-cgi").is_some())
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
    let rest = after_scheme(url)?;
    let end = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
        .unwrap_or(rest.len());
    let terminated = matches!(
        rest.as_bytes().get(end),
        None | Some(b'/' | b'\\' | b'?' | b'#')
    );
    (end > 0 && terminated).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::{may_be_proxy, plain_host};
    use crate::proxy::{decode, generic, known};
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine as _;

    /// True when a built-in recogniser or the generic fallback accepts `url` (one layer, with
    /// the safety gate): the screen must then let it through.
    fn recognised(url: &str) -> bool {
        let gate = |c: Option<String>| c.and_then(|c| decode::finalize(&c)).is_some();
        let trimmed = url.trim_ascii();
        if trimmed.starts_with('/') && !trimmed[1..].starts_with(['/', '\\']) {
            // Root-relative: only the same-site optimisers, as `Unwrapper::unwrap` does.
            let Some(parsed) = url::Url::parse("https://same-site.invalid/")
                .ok()
                .and_then(|base| base.join(trimmed).ok())
            else {
                return false;
            };
            let segs = known::segments(&parsed);
            return known::SAME_SITE
                .iter()
                .any(|recognise| gate(recognise(&parsed, &segs)));
        }
        let Some(parsed) = decode::parse_input(url) else {
            return false;
        };
        let segs = known::segments(&parsed);
        known::BUILT_INS
            .iter()
            .any(|(_, recognise)| gate(recognise(&parsed, &segs)))
            || gate(generic::generic(&parsed, &segs))
    }

    /// xorshift64: `next(n)` is in `0..n`.
    fn rng(mut state: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            usize::try_from(state % n as u64).unwrap_or(0)
        }
    }

    /// `text` with some bytes percent-escaped (hex in either case), and some of those `%`
    /// escaped again as `%25`, as pages and proxies write them.
    fn escape_some(text: &str, next: &mut impl FnMut(usize) -> usize) -> String {
        let mut out = String::new();
        for byte in text.bytes() {
            if next(3) == 0 {
                let escaped = match next(2) {
                    0 => format!("{byte:02x}"),
                    _ => format!("{byte:02X}"),
                };
                out.push_str(if next(4) == 0 { "%25" } else { "%" });
                out.push_str(&escaped);
            } else {
                out.push(char::from(byte));
            }
        }
        out
    }

    /// `text` cut into segments at random places by `/`, `//`, `\` or `/./`.
    fn split_some(text: &str, next: &mut impl FnMut(usize) -> usize) -> String {
        let mut out = String::new();
        for c in text.chars() {
            if next(5) == 0 {
                out.push_str(["/", "//", "\\", "/./"][next(4)]);
            }
            out.push(c);
        }
        out
    }

    /// One URL of a proxy format, its origin encoded the way the format does, with the
    /// variations the recognisers accept: escaped scheme letters, split base64, any case,
    /// `\` for `/`, ports, dot segments.
    fn proxy_shape(next: &mut impl FnMut(usize) -> usize) -> String {
        const ORIGINS: &[&str] = &[
            "https://example.com/a.png",
            "http://example.com/a.jpg",
            "HTTPS://Example.com/A.png",
            "hTtP://example.com/x?y=1",
        ];
        const ESCAPED: &[&str] = &[
            "https://x.workers.dev/?",
            "https://img.example/resize?src=",
            "https://corsproxy.io/?url=",
            "https://api.codetabs.com/v1/proxy?quest=",
            "https://demo.imgix.net/",
            "https://ci3.googleusercontent.com/proxy/AbC=s0#",
            "https://imgproxy.example/_/rs:fit:300:0/plain/",
            "https://proxy.example/",
            "https://thumbor.example/unsafe/300x200/",
            "https://res.cloudinary.com/demo/image/fetch/w_300/",
            "http://nimg.ws.126.net/?url=",
            "https://imageproxy.example/100x/",
            "https://substackcdn.com/image/fetch/$s_!AbC!,w_1456,c_limit/",
            "https://substackcdn.com/image/fetch/%24s_%21AbC%21,w_1456/",
            "https://shop.example/_next/image?url=",
            "https://site.example/.netlify/images?url=",
            "https://app.example/_vercel/image?url=",
            "https://site.example/_gatsby/image/a1/b2/c.jpg?u=",
            "https://external-content.duckduckgo.com/iu/?u=",
            "https://tse1.mm.bing.net/th?u=",
            "https://external.fsgn2-1.fna.fbcdn.net/safe_image.php?w=500&url=",
            "https://ci3.googleusercontent.com/meips/AbC=s0-d-e1-ft#",
            "https://example.com/cdn-cgi/image/width=80,quality=75/",
            "https://site.example/_ipx/w_200,f_webp/",
            "https://cdn.shortpixel.ai/spai/w_924+q_lossy/",
            "https://ml1.i.optimole.com/w:1024/q:mauto/",
            "https://img.example-cdn.net/w_300,q_80/",
        ];
        const BASE64: &[&str] = &[
            "https://imgproxy.example/AfrOrF3gWeDA6VOl/rs:fit:300:0/",
            "https://camo.example/vO2Oz3NhKx3qyRCt0aAqLZ5mfIk/",
            "https://www.inoreader.com/camo/syTLE,b64/",
            "https://reader.example/proxy/okK5PsdNY8F082UMQEAbLPeUFfbe2WnNfInNmR9T4WA=/",
            "https://imageproxy.example/x/",
        ];
        const HOSTS: &[&str] = &[
            "https://i0.wp.com/example.com/a.jpg",
            "https://thumbor.example/unsafe/example.com/a.jpg",
            "https://thumbor.example/oTZIsOOL0qjVnvsQm4Yo8gZp3PE=/example.com/a.jpg",
            "https://mirror.example/https/example.com/a.png",
            "https://wsrv.nl/?url=example.com/a.jpg",
            "https://cdn.statically.io/img/example.com/w=300/a.jpg",
            "https://cdn.statically.io/img/example.com/images/a.svg",
            "https://images-ext-1.discordapp.net/external/AbC/https/example.com/a.png",
            "https://media.discordapp.net/external/AbC/%3Fv%3D1/http/example.com/a.svg",
            "https://example.com/cdn-cgi/image/width=80/uploads/a.svg",
            "https://site.example/_ipx/_/images/a.svg",
            "https://shop.example/_next/image?url=%2Fimages%2Fa.png&w=64",
            "https://thumbor.example/unsafe/300x200/example.com/a.svg",
        ];
        const RELATIVE: &[&str] = &[
            "/_next/image?url=%2Fa.png&w=64&q=75",
            "/blog/_next/image?url=/a.svg&w=64",
            "/cdn-cgi/image/width=80/a.svg",
            "/cdn-cgi/image/w=80,f=auto/https://x.example/a.svg",
            "/_ipx/w_200/a.svg",
            "/_ipx/_/https://x.example/a.svg",
            "/.netlify/images?url=/a.svg&w=400",
            "/_vercel/image?url=%2Fa.svg&w=64",
            "/_gatsby/image/a/b/c.svg?u=https%3A%2F%2Fx.example%2Fa.svg",
        ];
        if next(6) == 0 {
            let url = RELATIVE[next(RELATIVE.len())];
            return match next(4) {
                0 => url.replacen('/', "/./", 2),
                1 => url.replacen('/', "/x/../", 1),
                2 => format!(" {}", url.replace('/', "\\").replacen('\\', "/", 1)),
                _ => url.to_owned(),
            };
        }
        let origin = ORIGINS[next(ORIGINS.len())];
        let url = match next(4) {
            0 => format!(
                "{}{}",
                ESCAPED[next(ESCAPED.len())],
                escape_some(origin, next)
            ),
            1 => {
                let encoded = URL_SAFE_NO_PAD.encode(origin);
                let encoded = match next(3) {
                    0 => split_some(&encoded, next),
                    1 => escape_some(&encoded, next),
                    _ => encoded,
                };
                format!("{}{encoded}", BASE64[next(BASE64.len())])
            }
            2 => {
                let hex: String = origin.bytes().map(|b| format!("{b:02x}")).collect();
                let hex = if next(2) == 0 {
                    hex.to_uppercase()
                } else {
                    hex
                };
                format!("https://camo.githubusercontent.com/0d2b0b6e/{hex}")
            }
            _ => HOSTS[next(HOSTS.len())].to_owned(),
        };
        // Whole-URL variations: host case and port, `\` for `/`, a dot segment.
        let (scheme, rest) = url.split_at(8);
        let (host, path) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
        let host = match next(4) {
            0 => host.to_uppercase(),
            1 => format!("{host}:8080"),
            2 => host.replacen('.', "%2E", 1),
            _ => host.to_owned(),
        };
        let path = match next(4) {
            0 => path.replace('/', "\\"),
            1 => path.replacen('/', "/./", 1),
            2 => path.replacen('/', "/x/../", 1),
            _ => path.to_owned(),
        };
        format!("{scheme}{host}{path}")
    }

    /// Whenever a recogniser accepts a URL, the screen lets it through: for proxy URLs of
    /// every format with their encodings varied, and for URLs made of mark pieces, broken
    /// pieces and filler.
    #[test]
    fn never_stricter_than_the_recognisers() {
        const PIECES: &[&str] = &[
            "http",
            "HtTp",
            "htt",
            "ttp",
            "%68",
            "%48",
            "%74",
            "%50",
            "%25",
            "%2e",
            "%3A",
            "%2F",
            "url=",
            "URL",
            "rl=",
            "aHR0c",
            "aH/R0c",
            "aHR0",
            "HR0c",
            "3a2f2f",
            "3A2F",
            ".wp.com/",
            ".WP.COM",
            "wp.com",
            "unsafe",
            "/unsafe/",
            ",b64/",
            "SFRUUDov",
            "=",
            "/",
            "//",
            "\\",
            "/./",
            "?",
            "#",
            ":",
            "a",
            "p",
            "R",
            "f",
            ".",
            "x",
            "example.com",
            "i0.wp.com",
            "okK5PsdNY8F082UMQEAbLPeUFfb",
            "_next/image?url=",
            "/.netlify/images?url=",
            "cdn-cgi/image/",
            "width=80",
            "w_200",
            "_ipx/",
            "_/",
            "cdn.statically.io/img/",
            "/external/h/",
            "https/",
            "%3Fa%3D1/",
            "meips/x#",
            "substackcdn.com/image/fetch/",
            "a.svg",
        ];
        let mut next = rng(0x2545_f491_4f6c_dd1d);
        let (mut recognised_count, mut failures) = (0, Vec::new());
        for round in 0..12_000 {
            let url = if round % 2 == 0 {
                proxy_shape(&mut next)
            } else {
                let mut url = ["https://", "HTTP://", "//", "/"][next(4)].to_owned();
                for _ in 0..next(9) {
                    url.push_str(PIECES[next(PIECES.len())]);
                }
                url
            };
            if recognised(&url) {
                recognised_count += 1;
                if !may_be_proxy(&url) {
                    failures.push(url);
                }
            }
        }
        assert!(
            failures.is_empty(),
            "screened out:\n{}",
            failures.join("\n")
        );
        assert!(
            recognised_count > 3_000,
            "only {recognised_count} recognised"
        );
    }

    #[test]
    fn plain_hosts() {
        assert_eq!(
            plain_host("https://Img.Example.com/a"),
            Some("Img.Example.com")
        );
        assert_eq!(plain_host(" //a.example?x"), Some("a.example"));
        assert_eq!(plain_host("http://a.example"), Some("a.example"));
        assert_eq!(plain_host("http://a.example\\x"), Some("a.example"));
        for other in [
            "http://a.example:8080/",
            "http://u@a.example/",
            "http://%61.example/",
            "http://a\texample/",
            "http://例子.cn/",
            "http:///a.example/",
            "http:a.example/",
            "/a.example/",
            "ftp://a.example/",
        ] {
            assert_eq!(plain_host(other), None, "{other}");
        }
    }

    #[test]
    fn marks() {
        for yes in [
            "https://x.example/?HTTP://a",
            "//x.example/a?URL=b",
            " https://x.example/aHR0cHM6",
            "https://x.example/687474703a2f2f",
            "https://x.example/485454503A2F2F",
            "https://x.example/aH/R0c",
            "https://x.example/?%68ttp",
            "https://x.example/?h%2574tp",
            "https://I0.WP.COM:8080/a.example/b.jpg",
            "https://i0.wp%2Ecom/a.example/b.jpg",
            "https://x.example\\unsafe\\a.jpg",
            "https://x.example/c/s,b64/SFRUUDov",
            "https://i0.wp.com/a.example/b.jpg",
            "https://x.example/unsafe/a.jpg",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=/x",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfb=",
            "///x.example/p?u=http%3A",
            "/_next/image?url=%2Fa.png&w=64",
            " /cdn-cgi/image/width=80/a.svg",
            "https://x.example/_ipx/_/a.svg",
            "https://x.example/cdn-cgi/image/width=80/a.svg",
            "https://x.example/cdn-cgi/./image/fit=cover/a.svg",
            "https://CDN.Statically.IO:443/img/a.example/b.svg",
            "https://u@cdn.statically.io./img/a.example/b.svg",
        ] {
            assert!(may_be_proxy(yes), "{yes}");
        }
        for no in [
            "https://cdn.example.com/images/a.jpg",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFf=/x",
            "https://x.example/okK5PsdNY8F082UMQEAbLPeUFfbx=/x",
            "https://x.example/a%20b.jpg?q=%E4%B8%AD",
            "https://x.example/aH/x/R0c",
            "https://s0.wp.community/a.jpg",
            "data:image/png;base64,aHR0cHM6",
            "/relative/http/a.jpg",
            "/images/a.svg?w=80",
            "//x.example/a.svg?w=80&h=60",
            "https://statically.io.example/img/a.example/b.svg",
            "ftp://x.example/?http://a",
            "",
        ] {
            assert!(!may_be_proxy(no), "{no}");
        }
    }
}
