//! `<noscript>` fallbacks. The parser runs with scripting on, so a `<noscript>` holds its
//! markup as one text node: it is parsed here to see which images it holds.

use super::candidates::{find, srcset_is_placeholder, Found};
use super::image::{src_state_by, take_noscript_image, LowRes, Src};
use super::placeholder::{file_name, is_placeholder};
use super::trim::Trimmed;
use crate::ascii::contains_ci;
use crate::dom::node::without;
use crate::dom::parse::single_img_attrs;
use crate::proxy::Unwrapper;
use crate::rule::ParsedAhead;
use crate::rules::junk::is_tracker_url;
use crate::{Action, Context, Element, NodeRef};
use html5ever::local_name;

/// The one `<img>` of a `<noscript>`'s markup, when that markup is a single image (possibly
/// inside wrappers or a `<picture>`) and no text.
pub(crate) fn single_image(markup: &str) -> Option<NodeRef> {
    if !contains_ci(markup, "<img") {
        return None;
    }
    // The top nodes are detached: they must outlive the walk, or dropping one empties its
    // descendants (rcdom's non-recursive drop) before they are looked at.
    let roots = NodeRef::parse_fragment(markup);
    single_image_of(&roots)
}

/// [`single_image`] of markup parsed into `roots` (kept alive by the caller).
pub(crate) fn single_image_of(roots: &[NodeRef]) -> Option<NodeRef> {
    let mut image = None;
    let mut stack = roots.to_vec();
    while let Some(node) = stack.pop() {
        if node.is_text() {
            if !node.is_blank() {
                return None;
            }
            continue;
        }
        if node.is("img") {
            if image.is_some() {
                return None;
            }
            image = Some(node.clone());
        }
        stack.extend(node.children());
    }
    image
}

/// The image of the `<noscript>` just after `el`, if it holds one that is no tracker's pixel
/// (comScore's `<noscript><img src="…/p?c1=2…"></noscript>` is no fallback of an image).
///
/// The markup is parsed where the `<noscript>` stands (a sibling: the same depth) and kept in
/// `cx` for when the walk reaches it ([`ParsedAhead`]): `noscript_action` then takes these
/// nodes instead of parsing it again.
pub(super) fn next_noscript_image(el: &Element<'_>, cx: &mut Context<'_>) -> Option<NodeRef> {
    let next = el.next_element_sibling()?;
    if !next.is("noscript") {
        return None;
    }
    let markup = next.text_content();
    if !contains_ci(&markup, "<img") {
        return None;
    }
    let depth = el.replacement_depth();
    // Parsed already when the preview before `el` looked for its real image.
    let image = match &cx.parsed_ahead {
        Some(a) if a.node.same(&next) && a.depth == depth && a.markup == markup => {
            single_image_of(&a.roots)
        }
        _ => {
            let roots = el.parse_replacement(&markup);
            let image = single_image_of(&roots);
            cx.parsed_ahead = Some(ParsedAhead {
                node: next,
                depth,
                markup,
                roots,
            });
            image
        }
    };
    image.filter(|img| !img.attr("src").is_some_and(|s| is_tracker_url(&s)))
}

/// Every `<img>` of parsed markup, in any order.
fn all_images(roots: &[NodeRef]) -> Vec<NodeRef> {
    let mut images = Vec::new();
    let mut stack = roots.to_vec();
    while let Some(node) = stack.pop() {
        if node.is("img") {
            images.push(node.clone());
        }
        stack.extend(node.children());
    }
    images
}

/// What to do with a `<noscript>`:
///
/// - anything in `<head>`, and a `<noscript>` without images: removed;
/// - every image it holds is a tracker, or is already shown by the element just before it,
///   or will be by the element just after it (the same picture: the same URL, or the same
///   file name but for a size suffix): removed;
/// - otherwise (an image on its own, a gallery of images with their captions): replaced by
///   its markup, which is then cleaned like any input (so each image passes the same
///   placeholder and tracker tests as any other), less the images already shown beside it
///   (with the `figure`, `a` or `picture` that holds only them). Consecutive `<noscript>`
///   images therefore each keep their image, and a gallery does not repeat its first one.
#[inline(never)]
pub(crate) fn noscript_action(
    el: &mut Element<'_>,
    extra: &[String],
    ahead: Option<ParsedAhead>,
) -> Action {
    // The thread's memo, emptied, with the buffers of the last `<noscript>` (no
    // allocation per `<noscript>`); a fresh one if it is in use (never, as nothing here
    // looks at another `<noscript>`, but a panic must not be the answer).
    MEMO.with(|cell| match cell.try_borrow_mut() {
        Ok(mut memo) => {
            memo.clear();
            noscript_action_with(el, extra, ahead, &mut memo)
        }
        Err(_) => noscript_action_with(el, extra, ahead, &mut KeyMemo::default()),
    })
}

