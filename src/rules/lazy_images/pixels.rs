//! Pixel sizes: the number of pixels an attribute states (`640`, `640px`), and the size of
//! an inline raster image (`data:image/png;base64,…`) read from its header: a 20×13 JPEG
//! stretched over a 1200-pixel box is a blurred preview, not a picture.

use super::trim::Trimmed;

/// The number of pixels `v` states, from 1 to `max`: ASCII digits (leading zeros allowed),
/// then at most one `px` in any case, with white space around (`640`, ` 640px `, `640PX`).
/// Anything else is no number of pixels: a sign (`+5`: the HTML rules for dimension values,
/// which a browser reads an image's `width` with, fail on it), a fraction (`640.5`), an
/// exponent, a percentage, other units, full-width digits, a space before `px`.
///
/// The one parser of a stated size in `lazy_images`; each caller gives its own bound.
pub(super) fn pixels(v: &str, max: u32) -> Option<u32> {
    let v = v.trimmed();
    let digits = match v.len().checked_sub(2) {
        Some(end) if v.as_bytes()[end..].eq_ignore_ascii_case(b"px") => &v[..end],
        _ => v,
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: u32 = 0;
    for b in digits.bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(digit))?;
    }
    (1..=max).contains(&n).then_some(n)
}

/// Width and height of a PNG, GIF, JPEG or WebP image from its bytes, or `None` when the
/// header is not one of those or is cut short.
pub(crate) fn raster_size(b: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u32::from(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?])));
    let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?])));
    let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF8") {
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return webp_size(b);
    }
    if b.starts_with(&[0xff, 0xd8]) {
        // JPEG: walk the segments to the first start-of-frame marker.
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xff {
                i += 1;
                continue;
            }
            let marker = b[i + 1];
            if matches!(marker, 0xc0..=0xc3 | 0xc5..=0xc7 | 0xc9..=0xcb | 0xcd..=0xcf) {
                return Some((be16(i + 7)?, be16(i + 5)?));
            }
            if marker == 0xd8 || marker == 0x01 || (0xd0..=0xd7).contains(&marker) {
                i += 2;
                continue;
            }
            i += 2 + usize::try_from(be16(i + 2)?).ok()?;
        }
    }
    None
}

