//! Embeds leave a link. With embeds off (the default), a player or post from a known
//! provider — an `<iframe>`, `<embed>` or `<object>`, a lazy one (`data-src`…), a stand-in
//! (`div[data-src]` of lazy-load plugins, `<lite-youtube videoid>`) — becomes a link to the
//! canonical page of the video or post, with the provider's thumbnail where its URL follows
//! from the link. A titled frame of another host that stands in a `<figure>` (an embedded
//! code sample, chart or document) leaves a link to its page with its title, and a frame that
//! shows another article as a card (`…/embed/article/<id>/…`) a link to that article. Any
//! other frame is removed: on real pages those are ads, trackers, consent and social widgets, sign-in
//! and newsletter forms.
//!
//! The recognisers are the table [`PROVIDERS`](providers::PROVIDERS): a provider, the hosts it serves embeds
//! from, and a function from the embed URL to the canonical link and thumbnail. A frame that
//! only wraps a provider URL in a parameter (`/embed?url=https%3A%2F%2Fyoutube.com…`) is
//! recognised by that URL; one that names the provider and the video id
//! (`?id=youtube-video-<id>`, Plyr's `data-plyr-provider` + `data-plyr-embed-id`) by those,
//! when the id has the provider's own shape.

use crate::dom::serialize::escape_into;
use crate::{Action, Context, Element, NodeRef};
use html5ever::{local_name, LocalName};
use providers::{recognise, Found};
use std::sync::LazyLock;
use url::Url;

mod providers;
mod screen;

/// Whether `url` is a known provider's video or post (`https://www.youtube.com/embed/ID`,
/// `player.vimeo.com/video/…`): a page to link to, never a picture. (A provider's thumbnail,
/// an image file, is not recognised as one.)
pub(crate) fn is_embed_url(url: &str) -> bool {
    // Most URLs asked about are images: the screen tells them apart without a parse.
    screen::may_be_embed(url) && recognise(url, None).is_some()
}

/// Attributes that hold the URL of a lazy frame or of a stand-in for one.
const URL_ATTRS: &[&str] = &[
    "src",
    "data-src",
    "data-lazy-src",
    "data-url",
    "data",
    "data-embed",
    "data-embed-src",
    "data-iframe-src",
    "data-video-url",
    "data-href",
    "href",
];

/// The embed that `el` stands for, if it is one.
fn find(el: &Element<'_>, name: &LocalName, base: Option<&Url>) -> Option<Found> {
    // `<lite-youtube videoid>`, `<lite-vimeo videoid>` and the like.
    if let Some(kind) = name.strip_prefix("lite-") {
        let id = el.attr("videoid").or_else(|| el.attr("video-id"))?;
        let url = match kind {
            "youtube" => format!("https://www.youtube.com/embed/{id}"),
            "vimeo" => format!("https://player.vimeo.com/video/{id}"),
            _ => return None,
        };
        let mut found = recognise(&url, None)?;
        if let Some(start) = el
            .attr("videostartat")
            .and_then(|t| t.trim().parse::<u32>().ok())
        {
            if start > 0 && found.provider == "YouTube" {
                found.link.push_str(&format!("&t={start}"));
            }
        }
        return Some(found);
    }
    // As atoms, compared without reading their text: this runs on every `div` and `span`.
    static URL_ATOMS: LazyLock<Vec<LocalName>> =
        LazyLock::new(|| URL_ATTRS.iter().map(|a| LocalName::from(*a)).collect());
    URL_ATOMS
        .iter()
        .filter_map(|a| el.attr_by_atom(a))
        .find_map(|v| recognise(v, base))
        .or_else(|| named(el))
}

/// Attributes that name a player's provider, and those that hold its video id (Plyr's
/// `data-plyr-provider` and `data-plyr-embed-id`, and the like).
const PROVIDER_ATTRS: &[&str] = &["data-plyr-provider", "data-video-provider", "data-provider"];
const ID_ATTRS: &[&str] = &["data-plyr-embed-id", "data-video-id", "data-embed-id"];

/// A player named by its provider and a video id, in two attributes.
fn named(el: &Element<'_>) -> Option<Found> {
    let provider = PROVIDER_ATTRS.iter().find_map(|a| el.attr(a))?;
    let id = ID_ATTRS.iter().find_map(|a| el.attr(a))?;
    providers::recognise_named(&format!("{}:{}", provider.trim(), id.trim()))
}

