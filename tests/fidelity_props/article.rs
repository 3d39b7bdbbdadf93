//! The generated article: images, pictures, stand-ins, paragraphs of words, wrappers; and
//! its rendering, with what the output owes ([`Doc`]).

use crate::values::*;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// Elements.

/// Names of the extra attributes of an image or a stand-in.
pub const EXTRA_NAMES: &[&str] = &[
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
pub const LAZY_NAMES: &[&str] = &[
    "data-src",
    "data-lazy-src",
    "data-original",
    "data-srcset",
    "data-url",
];

#[derive(Debug, Clone)]
pub struct Img {
    pub src: Option<V>,
    pub srcset: Option<V>,
    pub class: u8,
    pub extras: Vec<(u8, V)>,
    /// `width`/`height`: 0 none, 1 a photo's, 2 one pixel.
    pub size: u8,
    pub alt: bool,
}

pub fn img() -> impl Strategy<Value = Img> {
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
pub enum Block {
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

pub fn block() -> impl Strategy<Value = Block> {
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
pub fn article() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(block(), 1..8)
}

// ---------------------------------------------------------------------------------------
// Rendering.

/// What the rendering expects of the output.
#[derive(Default, Debug)]
pub struct Doc {
    pub html: String,
    /// The paragraph words, in order.
    pub words: Vec<String>,
    pub ex: Expect,
    /// One group per image element that offers a real picture: one of them comes out.
    pub groups: Vec<Vec<String>>,
    /// Low-quality previews of an image that offers its real picture: none comes out.
    pub previews: Vec<String>,
    pub next_word: u32,
}

pub const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
pub const VOWELS: &[u8] = b"aeiou";

/// A plain word of three syllables, different for each `n` (up to 14³·5³/…): made of
/// consonant-vowel pairs only, so that a glued pair of words is still recognised as one
/// token of the same alphabet.
pub fn word(n: u32) -> String {
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
pub fn is_word_token(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 6
        && b.len() % 2 == 0
        && b.chunks(2)
            .all(|p| CONSONANTS.contains(&p[0]) && VOWELS.contains(&p[1]))
}

/// Separators between two words: white space, inline formatting, or an element a reader
/// sees between them that the cleaner removes.
pub fn separator(kind: u8) -> &'static str {
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

pub fn esc(v: &str) -> String {
    v.replace('&', "&amp;").replace('"', "&quot;")
}

impl Doc {
    pub fn word(&mut self) -> String {
        let w = word(self.next_word);
        self.next_word += 1;
        self.words.push(w.clone());
        w
    }

    pub fn para(&mut self, seps: &[u8]) {
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
    pub fn attrs(
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
    pub fn img(&mut self, img: &Img) -> Vec<String> {
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

    pub fn block(&mut self, b: &Block) {
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

    pub fn group(&mut self, g: Vec<String>) {
        if !g.is_empty() {
            self.groups.push(g);
        }
    }
}

pub fn render(blocks: &[Block]) -> Doc {
    let mut doc = Doc::default();
    for b in blocks {
        doc.block(b);
    }
    doc
}