fn webp_size(b: &[u8]) -> Option<(u32, u32)> {
    let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?])));
    let le24 = |i: usize| {
        Some(
            u32::from(*b.get(i)?)
                | u32::from(*b.get(i + 1)?) << 8
                | u32::from(*b.get(i + 2)?) << 16,
        )
    };
    match b.get(12..16)? {
        b"VP8 " => Some((le16(26)? & 0x3fff, le16(28)? & 0x3fff)),
        b"VP8L" => {
            let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
            Some(((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1))
        }
        b"VP8X" => Some((le24(24)? + 1, le24(27)? + 1)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::raster_size;
    use base64::Engine;

    fn b64(s: &str) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD.decode(s).unwrap()
    }

    #[test]
    fn headers() {
        // 10×7 PNG, 1×1 GIF.
        let png = b64("iVBORw0KGgoAAAANSUhEUgAAAAoAAAAHCAYAAAAxrNxjAAAAHklEQVQYV2NkYGD4z8DAwMgABXAGNgGwSgwVIBsMAEIrAwL9yDc5AAAAAElFTkSuQmCC");
        assert_eq!(raster_size(&png), Some((10, 7)));
        let gif = b64("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
        assert_eq!(raster_size(&gif), Some((1, 1)));
        // A JPEG header with a 20×13 frame.
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0];
        jpeg.extend([0xff, 0xc0, 0, 11, 8, 0, 13, 0, 20, 3, 1, 0x22, 0]);
        assert_eq!(raster_size(&jpeg), Some((20, 13)));
        assert_eq!(raster_size(b"<svg/>"), None);
        assert_eq!(raster_size(&[0xff, 0xd8, 0xff]), None);
    }

    /// The bounds of the four callers of [`super::pixels`]: a dimension attribute
    /// (`promote`), a template's size (`template`), a lightbox link's size (`link_target`),
    /// an inline preview's declared width (`preview`).
    const MAX: [u32; 4] = [999_999, 10_000, 100_000, u32::MAX];

    /// What each caller gets. The cells marked `was` are the values whose answer changed
    /// when the four parsers of their own became one: a sign is refused, one `px` in any
    /// case is read everywhere, leading zeros never count against a length, `0` is refused.
    #[rustfmt::skip]
    const STATED: &[(&str, [Option<u32>; 4])] = &[
        ("640", [Some(640), Some(640), Some(640), Some(640)]),
        // was: link_target None.
        (" 640px ", [Some(640), Some(640), Some(640), Some(640)]),
        ("640px", [Some(640), Some(640), Some(640), Some(640)]),
        ("\t640\n", [Some(640), Some(640), Some(640), Some(640)]),
        ("\u{a0}640\u{3000}", [Some(640), Some(640), Some(640), Some(640)]),
        // was: None everywhere.
        ("640PX", [Some(640), Some(640), Some(640), Some(640)]),
        ("640Px", [Some(640), Some(640), Some(640), Some(640)]),
        ("640.5", [None, None, None, None]),
        ("640.0", [None, None, None, None]),
        // was: preview Some(0) (which it never used: no width of 0 is 4 times another).
        ("0", [None, None, None, None]),
        ("0px", [None, None, None, None]),
        ("000", [None, None, None, None]),
        // was: template, link_target, preview Some(5).
        ("+5", [None, None, None, None]),
        ("+", [None, None, None, None]),
        ("-5", [None, None, None, None]),
        ("-0", [None, None, None, None]),
        ("1e3", [None, None, None, None]),
        ("100%", [None, None, None, None]),
        ("\u{ff10}\u{ff10}", [None, None, None, None]),
        ("\u{ff16}\u{ff14}\u{ff10}", [None, None, None, None]),
        ("640 px", [None, None, None, None]),
        ("64 0", [None, None, None, None]),
        // was: promote, preview Some(640).
        ("640pxpx", [None, None, None, None]),
        ("640xp", [None, None, None, None]),
        ("px640", [None, None, None, None]),
        ("", [None, None, None, None]),
        ("   ", [None, None, None, None]),
        ("px", [None, None, None, None]),
        ("PX", [None, None, None, None]),
        ("é", [None, None, None, None]),
        ("6é", [None, None, None, None]),
        ("auto", [None, None, None, None]),
        ("007", [Some(7), Some(7), Some(7), Some(7)]),
        ("000640", [Some(640), Some(640), Some(640), Some(640)]),
        // was: promote None.
        ("0000640", [Some(640), Some(640), Some(640), Some(640)]),
        ("0000000000000000000000640", [Some(640), Some(640), Some(640), Some(640)]),
        ("1", [Some(1), Some(1), Some(1), Some(1)]),
        ("10000", [Some(10_000), Some(10_000), Some(10_000), Some(10_000)]),
        ("10001", [Some(10_001), None, Some(10_001), Some(10_001)]),
        ("100000", [Some(100_000), None, Some(100_000), Some(100_000)]),
        ("100001", [Some(100_001), None, None, Some(100_001)]),
        ("999999", [Some(999_999), None, None, Some(999_999)]),
        ("1000000", [None, None, None, Some(1_000_000)]),
        ("1234567", [None, None, None, Some(1_234_567)]),
        ("4294967295", [None, None, None, Some(u32::MAX)]),
        ("4294967295px", [None, None, None, Some(u32::MAX)]),
        ("4294967296", [None, None, None, None]),
        ("99999999999999999999", [None, None, None, None]),
    ];

    #[test]
    fn stated_pixels() {
        for &(v, expected) in STATED {
            for (max, expected) in MAX.into_iter().zip(expected) {
                assert_eq!(super::pixels(v, max), expected, "{v:?} up to {max}");
            }
        }
    }

    /// The four parsers [`super::pixels`] replaced, as they were.
    fn old(v: &str, caller: usize) -> Option<u32> {
        match caller {
            0 => Some(v.trim().trim_end_matches("px"))
                .filter(|v| !v.is_empty() && v.len() <= 6 && v.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|v| v.parse::<u32>().ok())
                .filter(|&n| n > 0),
            1 => {
                let v = v.trim();
                let v = v.strip_suffix("px").unwrap_or(v);
                v.parse().ok().filter(|n| (1..=10_000).contains(n))
            }
            2 => v.trim().parse().ok().filter(|n| (1..=100_000).contains(n)),
            _ => v.trim().trim_end_matches("px").parse::<u32>().ok(),
        }
    }

    /// Whether `v` is of a kind whose answer was meant to change at `caller` (the cells
    /// marked `was` in [`STATED`]).
    fn meant_to_change(v: &str, caller: usize) -> bool {
        let t = v.trim();
        let digits = t.trim_end_matches(['p', 'x', 'P', 'X']);
        t.contains('+')
            || t.contains(['P', 'X'])
            || t.ends_with("pxpx")
            || (caller == 0 && digits.len() > 6 && digits.starts_with('0'))
            || (caller == 2 && t.ends_with("px"))
            || (caller == 3 && old(v, 3) == Some(0))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 20_000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// On values made of digits, signs, `px` in both cases, dots, white space and a few
        /// other characters, the one parser answers as each old one, but where the answer
        /// was meant to change.
        #[test]
        fn answers_as_the_old_parsers(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "0", "1", "6", "9", "00", "640", "99999", "100000", "4294967296", "px", "PX",
                "pX", "p", "x", "+", "-", ".", "%", "e", " ", "\t", "\u{a0}", "\u{ff10}", "é",
            ]), 0..7),
        ) {
            let v: String = parts.concat();
            for (caller, max) in MAX.into_iter().enumerate() {
                if !meant_to_change(&v, caller) {
                    proptest::prop_assert_eq!(
                        super::pixels(&v, max),
                        old(&v, caller),
                        "{:?} at caller {}",
                        v,
                        caller
                    );
                }
            }
        }
    }
}