/// The link an embed leaves, as HTML; with `thumbnail`, also the provider's thumbnail (an
/// image the page never showed: off by default, see `with_embed_thumbnails`).
fn to_html(found: &Found, title: Option<&str>, thumbnail: bool) -> String {
    let text = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    let mut html = String::from("<p>");
    if let Some(thumb) = found.thumbnail.as_ref().filter(|_| thumbnail) {
        html.push_str("<a href=\"");
        escape_into(&mut html, &found.link, true);
        html.push_str("\"><img src=\"");
        escape_into(&mut html, thumb, true);
        html.push_str("\" alt=\"");
        escape_into(&mut html, text.as_deref().unwrap_or(found.provider), true);
        html.push_str("\"></a><br>");
    }
    html.push_str("<a href=\"");
    escape_into(&mut html, &found.link, true);
    html.push_str("\">");
    match &text {
        Some(t) => escape_into(&mut html, t, false),
        None => escape_into(&mut html, &found.link, false),
    }
    html.push_str("</a></p>");
    html
}

/// A frame of no known provider that the author placed in a `<figure>` and named with a
/// `title` (an embedded code sample, chart or document shown as a figure of the article):
/// a link to the frame's page, the title as its text. A figure is the article's own
/// content; the frames removed without trace are those outside one (ads, trackers,
/// consent and social widgets, forms), untitled ones, whose link would say nothing, and
/// those beside a link (a quote linking to the framed post).
fn figure_frame(el: &Element<'_>, base: Option<&Url>) -> Option<Found> {
    if !el.is("iframe") {
        return None;
    }
    el.attr("title").filter(|t| !t.trim().is_empty())?;
    if !el.has_ancestor("figure") {
        return None;
    }
    // A frame beside a link to the framed page (WordPress's embed: a quote with the post's
    // link just before the frame) needs no second link. Only the adjacent elements are
    // looked at: each node is adjacent to two elements at most, so the cost stays linear
    // (any previous sibling would make a figure of many frames quadratic).
    let is_link = |n: &NodeRef| n.is("a") && n.attr("href").is_some();
    if el
        .previous_element_sibling()
        .into_iter()
        .chain(el.next_element_sibling())
        .any(|n| is_link(&n) || n.descendant_elements().iter().any(is_link))
    {
        return None;
    }
    let src = el.attr("src")?;
    // An ad or tracker frame is junk in a figure too.
    if crate::rules::junk::is_tracker_url(src) {
        return None;
    }
    let link = providers::page_url(src, base)?;
    Some(Found {
        provider: "",
        link: link.into(),
        thumbnail: None,
    })
}

/// Segments that name what an article card frame shows, after its `embed` segment.
const CARD_KINDS: &[&str] = &["article", "articles", "story", "stories", "post", "posts"];

/// A frame that shows another article as a card (a related story set in the text): its URL
/// is the article's own with an `embed` segment before `article`, `story` or `post` and the
/// article's id (`https://news.example/en/embed/article/ab12cd/title?utm_source=…`). It leaves
/// a link to the article: that URL without the `embed` segment, the card's query and
/// fragment (the card's own settings). The frame's title, when it has one, is the text.
fn article_card(el: &Element<'_>, base: Option<&Url>) -> Option<Found> {
    if !el.is("iframe") {
        return None;
    }
    let mut url = ["src", "data-src", "data-lazy-src"]
        .iter()
        .filter_map(|a| el.attr(a))
        .filter(|u| !crate::rules::junk::is_tracker_url(u))
        .find_map(|u| providers::page_url(u, base))?;
    // A host that only serves embeds (`embed.<service>/embed/post/<token>/<id>`) has no
    // article page behind the card: its URL less `embed` leads nowhere.
    if url
        .host_str()
        .is_some_and(|h| h.len() > 6 && h[..6].eq_ignore_ascii_case("embed."))
    {
        return None;
    }
    let segments: Vec<String> = url.path_segments()?.map(str::to_owned).collect();
    let at = segments
        .iter()
        .position(|s| s.eq_ignore_ascii_case("embed"))?;
    let kind = segments.get(at + 1)?;
    if !CARD_KINDS.iter().any(|k| kind.eq_ignore_ascii_case(k)) {
        return None;
    }
    // The article's id (or slug) follows.
    segments.get(at + 2).filter(|s| !s.is_empty())?;
    let path: Vec<&str> = segments
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, s)| s.as_str())
        .collect();
    url.set_path(&path.join("/"));
    url.set_query(None);
    url.set_fragment(None);
    Some(Found {
        provider: "",
        link: url.into(),
        thumbnail: None,
    })
}

