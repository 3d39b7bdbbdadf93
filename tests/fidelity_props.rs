//! Property test of the fidelity promise (issue #12): *nothing of the article lost, nothing
//! invented*. Generated article markup, built from the shapes the lazy-image, stand-in,
//! `<noscript>`, `<picture>`, proxy and junk rules deal with, is cleaned with the default
//! [`Cleaner`] (as a fragment, and as a document with `clean_document`), and the output is
//! read back with html5ever:
//!
//! - **nothing invented**: every URL of an output `<img src>`/`srcset` and `<source srcset>`
//!   is one the input offered as an image (an image-shaped URL in an image-bearing
//!   position, or its origin as [`Unwrapper`] unwraps it from a proxy, or a `{width}`
//!   template filled with a width the element listed). Page URLs, endpoints, JSON blobs,
//!   share, video and tracker URLs, placeholders (`data:` GIFs, `blank.gif`) never are.
//! - **nothing lost**: the plain words of the paragraphs come out, in order, and two words
//!   the input separated (by white space, a block, or an element a reader sees between
//!   them: an `<svg>`, `<input>`, `<button>`, `<img>`) are not glued together.
//! - **recall**: each image element that offers a real image URL (in its `src`, `srcset`,
//!   a lazy attribute, a `<noscript>` twin, its `<picture>` sources, a lightbox link around
//!   it, or a stand-in's `data-src`/`data-bg`/`data-url`) comes out with one of them.
//! - **one image per figure**: a low-quality preview in the `src` of an image that offers its
//!   real picture does not come out.
//! - **idempotence**: cleaning the output again changes nothing.
//!
//! The words and the image URLs are classified by the generator itself (it knows which
//! value it wrote as an image), not by the crate's own predicates.
//!
//! Deterministic (fixed seed); `PROPTEST_CASES` sets the number of cases (1,024 by default:
//! about 2 s in release, 8 s in debug), `PROPTEST_RNG_SEED`
//! another seed (`common::props`).

mod common;

use articlean::proxy::Unwrapper;
use articlean::Cleaner;
use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestRng};
use std::collections::HashSet;

// ---------------------------------------------------------------------------------------
// Values an attribute can hold.

/// What the generator writes into an attribute (or a `src`).
#[derive(Debug, Clone)]
enum V {
    /// A real image URL (`n`: which picture; `form`: how it is written).
    Image(u16, u8),
    /// A low-quality preview of picture `n` (Medium's `/max/60/`, `?q=20`, Cloudinary's
    /// `w_49,blur_2`, Squarespace's `?format=100w`).
    LowRes(u16, u8),
    /// Picture `n` routed through an image proxy.
    Proxied(u16, u8),
    /// A `srcset` of two widths of picture `n`.
    Srcset(u16),
    /// A placeholder: a 1×1 `data:` GIF, an empty SVG, `blank.gif`, `lazy-placeholder.png`.
    Placeholder(u8),
    Empty,
    /// The article's own URL, or another article's.
    Page(u16, u8),
    /// An API or AJAX endpoint.
    Endpoint(u16, u8),
    /// A JSON blob, naming picture `n` (`true`) or a page (`false`).
    Json(bool, u16),
    /// A share-button URL.
    Share(u16, u8),
    /// A video URL (an embed, a file, a streaming manifest).
    Video(u16, u8),
    /// A tracker's URL.
    Tracker(u16, u8),
    /// A `…_{width}x.jpg` template of picture `n`, with or without a list of widths.
    Template(u16, bool),
}

