//! `lazy_images`: recovers the real image of lazy-loaded elements and leaves no placeholder
//! behind.
//!
//! | module | what it knows |
//! |---|---|
//! | [`candidates`] | where the real image hides: attributes by name ([`SRC_ATTRIBUTES`], [`SRCSET_ATTRIBUTES`]…), then by value |
//! | [`placeholder`] | what a placeholder is: tiny `data:` images, SVGs that draw nothing, blank files, low-res previews, stand-in file names |
//! | [`image_url`] | what an image URL is (extension, format parameter, image-only hosts), and URL templates |
//! | `stand_in_file` | file names made of stand-in words alone (`lazy_placeholder.gif`): placeholders even with no candidate |
//! | `preview` | previews shown twice: the low-quality `<img>` beside the real image, inline blurred previews |
//! | `pixels` | pixel sizes: the number an attribute states (`640px`), and an inline `data:` raster image's, from its header |
//! | `template` | `…_{width}x.jpg` URL templates filled from the listed widths |
//! | `trim` | `str::trim` without its Unicode search for values with no white space at their ends |
//! | `image` | `<img>`, `<source>`, `<video>`: promotion, `<noscript>` look-ahead, dimensions, native lazy loading, tidying |
//! | `noscript` | `<noscript>` fallbacks |
//! | `style_background` | an `<img>` whose picture is its inline `background-image` |
//! | `json_attr` | images named in a JSON-valued attribute (`data-media='{"src":"…"}'`) |
//! | `link_target` | the picture a lightbox link around a placeholder opens |
//! | `loader_gif` | a GIF in `src` that a loader's `data-src` swaps for a picture in another format |
//! | `stand_in` | elements that stand for an image: `figure[itemid]`, `figure[data-src]`, `div[data-src]`, `div[data-image]` |
//! | `amp` | AMP's image elements: `<amp-img>`, `<amp-anim>` |
//!
//! Wrappers around the recovered image are the business of the next rule,
//! [`image_wrappers`](crate::rules::image_wrappers).

/// The prefix of the notes this rule leaves on an `<img>` it will visit later (what the
/// element around it said, before the sanitizer removed it): the `<img>` removes them.
const NOTE_PREFIX: &str = "data-articlean-";

mod amp;
pub mod candidates;
mod image;
pub mod image_url;
mod json_attr;
mod lazy_names;
mod link_target;
mod loader_gif;
mod noscript;
mod pixels;
pub mod placeholder;
mod preview;
mod promote;
mod stand_in;
mod stand_in_file;
mod style_background;
mod template;
mod trim;

pub use candidates::{SIZES_ATTRIBUTES, SRCSET_ATTRIBUTES, SRC_ATTRIBUTES};

use crate::dom::element::is_valid_attr_name;
use crate::error::{Error, Result};
use crate::proxy::Unwrapper;
use crate::rules::BuiltIn;
use crate::{Action, Context, Element, Interest, Rule};
use html5ever::local_name;

/// The registry entry.
pub(crate) const BUILT_IN: BuiltIn = BuiltIn {
    name: "lazy_images",
    on_by_default: true,
    settings: &["native_lazy_loading", "lazy_src_attributes"],
    final_stage: false,
    filters_at_parse_time: false,
    add: |c, parts| {
        let mut rule = LazyImages::new().with_native_lazy_loading(c.native_lazy_loading);
        for name in &c.lazy_src_attributes {
            rule = rule.with_src_attribute(name);
        }
        rule.validate()?;
        parts.push(rule);
        Ok(())
    },
};

