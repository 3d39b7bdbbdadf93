//! Posts: a document with front matter (`---` YAML or `+++` TOML) and an HTML or Markdown
//! body, as Hexo, Jekyll and Hugo keep them.
//!
//! - [`fences`]: where the front matter starts and ends, as every common reader reads it;
//! - [`front_matter`]: image URLs rewritten in place, every other byte kept;
//! - [`detect`]: whether a body is HTML or Markdown;
//! - [`markdown`]: Markdown bodies, where only raw HTML and URLs change, verified by
//!   rendering;
//! - [`piece`]: one piece of raw HTML cleaned as a browser reads it, written back safely;
//! - [`attr_lists`]: the `{…}` attribute lists of Markdown extensions, made text when they
//!   hold what the policy would not keep;
//! - [`links`]: the destinations of Markdown links, images and definitions;
//! - [`edits`]: byte-range replacements applied once, in source order;
//! - [`markers`]: the comments a blog engine reads (`<!-- more -->`), kept in HTML bodies;
//! - [`scalar`]: reading and writing one front-matter scalar in its own quoting.
//!
//! Without the `posts` feature only the front matter and HTML bodies are here
//! (`front_matter`, `markers`, `scalar`): the Markdown side needs pulldown-cmark.

#[cfg(feature = "posts")]
mod attr_lists;
#[cfg(feature = "posts")]
mod detect;
#[cfg(feature = "posts")]
mod edits;
mod fences;
mod front_matter;
#[cfg(feature = "posts")]
mod hexo;
#[cfg(feature = "posts")]
mod links;
#[cfg(feature = "posts")]
mod markdown;
mod markers;
#[cfg(feature = "posts")]
mod piece;
#[cfg(feature = "posts")]
mod rendered;
mod scalar;
#[cfg(feature = "posts")]
mod url_literals;

pub(crate) use markers::is_engine_comment;

use crate::cleaner::{Cleaned, Cleaner};
use crate::report::Report;

/// A post split into its front matter and its body. Borrowed from the input; nothing is
/// copied until it is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Post<'a> {
    /// Everything up to and including the closing fence line (BOM, fences and line endings
    /// as they were; see [`Post::split`] for a closing line with more than the fence), or
    /// `""` when there is no front matter.
    pub front_matter: &'a str,
    /// The rest.
    pub body: &'a str,
}

impl<'a> Post<'a> {
    /// Splits `text`. Front matter opens with `---` (YAML) or `+++` (TOML) at the start of
    /// the text, after an optional BOM and white space (not `----`; the rest of the fence's
    /// line belongs to it), and ends at the first line after it that starts with the fence
    /// (YAML also ends at a line `...`): where the first of the common readers (Hugo,
    /// gray-matter, Jekyll) ends it, so that none of them reads a part of the front matter,
    /// which is not cleaned, as Markdown (see `fences`). What follows the fence on that line,
    /// unless blank, is the start of the body. Without a closing line the whole text is the
    /// body.
    pub fn split(text: &'a str) -> Post<'a> {
        match fences::find(text) {
            Some(f) => Post {
                front_matter: &text[..f.body],
                body: &text[f.body..],
            },
            None => Post {
                front_matter: "",
                body: text,
            },
        }
    }

    /// Whether there is front matter.
    pub fn has_front_matter(&self) -> bool {
        !self.front_matter.is_empty()
    }
}

/// What a post's body is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BodyKind {
    /// HTML: cleaned like any HTML.
    Html,
    /// Markdown: only its embedded HTML is cleaned and its image URLs rewritten; the
    /// Markdown itself stays byte for byte.
    #[cfg(feature = "posts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "posts")))]
    Markdown,
}

#[cfg(feature = "posts")]
#[cfg_attr(docsrs, doc(cfg(feature = "posts")))]
impl Post<'_> {
    /// Guesses what the body is written in: HTML when its first non-blank line starts with a
    /// block-level tag (`<div`, `<p`, `<section`, `<figure`, `<!doctype`…), at least half of
    /// its non-blank bytes are HTML blocks and nothing outside them is Markdown syntax
    /// (headings, lists, quotes, fenced code, emphasis, links, images, code spans, tables);
    /// Markdown otherwise. An empty body is HTML.
    ///
    /// ```
    /// use articlean::{BodyKind, Post};
    ///
    /// assert_eq!(Post::split("---\na: 1\n---\n<div><p>Hi</p></div>\n").body_kind(), BodyKind::Html);
    /// assert_eq!(Post::split("---\na: 1\n---\n# Hi\n\n<div>x</div>\n").body_kind(), BodyKind::Markdown);
    /// ```
    pub fn body_kind(&self) -> BodyKind {
        if detect::is_html(self.body) {
            BodyKind::Html
        } else {
            BodyKind::Markdown
        }
    }
}