thread_local! {
    /// The [`KeyMemo`] of [`noscript_action`], kept with its buffers from one `<noscript>`
    /// to the next (emptied each time: no answer carries over).
    static MEMO: std::cell::RefCell<KeyMemo> = std::cell::RefCell::new(KeyMemo::default());
}

/// [`noscript_action`] with `memo` (empty) for the picture keys.
fn noscript_action_with(
    el: &mut Element<'_>,
    extra: &[String],
    ahead: Option<ParsedAhead>,
    memo: &mut KeyMemo,
) -> Action {
    // Nothing in `<head>` is content (and an image there would move on the next parse).
    // (Its ancestors' names compared as atoms, not as strings.)
    if el.ancestor_names().any(|n| n == Some(&local_name!("head"))) {
        return Action::Remove;
    }
    let markup = el.text_content();
    if !contains_ci(&markup, "<img") {
        return Action::Remove;
    }
    // Parsed where the walk would parse it: when all of it replaces the `<noscript>`, these
    // nodes do (one parse, not two); or already, by the image before it (`ahead`).
    let depth = el.replacement_depth();
    let ahead = match ahead {
        Some(a) if el.is_node(&a.node) && a.depth == depth && a.markup == markup => Some(a.roots),
        _ => None,
    };
    // The usual `<noscript>`: one `<img>`, read without building its nodes, which only an
    // image of its own needs (the decision below, for one image). Its keys are read first:
    // the neighbours' keys are then read only as far as needed to meet one of them.
    if ahead.is_none() {
        if let Some(attrs) = single_img_attrs(&markup, depth) {
            let pairs: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (&**k, &**v)).collect();
            let src = pairs.iter().find(|(k, _)| *k == "src").map(|(_, v)| *v);
            #[cfg(test)]
            if !super::image::fast_paths() {
                return tests::single_as_before(el, extra, memo, &pairs, src, &markup);
            }
            if memo.shown_beside(el, extra, &pairs) {
                return Action::Remove;
            }
            if src.is_some_and(is_tracker_url) {
                return Action::Remove;
            }
            // An image of its own, the only one: unwrapped whole.
            return el.replace_with(el.parse_replacement(&markup));
        }
    }
    // What the elements beside it show.
    let mut shown: Vec<Key> = Vec::new();
    memo.beside_keys(el, extra, &mut shown);
    let roots = match ahead {
        Some(roots) => roots,
        None => el.parse_replacement(&markup),
    };
    let images = all_images(&roots);
    if images.is_empty() {
        return Action::Remove;
    }
    // The keys of each image, read once (each URL goes through the proxy unwrapper, once).
    let keys: Vec<Vec<Key>> = images.iter().map(|img| memo.image_keys(img)).collect();
    let shown_all = |keys: &[Key]| !keys.is_empty() && keys.iter().all(|k| shown.contains(k));
    let new_image = images
        .iter()
        .zip(&keys)
        .any(|(img, keys)| is_new_image(keys, &shown, img.attr("src").as_deref()));
    if !new_image {
        return Action::Remove;
    }
    let shown_images: Vec<&NodeRef> = images
        .iter()
        .zip(&keys)
        .filter(|(_, keys)| shown_all(keys))
        .map(|(img, _)| img)
        .collect();
    // One image per figure: the images already shown beside it (with their own figure or
    // link) are left out of what is unwrapped, from the nodes parsed above.
    if shown_images.is_empty() {
        drop(images);
        return el.replace_with(roots);
    }
    let kept = without_shown(roots, &shown_images);
    drop(shown_images);
    drop(images);
    el.replace_with(kept)
}

/// Whether an image whose picture keys are `keys` and whose `src` is `src` is one of its
/// own: not shown beside its `<noscript>` (no key in `shown`), and not a tracker.
fn is_new_image(keys: &[Key], shown: &[Key], src: Option<&str>) -> bool {
    !keys.is_empty() && !keys.iter().any(|k| shown.contains(k)) && !src.is_some_and(is_tracker_url)
}