/// Recovers the real image of lazy-loaded elements.
///
/// **`<img>`, `<picture> <source>`, `<video>`.** The real `src` is the first of
/// [`SRC_ATTRIBUTES`] (after any configured with
/// [`with_src_attribute`](LazyImages::with_src_attribute)) that holds a URL — extensionless
/// (`…/640?wx_fmt=png`) and protocol-relative URLs count; `srcset` comes from
/// [`SRCSET_ATTRIBUTES`], `sizes` from [`SIZES_ATTRIBUTES`] (not `auto`). When no attribute
/// is known by name, the first other attribute whose value is one image URL (`.jpg`, `.png`,
/// `.webp`, `.gif`, `.avif`, `.svg`, any case, query allowed) or a `srcset` list is used;
/// `alt` and `title` never are. The current `src` is replaced when it is missing, a
/// placeholder (see [`placeholder::is_placeholder`]), a low-res preview, when the element is
/// marked lazy (a class containing `lazy`, `loading="lazy"`), or when it is the same image
/// routed through a proxy. Jetpack's `is-pending-load` marker is removed from the URLs.
///
/// **`<noscript>`.** When a placeholder `<img>` has no candidate, it takes the image of the
/// `<noscript>` right after it (that image's `src`/`srcset`/`sizes`, and the attributes it
/// lacks). A `<noscript>` whose single image is already shown by the element before it (or
/// will be by the element after it, as on Zhihu) is removed; a lone `<noscript>` image is
/// unwrapped; any other `<noscript>` is removed. A low-res preview followed by the lazy
/// image is removed (Medium).
///
/// **Elsewhere around the image.** A placeholder `<img>` with no candidate and no
/// `<noscript>` takes the picture a JSON-valued attribute names (its own, or
/// `data-image-info`/`data-media`/`data-props`… of the element around it: parsed, the key
/// tells the picture from a thumbnail, a bare file name is placed only by the `src` that
/// holds it), else the picture of the lightbox link it is alone in (an `href` that is an
/// image URL, PhotoSwipe's `data-pswp-src` and size, Fancybox's `data-src`; never a page or
/// an endpoint; the link stays). A tracker's URL (`…/pixel?uid=…`, `…/collect?v=1…`) and a
/// tiny inline image are never candidates. A URL template (`…_{width}x.jpg`,
/// `%{width}`) with no list of widths is filled from the width the element states, or not
/// at all.
///
/// **Stand-ins.** `figure[itemid]` with an image URL and no image gets an `<img>`, and so
/// does a `figure` without image naming one in a lazy attribute (`data-src`,
/// `data-image`…); an empty `div`/`span` with a lazy image attribute, a lazy background or
/// `data-image` (not a share widget's) becomes an `<img>`.
///
/// **AMP.** `<amp-img>` and `<amp-anim>` with a real `src`/`srcset` become that `<img>`
/// (their placeholder, fallback and `<noscript>` children go); without one they are
/// unwrapped.
///
/// **Left over.** An `<img>` with only a placeholder and no candidate is removed. Images get
/// `width`/`height` when absent, from `data-width`/`data-height`, `data-rawwidth`/
/// `data-rawheight` (Zhihu), `data-original-width`/`-height` (Jianshu), or `data-w` ×
/// `data-ratio` (WeChat); and `loading="lazy"` and `decoding="async"` unless turned off
/// ([`with_native_lazy_loading`](LazyImages::with_native_lazy_loading)). The lazy
/// attributes and lazy classes are removed.
///
/// Counts one change per image recovered (plus the walk's count of removed and replaced
/// elements).
///
/// ```
/// use articlean::Cleaner;
///
/// let out = Cleaner::default().clean(concat!(
///     r#"<p><img class="lazyload" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" "#,
///     r#"data-src="https://example.com/a.jpg" data-width="640" data-height="480"></p>"#,
/// ));
/// assert_eq!(
///     out.html(),
///     r#"<p><img src="https://example.com/a.jpg" width="640" height="480" loading="lazy" decoding="async"></p>"#
/// );
/// ```
#[derive(Debug, Clone)]
pub struct LazyImages {
    native_lazy: bool,
    src_attributes: Vec<String>,
    unwrapper: Unwrapper,
}

impl Default for LazyImages {
    fn default() -> Self {
        LazyImages {
            native_lazy: true,
            src_attributes: Vec::new(),
            unwrapper: Unwrapper::new(),
        }
    }
}

impl LazyImages {
    /// The default: native lazy loading on, the built-in attribute names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether images get `loading="lazy"` and `decoding="async"` (when they have no valid
    /// value of their own). Default: on.
    pub fn with_native_lazy_loading(mut self, on: bool) -> Self {
        self.native_lazy = on;
        self
    }

    /// Also reads the real `src` from the attribute `name`, before the built-in ones (for a
    /// site's own convention, e.g. `data-sco-src`). Checked by [`validate`](Self::validate).
    pub fn with_src_attribute(mut self, name: &str) -> Self {
        self.src_attributes.push(name.trim().to_ascii_lowercase());
        self
    }

