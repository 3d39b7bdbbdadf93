use super::{src_state, srcset_is_stand_in, Src};
use crate::rules::lazy_images::candidates::{first_shown_candidate, srcset_is_placeholder};

/// [`srcset_is_stand_in`] as it was before it was told which candidate shows: every
/// candidate's whole [`src_state`].
fn srcset_is_stand_in_alone(srcset: &str) -> bool {
    crate::srcset::all_of(srcset, |c| src_state(Some(c.url)) != Src::Real)
}

/// URLs of every kind `src_state` and the placeholder test tell apart.
const URLS: &[&str] = &[
    "https://a.example/u/photo.jpg",
    "https://a.example/u/photo-150x150.jpg",
    "https://a.example/u/photo.jpg?w=20",
    "https://a.example/u/lazy-placeholder.png",
    "https://a.example/u/placeholder.jpg",
    "https://a.example/u/img_default.png",
    "https://a.example/u/fallback.svg",
    "https://a.example/blank.gif",
    "https://a.example/u/spacer.gif",
    "data:image/gif;base64,R0lGODlhAQABAAAAACw=",
    "data:image/png;base64,iVBORw0KGgo=",
    "{{ site.baseurl }}/a.jpg",
    "https://a.example/u/a_{width}x.jpg",
    "https://a.example/u/a.jpg?w={width}",
    "/u/tiny-photo.jpg",
    "/u/photo_lqip.jpg",
    "photo.jpg",
    "about:blank",
    "javascript:x",
    "#",
    "x",
    "https://a.example/u/photo.jpg\u{a0}",
    "\u{a0}https://a.example/u/blank.gif",
];

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
    /// Told the candidate `first_shown_candidate` gives, the stand-in test answers as it does
    /// alone; and that candidate is there exactly when the `srcset` is no placeholder.
    #[test]
    fn stand_in_told_the_shown_candidate(
        candidates in proptest::collection::vec(
            (0..URLS.len(), proptest::sample::select(&["", " 1x", " 2x", " 640w", " 100w"][..])),
            0..5,
        ),
        sep in proptest::sample::select(&[", ", ",", " , "][..]),
    ) {
        let srcset = candidates
            .iter()
            .map(|&(u, d)| format!("{}{d}", URLS[u]))
            .collect::<Vec<_>>()
            .join(sep);
        let shown = first_shown_candidate(&srcset);
        proptest::prop_assert_eq!(shown.is_none(), srcset_is_placeholder_alone(&srcset), "{:?}", srcset);
        proptest::prop_assert_eq!(srcset_is_placeholder(&srcset), shown.is_none());
        let want = srcset_is_stand_in_alone(&srcset);
        proptest::prop_assert_eq!(srcset_is_stand_in(&srcset, shown), want, "{:?}", srcset);
        proptest::prop_assert_eq!(srcset_is_stand_in(&srcset, None), want, "{:?}", srcset);
    }
}

/// `srcset_is_placeholder` as it was written before `first_shown_candidate`.
fn srcset_is_placeholder_alone(srcset: &str) -> bool {
    use crate::rules::lazy_images::placeholder::{file_name, is_placeholder};
    use crate::rules::lazy_images::stand_in_file::is_stand_in_file;
    crate::srcset::parse(srcset).iter().all(|c| {
        is_placeholder(c.url)
            || !crate::rules::lazy_images::candidates::is_url_like(c.url)
            || is_stand_in_file(file_name(c.url))
    })
}

proptest::proptest! {
    /// One search of the whole `class` value answers as a look at each word: `lazy` in any
    /// case anywhere in a word, `ls-is-cached` only as a whole word.
    #[test]
    fn lazy_word_as_each_word(
        words in proptest::collection::vec(
            proptest::sample::select(&[
                "lazy", "LaZy", "lazyload", "jetpack-lazy-image", "la", "zy", "ls-is-cached",
                "xls-is-cached", "ls-is-cachedx", "ls-is", "-cached", "img", "", "é",
            ][..]),
            0..6,
        ),
        sep in proptest::sample::select(&[" ", "  ", "\t", "\n", "", "\u{a0}"][..]),
    ) {
        let class = words.join(sep);
        proptest::prop_assert_eq!(
            super::class_has_lazy_word(&class),
            class.split_ascii_whitespace().any(super::is_lazy_class),
            "{:?}", class
        );
    }
}