/// A value written in an image's own `src` (or a `<noscript>` twin's): something a page
/// writes there (an image, a preview, a proxy, a placeholder, a template, a tracker), never
/// a page or an endpoint, which would be the page's own broken image rather than one the
/// cleaner made up.
fn src_value() -> impl Strategy<Value = V> {
    let n = 0u16..40;
    let f = 0u8..8;
    prop_oneof![
        4 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Image(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::LowRes(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Proxied(n, f)),
        3 => f.clone().prop_map(V::Placeholder),
        1 => Just(V::Empty),
        1 => (n, any::<bool>()).prop_map(|(n, w)| V::Template(n, w)),
    ]
}

/// A `<noscript>` twin's `src`: as an image's, or a tracker's pixel (comScore's
/// `<noscript><img src="https://sb.scorecardresearch.com/p?…"></noscript>`). (A tracker in an
/// image's own `src` beside a lazy attribute is not a shape pages write: there the pixel is
/// an image of its own.)
fn noscript_value() -> impl Strategy<Value = V> {
    prop_oneof![
        4 => src_value(),
        1 => (0u16..40, 0u8..8).prop_map(|(n, f)| V::Tracker(n, f)),
    ]
}

/// A value of a `srcset`: a list, one image, a placeholder.
fn srcset_value() -> impl Strategy<Value = V> {
    let n = 0u16..40;
    prop_oneof![
        3 => n.clone().prop_map(V::Srcset),
        1 => (n.clone(), 0u8..8).prop_map(|(n, f)| V::Image(n, f)),
        1 => (n, 0u8..8).prop_map(|(n, f)| V::Proxied(n, f)),
        1 => (0u8..8).prop_map(V::Placeholder),
    ]
}

/// Any value, as the extra attributes of an image or a stand-in, or a link around an image,
/// hold them. Low-quality previews are written in `src` (blur-up) only: a lazy attribute
/// that names a preview names the image the page chose to load, which the cleaner keeps.
fn value() -> impl Strategy<Value = V> {
    let n = 0u16..40;
    let f = 0u8..8;
    prop_oneof![
        4 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Image(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Proxied(n, f)),
        1 => n.clone().prop_map(V::Srcset),
        2 => f.clone().prop_map(V::Placeholder),
        1 => Just(V::Empty),
        2 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Page(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Endpoint(n, f)),
        1 => (any::<bool>(), n.clone()).prop_map(|(i, n)| V::Json(i, n)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Share(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Video(n, f)),
        1 => (n.clone(), f.clone()).prop_map(|(n, f)| V::Tracker(n, f)),
        1 => (n, any::<bool>()).prop_map(|(n, w)| V::Template(n, w)),
    ]
}

/// Subjects of the pictures (file names).
const SUBJECTS: &[&str] = &[
    "harbour",
    "orchard",
    "quarry",
    "lighthouse",
    "meadow",
    "bakery",
    "tramline",
    "glacier",
    "vineyard",
    "market",
];

fn subject(n: u16) -> &'static str {
    SUBJECTS[n as usize % SUBJECTS.len()]
}

/// The URL of picture `n`, written in form `f`.
fn image_url(n: u16, f: u8) -> String {
    let s = subject(n);
    match f % 8 {
        0 => format!("https://cdn.photos-site.example/2024/05/{s}-{n}.jpg"),
        1 => format!("https://media.daily-page.example/uploads/{s}_{n}.PNG?v=3"),
        2 => format!("//static.news-town.example/img/{s}/{n}.webp"),
        3 => format!("https://img.photos-site.example/p/{s}{n}?fm=jpg&w=1200"),
        4 => format!("https://cdn.photos-site.example/a/{s}-{n}.avif"),
        5 => format!("/wp-content/uploads/2024/05/{s}-{n}-1024x683.jpg"),
        // A generic file name: the picture is told by its folder.
        6 => format!("https://assets.daily-page.example/{s}/{n}/full.jpeg#main"),
        _ => format!("https://cdn.photos-site.example/gif/{s}-{n}.gif"),
    }
}

fn page_url(n: u16, f: u8) -> String {
    let s = subject(n);
    match f % 4 {
        0 => format!("https://site.example/2024/05/story-about-the-{s}/"),
        1 => format!("https://www.daily-page.example/culture/2016/12/19/{s}-{n}"),
        2 => format!("https://news-town.example/{s}-{n}.html"),
        _ => format!("/2023/11/{s}-notes/"),
    }
}

fn endpoint_url(n: u16, f: u8) -> String {
    match f % 4 {
        0 => format!("/wp-admin/admin-ajax.php?action=load_more&post={n}"),
        1 => format!("https://api.daily-page.example/v2/related?id={n}"),
        2 => "/Site?View=Search".to_string(),
        _ => format!("https://site.example/wp-json/wp/v2/media/{n}"),
    }
}

fn share_url(n: u16, f: u8) -> String {
    let s = subject(n);
    match f % 3 {
        0 => format!("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsite.example%2F{s}%2F"),
        1 => format!("https://twitter.com/intent/tweet?url=https%3A%2F%2Fsite.example%2F{s}%2F&text=A%20story"),
        _ => format!("https://share.site.example/?url=https://site.example/{s}-{n}/"),
    }
}

fn video_url(n: u16, f: u8) -> String {
    match f % 4 {
        0 => format!("https://www.youtube.com/embed/aBcD{n:03}eFgH"),
        1 => format!("https://player.vimeo.com/video/7612{n:03}"),
        2 => format!(
            "https://video.daily-page.example/clips/{}-{n}.mp4",
            subject(n)
        ),
        _ => format!("//stream.daily-page.example/live/{n}/index.m3u8?token=ab"),
    }
}

fn tracker_url(n: u16, f: u8) -> String {
    match f % 3 {
        0 => format!("https://sb.scorecardresearch.com/p?c1=2&c2={n}&cv=2.0&cj=1"),
        1 => format!("https://www.facebook.com/tr?id={n}&ev=PageView&noscript=1"),
        _ => format!("https://pixel.wp.com/b.gif?v=noscript&blog={n}"),
    }
}

fn placeholder(f: u8) -> &'static str {
    match f % 6 {
        0 => "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
        1 => "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20800%20600'%3E%3C/svg%3E",
        2 => "https://site.example/wp-content/themes/x/img/blank.gif",
        3 => "/assets/lazy-placeholder.png",
        4 => "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
        _ => "https://cdn.photos-site.example/img/spacer.gif",
    }
}