/// `roots` less the images of `shown` (already shown beside the `<noscript>`), with the
/// `figure`, `a` or `picture` that holds only them. Rare (a gallery whose first image is
/// shown before it): out of line.
#[cold]
#[inline(never)]
fn without_shown(roots: Vec<NodeRef>, shown: &[&NodeRef]) -> Vec<NodeRef> {
    let is_shown = |img: &NodeRef| shown.iter().any(|s| s.same(img));
    without(roots, |n| {
        if n.is("img") {
            return is_shown(n);
        }
        if !(n.is("figure") || n.is("a") || n.is("picture")) {
            return false;
        }
        let inner: Vec<NodeRef> = n
            .descendant_elements()
            .into_iter()
            .filter(|d| d.is("img"))
            .collect();
        !inner.is_empty() && inner.iter().all(is_shown)
    })
}

/// A picture key ([`picture_key`]) as a [`KeyMemo`] holds it: its number among the keys the
/// memo has met. Two keys of one memo are equal when their strings are: the strings are
/// compared once, when a key is met, and the keys of the images after that as numbers.
type Key = u32;

/// The picture keys of the URLs read while one `<noscript>` is looked at, by URL: the image
/// before it, the one after it and its own images often name the same URLs (a `srcset` and
/// its `<noscript>` twin, a `src` repeated as the largest candidate), and each key costs a
/// trip through the proxy unwrapper. At most [`KeyMemo::SIZE`] URLs are kept (a look-up
/// stays a few comparisons, whatever the gallery).
///
/// Each key string is kept once ([`Key`]), and the URLs are written one after another into
/// one string: a URL and a key cost no allocation of their own, nor a copy per image that
/// names them (a `<noscript>` is looked at for every lazy image with one after it). Emptied
/// ([`clear`](Self::clear)), a memo keeps its buffers for the next `<noscript>`.
struct KeyMemo {
    /// A URL (trimmed: its range in `urls`), its key through any proxy, and whether it is a
    /// placeholder (asked only when its key is new to an image).
    known: Vec<(std::ops::Range<usize>, Key, Option<bool>)>,
    /// The URLs of `known`, one after another (and those it no longer holds).
    urls: String,
    /// The string of each key, by number: the first `live` (the others are buffers kept
    /// from an earlier `<noscript>`).
    keys: Vec<String>,
    live: usize,
    /// Where a key is written before it is looked up.
    scratch: String,
}

impl Default for KeyMemo {
    fn default() -> Self {
        // Room for an image and its twin at once (they name a handful of URLs each), small
        // enough for the allocator's quick bins.
        // The URLs' room: those of an image, its twin and a neighbour with their `srcset`s
        // at once, not grown (copied) URL by URL.
        KeyMemo {
            known: Vec::with_capacity(8),
            urls: String::with_capacity(512),
            keys: Vec::with_capacity(8),
            live: 0,
            scratch: String::new(),
        }
    }
}

impl KeyMemo {
    const SIZE: usize = 32;

    /// How many key buffers an emptied memo keeps (a gallery's are let go).
    const KEPT_KEYS: usize = 64;

    /// Forgets every URL and key, keeping the buffers.
    fn clear(&mut self) {
        self.known.clear();
        self.urls.clear();
        self.keys.truncate(Self::KEPT_KEYS);
        self.live = 0;
    }

    /// The string of `key`.
    #[cfg(test)]
    fn key_str(&self, key: Key) -> &str {
        &self.keys[key as usize]
    }

    /// The picture keys of the images `node` (already cleaned) shows with a real source.
    fn shown_keys(&mut self, node: &NodeRef, out: &mut Vec<Key>) {
        if node.is("img") {
            // Its attributes read once: whether it has a real source, and its keys.
            if let Some(keys) =
                node.with_attrs(|attrs| has_real_source(attrs).then(|| self.attr_keys(attrs)))
            {
                out.extend(keys);
            }
        } else if node.is("picture") || node.is("figure") || node.is("a") || node.is("span") {
            self.shown_keys_inside(node, out);
        }
    }