impl Cleaner {
    /// Cleans a post: front matter, then an HTML or Markdown body ([`Post::body_kind`]).
    ///
    /// The front matter keeps every byte (quoting, comments, key order, line endings, BOM)
    /// except image URLs, which get the same proxy unwrapping (or re-routing) as the body's
    /// images: values under image keys (`cover`, `thumbnail`, `headimg`, `image`, `banner`,
    /// `top_img`, `og_image`…) always, other values only when they go through a proxy. A
    /// Markdown body keeps its Markdown byte for byte: only its embedded HTML is cleaned and
    /// its image URLs rewritten. An HTML body is cleaned like any HTML, except that the
    /// comments a blog engine reads (`<!-- more -->`, `<!--nextpage-->`… see `markers`) stay
    /// and its line breaks are the file's (`\r\n` when the file's first line ends so). URLs
    /// holding template syntax (`{{ site.baseurl }}/a.jpg`) are never resolved, unwrapped or
    /// dropped. The rewrites of image URLs count as `proxied_urls` changes. A front matter that
    /// is no YAML map (a scalar, only comments), which Hexo renders as part of the body, is
    /// cleaned as Markdown when the post would not be safe otherwise (README, "Posts").
    ///
    /// ```
    /// use articlean::Cleaner;
    ///
    /// let post = "---\ntitle: 'Hi'\nthumbnail: 'https://cors.example.workers.dev/?http://img.example.com/a.jpg'\n---\n<p onclick=\"x()\">Body</p><p></p>\n";
    /// let out = Cleaner::default().clean_post(post);
    /// assert_eq!(out.html(), "---\ntitle: 'Hi'\nthumbnail: 'http://img.example.com/a.jpg'\n---\n<p>Body</p>\n");
    ///
    /// let md = "+++\ntitle = \"Hi\"\n+++\n# Hi <span onclick=\"x()\">there</span>\n\n```html\n<div onclick=\"kept()\"></div>\n```\n\n![a](https://cors.example.workers.dev/?http://img.example.com/b.png)\n";
    /// let out = Cleaner::default().clean_post(md);
    /// assert_eq!(out.html(), "+++\ntitle = \"Hi\"\n+++\n# Hi <span>there</span>\n\n```html\n<div onclick=\"kept()\"></div>\n```\n\n![a](http://img.example.com/b.png)\n");
    /// ```
    ///
    /// A post is usually rendered by a Markdown renderer even when its body is HTML (Hexo,
    /// Jekyll and Hugo render every `.md` file), so an HTML body is also made safe for that:
    /// it is written with no blank line and no line break inside a tag (a renderer passes it
    /// through as it is), and should a CommonMark renderer still make anything unsafe of it,
    /// it is cleaned as Markdown (README, "Markdown posts").
    ///
    /// Should the cleaned body read as the other kind (a Markdown line that only now looks
    /// like an HTML block, say), it is cleaned again as that kind (until it reads as the kind
    /// it was last cleaned as, a few rounds at most), so that cleaning the result again
    /// changes nothing.
    #[cfg(feature = "posts")]
    #[cfg_attr(docsrs, doc(cfg(feature = "posts")))]
    pub fn clean_post(&self, text: &str) -> Cleaned {
        let mut kind = Post::split(text).body_kind();
        let mut out = self.clean_post_with(text, kind, true);
        for _ in 0..4 {
            let post = Post::split(&out.html);
            let now = post.body_kind();
            if now == kind {
                break;
            }
            kind = now;
            let (body, report) = self.clean_body(post.body, kind, true);
            out.html = format!("{}{body}", post.front_matter);
            out.report.merge(&report);
        }
        no_new_front_matter(text, &mut out);
        unread_by_hugo(self, &mut out);
        out
    }

