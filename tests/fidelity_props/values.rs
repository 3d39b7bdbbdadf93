//! What the generator writes into attributes: image, preview, proxied, placeholder, page,
//! endpoint, JSON, share, video, tracker and template values, and what each lets the
//! output show ([`Expect`]).

use articlean::proxy::Unwrapper;
use proptest::prelude::*;
use std::collections::HashSet;

/// What the generator writes into an attribute (or a `src`).
#[derive(Debug, Clone)]
pub enum V {
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
pub fn src_value() -> impl Strategy<Value = V> {
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
pub fn noscript_value() -> impl Strategy<Value = V> {
    prop_oneof![
        4 => src_value(),
        1 => (0u16..40, 0u8..8).prop_map(|(n, f)| V::Tracker(n, f)),
    ]
}

/// A value of a `srcset`: a list, one image, a placeholder.
pub fn srcset_value() -> impl Strategy<Value = V> {
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
pub fn value() -> impl Strategy<Value = V> {
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
pub const SUBJECTS: &[&str] = &[
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

pub fn subject(n: u16) -> &'static str {
    SUBJECTS[n as usize % SUBJECTS.len()]
}

/// The URL of picture `n`, written in form `f`.
pub fn image_url(n: u16, f: u8) -> String {
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

pub fn page_url(n: u16, f: u8) -> String {
    let s = subject(n);
    match f % 4 {
        0 => format!("https://site.example/2024/05/story-about-the-{s}/"),
        1 => format!("https://www.daily-page.example/culture/2016/12/19/{s}-{n}"),
        2 => format!("https://news-town.example/{s}-{n}.html"),
        _ => format!("/2023/11/{s}-notes/"),
    }
}

pub fn endpoint_url(n: u16, f: u8) -> String {
    match f % 4 {
        0 => format!("/wp-admin/admin-ajax.php?action=load_more&post={n}"),
        1 => format!("https://api.daily-page.example/v2/related?id={n}"),
        2 => "/Site?View=Search".to_string(),
        _ => format!("https://site.example/wp-json/wp/v2/media/{n}"),
    }
}

pub fn share_url(n: u16, f: u8) -> String {
    let s = subject(n);
    match f % 3 {
        0 => format!("https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fsite.example%2F{s}%2F"),
        1 => format!("https://twitter.com/intent/tweet?url=https%3A%2F%2Fsite.example%2F{s}%2F&text=A%20story"),
        _ => format!("https://share.site.example/?url=https://site.example/{s}-{n}/"),
    }
}

pub fn video_url(n: u16, f: u8) -> String {
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

pub fn tracker_url(n: u16, f: u8) -> String {
    match f % 3 {
        0 => format!("https://sb.scorecardresearch.com/p?c1=2&c2={n}&cv=2.0&cj=1"),
        1 => format!("https://www.facebook.com/tr?id={n}&ev=PageView&noscript=1"),
        _ => format!("https://pixel.wp.com/b.gif?v=noscript&blog={n}"),
    }
}

pub fn placeholder(f: u8) -> &'static str {
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
pub struct Expect {
    /// URLs an output image may show (scheme removed: the cleaner upgrades `http:`).
    pub allowed: HashSet<String>,
    /// `{width}` templates: `(before the hole, after it)`.
    pub templates: Vec<(String, String)>,
    /// The image element being rendered.
    pub element: u16,
}

/// The URL without its scheme (`https:` and `http:` compare equal, as the cleaner upgrades
/// one to the other), and without a fragment.
pub fn key(url: &str) -> String {
    let u = url.trim();
    let u = u.split('#').next().unwrap_or(u);
    let u = u
        .strip_prefix("https:")
        .or_else(|| u.strip_prefix("http:"))
        .unwrap_or(u);
    u.to_string()
}

impl Expect {
    pub fn allow(&mut self, url: &str) {
        self.allowed.insert(key(url));
        if let Some(origin) = Unwrapper::new().unwrap(url) {
            self.allowed.insert(key(&origin));
        }
    }

    pub fn allows(&self, url: &str) -> bool {
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
pub fn stem(url: &str) -> String {
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
pub fn offset(v: &V, e: u16) -> V {
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
pub const TEMPLATE: char = '\u{1}';

/// Whether `url` fills the template `member` (a group member marked with [`TEMPLATE`]).
pub fn fills(member: &str, url: &str) -> bool {
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
pub fn render_value(v: &V, ex: &mut Expect) -> (String, Vec<String>) {
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