/// What the rendering of a value adds to the expectations.
#[derive(Default, Debug)]
struct Expect {
    /// URLs an output image may show (scheme removed: the cleaner upgrades `http:`).
    allowed: HashSet<String>,
    /// `{width}` templates: `(before the hole, after it)`.
    templates: Vec<(String, String)>,
    /// The image element being rendered.
    element: u16,
}

/// The URL without its scheme (`https:` and `http:` compare equal, as the cleaner upgrades
/// one to the other), and without a fragment.
fn key(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https:")
        .or_else(|| u.strip_prefix("http:"))
        .unwrap_or(u);
    u.to_string()
}

impl Expect {
    fn allow(&mut self, url: &str) {
        self.allowed.insert(key(url));
        if let Some(origin) = Unwrapper::new().unwrap(url) {
            self.allowed.insert(key(&origin));
        }
    }

    fn allows(&self, url: &str) -> bool {
        let k = key(url);
        self.allowed.contains(&k)
            || self.templates.iter().any(|(a, b)| {
                k.len() > a.len() + b.len()
                    && k.starts_with(a.as_str())
                    && k.ends_with(b.as_str())
                    && k[a.len()..k.len() - b.len()]
                        .bytes()
                        .all(|c| c.is_ascii_digit())
            })
    }
}

/// The file name of `url` without extension, query or size suffix (`-1024x683`).
fn stem(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let stem = match stem.rsplit_once('-') {
        Some((a, b))
            if b.split_once('x').is_some_and(|(w, h)| {
                !w.is_empty()
                    && !h.is_empty()
                    && (w.bytes().chain(h.bytes())).all(|c| c.is_ascii_digit())
            }) =>
        {
            a
        }
        _ => stem,
    };
    stem.to_ascii_lowercase()
}

/// `v` with its picture number moved to element `e`'s own range.
fn offset(v: &V, e: u16) -> V {
    let o = |n: u16| n + 40 * e;
    match v.clone() {
        V::Image(n, f) => V::Image(o(n), f),
        V::LowRes(n, f) => V::LowRes(o(n), f),
        V::Proxied(n, f) => V::Proxied(o(n), f),
        V::Srcset(n) => V::Srcset(o(n)),
        V::Json(i, n) => V::Json(i, o(n)),
        V::Template(n, w) => V::Template(o(n), w),
        other => other,
    }
}

/// Marks a recall group's member that is a template: `{TEMPLATE}before{TEMPLATE}after`.
const TEMPLATE: char = '\u{1}';

/// Whether `url` fills the template `member` (a group member marked with [`TEMPLATE`]).
fn fills(member: &str, url: &str) -> bool {
    let Some(rest) = member.strip_prefix(TEMPLATE) else {
        return false;
    };
    let Some((a, b)) = rest.split_once(TEMPLATE) else {
        return false;
    };
    let ex = Expect {
        templates: vec![(a.to_string(), b.to_string())],
        ..Expect::default()
    };
    ex.allows(url)
}

