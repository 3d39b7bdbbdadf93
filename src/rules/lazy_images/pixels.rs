//! The pixel size of an inline raster image (`data:image/png;base64,…`), read from its
//! header: a 20×13 JPEG stretched over a 1200-pixel box is a blurred preview, not a picture.

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

    /// What each parser of a stated number of pixels answers: `promote::num` (a dimension
    /// attribute), `template::pixels` (a template's size), `link_target::pixels` (a
    /// lightbox link's size), `preview::declared_width` (an inline preview's width).
    #[rustfmt::skip]
    const STATED: &[(&str, [Option<u32>; 4])] = &[
        ("640", [Some(640), Some(640), Some(640), Some(640)]),
        (" 640px ", [Some(640), Some(640), None, Some(640)]),
        ("640px", [Some(640), Some(640), None, Some(640)]),
        ("\t640\n", [Some(640), Some(640), Some(640), Some(640)]),
        ("\u{a0}640\u{3000}", [Some(640), Some(640), Some(640), Some(640)]),
        ("640PX", [None, None, None, None]),
        ("640Px", [None, None, None, None]),
        ("640.5", [None, None, None, None]),
        ("640.0", [None, None, None, None]),
        ("0", [None, None, None, Some(0)]),
        ("0px", [None, None, None, Some(0)]),
        ("000", [None, None, None, Some(0)]),
        ("+5", [None, Some(5), Some(5), Some(5)]),
        ("+", [None, None, None, None]),
        ("-5", [None, None, None, None]),
        ("-0", [None, None, None, None]),
        ("1e3", [None, None, None, None]),
        ("100%", [None, None, None, None]),
        ("\u{ff10}\u{ff10}", [None, None, None, None]),
        ("\u{ff16}\u{ff14}\u{ff10}", [None, None, None, None]),
        ("640 px", [None, None, None, None]),
        ("64 0", [None, None, None, None]),
        ("640pxpx", [Some(640), None, None, Some(640)]),
        ("640xp", [None, None, None, None]),
        ("px640", [None, None, None, None]),
        ("", [None, None, None, None]),
        ("   ", [None, None, None, None]),
        ("px", [None, None, None, None]),
        ("auto", [None, None, None, None]),
        ("007", [Some(7), Some(7), Some(7), Some(7)]),
        ("000640", [Some(640), Some(640), Some(640), Some(640)]),
        ("0000640", [None, Some(640), Some(640), Some(640)]),
        ("0000000000000000000000640", [None, Some(640), Some(640), Some(640)]),
        ("1", [Some(1), Some(1), Some(1), Some(1)]),
        ("10000", [Some(10_000), Some(10_000), Some(10_000), Some(10_000)]),
        ("10001", [Some(10_001), None, Some(10_001), Some(10_001)]),
        ("100000", [Some(100_000), None, Some(100_000), Some(100_000)]),
        ("100001", [Some(100_001), None, None, Some(100_001)]),
        ("999999", [Some(999_999), None, None, Some(999_999)]),
        ("1000000", [None, None, None, Some(1_000_000)]),
        ("1234567", [None, None, None, Some(1_234_567)]),
        ("4294967295", [None, None, None, Some(u32::MAX)]),
        ("4294967296", [None, None, None, None]),
        ("99999999999999999999", [None, None, None, None]),
    ];

    #[test]
    fn stated_pixels() {
        for &(v, [num, template, link, preview]) in STATED {
            assert_eq!(super::super::promote::num(Some(v)), num, "num {v:?}");
            assert_eq!(
                super::super::template::pixels(v),
                template,
                "template {v:?}"
            );
            assert_eq!(super::super::link_target::pixels(v), link, "link {v:?}");
            assert_eq!(
                super::super::preview::declared_width(v),
                preview,
                "preview {v:?}"
            );
        }
    }
}
