//! The host screen before [`recognise`](super::providers::recognise) parses a URL: a URL
//! that spells no provider's host nor name is no embed, and most image URLs are told so
//! without being parsed (parsing one costs thousands of instructions; the screen one pass).
//!
//! Never stricter than the parse: every way the URL parser can make a provider's host out
//! of bytes that do not spell it (percent-decoding, IDNA mapping of non-ASCII, tabs and
//! line breaks removed from inside) starts with a byte the screen lets through unread. The
//! rest of the parse only lower-cases, cuts and copies bytes: a host it finds is in the text,
//! in some ASCII case, and so is a provider named in a parameter.

use super::providers::{NAMED, PROVIDERS};
use std::sync::LazyLock;

/// What every embed URL holds: a provider's host, or a provider's name.
struct Screen {
    /// For each needle, the bit [`slot`] of its first four bytes, folded.
    starts: [u64; 64],
    /// The needles, folded (see [`fold`]).
    needles: Vec<Vec<u8>>,
    /// A needle is shorter than four bytes: every URL is let through.
    open: bool,
}

/// An ASCII letter in lower case, and any byte so that two bytes equal in ASCII case
/// fold to one (other bytes may fold together too: the screen only lets more through).
fn fold(b: u8) -> u8 {
    b | 0x20
}

/// Four bytes folded, as one number.
fn fold4(b: &[u8; 4]) -> u32 {
    u32::from_le_bytes(*b) | 0x2020_2020
}

/// Where a folded four-byte window goes in [`Screen::starts`] (12 bits).
fn slot(w: u32) -> usize {
    (w.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

static SCREEN: LazyLock<Screen> = LazyLock::new(|| {
    let names = PROVIDERS
        .iter()
        .flat_map(|p| p.hosts.iter().copied())
        .chain(NAMED.iter().map(|(name, _)| *name));
    let mut screen = Screen {
        starts: [0; 64],
        needles: Vec::new(),
        open: false,
    };
    for name in names {
        let folded: Vec<u8> = name.bytes().map(fold).collect();
        match folded.first_chunk::<4>() {
            Some(first) => {
                let s = slot(fold4(first));
                screen.starts[s / 64] |= 1 << (s % 64);
            }
            None => screen.open = true,
        }
        screen.needles.push(folded);
    }
    screen
});

/// Whether `url` may be a known provider's embed (`false`: it is none, `recognise` with no
/// base finds nothing).
pub(super) fn may_be_embed(url: &str) -> bool {
    let b = url.as_bytes();
    // What the parser decodes, maps or removes could spell a host not written here.
    if !b.is_ascii()
        || memchr::memchr3(b'%', b'\t', b'\n', b).is_some()
        || memchr::memchr(b'\r', b).is_some()
    {
        return true;
    }
    let screen = &*SCREEN;
    if screen.open {
        return true;
    }
    let spelled_at = |i: usize| {
        screen.needles.iter().any(|n| {
            b.get(i..i + n.len())
                .is_some_and(|w| w.iter().zip(n).all(|(&c, &n)| fold(c) == n))
        })
    };
    (0..b.len().saturating_sub(3)).any(|i| {
        let Some(w) = b.get(i..).and_then(<[u8]>::first_chunk::<4>) else {
            return false;
        };
        let s = slot(fold4(w));
        screen.starts[s / 64] >> (s % 64) & 1 != 0 && spelled_at(i)
    })
}

#[cfg(test)]
mod tests {
    use super::super::providers::recognise;
    use super::may_be_embed;
    use proptest::prelude::*;

    /// URLs made of providers' hosts and names, ids, wrappers, archives, and what the
    /// parser decodes or removes, in any ASCII case.
    fn url() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "https://",
            "http://",
            "//",
            "https:/",
            "www.",
            "m.",
            "player.",
            "youtube.com",
            "youtu.be",
            "youtube-nocookie.com",
            "vimeo.com",
            "x.com",
            "twitter.com",
            "instagram.com",
            "tiktok.com",
            "open.spotify.com",
            "v.qq.com",
            "ted.com",
            "gist.github.com",
            "codepen.io",
            "dailymotion.com",
            "/embed/",
            "/video/",
            "/watch?v=",
            "/status/",
            "/p/",
            "/talks/",
            "dQw4w9WgXcQ",
            "123456789",
            "x2yz3ab",
            "?url=",
            "&id=",
            "?id=",
            "youtube-video-",
            "vimeo:",
            "dailymotion_",
            "youtube",
            "vimeo",
            "/web/20220721150811if_/",
            "%2F",
            "%3A",
            "%79",
            "%2e",
            "\t",
            "\n",
            "\r",
            "\u{ff59}",
            "\u{3002}",
            "é",
            "+",
            ".",
            "/",
            "?",
            "#",
            "=",
            "&",
            "a",
            "b.example",
            "cdn.example",
            "/img/photo.jpg",
            "..",
            "@",
            ":443",
            "\\",
            " ",
            "-",
            "_",
        ]);
        (prop::collection::vec(piece, 0..10), any::<u64>()).prop_map(|(pieces, case)| {
            // Upper-case some letters, by the bits of `case`.
            pieces
                .concat()
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if case >> (i % 64) & 1 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// The screen never turns away a URL the parse recognises.
        #[test]
        fn never_stricter_than_the_parse(url in url()) {
            if recognise(&url, None).is_some() {
                prop_assert!(may_be_embed(&url), "{url:?}");
            }
        }
    }

    /// Every provider's host and name gets through in any case; ordinary image URLs, and
    /// ones with a provider's name cut, do not.
    #[test]
    fn screens_out_what_names_no_provider() {
        for yes in [
            "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "HTTPS://YOUTU.BE/dQw4w9WgXcQ",
            "//player.vimeo.com/video/123456",
            "/embed?id=youtube-video-dQw4w9WgXcQ",
            "https://a.example/?u=https%3A%2F%2Fyoutube.com",
            "https://you\ttube.com/embed/x",
            "https://ｙoutube.com/embed/x",
            "https://www.dailymotion.com/embed/video/x7tgad0",
            "https://x.com/a/status/1",
        ] {
            assert!(may_be_embed(yes), "{yes:?}");
        }
        for no in [
            "",
            "a",
            "https://cdn.example.com/wp-content/uploads/2023/01/photo-1024x768.jpg",
            "https://you-tube.example/embed/dQw4w9WgXcQ",
            "https://vime.o.com/video/1",
            "/img/a.png?w=300&h=200",
        ] {
            assert!(!may_be_embed(no), "{no:?}");
        }
    }
}