    /// The picture keys the elements beside the `<noscript>` `el` show: the one before it
    /// (cleaned), and the image or `<picture>` after it (not cleaned yet) when it will show
    /// an image.
    fn beside_keys(&mut self, el: &Element<'_>, extra: &[String], out: &mut Vec<Key>) {
        if let Some(before) = el.previous_element_sibling() {
            self.shown_keys(&before, out);
        }
        if let Some(after) = el.next_element_sibling() {
            if after.is("img") {
                // Its attributes read once: whether it will show an image, and its keys.
                if let Some(keys) = after
                    .with_attrs(|pairs| shows_image(pairs, extra).then(|| self.attr_keys(pairs)))
                {
                    out.extend(keys);
                }
            } else if after.is("picture") {
                self.upcoming_picture_keys(&after, extra, out);
            }
        }
    }

    /// Whether the image whose attributes are `own` (the one `<img>` of the `<noscript>`
    /// `el`) is no image of its own: it has no key (nothing but placeholders), or a key of it
    /// is shown beside `el` (see [`beside_keys`](Self::beside_keys)). The image before `el`
    /// and `own` are read in turn up to their first shared key ([`keys_meet`](Self::keys_meet)),
    /// the element after `el` only when they share none, and up to its first key of `own`.
    fn shown_beside(&mut self, el: &Element<'_>, extra: &[String], own: &[(&str, &str)]) -> bool {
        let mut own_urls = key_urls(own);
        let mut own_keys: Vec<Key> = Vec::with_capacity(4);
        if let Some(before) = el.previous_element_sibling() {
            if before.is("img") {
                let met = before.with_attrs(|attrs| {
                    has_real_source(attrs) && self.keys_meet(&mut own_urls, &mut own_keys, attrs)
                });
                if met {
                    return true;
                }
            } else {
                let mut shown = Vec::new();
                self.shown_keys(&before, &mut shown);
                for url in own_urls.by_ref() {
                    self.push_key(url, &mut own_keys);
                }
                if own_keys.is_empty() || shown.iter().any(|k| own_keys.contains(k)) {
                    return true;
                }
            }
        }
        for url in own_urls {
            self.push_key(url, &mut own_keys);
        }
        if own_keys.is_empty() {
            return true;
        }
        let Some(after) = el.next_element_sibling() else {
            return false;
        };
        if after.is("img") {
            after.with_attrs(|pairs| {
                shows_image(pairs, extra) && self.attr_keys_meet(pairs, &own_keys)
            })
        } else if after.is("picture") {
            let mut shown = Vec::new();
            self.upcoming_picture_keys(&after, extra, &mut shown);
            shown.iter().any(|k| own_keys.contains(k))
        } else {
            false
        }
    }

    /// [`shown_keys`](Self::shown_keys) of a wrapper: of the images inside it. Out of line:
    /// the element before a `<noscript>` is mostly its image.
    #[cold]
    #[inline(never)]
    fn shown_keys_inside(&mut self, node: &NodeRef, out: &mut Vec<Key>) {
        let real = |n: &NodeRef| n.is("img") && n.with_attrs(has_real_source);
        for d in node.descendant_elements().iter().filter(|d| real(d)) {
            out.extend(self.image_keys(d));
        }
    }

    /// The picture keys of the images of the `<picture>` `node` (not cleaned yet), lazy
    /// candidates included, when one of them will show an image (has a real source or a
    /// lazy candidate to promote). Out of line: the element after a `<noscript>` is
    /// mostly its image.
    #[cold]
    #[inline(never)]
    fn upcoming_picture_keys(&mut self, node: &NodeRef, extra: &[String], out: &mut Vec<Key>) {
        let images: Vec<NodeRef> = node
            .descendant_elements()
            .into_iter()
            .filter(|d| d.is("img"))
            .collect();
        if images
            .iter()
            .any(|n| n.with_attrs(|pairs| shows_image(pairs, extra)))
        {
            for img in &images {
                out.extend(self.image_keys(img));
            }
        }
    }

    /// The keys of every URL an `<img>` names (`src`, `srcset` candidates, URL-valued
    /// `data-` attributes), placeholders left out.
    fn image_keys(&mut self, img: &NodeRef) -> Vec<Key> {
        img.with_attrs(|attrs| self.attr_keys(attrs))
    }