/// The written value of `v`, and the real image URLs it offers (empty for anything that is
/// no real picture). Image URLs are added to `ex.allowed`: every value is rendered in an
/// image-bearing position.
fn render_value(v: &V, ex: &mut Expect) -> (String, Vec<String>) {
    // Each image element has pictures of its own (`ex.element`): two elements showing the
    // same picture would make one's twin the other's.
    let v = &offset(v, ex.element);
    match *v {
        V::Image(n, f) => {
            let u = image_url(n, f);
            ex.allow(&u);
            (u.clone(), vec![u])
        }
        V::LowRes(n, f) => {
            let s = subject(n);
            let u = match f % 4 {
                0 => format!("https://miro.medium.example/max/60/1*{s}{n}.jpeg?q=20"),
                1 => format!("https://cdn.photos-site.example/2024/05/{s}-{n}.jpg?q=10&blur=20"),
                2 => format!("https://res.photos-site.example/demo/image/upload/w_49,h_33,blur_2/{s}-{n}.jpg"),
                _ => format!("https://images.photos-site.example/content/{s}-{n}.jpg?format=100w"),
            };
            // A preview is an image the page offered: kept when nothing better is there.
            ex.allow(&u);
            (u, Vec::new())
        }
        V::Proxied(n, f) => {
            let s = subject(n);
            let u = match f % 4 {
                0 => format!("https://i0.wp.com/photos-site.example/2024/05/{s}-{n}.jpg?resize=1024%2C683&ssl=1"),
                1 => format!("https://images.weserv.example/?url=https%3A%2F%2Fcdn.photos-site.example%2F{s}-{n}.jpg"),
                2 => format!("https://cors-proxy.workers.dev/?https://cdn.photos-site.example/{s}/{n}.png"),
                _ => format!("https://site.example/_next/image?url=https%3A%2F%2Fcdn.photos-site.example%2F{s}-{n}.webp&w=1080&q=75"),
            };
            ex.allow(&u);
            (u.clone(), vec![u])
        }
        V::Srcset(n) => {
            let s = subject(n);
            let a = format!("https://cdn.photos-site.example/w/{s}-{n}-480.jpg");
            let b = format!("https://cdn.photos-site.example/w/{s}-{n}-960.jpg");
            ex.allow(&a);
            ex.allow(&b);
            (format!("{a} 480w, {b} 960w"), vec![a, b])
        }
        V::Placeholder(f) => (placeholder(f).to_string(), Vec::new()),
        V::Empty => (String::new(), Vec::new()),
        V::Page(n, f) => (page_url(n, f), Vec::new()),
        V::Endpoint(n, f) => (endpoint_url(n, f), Vec::new()),
        V::Json(image, n) => {
            if image {
                let u = format!(
                    "https://cdn.photos-site.example/json/{}-{n}.jpg",
                    subject(n)
                );
                ex.allow(&u);
                (
                    format!(r#"{{"src":"{u}","width":1200,"height":800,"caption":"A view"}}"#),
                    vec![u],
                )
            } else {
                (
                    format!(
                        r#"{{"url":"{}","id":{n},"type":"article"}}"#,
                        page_url(n, 0)
                    ),
                    Vec::new(),
                )
            }
        }
        V::Share(n, f) => (share_url(n, f), Vec::new()),
        V::Video(n, f) => (video_url(n, f), Vec::new()),
        V::Tracker(n, f) => (tracker_url(n, f), Vec::new()),
        V::Template(n, widths) => {
            let a = format!("//cdn.shop-site.example/products/{}-{n}_", subject(n));
            let b = "x.jpg".to_string();
            ex.templates.push((a.clone(), b.clone()));
            // Filled from a list of widths or the element's own width, the template names a
            // real picture: `Doc::attrs` keeps the mark where it is so.
            let _ = widths;
            (
                format!("{a}{{width}}{b}"),
                vec![format!("{TEMPLATE}{a}{TEMPLATE}{b}")],
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Elements.

/// Names of the extra attributes of an image or a stand-in.
const EXTRA_NAMES: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-srcset",
    "data-url",
    "data-href",
    "data-share-url",
    "data-video",
    "data-endpoint",
    "data-media",
    "data-full",
    "data-zoom-image",
    "data-permalink",
    "data-bg",
    "url",
];

/// Attributes the crate documents as naming the lazy image of an `<img>` (so a real image
/// there must be recovered): `SRC_ATTRIBUTES`, `SRCSET_ATTRIBUTES`; any other attribute
/// holding an image URL is a candidate by value.
const LAZY_NAMES: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-srcset",
    "data-url",
];

#[derive(Debug, Clone)]
struct Img {
    src: Option<V>,
    srcset: Option<V>,
    class: u8,
    extras: Vec<(u8, V)>,
    /// `width`/`height`: 0 none, 1 a photo's, 2 one pixel.
    size: u8,
    alt: bool,
}

fn img() -> impl Strategy<Value = Img> {
    (
        prop::option::weighted(0.85, src_value()),
        prop::option::weighted(0.15, srcset_value()),
        0u8..4,
        prop::collection::vec((0u8..EXTRA_NAMES.len() as u8, value()), 0..4),
        prop_oneof![6 => Just(0u8), 3 => Just(1u8), 1 => Just(2u8)],
        any::<bool>(),
    )
        .prop_map(|(src, srcset, class, extras, size, alt)| Img {
            src,
            srcset,
            class,
            extras,
            size,
            alt,
        })
}

#[derive(Debug, Clone)]
enum Block {
    /// A paragraph of words; separator kinds between them.
    Para(Vec<u8>),
    /// An image, maybe in a link, maybe followed by its `<noscript>` twin.
    Image {
        img: Img,
        link: Option<V>,
        noscript: Option<V>,
    },
    /// `<picture>` with sources and maybe an `<img>`.
    Picture {
        sources: Vec<(bool, V)>,
        img: Option<Img>,
    },
    /// A stand-in `div`/`span`/`figure` with attributes; a figure may have a caption.
    StandIn {
        tag: u8,
        attrs: Vec<(u8, V)>,
        caption: bool,
    },
    /// Blocks inside a wrapper.
    Wrap(u8, Vec<Block>),
}

fn block() -> impl Strategy<Value = Block> {
    let leaf = prop_oneof![
        3 => prop::collection::vec(0u8..16, 1..8).prop_map(Block::Para),
        4 => (img(), prop::option::weighted(0.25, value()), prop::option::weighted(0.2, noscript_value()))
            .prop_map(|(img, link, noscript)| Block::Image { img, link, noscript }),
        1 => (
            prop::collection::vec((any::<bool>(), srcset_value()), 1..3),
            prop::option::weighted(0.7, img()),
        )
            .prop_map(|(sources, img)| Block::Picture { sources, img }),
        2 => (
            0u8..3,
            prop::collection::vec((0u8..EXTRA_NAMES.len() as u8, value()), 1..3),
            any::<bool>(),
        )
            .prop_map(|(tag, attrs, caption)| Block::StandIn { tag, attrs, caption }),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        (0u8..5, prop::collection::vec(inner, 1..4)).prop_map(|(w, b)| Block::Wrap(w, b))
    })
}

/// The article: blocks, each paragraph of words (a word needs a paragraph to be counted).
fn article() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(block(), 1..8)
}

// ---------------------------------------------------------------------------------------
// Rendering.

/// What the rendering expects of the output.
#[derive(Default, Debug)]
struct Doc {
    html: String,
    /// The paragraph words, in order.
    words: Vec<String>,
    ex: Expect,
    /// One group per image element that offers a real picture: one of them comes out.
    groups: Vec<Vec<String>>,
    /// Low-quality previews of an image that offers its real picture: none comes out.
    previews: Vec<String>,
    next_word: u32,
}

const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

/// A plain word of three syllables, different for each `n` (up to 14³·5³/…): made of
/// consonant-vowel pairs only, so that a glued pair of words is still recognised as one
/// token of the same alphabet.
fn word(n: u32) -> String {
    let mut w = String::new();
    let mut x = n.wrapping_mul(2_654_435_761) ^ 0x5bd1;
    for _ in 0..3 {
        w.push(CONSONANTS[(x % 14) as usize] as char);
        x /= 14;
        w.push(VOWELS[(x % 5) as usize] as char);
        x /= 5;
    }
    w
}

/// Whether `t` is a token of the words' alphabet (a word or a glued run of them).
fn is_word_token(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 6
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|p| CONSONANTS.contains(&p[0]) && VOWELS.contains(&p[1]))
}