/// Attribute names for [`fast_paths_as_general`]: every built-in lazy, `srcset`, `sizes` and
/// dimension name (from the crate's own lists), the attributes the general path reads, and
/// others.
fn image_names() -> Vec<&'static str> {
    use crate::rules::lazy_images::candidates::DIMENSION_ATTRIBUTES;
    use crate::rules::lazy_images::{SIZES_ATTRIBUTES, SRCSET_ATTRIBUTES, SRC_ATTRIBUTES};
    SRC_ATTRIBUTES
        .iter()
        .chain(SRCSET_ATTRIBUTES)
        .chain(SIZES_ATTRIBUTES)
        .copied()
        .chain(DIMENSION_ATTRIBUTES.iter().flat_map(|(w, h)| [*w, *h]))
        .chain(
            crate::rules::lazy_images::preview::PREVIEW_ATTRIBUTES
                .iter()
                .copied(),
        )
        .chain([
            "src",
            "src",
            "srcset",
            "sizes",
            "class",
            "loading",
            "decoding",
            "width",
            "height",
            "alt",
            "style",
            "data-w",
            "data-ratio",
            "data-lowsrc",
            "data-lqip",
            "data-full",
            "data-testid",
            "longdesc",
        ])
        .collect()
}

/// Values for [`fast_paths_as_general`]: the URLs of [`URLS`], `srcset` lists, sizes,
/// classes, numbers, nothing.
fn image_values() -> Vec<&'static str> {
    URLS.iter()
        .copied()
        .chain([
            "https://a.example/u/photo.jpg?is-pending-load=1",
            "https://i0.wp.com/b.example/h.jpg?w=640&is-pending-load=1#038;ssl=1",
            "https://a.example/a.jpg 320w, https://a.example/b.jpg 640w",
            "/img/blank.gif 1x",
            "data:image/gif;base64,R0lGODlhAQABAAAAACw= 1x",
            "100vw",
            "auto",
            "lazy",
            "lazyload wp-image-1",
            "lqip",
            "x-placeholder",
            "eager",
            "async",
            "640",
            "480px",
            "0.75",
            "",
            "background-image: url(https://a.example/bg.jpg)",
        ])
        .collect()
}

/// An attribute list written out (each name once: the parser keeps the first of a name).
fn write_attrs(attrs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (k, v) in attrs {
        out.push_str(&format!(" {k}=\"{}\"", v.replace('"', "&quot;")));
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(1024))]
    /// The fast paths (a real `src` with nothing found, the dimension screen, whether the
    /// image has a `data-` attribute asked once for the finder, the dimensions and the
    /// tidying) clean every
    /// page as the general path does: an `<img>` alone, after a `<source>` in a `<picture>`,
    /// before its `<noscript>` twin, in a link, before another image (a preview before its
    /// real image), in a figure.
    #[test]
    fn fast_paths_as_general(
        img in proptest::collection::vec(
            (proptest::sample::select(image_names()), proptest::sample::select(image_values())),
            0..7,
        ),
        other in proptest::collection::vec(
            (proptest::sample::select(image_names()), proptest::sample::select(image_values())),
            0..4,
        ),
        shape in 0..6usize,
    ) {
        let img = format!("<img{}>", write_attrs(&img));
        let other_img = format!("<img{}>", write_attrs(&other));
        let html = match shape {
            0 => format!("<p>{img}</p>"),
            1 => format!("<picture><source{}>{img}</picture>", write_attrs(&other)),
            2 => format!("<p>{img}<noscript>{other_img}</noscript></p>"),
            3 => format!("<p><a href=\"https://a.example/big.jpg\">{img}</a></p>"),
            4 => format!("<div><div>{img}</div>{other_img}</div>"),
            _ => format!("<figure>{img}{other_img}<figcaption>x</figcaption></figure>"),
        };
        let clean = |general: bool| {
            super::GENERAL_ONLY.with(|g| g.set(general));
            let out = crate::Cleaner::default().clean(&html).html().to_string();
            super::GENERAL_ONLY.with(|g| g.set(false));
            out
        };
        proptest::prop_assert_eq!(clean(false), clean(true), "{}", html);
    }
}

/// `image_atom` gives each name its own atom, and only valid lowercase names (what
/// `set_attr` would make of them).
#[test]
fn image_atoms_are_their_names() {
    for name in [
        "src", "srcset", "sizes", "alt", "width", "height", "class", "title", "loading",
        "decoding", "style", "role", "data-src", "SRC", "id", "",
    ] {
        match super::image_atom(name) {
            Some(atom) => {
                assert_eq!(&*atom, name);
                assert!(crate::dom::element::is_valid_attr_name(name), "{name}");
                assert_eq!(name, name.to_ascii_lowercase());
            }
            None => assert!(matches!(name, "data-src" | "SRC" | "id" | ""), "{name}"),
        }
    }
}