    /// Cleans a post whose body is known to be `kind` (e.g. from the file's extension), as
    /// `clean_post` does: the front matter keeps every byte but its image URLs, the body is
    /// cleaned as `kind`.
    ///
    /// A Markdown body is written so that every common reader cuts the post where the cleaner
    /// did, as by `clean_post`: white space before the opening fence stays only when the
    /// whole post is safe as Markdown, and a start that only Hugo reads as front matter (a
    /// JSON object, Org keywords, a comment) is written so that Hugo reads it as body.
    ///
    /// An HTML body is cleaned as HTML only (as for a `.html` file, which no Markdown renderer
    /// reads). Without the `posts` feature, [`BodyKind::Html`] is the only kind: use this for
    /// `.html` posts, never for a `.md` file (a Markdown renderer reads those).
    ///
    /// ```
    /// use articlean::{BodyKind, Cleaner};
    ///
    /// let post = "---\ncover: 'https://cors.example.workers.dev/?http://img.example.com/a.jpg'\n---\n<p onclick=\"x()\">Body</p>\n";
    /// let out = Cleaner::default().clean_post_as(post, BodyKind::Html);
    /// assert_eq!(out.html(), "---\ncover: 'http://img.example.com/a.jpg'\n---\n<p>Body</p>\n");
    /// ```
    pub fn clean_post_as(&self, text: &str, kind: BodyKind) -> Cleaned {
        let mut out = self.clean_post_with(text, kind, false);
        no_new_front_matter(text, &mut out);
        #[cfg(feature = "posts")]
        if kind == BodyKind::Markdown {
            unread_by_hugo(self, &mut out);
        }
        out
    }

    /// [`clean_post_as`](Cleaner::clean_post_as); an HTML body also made safe as Markdown when
    /// `rendered_as_markdown`.
    fn clean_post_with(&self, text: &str, kind: BodyKind, rendered_as_markdown: bool) -> Cleaned {
        // The front matter as every reader will read it where it is (`fences`).
        let fences = fences::find(text);
        let (front, body) = match &fences {
            Some(f) => (f.front_matter(text, true), &text[f.body..]),
            // Without front matter, a BOM goes: a reader that leaves it in reads the first
            // line as text where one that strips it may read a code fence, and the two
            // see raw HTML in different places.
            None => (
                std::borrow::Cow::Borrowed(""),
                text.strip_prefix('\u{feff}').unwrap_or(text),
            ),
        };
        let (front, changes) = front_matter::rewrite(self, &front);
        let (body, mut report) = self.clean_body(body, kind, rendered_as_markdown);
        // The parser makes every line break `\n`: a CRLF file's HTML body gets its own back
        // (read from the front matter as written, else from the text).
        let assemble = |mut front: String, body: String| {
            let body = match kind {
                BodyKind::Html if !front.is_empty() => with_line_endings_of(&front, body),
                BodyKind::Html => with_line_endings_of(text, body),
                #[cfg(feature = "posts")]
                BodyKind::Markdown => body,
            };
            front.push_str(&body);
            front
        };
        // White space before the opening fence: gray-matter reads no front matter then, and
        // renders all of it as Markdown. It stays only when that is safe.
        #[cfg(feature = "posts")]
        let rendered_as_markdown = rendered_as_markdown || kind == BodyKind::Markdown;
        #[cfg(feature = "posts")]
        if let Some(f) =
            fences.filter(|f| rendered_as_markdown && (f.open > f.bom || !f.plain_open))
        {
            let out = assemble(front, body.clone());
            let out = if markdown::safe_as_markdown(self, &out) {
                out
            } else {
                assemble(
                    front_matter::rewrite(self, &f.front_matter(text, false)).0,
                    body,
                )
            };
            if changes > 0 {
                report.add("proxied_urls", changes);
            }
            return Cleaned { html: out, report };
        }
        let out = assemble(front, body);
        if changes > 0 {
            report.add("proxied_urls", changes);
        }
        Cleaned { html: out, report }
    }

    /// A post body cleaned as `kind`. `rendered_as_markdown` is asked for by `clean_post`
    /// only (feature `posts`).
    #[cfg_attr(not(feature = "posts"), allow(unused_variables))]
    fn clean_body(
        &self,
        body: &str,
        kind: BodyKind,
        rendered_as_markdown: bool,
    ) -> (String, Report) {
        match kind {
            #[cfg(feature = "posts")]
            BodyKind::Html if rendered_as_markdown => {
                // The blog puts the body into its own page: a fragment, even when it was
                // written as a whole document.
                let (body, mut report) = self.clean_post_body(body, true).into_parts();
                let mut body = markdown::inert_html(self, &body);
                if !markdown::safe_as_markdown(self, &body) {
                    let (md, more) = markdown::clean(self, &body);
                    body = md;
                    report.merge(&more);
                }
                (body, report)
            }
            BodyKind::Html => self.clean_post_body(body, false).into_parts(),
            #[cfg(feature = "posts")]
            BodyKind::Markdown => markdown::clean(self, body),
        }
    }
}