/// Separators between two words: white space, inline formatting, or an element a reader
/// sees between them that the cleaner removes.
fn separator(kind: u8) -> &'static str {
    match kind % 16 {
        0..=4 => " ",
        5 => "\n  ",
        6 => r#"<svg viewBox="0 0 10 10" width="10"><path d="M0 0h10v10z"></path></svg>"#,
        7 => r#"<input type="checkbox" checked>"#,
        8 => r#"<button type="button"></button>"#,
        9 => {
            r#"<button class="icon"><svg viewBox="0 0 4 4"><circle r="2"></circle></svg></button>"#
        }
        10 => r#"<img src="">"#,
        11 => {
            r#"<img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7">"#
        }
        12 => "</span> <span>",
        13 => "</span><svg width=\"4\" height=\"4\"></svg><span>",
        14 => r#"<img src="https://pixel.wp.com/b.gif?v=noscript" width="1" height="1">"#,
        _ => " <br>",
    }
}

fn esc(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;")
}

impl Doc {
    fn word(&mut self) -> String {
        let w = word(self.next_word);
        self.next_word += 1;
        self.words.push(w.clone());
        w
    }

    fn para(&mut self, seps: &[u8]) {
        self.html.push_str("<p><span>");
        let w = self.word();
        self.html.push_str(&w);
        for &s in seps {
            self.html.push_str(separator(s));
            let w = self.word();
            if s % 4 == 0 {
                self.html.push_str(&format!("<em>{w}</em>"));
            } else {
                self.html.push_str(&w);
            }
        }
        self.html.push_str("</span></p>\n");
    }