    /// [`image_keys`](Self::image_keys) of an `<img>` whose attributes are `attrs`.
    fn attr_keys(&mut self, attrs: &[(&str, &str)]) -> Vec<Key> {
        // An image names a picture or two (its `src`, its `srcset`'s sizes share a key).
        let mut keys = Vec::with_capacity(4);
        for url in key_urls(attrs) {
            self.push_key(url, &mut keys);
        }
        keys
    }

    /// Whether [`attr_keys`](Self::attr_keys) of `attrs` holds a key of `wanted`, its URLs
    /// read only up to the first such key.
    fn attr_keys_meet(&mut self, attrs: &[(&str, &str)], wanted: &[Key]) -> bool {
        let mut keys = Vec::with_capacity(4);
        key_urls(attrs).any(|url| {
            let before = keys.len();
            self.push_key(url, &mut keys);
            keys[before..].iter().any(|k| wanted.contains(k))
        })
    }

    /// Whether the keys of `own` (the URLs of an image, some of whose keys are read into
    /// `own_keys` already) and [`attr_keys`](Self::attr_keys) of `attrs` meet. Read a URL of
    /// each in turn, up to the first key they share: an image and its `<noscript>` twin name
    /// their picture first (`src`), then in several sizes (`srcset`). When they do not meet,
    /// every key of `own` is in `own_keys`.
    fn keys_meet<'a>(
        &mut self,
        own: &mut impl Iterator<Item = &'a str>,
        own_keys: &mut Vec<Key>,
        attrs: &[(&str, &str)],
    ) -> bool {
        let mut other = key_urls(attrs);
        let mut other_keys: Vec<Key> = Vec::with_capacity(4);
        loop {
            let mut read = false;
            if let Some(url) = own.next() {
                read = true;
                let before = own_keys.len();
                self.push_key(url, own_keys);
                if own_keys[before..].iter().any(|k| other_keys.contains(k)) {
                    return true;
                }
            }
            if let Some(url) = other.next() {
                read = true;
                let before = other_keys.len();
                self.push_key(url, &mut other_keys);
                if other_keys[before..].iter().any(|k| own_keys.contains(k)) {
                    return true;
                }
            }
            if !read {
                return false;
            }
        }
    }

    /// Adds the key of `url`, read through any image proxy or optimiser it is routed through
    /// (`/_next/image?url=%2Fa.jpg` is the picture `a`, as the twin beside it shows once the
    /// proxy rule has unwrapped it).
    fn push_key(&mut self, url: &str, keys: &mut Vec<Key>) {
        let url = url.trimmed();
        if url.is_empty() || url.starts_with("data:") {
            return;
        }
        let urls = &self.urls;
        let at = match self
            .known
            .iter()
            .position(|(u, ..)| &urls[u.clone()] == url)
        {
            Some(at) => at,
            None => {
                let origin = Unwrapper::new().unwrap(url);
                let key = self.key_of(origin.as_deref().unwrap_or(url));
                if self.known.len() == Self::SIZE {
                    self.known.remove(0);
                }
                let start = self.urls.len();
                self.urls.push_str(url);
                self.known.push((start..self.urls.len(), key, None));
                self.known.len() - 1
            }
        };
        let (_, key, placeholder) = &mut self.known[at];
        // A key already there stays whatever this URL is: the placeholder test (the dearer
        // one) only for a new key. (A `srcset` names one picture in several sizes.)
        if self.keys[*key as usize].is_empty() || keys.contains(key) {
            return;
        }
        if !*placeholder.get_or_insert_with(|| is_placeholder(url)) {
            keys.push(*key);
        }
    }

    /// The number of the key of `url` ([`picture_key`]): the one it was given when met
    /// before, else the next (its string written into a kept buffer when there is one).
    fn key_of(&mut self, url: &str) -> Key {
        picture_key_into(url, &mut self.scratch);
        let key = self.scratch.as_str();
        if let Some(at) = self.keys[..self.live].iter().position(|k| k == key) {
            return at as Key;
        }
        match self.keys.get_mut(self.live) {
            Some(slot) => {
                slot.clear();
                slot.push_str(key);
            }
            None => self.keys.push(key.to_string()),
        }
        self.live += 1;
        (self.live - 1) as Key
    }
}

/// Whether the attribute name `k` contains `srcset` (`srcset`, `data-srcset`,
/// `data-lazy-srcset`): `str::contains`'s answer, read six bytes at a time without setting up
/// a substring searcher (most names are short: `class`, `alt`, `width`).
fn names_srcset(k: &str) -> bool {
    k.len() >= 6 && k.as_bytes().windows(6).any(|w| w == b"srcset")
}