/// A cleaned post written so that Hugo and Hexo render nothing the cleaner did not clean
/// where they render it.
///
/// - With front matter: Hexo renders the whole post, front matter included, when its front
///   matter is no object ([`hexo`]); see [`hexo_renders_front_matter`].
/// - Without: a start that Hugo reads as front matter (see `fences::hugo_only`) is written so
///   that Hugo reads it as body too: its first `{` or `#` as a character reference (which
///   every Markdown renderer reads as the character); else (a comment, or an indented code
///   block) after an empty front matter. An HTML body is left as it is: what Hugo skips of it
///   ends with a comment, where an element may start. A run of four fence characters or more
///   that Hugo reads as an opening fence (`----x: 1`, see `fences::hugo_run`) is written
///   after an empty front matter when what Hugo would render after its closing line is not
///   safe as Markdown. Then, when Hexo reads front matter (with no opening fence, or
///   `----`, `;;;`) and what it renders after it is not safe as Markdown, the post is written
///   after an empty front matter.
#[cfg(feature = "posts")]
fn unread_by_hugo(cleaner: &Cleaner, out: &mut Cleaned) {
    let html = &out.html;
    if let Some(f) = fences::find(html) {
        hexo_renders_front_matter(cleaner, out, f);
        return;
    }
    if let Some(hugo) = fences::hugo_only(html).filter(|_| !detect::is_html(html)) {
        if hugo.escapable {
            let entity = if html.as_bytes()[hugo.at] == b'{' {
                "&#123;"
            } else {
                "&#35;"
            };
            out.html = format!("{}{entity}{}", &html[..hugo.at], &html[hugo.at + 1..]);
        } else {
            out.html = with_empty_front_matter(html);
            return;
        }
    } else if fences::hugo_run(html)
        .is_some_and(|body| !markdown::safe_as_markdown(cleaner, &html[body..]))
    {
        out.html = with_empty_front_matter(html);
        return;
    }
    let html = &out.html;
    // The whole text is the cleaned body: only what follows a front matter Hexo reads.
    let hexo = hexo::reading(html);
    if hexo
        .content
        .is_some_and(|at| !safe_for_hexo(cleaner, &html[at..]))
    {
        out.html = with_empty_front_matter(html);
    }
}

/// A cleaned post with front matter (`f`), which Hexo may render whole when it is no object
/// (a scalar such as `<img src=x onerror=…>`, only comments, nothing; see [`hexo`]), and
/// whose data may also run past the cleaner's closing line when the front matter is empty.
/// When what Hexo may render is not safe as Markdown:
///
/// 1. the front matter, from its opening fence up to its closing line, is cleaned as a
///    Markdown body (its raw HTML and URLs only: text, comments and keys stay), which is kept
///    when the post then splits into the same body, Hexo renders nothing unsafe and its YAML
///    parses as it did (a double-quoted scalar cleaned into `"<img src="x">"` does not);
/// 2. else (what the front matter opens continues into the body: a code fence, an HTML block,
///    a table) the whole post is cleaned as Markdown and written after an empty front matter,
///    which every reader reads alike: every reader then renders all of it, as Hexo did.
///
/// A map's front matter (every ordinary post) is never changed, nor a TOML one (`+++`), which
/// Hexo does not read.
#[cfg(feature = "posts")]
fn hexo_renders_front_matter(cleaner: &Cleaner, out: &mut Cleaned, f: fences::Fences) {
    let safe = |html: &str, body: usize| {
        let hexo = hexo::reading(html);
        let bom = if html.starts_with('\u{feff}') { 3 } else { 0 };
        hexo.content
            .is_none_or(|at| at == body || safe_for_any_renderer(cleaner, &html[at..]))
            && (!hexo.whole || safe_for_any_renderer(cleaner, &html[bom..]))
    };
    let html = &out.html;
    // Hexo does not read TOML (a `+++` post is Hugo's): its front matter stays as it is.
    if f.is_toml() || safe(html, f.body) {
        return;
    }
    let body = &html[f.body..];
    let (front, report) = markdown::clean(cleaner, &html[f.open..f.close]);
    let new = format!("{}{front}{}", &html[..f.open], &html[f.close..]);
    let at = new.len() - body.len();
    // Cleaned, a quoted scalar can hold a quote that ends it early: then Hexo would stop.
    let parses = hexo::front_matter_parses(html) == hexo::front_matter_parses(&new);
    if parses && Post::split(&new).body == body && safe(&new, at) {
        out.html = new;
        out.report.merge(&report);
        return;
    }
    let bom = if html.starts_with('\u{feff}') { 3 } else { 0 };
    let (whole, report) = markdown::clean(cleaner, &html[bom..]);
    out.html = format!("{}{}", &html[..bom], with_empty_front_matter(&whole));
    out.report.merge(&report);
}