    /// Attributes, first of a name wins (as the parser keeps them); returns the real
    /// images they offer, and those in the lazy names.
    fn attrs(
        &mut self,
        attrs: &[(&str, &V)],
        out: &mut String,
        sized: bool,
        img: bool,
    ) -> (Vec<String>, Vec<String>) {
        let mut seen: Vec<&str> = Vec::new();
        let (mut all, mut lazy) = (Vec::new(), Vec::new());
        // The element lists widths (for every template it holds).
        let mut names: Vec<&str> = Vec::new();
        let listed = attrs.iter().any(|(n, v)| {
            let first = !names.contains(n);
            names.push(n);
            first && matches!(v, V::Template(_, true))
        });
        for (name, v) in attrs {
            if seen.contains(name) {
                continue;
            }
            seen.push(name);
            let (text, real) = render_value(v, &mut self.ex);
            if matches!(v, V::Template(_, true)) && !seen.contains(&"data-widths") {
                seen.push("data-widths");
                out.push_str(r#" data-widths="[360,720,1080]""#);
            }
            out.push_str(&format!(" {name}=\"{}\"", esc(&text)));
            // A template is filled (from the listed widths, else the element's own width)
            // only in `src` and the lazy attributes known by name; elsewhere, or with no width
            // stated, it is never shown as written.
            let fillable = listed || sized;
            // A JSON attribute is read on an `<img>` only (the picture of a placeholder).
            if matches!(v, V::Json(..)) && !img {
                continue;
            }
            // A `srcset` list is read by value on an `<img>` only; a stand-in's is in its
            // `srcset` attributes (or its lazy background set).
            if matches!(v, V::Srcset(..))
                && !img
                && !matches!(*name, "srcset" | "data-srcset" | "data-bg")
            {
                continue;
            }
            let real: Vec<String> = real
                .into_iter()
                .filter(|u| {
                    !u.starts_with(TEMPLATE)
                        || (fillable
                            && matches!(
                                *name,
                                "src" | "data-src" | "data-lazy-src" | "data-original" | "data-url"
                            ))
                })
                .collect();
            if LAZY_NAMES.contains(name) || matches!(*name, "src" | "srcset" | "data-bg") {
                lazy.extend(real.iter().cloned());
            }
            all.extend(real);
        }
        (all, lazy)
    }

    /// An `<img>`; returns the real pictures it offers (a recall group's members).
    fn img(&mut self, img: &Img) -> Vec<String> {
        let mut attrs: Vec<(&str, &V)> = Vec::new();
        if let Some(v) = &img.src {
            attrs.push(("src", v));
        }
        if let Some(v) = &img.srcset {
            attrs.push(("srcset", v));
        }
        for (n, v) in &img.extras {
            attrs.push((EXTRA_NAMES[*n as usize], v));
        }
        let mut tag = String::from("<img");
        match img.class {
            1 => tag.push_str(r#" class="lazyload""#),
            2 => tag.push_str(r#" class="wp-image-12 size-large""#),
            _ => {}
        }
        let (all, _lazy) = self.attrs(&attrs, &mut tag, img.size == 1, true);
        match img.size {
            1 => tag.push_str(r#" width="1200" height="800""#),
            2 => tag.push_str(r#" width="1" height="1""#),
            _ => {}
        }
        if img.alt {
            tag.push_str(r#" alt="A view of the quay""#);
        }
        tag.push('>');
        self.html.push_str(&tag);
        // A 1×1 image is a tracking pixel whatever its URL: a documented choice (junk).
        if img.size == 2 {
            Vec::new()
        } else {
            all
        }
    }

    fn block(&mut self, b: &Block) {
        if !matches!(b, Block::Para(_) | Block::Wrap(..)) {
            self.ex.element += 1;
        }
        match b {
            Block::Para(seps) => self.para(seps),
            Block::Image {
                img,
                link,
                noscript,
            } => {
                let mut group = Vec::new();
                let mut close = "";
                if let Some(v) = link {
                    let (href, real) = render_value(v, &mut self.ex);
                    self.html.push_str(&format!("<a href=\"{}\">", esc(&href)));
                    // A link opens one URL: a `srcset`, a template or a JSON blob there opens
                    // nothing. An
                    // image whose lazy attribute names a video stands for the video (it
                    // becomes the video's link): the picture a link around it opens is not
                    // its own.
                    let video = img.extras.iter().any(|(_, v)| matches!(v, V::Video(..)));
                    if !matches!(v, V::Srcset(_) | V::Template(..) | V::Json(..)) && !video {
                        group.extend(real);
                    }
                    close = "</a>";
                }
                let own = self.img(img);
                // The preview gives way to a picture the image itself offers; one of a
                // `<noscript>` twin is known as the same picture by its file name.
                let mut replaced = !own.is_empty();
                group.extend(own);
                self.html.push_str(close);
                // A 1×1 image is a tracking pixel whatever its URL or its link: a documented
                // choice (junk).
                let pixel = img.size == 2;
                if let Some(v) = noscript {
                    let (src, real) = render_value(v, &mut self.ex);
                    self.html
                        .push_str(&format!("<noscript><img src=\"{}\"></noscript>", esc(&src)));
                    // No widths are listed there: a template is no picture.
                    let real: Vec<String> = real
                        .into_iter()
                        .filter(|u| !u.starts_with(TEMPLATE))
                        .collect();
                    if let Some(V::LowRes(..)) = &img.src {
                        let mut ex = Expect {
                            element: self.ex.element,
                            ..Expect::default()
                        };
                        let preview = render_value(img.src.as_ref().unwrap(), &mut ex).0;
                        replaced |= real.iter().any(|u| stem(u) == stem(&preview));
                    }
                    group.extend(real);
                }
                self.html.push('\n');
                if !pixel {
                    if let (Some(V::LowRes(..)), true) = (&img.src, replaced) {
                        let mut ex = Expect {
                            element: self.ex.element,
                            ..Expect::default()
                        };
                        self.previews
                            .push(render_value(img.src.as_ref().unwrap(), &mut ex).0);
                    }
                    self.group(group);
                }
            }
            Block::Picture { sources, img } => {
                self.html.push_str("<picture>");
                let mut group = Vec::new();
                for (lazy, v) in sources {
                    let mut tag = String::from("<source");
                    let name = if *lazy { "data-srcset" } else { "srcset" };
                    let (all, _) = self.attrs(&[(name, v)], &mut tag, false, false);
                    tag.push('>');
                    self.html.push_str(&tag);
                    group.extend(all);
                }
                if let Some(img) = img {
                    group.extend(self.img(img));
                }
                self.html.push_str("</picture>\n");
                self.group(group);
            }
            Block::StandIn {
                tag,
                attrs,
                caption,
            } => {
                let name = ["div", "span", "figure"][*tag as usize % 3];
                let mut open = format!("<{name} class=\"media-box\"");
                let attrs: Vec<(&str, &V)> = attrs
                    .iter()
                    .map(|(n, v)| (EXTRA_NAMES[*n as usize], v))
                    .collect();
                // A stand-in's picture is in a lazy attribute known by name or its lazy
                // background; an image URL in `url` or an unknown attribute makes no image
                // of an element that is not one (a widget's).
                let (_, recall) = self.attrs(&attrs, &mut open, false, false);
                open.push('>');
                self.html.push_str(&open);
                if name == "figure" && *caption {
                    let w = self.word();
                    let w2 = self.word();
                    self.html
                        .push_str(&format!("<figcaption>{w} {w2}</figcaption>"));
                }
                self.html.push_str(&format!("</{name}>\n"));
                self.group(recall);
            }
            Block::Wrap(kind, blocks) => {
                let (open, close) = match kind % 5 {
                    0 => (r#"<div class="entry-content">"#, "</div>"),
                    1 => ("<figure>", "</figure>"),
                    2 => (r#"<div class="wp-block-image"><div>"#, "</div></div>"),
                    3 => ("<section>", "</section>"),
                    _ => (r#"<div class="post"><article>"#, "</article></div>"),
                };
                self.html.push_str(open);
                for b in blocks {
                    self.block(b);
                }
                self.html.push_str(close);
                self.html.push('\n');
            }
        }
    }

    fn group(&mut self, g: Vec<String>) {
        if !g.is_empty() {
            self.groups.push(g);
        }
    }
}

fn render(blocks: &[Block]) -> Doc {
    let mut doc = Doc::default();
    for b in blocks {
        doc.block(b);
    }
    doc
}

// ---------------------------------------------------------------------------------------
// Reading the output.

/// Elements that separate the words around them (blocks, line breaks, replaced elements).
fn separates(name: &str) -> bool {
    !matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "del"
            | "ins"
    )
}

/// What a reader gets of some cleaned HTML.
#[derive(Debug, Default)]
struct Read {
    /// The text, a space where an element separates words.
    text: String,
    /// Image URLs shown: `img` `src` and `srcset` candidates, `source` `srcset`.
    images: Vec<String>,
}

fn srcset_urls(v: &str) -> Vec<String> {
    v.split(',')
        .filter_map(|c| c.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

fn read(html: &str, document: bool) -> Read {
    let dom = if document {
        html5ever::parse_document(RcDom::default(), Default::default()).one(html)
    } else {
        html5ever::parse_fragment(
            RcDom::default(),
            Default::default(),
            html5ever::QualName::new(None, html5ever::ns!(html), html5ever::local_name!("body")),
            vec![],
            false,
        )
        .one(html)
    };
    let mut out = Read::default();
    // (node, entering): no recursion.
    let mut stack: Vec<(Handle, bool)> = vec![(dom.document.clone(), true)];
    while let Some((node, entering)) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } if entering => out.text.push_str(&contents.borrow()),
            NodeData::Element { name, attrs, .. } => {
                let tag = name.local.to_string();
                if separates(&tag) {
                    out.text.push(' ');
                }
                if !entering {
                    continue;
                }
                if matches!(tag.as_str(), "script" | "style" | "template" | "noscript") {
                    continue;
                }
                for a in attrs.borrow().iter() {
                    let n = a.name.local.to_string();
                    let v = a.value.to_string();
                    match (tag.as_str(), n.as_str()) {
                        ("img", "src") => out.images.push(v),
                        ("img" | "source", "srcset") => out.images.extend(srcset_urls(&v)),
                        _ => {}
                    }
                }
                stack.push((node.clone(), false));
                for c in node.children.borrow().iter().rev() {
                    stack.push((c.clone(), true));
                }
            }
            _ if entering => {
                for c in node.children.borrow().iter().rev() {
                    stack.push((c.clone(), true));
                }
            }
            _ => {}
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The properties.

fn check(doc: &Doc, out: &str, document: bool) -> Result<(), TestCaseError> {
    let r = read(out, document);
    // Nothing invented.
    for url in &r.images {
        prop_assert!(
            doc.ex.allows(url),
            "invented image {url:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    // Nothing lost, nothing glued.
    let tokens: Vec<&str> = r
        .text
        .split_whitespace()
        .filter(|t| is_word_token(t))
        .collect();
    prop_assert_eq!(
        &tokens,
        &doc.words.iter().map(String::as_str).collect::<Vec<_>>(),
        "words lost or glued\n--- input\n{}\n--- output\n{}",
        doc.html,
        out
    );
    // One image per figure: a preview gives way to the real picture it stands for.
    for preview in &doc.previews {
        prop_assert!(
            !r.images.iter().any(|u| key(u) == key(preview)),
            "preview shown beside its real picture: {preview:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    // Recall.
    let shown: HashSet<String> = r.images.iter().map(|u| key(u)).collect();
    for group in &doc.groups {
        let hit = group.iter().any(|u| {
            shown.contains(&key(u))
                || r.images.iter().any(|s| fills(u, s))
                || Unwrapper::new()
                    .unwrap(u)
                    .is_some_and(|o| shown.contains(&key(&o)))
        });
        prop_assert!(
            hit,
            "image lost: none of {group:?}\n--- input\n{}\n--- output\n{out}",
            doc.html
        );
    }
    Ok(())
}

fn run(document: bool, seed: u8) {
    let cleaner = Cleaner::default();
    let mut runner =
        common::props::runner(1024, TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]));
    runner
        .run(&article(), |blocks| {
            let doc = render(&blocks);
            let (input, out) = if document {
                let input = format!(
                    "<!DOCTYPE html><html><head><title>A story</title></head><body><main>{}</main></body></html>",
                    doc.html
                );
                let out = cleaner.clean_document(&input).into_html();
                (input, out)
            } else {
                (doc.html.clone(), cleaner.clean(&doc.html).into_html())
            };
            check(&doc, &out, document)?;
            let again = if document {
                cleaner.clean_document(&out).into_html()
            } else {
                cleaner.clean(&out).into_html()
            };
            prop_assert_eq!(&again, &out, "not idempotent\n--- input\n{}", input);
            Ok(())
        })
        .unwrap();
}

#[test]
fn fragments_keep_the_article_and_invent_nothing() {
    run(false, 12);
}

#[test]
fn documents_keep_the_article_and_invent_nothing() {
    run(true, 21);
}

#[test]
fn words_are_of_their_own_alphabet() {
    let words: HashSet<String> = (0..500).map(word).collect();
    assert!(words.len() > 450);
    assert!(words.iter().all(|w| is_word_token(w)));
    assert!(!is_word_token("video") && !is_word_token("watch"));
}