/// The URLs whose keys [`KeyMemo::attr_keys`] reads from an `<img>`'s attributes `attrs`:
/// each candidate of a `srcset` (any attribute naming one), the `src`, and the value of a
/// `data-` attribute with a `/` or a `.`.
fn key_urls<'a>(attrs: &'a [(&'a str, &'a str)]) -> impl Iterator<Item = &'a str> + 'a {
    attrs.iter().flat_map(|&(k, v)| {
        let set = names_srcset(k);
        let single = !set
            && (k == "src" || (k.starts_with("data-") && (v.contains('/') || v.contains('.'))));
        let candidates = set.then(|| crate::srcset::iter(v).map(|c| c.url));
        candidates.into_iter().flatten().chain(single.then_some(v))
    })
}

/// File stems that name no picture (`…/4411/full.jpeg`, `…/a8f3/original.png`): the folder
/// does, and is part of the key.
const GENERIC_STEMS: &[&str] = &[
    "full",
    "original",
    "orig",
    "large",
    "medium",
    "small",
    "thumb",
    "thumbnail",
    "image",
    "img",
    "main",
    "default",
    "index",
    "raw",
    "source",
    "master",
    "hero",
    "cover",
    "file",
    "max",
    "big",
];

/// What identifies a picture across its sizes: the file name (lowercase, no extension)
/// without a trailing size suffix (`-1024x683`, `_800x600`, `@2x`, `-scaled`); a generic
/// name ([`GENERIC_STEMS`], a number, a size) with its folder (`4411/full`).
pub(crate) fn picture_key(url: &str) -> String {
    let mut key = String::new();
    picture_key_into(url, &mut key);
    key
}

/// [`picture_key`], written into `out` (emptied first: its buffer is kept).
fn picture_key_into(url: &str, out: &mut String) {
    out.clear();
    file_key_into(url, out);
    if is_generic_stem(out) {
        if let Some(folder) = folder_of(url) {
            out.insert(0, '/');
            out.insert_str(0, folder);
            out[..folder.len()].make_ascii_lowercase();
        }
    }
}

/// Whether the stem `stem` (lowercase) names no picture: one of [`GENERIC_STEMS`], or made of
/// digits and `x` only (a number, a size; or nothing).
fn is_generic_stem(stem: &str) -> bool {
    stem.bytes().all(|b| b.is_ascii_digit() || b == b'x')
        || (GENERIC_LENGTHS.contains(&stem.len()) && GENERIC_STEMS.contains(&stem))
}

/// The lengths of the [`GENERIC_STEMS`]: a stem of another length is none of them.
const GENERIC_LENGTHS: std::ops::RangeInclusive<usize> = 3..=9;

/// The key of a generic `stem`: `folder/stem`, with the folder of `url` (lowercase), when
/// it has one that is no scheme or host (`https:`). (As [`picture_key_into`] writes it: for
/// the tests' reference reading.)
#[cfg(test)]
fn with_folder(url: &str, stem: String) -> String {
    match folder_of(url) {
        Some(folder) => format!("{}/{stem}", folder.to_ascii_lowercase()),
        None => stem,
    }
}

/// The folder of `url` (as written) that [`picture_key`] puts before a generic stem: the
/// path segment before the file name, when it is not empty and no scheme or host
/// (`https:`).
fn folder_of(url: &str) -> Option<&str> {
    let end = memchr::memchr2(b'?', b'#', url.as_bytes()).unwrap_or(url.len());
    url[..end]
        .rsplit('/')
        .nth(1)
        .filter(|f| !f.is_empty() && !f.contains(':'))
}