/// Whether `text`, a part of a cleaned post that Hexo renders, is safe as Markdown as Hexo
/// reads it (`\r\n` made `\n`).
#[cfg(feature = "posts")]
fn safe_for_hexo(cleaner: &Cleaner, text: &str) -> bool {
    markdown::safe_as_markdown(cleaner, &hexo::as_hexo_reads(text))
}

/// Whether `text`, a part of a cleaned post that Hexo renders (front matter included), is
/// safe under any Markdown renderer: safe as pulldown-cmark renders it (see
/// [`safe_for_hexo`]), and left as it is by the Markdown cleaning, which writes inert what
/// other renderers refuse and then write as text (markdown-it refuses
/// `![x](data:image/png,A<script>…)` and writes it out, its `<script>` live).
#[cfg(feature = "posts")]
fn safe_for_any_renderer(cleaner: &Cleaner, text: &str) -> bool {
    let read = hexo::as_hexo_reads(text);
    markdown::safe_as_markdown(cleaner, &read) && markdown::clean(cleaner, &read).0 == *read
}

/// A post without front matter whose cleaned start reads as front matter (a removed first
/// block that leaves white space and then `+++` and `+++x`) is written after an empty front
/// matter, so that cleaning it again reads none either, and no reader reads one.
fn no_new_front_matter(text: &str, out: &mut Cleaned) {
    if fences::find(text).is_none() && fences::find(&out.html).is_some() {
        out.html = with_empty_front_matter(&out.html);
    }
}

/// Front matter that every reader reads alike, and as nothing: written before a post whose
/// start a reader would read as front matter where the cleaner reads none.
/// With the line breaks of the post (`\r\n` when its first one is), which an HTML body
/// cleaned again takes from its front matter.
fn with_empty_front_matter(html: &str) -> String {
    let front = with_line_endings_of(html, "---\n{}\n---\n".to_string());
    format!("{front}{html}")
}

/// `body` (cleaned HTML, whose line breaks the parser made `\n`) with the line breaks of
/// `text`: `\r\n` throughout when the first line break of `text` is one.
fn with_line_endings_of(text: &str, body: String) -> String {
    let crlf = memchr::memchr(b'\n', text.as_bytes())
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    if !crlf || !body.contains('\n') {
        return body;
    }
    let mut out = String::with_capacity(body.len() + body.len() / 16);
    let mut last = 0;
    for i in memchr::memchr_iter(b'\n', body.as_bytes()) {
        let cr = i > 0 && body.as_bytes()[i - 1] == b'\r';
        out.push_str(&body[last..i]);
        out.push_str(if cr { "\n" } else { "\r\n" });
        last = i + 1;
    }
    out.push_str(&body[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::Post;

    #[test]
    fn splits_yaml_toml_and_none() {
        let p = Post::split("---\na: 1\n---\nbody");
        assert_eq!((p.front_matter, p.body), ("---\na: 1\n---\n", "body"));
        let p = Post::split("\u{feff}+++\r\na = 1\r\n+++\r\n<p>x</p>");
        assert_eq!(
            (p.front_matter, p.body),
            ("\u{feff}+++\r\na = 1\r\n+++\r\n", "<p>x</p>")
        );
        let p = Post::split("---\nnot closed\n<p>x</p>");
        assert_eq!(p.front_matter, "");
        // Hugo reads any line that starts with the fence as one.
        let p = Post::split("--- # the post\n---\n");
        assert_eq!(p.front_matter, "--- # the post\n---\n");
        let p = Post::split("----\na\n----\n");
        assert_eq!(p.front_matter, "");
        let p = Post::split("---\na: 1\n----\nrest");
        assert_eq!((p.front_matter, p.body), ("---\na: 1\n---", "-\nrest"));
        let p = Post::split("---\na: 1\r---\r\nrest");
        assert_eq!((p.front_matter, p.body), ("---\na: 1\r---\r\n", "rest"));
        let p = Post::split("\n \n---\na: 1\n---\nbody");
        assert_eq!((p.front_matter, p.body), ("\n \n---\na: 1\n---\n", "body"));
        let p = Post::split("---\na: 1\n...\nrest");
        assert_eq!(p.body, "rest");
    }
}
