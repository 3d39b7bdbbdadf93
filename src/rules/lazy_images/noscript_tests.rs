//! Tests of `noscript`, and the reference reading of a `<noscript>` of one image its early
//! stops are compared with.

use super::{is_new_image, Key, KeyMemo};
use crate::{Action, Element};

/// The decision of [`noscript_action_with`](super::noscript_action_with) for a `<noscript>` of one `<img>` (whose
/// attributes are `pairs`) as it was first written: every key beside it read, then the
/// image's own. The tests' reference for the early stops of
/// [`KeyMemo::shown_beside`](super::KeyMemo::shown_beside).
pub(super) fn single_as_before(
    el: &mut Element<'_>,
    extra: &[String],
    memo: &mut KeyMemo,
    pairs: &[(&str, &str)],
    src: Option<&str>,
    markup: &str,
) -> Action {
    let mut shown: Vec<Key> = Vec::new();
    memo.beside_keys(el, extra, &mut shown);
    let keys = memo.attr_keys(pairs);
    if !is_new_image(&keys, &shown, src) {
        return Action::Remove;
    }
    el.replace_with(el.parse_replacement(markup))
}

/// URLs that share keys, go through proxies, or are placeholders.
const URLS: &[&str] = &[
    "https://a.example/u/photo-1024x683.jpg",
    "https://a.example/u/photo.jpg",
    " https://a.example/u/photo@2x.jpg ",
    "https://a.example/g/4411/full.jpeg",
    "https://a.example/g/4412/full.jpeg",
    "/_next/image?url=%2Fu%2Fphoto.jpg&w=640&q=75",
    "https://i0.wp.com/a.example/u/photo.jpg?resize=300%2C200&ssl=1",
    "https://a.example/blank.gif",
    "https://a.example/u/spacer.gif",
    "https://a.example/u/lazy-placeholder.png",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "",
    "  ",
    "https://b.example/",
];

proptest::proptest! {
    /// One memo across the images of a `<noscript>` and its neighbours gives each image
    /// the keys that reading its URLs afresh gives, past the memo's size too, and one
    /// number per key string; so does a memo emptied and used again (its buffers kept).
    #[test]
    fn memo_keys_are_fresh_keys(
        images in proptest::collection::vec(
            proptest::collection::vec(
                (0..4usize, proptest::collection::vec(0..URLS.len() + 40, 1..4)),
                0..4,
            ),
            0..12,
        )
    ) {
        let url = |i: usize| match URLS.get(i) {
            Some(u) => (*u).to_string(),
            None => format!("https://c.example/p/{i}.jpg"),
        };
        let mut shared = KeyMemo::default();
        // Emptied before each image, as for each `<noscript>`: its buffers hold the keys
        // of the images before.
        let mut reused = KeyMemo::default();
        for attrs in &images {
            let owned: Vec<(&str, String)> = attrs
                .iter()
                .map(|(k, urls)| {
                    let name = ["src", "srcset", "data-src", "data-srcset"][*k];
                    let value = if name.contains("srcset") {
                        urls.iter()
                            .enumerate()
                            .map(|(w, &u)| format!("{} {}w", url(u), 100 * (w + 1)))
                            .collect::<Vec<_>>()
                            .join(", ")
                    } else {
                        url(urls[0])
                    };
                    (name, value)
                })
                .collect();
            let pairs: Vec<(&str, &str)> =
                owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let mut alone = KeyMemo::default();
            let fresh: Vec<String> = alone
                .attr_keys(&pairs)
                .into_iter()
                .map(|k| alone.key_str(k).to_string())
                .collect();
            let memo: Vec<String> = shared
                .attr_keys(&pairs)
                .into_iter()
                .map(|k| shared.key_str(k).to_string())
                .collect();
            proptest::prop_assert_eq!(&memo, &fresh, "{:?}", pairs);
            proptest::prop_assert!(shared.known.len() <= KeyMemo::SIZE);
            reused.clear();
            let again: Vec<String> = reused
                .attr_keys(&pairs)
                .into_iter()
                .map(|k| reused.key_str(k).to_string())
                .collect();
            proptest::prop_assert_eq!(again, fresh, "{:?}", pairs);
        }
        // Keys are compared as numbers: one number per key string.
        let mut strings = shared.keys[..shared.live].to_vec();
        strings.sort();
        strings.dedup();
        proptest::prop_assert_eq!(strings.len(), shared.live);
    }
}

/// Attribute values for [`single_noscript_as_before`]: pictures in several sizes and
/// through a proxy, placeholders, trackers, `srcset` lists naming one picture or two.
const NOSCRIPT_VALUES: &[&str] = &[
    "https://a.example/u/photo.jpg",
    "https://a.example/u/photo-1024x683.jpg",
    "https://a.example/u/other.jpg",
    "/_next/image?url=%2Fu%2Fphoto.jpg&w=640&q=75",
    "https://a.example/blank.gif",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "https://www.facebook.com/tr?id=1&ev=PageView",
    "https://a.example/u/other-300x200.jpg 300w, https://a.example/u/photo-1024x683.jpg 1024w",
    "https://a.example/u/photo-300x200.jpg 300w, https://a.example/u/photo.jpg 1024w",
    "https://a.example/u/other.jpg 1x, https://a.example/u/other@2x.jpg 2x",
    "/img/blank.gif 1x",
    "",
];