/// Whether an image URL holds `/embed` or `player` (as written): a player's URL given to an
/// `<img>`. One pass for the bytes `b` and `y`, rare in image URLs, each word compared only
/// around them (not two substring searchers built for every image).
fn names_a_player(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr2_iter(b'b', b'y', b).any(|i| {
        let word: &[u8] = if b[i] == b'b' { b"/embed" } else { b"player" };
        // Both words have their `b` or `y` fourth.
        i.checked_sub(3)
            .and_then(|start| b.get(start..start + word.len()))
            .is_some_and(|w| w == word)
    })
}

/// Classes of the blockquotes that the embed scripts of social networks turn into posts.
fn is_post_quote(el: &Element<'_>) -> bool {
    el.classes().any(|c| {
        matches!(
            c,
            "twitter-tweet" | "twitter-video" | "instagram-media" | "tiktok-embed"
        )
    })
}

impl super::Sanitize {
    /// With embeds off, an embed or a stand-in for one becomes a link to its page (`None`:
    /// `el` is not one, the sanitizer goes on as usual).
    ///
    /// Asked about every element: the names that can be one are told apart here, inline,
    /// and only those go on to the look (a frame, a post quote, an image, a stand-in).
    #[inline]
    pub(super) fn embed_link(
        &self,
        el: &Element<'_>,
        name: &LocalName,
        cx: &Context<'_>,
    ) -> Option<Action> {
        // A frame always goes through; any other element is looked at only by its
        // attributes (a post quote's class, an image's `src`, a stand-in's URL): one without
        // any is none (`embed_link_of` answers `None` for it, a test checks every name).
        // A `div`, `span` or `figure` is a stand-in only with a `data-` attribute (the
        // common one, with a class or a style, is told here; a property test checks it).
        let may_be = matches!(
            *name,
            local_name!("iframe") | local_name!("embed") | local_name!("object")
        ) || (el.attr_count() != 0
            && match *name {
                local_name!("div") | local_name!("span") | local_name!("figure") => {
                    !crate::screens::on() || el.attr_names().any(|n| n.starts_with("data-"))
                }
                local_name!("blockquote") | local_name!("img") => true,
                _ => name.starts_with("lite-"),
            });
        if may_be {
            self.embed_link_of(el, name, cx)
        } else {
            None
        }
    }