/// The file name part of [`picture_key`], read as bytes (every mark it looks for is ASCII,
/// so each cut falls between characters), written at the end of `out`.
fn file_key_into(url: &str, out: &mut String) {
    // Read in any case, lower-cased once at the end.
    let name = file_name(url);
    let bytes = name.as_bytes();
    let mut stem = match memchr::memrchr(b'.', bytes) {
        Some(dot) => &bytes[..dot],
        None => bytes,
    };
    // Each suffix ends in `d` or `x` (any case): a stem ending otherwise has none.
    if matches!(stem.last(), Some(b'd' | b'D' | b'x' | b'X')) {
        for suffix in [&b"-scaled"[..], b"@2x", b"@3x", b"@1x"] {
            if let Some(at) = stem.len().checked_sub(suffix.len()) {
                if stem[at..].eq_ignore_ascii_case(suffix) {
                    stem = &stem[..at];
                }
            }
        }
    }
    // `-1024x683` / `_800x600`
    if let Some(pos) = stem.iter().rposition(|&b| b == b'-' || b == b'_') {
        if pos > 0 && is_size(&stem[pos + 1..]) {
            stem = &stem[..pos];
        }
    }
    // Cut at ASCII bytes only: between characters.
    let start = out.len();
    out.push_str(&name[..stem.len()]);
    out[start..].make_ascii_lowercase();
}

/// Whether `tail` is a size, `<digits>x<digits>` (`x` in any case; the first one splits).
fn is_size(tail: &[u8]) -> bool {
    let Some(x) = tail.iter().position(|&b| b == b'x' || b == b'X') else {
        return false;
    };
    let (w, h) = (&tail[..x], &tail[x + 1..]);
    !w.is_empty()
        && !h.is_empty()
        && w.iter().all(u8::is_ascii_digit)
        && h.iter().all(u8::is_ascii_digit)
}

/// Whether an `<img>` (not cleaned yet) whose attributes are `pairs` has a real source or a
/// lazy candidate to promote.
fn shows_image(pairs: &[(&str, &str)], extra: &[String]) -> bool {
    has_real_source(pairs) || find(pairs, extra, true).is_some()
}

fn has_real_source(attrs: &[(&str, &str)]) -> bool {
    attrs.iter().any(|&(k, v)| match k {
        "src" => !v.trimmed().is_empty() && !is_placeholder(v),
        "srcset" => !srcset_is_placeholder(v),
        _ => false,
    })
}

/// Whether an `<img>` with these attributes shows a picture: a real `src` or `srcset`, and
/// neither `hidden` nor a style that hides it (`aria-hidden` hides it from screen readers
/// only: Gatsby's and Next's pictures carry it).
fn shown_with_source(attrs: &[(&str, &str)]) -> bool {
    has_real_source(attrs)
        && !attrs.iter().any(|&(k, v)| match k {
            "hidden" => true,
            "style" => crate::rules::junk::style_hides(v),
            _ => false,
        })
}

impl super::LazyImages {
    /// An `<img>` whose only candidate is a guess (an attribute of no known name whose value
    /// is an image URL: CNN's `data-src-mini`, the first of its `data-src-<size>` set, is its
    /// smallest) with a `<noscript>` twin right after it: the twin is the picture the page
    /// itself shows without its script, and wins over the guess, as it does over a
    /// placeholder with no candidate. Returns whether `el` changed. Rare: out of line.
    #[cold]
    #[inline(never)]
    pub(super) fn noscript_over_guess(
        &self,
        el: &mut Element<'_>,
        cx: &mut Context<'_>,
        state: &mut Src,
        found: &mut Found,
        low: &mut LowRes,
    ) -> bool {
        let srcset_real = el
            .attr_by_atom(&local_name!("srcset"))
            .is_some_and(|s| !srcset_is_placeholder(s));
        if srcset_real {
            return false;
        }
        let Some(img) = next_noscript_image(el, cx) else {
            return false;
        };
        // A twin the page would not show (hidden, or with nothing real to show) is no
        // better than the guess; nor is an image that describes another picture (a twin
        // copies the `alt` of its image: an image of the next `<noscript>` of a gallery
        // does not).
        let alt = el.attr_by_atom(&local_name!("alt")).unwrap_or("").trim();
        let twin = img.with_attrs(|attrs| {
            let twin_alt = attrs
                .iter()
                .find(|(k, _)| *k == "alt")
                .map_or("", |(_, v)| v.trim());
            shown_with_source(attrs) && twin_alt == alt
        });
        if !twin {
            return false;
        }
        take_noscript_image(el, &img);
        *state = src_state_by(el.attr_by_atom(&local_name!("src")), |s| low.of(s));
        // The guess is no candidate any more (its attribute is left to the sanitizer).
        *found = Found::default();
        true
    }
}

#[cfg(test)]
#[path = "noscript_tests.rs"]
mod tests;