/// An `<img>` of these attributes (each name once).
fn img_of(attrs: &[(usize, usize)]) -> String {
    let mut out = String::from("<img");
    let mut seen = Vec::new();
    for &(k, v) in attrs {
        let name = ["src", "srcset", "data-src", "data-srcset", "alt"][k];
        if !seen.contains(&name) {
            seen.push(name);
            out.push_str(&format!(" {name}=\"{}\"", NOSCRIPT_VALUES[v]));
        }
    }
    out.push('>');
    out
}

fn attrs_strategy() -> impl proptest::strategy::Strategy<Value = Vec<(usize, usize)>> {
    proptest::collection::vec((0..5usize, 0..NOSCRIPT_VALUES.len()), 0..4)
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(1024))]
    /// A `<noscript>` of one image is decided as it was when every key beside it was
    /// read first: with an image, a wrapped image, a `<picture>` or nothing before and
    /// after it.
    #[test]
    fn single_noscript_as_before(
        before in attrs_strategy(),
        own in attrs_strategy(),
        after in attrs_strategy(),
        shape_before in 0..4usize,
        shape_after in 0..4usize,
    ) {
        let wrap = |img: String, shape: usize| match shape {
            0 => img,
            1 => format!("<figure>{img}</figure>"),
            2 => format!("<picture><source srcset=\"https://a.example/u/photo.webp\">{img}</picture>"),
            _ => "<span>text</span>".to_string(),
        };
        let html = format!(
            "<p>{}<noscript>{}</noscript>{}</p>",
            wrap(img_of(&before), shape_before),
            img_of(&own),
            wrap(img_of(&after), shape_after),
        );
        let clean = |general: bool| {
            super::super::image::GENERAL_ONLY.with(|g| g.set(general));
            let out = crate::Cleaner::default().clean(&html).html().to_string();
            super::super::image::GENERAL_ONLY.with(|g| g.set(false));
            out
        };
        proptest::prop_assert_eq!(clean(false), clean(true), "{}", html);
    }
}

/// [`KeyMemo::attr_keys`] as it was written before [`super::key_urls`]: the attributes
/// read in a loop.
fn attr_keys_by_loop(memo: &mut KeyMemo, attrs: &[(&str, &str)]) -> Vec<super::Key> {
    let mut keys = Vec::with_capacity(4);
    for &(k, v) in attrs {
        if super::names_srcset(k) {
            for c in crate::srcset::iter(v) {
                memo.push_key(c.url, &mut keys);
            }
        } else if k == "src" || (k.starts_with("data-") && (v.contains('/') || v.contains('.'))) {
            memo.push_key(v, &mut keys);
        }
    }
    keys
}

proptest::proptest! {
    /// Read through `key_urls`, an image's keys are those the loop over its attributes
    /// read.
    #[test]
    fn key_urls_as_loop(
        attrs in proptest::collection::vec(
            (
                proptest::sample::select(&["src", "srcset", "data-src", "data-srcset", "data-x", "alt", "data-lazy-srcset"][..]),
                proptest::sample::select(NOSCRIPT_VALUES),
            ),
            0..5,
        )
    ) {
        let mut a = KeyMemo::default();
        let mut b = KeyMemo::default();
        let new: Vec<String> = a.attr_keys(&attrs).into_iter().map(|k| a.key_str(k).to_string()).collect();
        let old: Vec<String> = attr_keys_by_loop(&mut b, &attrs).into_iter().map(|k| b.key_str(k).to_string()).collect();
        proptest::prop_assert_eq!(new, old, "{:?}", attrs);
    }
}

proptest::proptest! {
    /// Read up to the first key wanted, an image's keys meet the wanted ones exactly when
    /// all its keys do (a memo shared with the image the wanted keys come from).
    #[test]
    fn keys_meet_as_all_keys(own in attrs_strategy(), other in attrs_strategy()) {
        let owned = |attrs: &[(usize, usize)]| -> Vec<(&'static str, &'static str)> {
            attrs
                .iter()
                .map(|&(k, v)| (["src", "srcset", "data-src", "data-srcset", "alt"][k], NOSCRIPT_VALUES[v]))
                .collect()
        };
        let (own, other) = (owned(&own), owned(&other));
        let mut memo = KeyMemo::default();
        let wanted = memo.attr_keys(&own);
        let mut whole = KeyMemo::default();
        let wanted_whole = whole.attr_keys(&own);
        let all = whole.attr_keys(&other).iter().any(|k| wanted_whole.contains(k));
        proptest::prop_assert_eq!(memo.attr_keys_meet(&other, &wanted), all, "{:?} {:?}", own, other);
        // Read in turn: they meet as all their keys do, and when they do not, every key
        // of the first is read.
        let mut turns = KeyMemo::default();
        let mut own_urls = super::key_urls(&own);
        let mut own_keys = Vec::new();
        let met = turns.keys_meet(&mut own_urls, &mut own_keys, &other);
        proptest::prop_assert_eq!(met, all, "{:?} {:?}", own, other);
        if !met {
            let read: Vec<&str> = own_keys.iter().map(|&k| turns.key_str(k)).collect();
            let expected: Vec<&str> = wanted_whole.iter().map(|&k| whole.key_str(k)).collect();
            proptest::prop_assert_eq!(read, expected, "{:?}", own);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
    /// `names_srcset` is `contains("srcset")`, on names made of its pieces.
    #[test]
    fn names_srcset_as_contains(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "src", "set", "srcset", "s", "rcset", "data-", "-", "lazy", "é", "SRCSET", "",
        ][..]), 0..6)
    ) {
        let k = pieces.concat();
        proptest::prop_assert_eq!(super::names_srcset(&k), k.contains("srcset"), "{:?}", k);
    }
}