    /// Whether native lazy loading attributes are added.
    pub fn native_lazy_loading(&self) -> bool {
        self.native_lazy
    }

    /// Checks the configuration.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSetting`] when an attribute name given to
    /// [`with_src_attribute`](Self::with_src_attribute) is not a valid attribute name, or is
    /// `src`/`srcset`/`alt`/`title`.
    pub fn validate(&self) -> Result<()> {
        for name in &self.src_attributes {
            if !is_valid_attr_name(name)
                || matches!(name.as_str(), "src" | "srcset" | "alt" | "title")
            {
                return Err(Error::InvalidSetting {
                    setting: "lazy image source attribute",
                    reason: format!("{name:?} cannot hold a lazy image URL"),
                });
            }
        }
        Ok(())
    }
}

impl Rule for LazyImages {
    fn name(&self) -> &'static str {
        BUILT_IN.name
    }

    fn interest(&self) -> Interest {
        // Any attribute of the images, their sources and fallbacks may hold an image URL or
        // say that the image is lazy; any attribute of a block standing in for an image but
        // its class, id and style (`candidates::NOT_SOURCES`: a block's background is read
        // from its lazy attributes, `stand_in::BACKGROUND_ATTRIBUTES`, never its style).
        const IMAGES: &str = "img source video noscript figure picture";
        // A link's lightbox picture and size; an empty link's lazy image
        // (`stand_in::fix_link`): its lazy class, its lazy and background attributes.
        let link = format!(
            "href title {} {} {} {} {}",
            link_target::LINK_IMAGE_ATTRIBUTES.join(" "),
            link_target::LINK_SIZE_ATTRIBUTES.join(" "),
            SRC_ATTRIBUTES.join(" "),
            SRCSET_ATTRIBUTES.join(" "),
            stand_in::BACKGROUND_ATTRIBUTES.join(" "),
        );
        // Called on the elements `element` looks at: images and their wrappers, and any
        // custom element (AMP's, or one carrying the JSON of the `<img>` inside:
        // `json_attr::WRAPPER_ATTRIBUTES`, on Wix's `wow-image`); `element_end` on
        // `<picture>` only.
        Interest::elements("img source video noscript figure picture div span a")
            .and_hyphenated()
            .ending("picture")
            .reads(IMAGES, "*")
            .reads("amp-img amp-anim", "*")
            .reads_all_but("div span", "class id style")
            .reads("a", &link)
            // A link's class only when it says lazy (`image::is_lazy_class`): a class is read
            // on every link, and most are long and say nothing of the kind.
            .reads_word("a", "class", "lazy")
            .reads_word("a", "class", "ls-is-cached")
            .reads("a", &self.src_attributes.join(" "))
            .reads("*", &json_attr::WRAPPER_ATTRIBUTES.join(" "))
    }

    fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
        if !el.is_html() {
            return Action::Keep;
        }
        match *el.local_name() {
            local_name!("img") => self.fix_img(el, cx),
            local_name!("source") => self.fix_source(el, cx),
            local_name!("video") => self.fix_video(el, cx),
            local_name!("noscript") => {
                noscript::noscript_action(el, &self.src_attributes, cx.parsed_ahead.take())
            }
            local_name!("figure") => {
                json_attr::note_wrapper_json(el);
                self.fix_figure(el, cx)
            }
            local_name!("picture") => {
                json_attr::note_wrapper_json(el);
                self.fix_picture(el)
            }
            local_name!("div") | local_name!("span") => {
                json_attr::note_wrapper_json(el);
                self.fix_block(el)
            }
            local_name!("a") => {
                json_attr::note_wrapper_json(el);
                link_target::note_link_image(el, cx.removed());
                self.fix_link(el, cx.removed())
            }
            ref name if amp::AMP_IMAGES.contains(&&**name) => self.fix_amp_image(el),
            // A custom element (`site-image`, Wix's `wow-image`) may wrap an `<img>` with its
            // JSON.
            ref name if name.contains('-') => {
                json_attr::note_wrapper_json(el);
                Action::Keep
            }
            _ => Action::Keep,
        }
    }

    fn element_end(&self, el: &mut Element<'_>, _cx: &mut Context<'_>) -> Action {
        if el.is_html() && *el.local_name() == local_name!("picture") {
            return self.fix_picture_end(el);
        }
        Action::Keep
    }
}