    /// [`embed_link`](Self::embed_link) of an element whose name may be one.
    #[inline(never)]
    fn embed_link_of(
        &self,
        el: &Element<'_>,
        name: &LocalName,
        cx: &Context<'_>,
    ) -> Option<Action> {
        let frame = matches!(
            *name,
            local_name!("iframe") | local_name!("embed") | local_name!("object")
        );
        if frame {
            // With embeds on, an allowed player stays a player (`Sanitize::embed`); any other
            // known embed still leaves its link.
            if let Some(embeds) = &self.policy.embeds {
                if *name == local_name!("iframe") && embeds.canonical(el, cx.base_url()).is_some() {
                    return None;
                }
            }
            if self.policy.fate(name) != super::Fate::Remove
                || !self.policy.keeps(&local_name!("a"))
            {
                return None;
            }
            return Some(match find(el, name, cx.base_url()) {
                Some(found) => Action::Replace(to_html(
                    &found,
                    el.attr("title"),
                    self.policy.embed_thumbnails,
                )),
                None => match article_card(el, cx.base_url())
                    .or_else(|| figure_frame(el, cx.base_url()))
                {
                    Some(found) => Action::Replace(to_html(&found, el.attr("title"), false)),
                    None => Action::Remove,
                },
            });
        }
        if *name == local_name!("blockquote")
            && is_post_quote(el)
            && !el.has_text_outside(cx.removed())
        {
            // The post's text was left for the script to fill in: its link stays, readable.
            let found = el
                .attr("cite")
                .or_else(|| el.attr("data-instgrm-permalink"))
                .and_then(|u| recognise(u, cx.base_url()))
                .or_else(|| {
                    el.element_children().into_iter().find_map(|c| {
                        let href = c.attr("href")?;
                        recognise(&href, cx.base_url())
                    })
                })?;
            return Some(Action::Replace(format!(
                "<blockquote>{}</blockquote>",
                to_html(&found, None, self.policy.embed_thumbnails)
            )));
        }
        // An `<img>` given a player's URL (a stand-in turned into an image): not an image.
        if *name == local_name!("img") {
            let src = el.attr_by_atom(&local_name!("src"))?;
            if !names_a_player(src) {
                return None;
            }
            let found = recognise(src, cx.base_url())?;
            return Some(Action::Replace(to_html(
                &found,
                el.attr("title"),
                self.policy.embed_thumbnails,
            )));
        }
        // Stand-ins: custom player elements, and empty placeholders with the player's URL.
        let stand_in = name.starts_with("lite-")
            || (matches!(
                *name,
                local_name!("div") | local_name!("span") | local_name!("figure")
            ) && el.attrs().any(|(k, _)| k.starts_with("data-")));
        if !stand_in {
            return None;
        }
        // The player's URL first (a few attributes, rare on such elements), then whether the
        // placeholder is empty (a walk over its content).
        let found = find(el, name, cx.base_url())?;
        if !name.starts_with("lite-") && el.has_text_outside(cx.removed()) {
            return None;
        }
        let link = to_html(&found, el.attr("title"), self.policy.embed_thumbnails);
        // The posters the page showed in the stand-in stay, before the link (the rules clean
        // them again with it): its images, a preview `<video>`, and a `<noscript>` (whose
        // image the lazy-image rule recovers); nothing else of a stand-in without text shows.
        let posters = el.html_of_outside(cx.removed(), |d| {
            d.is("img") || d.is("picture") || d.is("video") || d.is("noscript")
        });
        Some(Action::Replace(posters + &link))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Action, Context, Element, Rule};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Asks `embed_link_of` about every element without attributes but a frame, where
    /// `embed_link` does not: it must find no embed.
    struct Bare(AtomicUsize, super::super::Sanitize);

    impl Rule for Bare {
        fn name(&self) -> &'static str {
            "bare"
        }
        fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
            let name = el.local_name().clone();
            let frame = matches!(&*name, "iframe" | "embed" | "object");
            if el.attr_count() == 0 && !frame {
                assert_eq!(self.1.embed_link_of(el, &name, cx), None, "{name}");
                self.0.fetch_add(1, Ordering::Relaxed);
            }
            Action::Keep
        }
    }

    proptest::proptest! {
        /// The one pass finds `/embed` or `player` where the substring searches do, on URLs
        /// made of pieces of both words and their neighbours.
        #[test]
        fn names_a_player_as_searched(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "/", "e", "m", "b", "d", "p", "l", "a", "y", "r", "/embed", "player", "emb",
                "play", "https://x.example", "?v=", "B", "Y", "é", "layer", "/em",
            ]), 0..14),
        ) {
            let src = parts.concat();
            let expected = src.contains("/embed") || src.contains("player");
            proptest::prop_assert_eq!(super::names_a_player(&src), expected, "{}", src);
        }
    }

    /// Every HTML element, stand-ins and custom elements, without attributes, empty and
    /// holding a provider's link, inside a figure.
    #[test]
    fn no_embed_without_attributes() {
        let bare = std::sync::Arc::new(Bare(AtomicUsize::new(0), Default::default()));
        struct Shared(std::sync::Arc<Bare>);
        impl Rule for Shared {
            fn name(&self) -> &'static str {
                "bare"
            }
            fn element(&self, el: &mut Element<'_>, cx: &mut Context<'_>) -> Action {
                self.0.element(el, cx)
            }
        }
        let cleaner = crate::Cleaner::builder()
            .with_rule(Shared(bare.clone()))
            .build()
            .unwrap();
        let names = crate::dom::names::HTML_ELEMENTS
            .split_ascii_whitespace()
            .chain(["lite-youtube", "lite-vimeo", "amp-img", "x-y", "blockquote"]);
        let mut asked = 0;
        for n in names {
            let link = "<a href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\">v</a>";
            for inner in ["", link] {
                cleaner.clean(&format!("<figure><{n}>{inner}</{n}></figure>"));
                asked += 1;
            }
        }
        // Each page's own elements, and most of the named ones, were asked about.
        assert!(bare.0.load(Ordering::Relaxed) > asked, "{asked}");
    }
}