/// [`super::picture_key`] as it was written first, with `str` searches: the reference
/// the byte reading is checked against.
fn picture_key_by_str(url: &str) -> String {
    let stem = file_key_by_str(url);
    let generic = super::GENERIC_STEMS.contains(&stem.as_str())
        || stem.bytes().all(|b| b.is_ascii_digit() || b == b'x');
    if !generic {
        return stem;
    }
    // The folder part did not change: the oracle shares it.
    super::with_folder(url, stem)
}

fn file_key_by_str(url: &str) -> String {
    let name = super::file_name(url);
    let mut stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    for suffix in ["-scaled", "@2x", "@3x", "@1x"] {
        if let Some(at) = stem.len().checked_sub(suffix.len()) {
            if stem.is_char_boundary(at) && stem[at..].eq_ignore_ascii_case(suffix) {
                stem = &stem[..at];
            }
        }
    }
    if let Some(pos) = stem.rfind(['-', '_']) {
        let tail = &stem[pos + 1..];
        let dims = tail.split_once(['x', 'X']).is_some_and(|(w, h)| {
            !w.is_empty()
                && !h.is_empty()
                && (w.bytes().chain(h.bytes())).all(|b| b.is_ascii_digit())
        });
        if dims && pos > 0 {
            stem = &stem[..pos];
        }
    }
    stem.to_ascii_lowercase()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(8192))]
    /// `picture_key` reads bytes as the `str` searches it replaces did, on URLs made of
    /// the pieces its cuts look for.
    #[test]
    fn picture_key_as_by_str(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "https://a.example", "/", "//", "g", "4411", "full", "FULL", "Original", "img",
            "photo", "été", "中", ".", ".jpg", ".JPEG", "-", "_", "x", "X", "1024", "683",
            "-scaled", "-SCALED", "@2x", "@2X", "@3x", "@1x", "@", "?", "#", "a=1", ":",
            "-1024x683", "_800X600", "x1", "1x", "-x", "é-1x2", "",
        ][..]), 0..10)
    ) {
        let url = pieces.concat();
        proptest::prop_assert_eq!(super::picture_key(&url), picture_key_by_str(&url), "{:?}", url);
    }
}

#[test]
fn nested_markup_is_read_whole() {
    let captioned = r#"<div><img src="https://a.example/1.jpg"><p>A caption</p></div>"#;
    assert!(super::single_image(captioned).is_none());
    let gallery = r#"<div><figure><a href="x"><img src="https://a.example/1.jpg"></a></figure><figure><a href="y"><img src="https://a.example/2.jpg"></a></figure></div>"#;
    let roots = crate::NodeRef::parse_fragment(gallery);
    assert_eq!(super::all_images(&roots).len(), 2);
}

#[test]
fn generic_stems_have_generic_lengths() {
    for stem in super::GENERIC_STEMS {
        assert!(super::GENERIC_LENGTHS.contains(&stem.len()), "{stem}");
    }
}

#[test]
fn picture_keys() {
    let k = super::picture_key;
    assert_eq!(k("https://a.example/u/photo-1024x683.jpg?x=1"), "photo");
    assert_eq!(k("//a.example/u/photo.jpg"), "photo");
    assert_eq!(k("/u/photo@2x.png"), "photo");
    assert_ne!(k("/u/photo_a.jpg"), k("/u/photo_b.jpg"));
    // Any case.
    assert_eq!(k("/u/Photo-SCALED.JPG"), "photo");
    assert_eq!(k("/u/Photo@2X.png"), "photo");
    assert_eq!(k("/u/Photo_800X600.webp"), "photo");
    assert_eq!(k("/u/été-1024x683.jpg"), "été");
    assert_eq!(k("/u/-800x600.jpg"), "-800x600");
    // A generic name is told by its folder.
    assert_eq!(k("https://a.example/g/4411/full.jpeg#x"), "4411/full");
    assert_ne!(k("/g/4411/full.jpeg"), k("/g/4412/full.jpeg"));
    assert_eq!(k("/g/4411/Original-1024x683.png"), "4411/original");
    assert_eq!(k("full.jpg"), "full");
}
