//! Markdown bodies: only the raw HTML in them is cleaned and only their URLs are checked;
//! every other byte (text, code blocks and spans, spacing) stays as it was, but for a lone
//! `\r`, written `\r\n` (see [`crlf_proof`]).
//!
//! The guarantee: what a CommonMark renderer with raw HTML passed through (marked,
//! markdown-it with `html: true`, goldmark with `unsafe`, pulldown-cmark) makes of the cleaned
//! body holds no element, attribute or URL the sanitizer's policy would not keep. It is built
//! in three passes, each collecting its edits in source order and applying them once, so the
//! whole cleaning is linear in the size of the body (pass 1 runs again while it changes the
//! Markdown around a piece — a dropped tag can leave a line that now starts an HTML block —
//! at most four rounds, skipping the pieces it knows are clean):
//!
//! 1. **Raw HTML** ([`piece`]). pulldown-cmark finds every piece of raw HTML: each HTML
//!    block (each line of it when it sits in a quote or list item), each inline tag, comment,
//!    processing instruction, declaration or CDATA section, under each reading a renderer may
//!    give the body: CommonMark with the GitHub extensions (tables, footnotes, strikethrough,
//!    task lists), plain CommonMark, when there is a `[^`, the GitHub extensions without
//!    footnotes (a `[^1]:` line in a table is a row to marked and markdown-it) and with
//!    pulldown-cmark's footnotes of before its 0.10, and, when
//!    there is a `$`, with `$` math as well (math is never a reason to skip HTML: it is only
//!    one more reading). Code spans and code blocks
//!    are never pieces. Each piece is cleaned as a browser's tokenizer reads
//!    it and written back in a form that cannot change the Markdown around it and leaves the
//!    tokenizer in the data state (see [`piece`]). A block that opens an element and leaves it
//!    open (`<div align="center">`, a blank line, Markdown, `</div>`) keeps its clean start
//!    tag, so centring with HTML still works. In a paragraph (heading, cell…) where a piece
//!    changed, the text's own `<` are escaped (`&lt;`, which renders the same), so no text can
//!    glue with a changed piece into a new tag.
//! 2. **Markdown URLs** ([`links`]), on the result of pass 1: destinations of links, images,
//!    reference definitions and autolinks that the policy's URL check refuses are neutralised
//!    (destination `#`, `<#>` in a definition, or the autolink escaped); image URLs get the
//!    proxy treatment; and no destination, title or definition keeps a `<` (`%3C`, `&lt;`),
//!    for a renderer that refuses the link renders its Markdown as text. Then the `{…}`
//!    attribute lists of Markdown extensions that hold what the policy would not keep, and
//!    the wikilinks (`[[url|text]]`) to a URL it refuses, are made text ([`attr_lists`]).
//! 3. **Verify**: the body is rendered by pulldown-cmark's HTML renderer under each reading,
//!    raw HTML passed through, and the rendered HTML is checked by the policy
//!    [`Verifier`] (the renderer's own structure —
//!    paragraphs, lists, tables with their alignment, task-list checkboxes, footnotes — is
//!    accepted with the values it writes: a cell's `style="text-align: …"`, a footnote's
//!    class; the same attribute with another value is raw HTML's, refused; its URLs are
//!    checked), with a `{` or `[[` also with heading attributes
//!    and wikilinks.
//!    Should it fail, every top-level block that fails
//!    when rendered alone has its raw HTML escaped as text (`<` → `&lt;`) and pass 2 runs
//!    again; should the body still fail, every `<`, `[` and `{` of the body is escaped (no
//!    raw HTML, no link, no attribute list can be left). Each fallback counts as one `sanitize` change.
//!
//! Comments survive only as excerpt markers (`<!-- more -->`, `<!--more-->`, `<!-- toc -->`:
//! one line of plain text); the others are dropped.

use super::attr_lists;
use super::edits::{Edits, Known};
use super::links::{self, definition_dest, inline_dest};
use super::piece::{self, Place};
use super::rendered::{RENDERED, RENDERED_HEADING_ATTRIBUTES};
use crate::cleaner::Cleaner;
use crate::report::Report;
use crate::rules::sanitize::verify::Verifier;
use html5ever::{local_name, LocalName};
use once_cell::sync::Lazy;
use pulldown_cmark::{html, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// The parser options: CommonMark with the GitHub extensions (tables, footnotes,
/// strikethrough, task lists, alerts), without math: `$` is text.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// The readings a body is cleaned and verified under: CommonMark with the GitHub extensions
/// (a table row or a footnote can hold HTML that a plain CommonMark renderer reads in another
/// block), plain CommonMark, when the body has a `[^` the GitHub extensions without
/// footnotes (marked, as Hexo runs it, and markdown-it without its footnote plugin: a
/// `[^1]:` line in a table is a row to them, where pulldown-cmark ends the table and reads a
/// footnote, whose code span can hide the HTML of the rows after it) and with pulldown-cmark's
/// footnotes as they were before its 0.10 (`ENABLE_OLD_FOOTNOTES`, still offered: the lines
/// after `[^1]: </b>` are an HTML block in that footnote), and, when the body
/// has a `$` (no cleaning step writes one), CommonMark with the GitHub extensions and `$`
/// math (a math span can end a code span early and so turn its content into HTML).
fn readings(body: &str) -> &'static [Options] {
    static ALL: Lazy<[Options; 5]> = Lazy::new(|| {
        [
            options(),
            Options::empty(),
            options() - Options::ENABLE_FOOTNOTES,
            options() | Options::ENABLE_OLD_FOOTNOTES,
            options() | Options::ENABLE_MATH,
        ]
    });
    static MATH: Lazy<[Options; 3]> = Lazy::new(|| [ALL[0], ALL[1], ALL[4]]);
    let bytes = body.as_bytes();
    let footnotes = memchr::memmem::find(bytes, b"[^").is_some();
    let math = memchr::memchr(b'$', bytes).is_some();
    match (footnotes, math) {
        (true, true) => &ALL[..],
        (true, false) => &ALL[..4],
        (false, true) => &MATH[..],
        (false, false) => &ALL[..2],
    }
}

/// Cleans a Markdown body: the new body and what changed.
pub(crate) fn clean(cleaner: &Cleaner, body: &str) -> (String, Report) {
    let (mut out, mut report) = clean_crlf_proof(cleaner, &crlf_proof(body));
    // The readings follow from the body (a `$`, a `[^`), and cleaning can remove the only
    // `$` or `[^` (in a dropped tag or attribute): the next cleaning would read the body
    // under fewer readings and may change it again. Cleaned once more under those, as the
    // next cleaning will be.
    if readings(&out) != readings(body) {
        let (again, more) = clean_crlf_proof(cleaner, &crlf_proof(&out));
        out = again;
        report.merge(&more);
    }
    // A piece removed before a line break can leave a new lone `\r`.
    match crlf_proof(&out) {
        std::borrow::Cow::Borrowed(_) => (out, report),
        std::borrow::Cow::Owned(proof) => (proof, report),
    }
}

/// [`clean`] of a body with no lone `\r`.
fn clean_crlf_proof(cleaner: &Cleaner, body: &str) -> (String, Report) {
    let mut report = Report::new(cleaner.rule_names().map(|n| (n, 0)).collect());
    let sanitize = cleaner.inner.sanitize.clone();
    // The raw HTML the passes write is the author's: checked against the policy alone. Only
    // the rendered body is checked with the renderer's own structure accepted (`RENDERED`):
    // a table cell's `style`, a footnote's `id` are the renderer's, never the author's.
    let written = sanitize.as_deref().map(|s| Verifier::new(s.policy()));
    let out = passes(cleaner, written.as_ref(), body, &mut report);
    let Some(written) = written else {
        return (out, report);
    };
    let v = &written.allowing(RENDERED);
    if is_safe(v, &out) {
        return (out, report);
    }
    let mut escaped = out;
    let mut blocks = 0;
    for &reading in readings(body) {
        let (e, n) = escape_failing_blocks(v, &escaped, reading);
        escaped = e;
        blocks += n;
    }
    report.add("sanitize", blocks);
    // Escaping changes the Markdown too (a fence that was inside an HTML block now opens):
    // both passes again.
    let out = passes(cleaner, Some(&written), &escaped, &mut report);
    if blocks > 0 && is_safe(v, &out) {
        return (out, report);
    }
    report.add("sanitize", 1);
    (escape_everything(&out), report)
}

/// `body` with each lone `\r` (not followed by `\n`) written `\r\n`, which every Markdown
/// renderer reads alike (one line break). Else a tool that makes `\r\n` `\n` (Hexo's file
/// reader, git's `autocrlf`) joins `\r` and `\r\n` into one line break, and the blank line
/// the cleaner read (`x\r\r\n\t<b onclick=…>`, an indented code block after it) is gone: the
/// next line continues the paragraph, its HTML live. And pulldown-cmark with heading
/// attributes (Zola, mdBook) ends a heading's line at `\n` only: `# a\r```` ` left the fence
/// the cleaner read, and the HTML inside it, in the heading's line, and opened nothing.
fn crlf_proof(body: &str) -> std::borrow::Cow<'_, str> {
    let bytes = body.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    let mut cr = memchr::memchr_iter(b'\r', bytes)
        .filter(|&i| lone(i))
        .peekable();
    if cr.peek().is_none() {
        return body.into();
    }
    let mut out = String::with_capacity(body.len() + 16);
    let mut done = 0;
    for i in cr {
        out.push_str(&body[done..=i]);
        out.push('\n');
        done = i + 1;
    }
    out.push_str(&body[done..]);
    out.into()
}

/// Passes 1 and 2 (see the module docs).
fn passes(cleaner: &Cleaner, v: Option<&Verifier<'_>>, body: &str, report: &mut Report) -> String {
    // Cleaning a piece can change the Markdown around it (a dropped tag at the start of a
    // line leaves a line that now starts an HTML block): cleaned again until nothing changes
    // (pieces already cleaned are known and skipped), a few rounds at most.
    // Pass 2 can write text that pass 1 reads as part of a piece under another reading (a
    // definition's `<` written `&lt;` is the text of an HTML block in a footnote, which pass 1
    // writes `&lt;…&gt;`): both run again while pass 2 changes the body, so that cleaning the
    // result again changes nothing.
    let mut out = body.to_string();
    for _ in 0..3 {
        let mut known = Known::default();
        for _ in 0..4 {
            let mut changed = false;
            for &reading in readings(body) {
                let (new, k, c) = raw_html(cleaner, v, &out, reading, &known, report);
                out = new;
                known = k;
                changed |= c;
            }
            if !changed {
                break;
            }
        }
        let linked = all_urls(cleaner, v, &out, report);
        if linked == out {
            break;
        }
        out = linked;
    }
    let Some(v) = v else { return out };
    let (out, lists) = attr_lists::neutralise(v, &out, readings(body));
    let (out, wikilinks) = attr_lists::neutralise_wikilinks(v, &out, readings(body));
    report.add("sanitize", lists + wikilinks);
    out
}

/// Pass 2 under every reading.
fn all_urls(
    cleaner: &Cleaner,
    v: Option<&Verifier<'_>>,
    body: &str,
    report: &mut Report,
) -> String {
    let mut out = body.to_string();
    for &reading in readings(body) {
        out = urls(cleaner, v, &out, reading, report);
    }
    out
}

/// Whether every reading of `body`, rendered, passes the verifier.
/// With a `{` or a `[[` in the body, also as pulldown-cmark renders it with heading
/// attributes (see [`attr_lists`]) and wikilinks.
pub(crate) fn is_safe(v: &Verifier<'_>, body: &str) -> bool {
    let safe = readings(body)
        .iter()
        .all(|&reading| v.violations(&render(body, reading)).is_empty());
    let bytes = body.as_bytes();
    let extensions =
        memchr::memchr(b'{', bytes).is_some() || memchr::memmem::find(bytes, b"[[").is_some();
    safe && (!extensions || {
        let reading = options() | Options::ENABLE_HEADING_ATTRIBUTES | Options::ENABLE_WIKILINKS;
        let v = v.allowing(RENDERED_HEADING_ATTRIBUTES);
        v.violations(&render(body, reading)).is_empty()
    })
}

/// A Markdown body as pulldown-cmark renders it, raw HTML passed through.
pub(crate) fn render(body: &str, reading: Options) -> String {
    let mut out = String::with_capacity(body.len() + body.len() / 4);
    html::push_html(&mut out, Parser::new_ext(body, reading));
    out
}

/// Whether a cleaned HTML post body is also safe once a Markdown renderer has rendered it (a
/// `.md` post whose body is HTML is still rendered as Markdown by Hexo, Jekyll, Hugo).
pub(crate) fn safe_as_markdown(cleaner: &Cleaner, body: &str) -> bool {
    match cleaner.inner.sanitize.as_deref() {
        Some(s) => is_safe(&Verifier::new(s.policy()).allowing(RENDERED), body),
        None => true,
    }
}

/// A cleaned HTML post body rewritten so that a Markdown renderer leaves it as it is: no
/// blank line, line breaks in attribute values encoded (see [`piece`]).
pub(crate) fn inert_html(cleaner: &Cleaner, html: &str) -> String {
    let sanitize = cleaner.inner.sanitize.as_deref();
    let verifier = sanitize.map(|s| Verifier::new(s.policy()));
    piece::rewrite(verifier.as_ref(), html)
}

/// Pass 1: every piece of raw HTML cleaned (see the module docs).
fn raw_html(
    cleaner: &Cleaner,
    v: Option<&Verifier<'_>>,
    body: &str,
    reading: Options,
    known: &Known,
    report: &mut Report,
) -> (String, Known, bool) {
    let mut edits = Edits::default();
    let mut block: Option<Range<usize>> = None;
    let mut lines: Vec<(String, Range<usize>)> = Vec::new();
    let mut pieces: Vec<(Range<usize>, Place)> = Vec::new();
    let mut clean = |edits: &mut Edits, text: &str, range: Range<usize>, place: Place| {
        pieces.push((range.clone(), place));
        if known.contains(&(range.start, range.end, place == Place::Block)) {
            // Cleaned before (in another reading or round).
            return false;
        }
        let piece = piece::clean(cleaner, v, text, place);
        if piece.html == body[range.clone()] {
            return false;
        }
        report.merge(&piece.report);
        edits.push(range, piece.html);
        true
    };
    // The live `<` of the text of the current run of inlines (paragraph, heading, cell…),
    // and whether a piece of it changed: then they are escaped, so that no text `<` can
    // glue with a changed piece into a new tag (`<a f='` + `<a f=''>` cleaned to `<a>`).
    let mut text_lt: Vec<usize> = Vec::new();
    let mut run_changed = false;
    // Backticks that a URL literal runs over in marked and goldmark (`url_literals`).
    let glued = super::url_literals::backticks_in_literals(body);
    for (event, range) in Parser::new_ext(body, reading).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some(range);
                lines.clear();
            }
            Event::Html(text) => lines.push((text.into_string(), range)),
            Event::End(TagEnd::HtmlBlock) => {
                let Some(whole) = block.take() else { continue };
                let contiguous = lines.first().is_some_and(|(_, r)| r.start == whole.start)
                    && lines.windows(2).all(|w| w[0].1.end == w[1].1.start)
                    && lines.last().is_some_and(|(_, r)| r.end == whole.end)
                    && lines.iter().all(|(t, r)| *t == body[r.clone()]);
                let pieces: Vec<(Range<usize>, Place)> = if contiguous {
                    vec![(whole, Place::Block)]
                } else {
                    lines
                        .iter()
                        .map(|(_, r)| (r.clone(), Place::Inline))
                        .collect()
                };
                for (i, (range, place)) in pieces.into_iter().enumerate() {
                    let text = match place {
                        Place::Block => &body[range.clone()],
                        Place::Inline => lines[i].0.as_str(),
                    };
                    let core = text.trim_start();
                    let lead = text.len() - core.len();
                    let core = core.trim_end();
                    if core.is_empty() {
                        continue;
                    }
                    if text == &body[range.clone()] {
                        let at = range.start + lead;
                        clean(&mut edits, core, at..at + core.len(), place);
                    } else {
                        // The event's text is not the source (tabs made spaces): the whole
                        // line is written from the text.
                        let end = range.end - (text.len() - lead - core.len()).min(range.len());
                        clean(&mut edits, core, range.start..end, place);
                    }
                }
            }
            Event::InlineHtml(text) => {
                run_changed |= clean(&mut edits, &text, range, Place::Inline)
            }
            Event::Text(_) => text_lt.extend(live_lt(body, range)),
            // A code span whose opening backticks a URL literal runs over: none to those
            // renderers. Written escaped, its content is read (and cleaned) as HTML.
            Event::Code(_) if glued.binary_search(&range.start).is_ok() => {
                let ticks = body.as_bytes()[range.start..]
                    .iter()
                    .take_while(|&&b| b == b'`')
                    .count();
                edits.push(range.start..range.start + ticks, "\\`".repeat(ticks));
            }
            Event::Start(tag) if !is_inline(&tag) => {
                flush(&mut edits, &mut text_lt, &mut run_changed)
            }
            Event::End(tag) if !is_inline_end(tag) => {
                flush(&mut edits, &mut text_lt, &mut run_changed)
            }
            _ => {}
        }
    }
    flush(&mut edits, &mut text_lt, &mut run_changed);
    let changed = !edits.list.is_empty();
    let (out, known) = edits.apply_mapped(body, &pieces);
    (out, known, changed)
}

/// Escapes the text `<` of a run of inlines in which a piece changed (see [`raw_html`]).
fn flush(edits: &mut Edits, text_lt: &mut Vec<usize>, run_changed: &mut bool) {
    if std::mem::take(run_changed) {
        for &at in text_lt.iter() {
            edits.push(at..at + 1, "&lt;".into());
        }
    }
    text_lt.clear();
}

/// The positions of the `<` in `body[range]` (text) that are not backslash-escaped.
fn live_lt(body: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'<', &bytes[range.clone()])
        .map(move |i| range.start + i)
        .filter(move |&at| {
            let backslashes = bytes[..at]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            backslashes % 2 == 0
        })
}

/// Tags that stay inside a run of inlines.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

fn is_inline_end(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

/// A link or image being read.
struct Open {
    range: Range<usize>,
    /// Where its text ends (at least): the destination comes after.
    text_end: usize,
    image: bool,
    link_type: LinkType,
    dest: String,
    id: String,
}

/// Pass 2: the URLs of links, images, definitions and autolinks (see [`links`]).
fn urls(
    cleaner: &Cleaner,
    v: Option<&Verifier<'_>>,
    body: &str,
    reading: Options,
    report: &mut Report,
) -> String {
    let mut iter = Parser::new_ext(body, reading).into_offset_iter();
    let events: Vec<(Event<'_>, Range<usize>)> = iter.by_ref().collect();
    let defs = iter.reference_definitions();
    let refuses = |image: bool, url: &str| {
        let element: LocalName = if image {
            local_name!("img")
        } else {
            local_name!("a")
        };
        v.is_some_and(|v| !v.keeps_url(&element, url))
    };
    let mut edits = Edits::default();
    let mut neutralised =
        links::escape_uncovered_lt(body, &events, |url| refuses(false, url), &mut edits);
    let image_urls = cleaner.inner.image_urls.as_deref();
    let mut rewrites = 0;
    // Relative destinations resolved against the base URL, as the HTML's are.
    let mut resolved = 0;
    // Definition span start → (span, dest, used by a link, used by an image).
    let mut used: HashMap<usize, (Range<usize>, String, bool, bool)> = HashMap::new();
    let mut stack: Vec<Open> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                id,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) => {
                let image = body[range.clone()].starts_with('!');
                stack.push(Open {
                    text_end: range.start + 1 + usize::from(image),
                    range,
                    image,
                    link_type,
                    dest: dest_url.into_string(),
                    id: id.into_string(),
                });
                continue;
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let Some(open) = stack.pop() else { continue };
                match open.link_type {
                    LinkType::Inline => {
                        let Some(span) = inline_dest(body, open.text_end, open.range.end) else {
                            continue;
                        };
                        // The title, up to the closing `)`: no `<` (see `links::escape_lt`).
                        let title = span.end..open.range.end;
                        let mut escaped = links::escape_lt(body, title, "&lt;", &mut edits);
                        if refuses(open.image, &open.dest) {
                            edits.push(span, "#".into());
                            neutralised += 1;
                        } else if rewrite_dest(
                            image_urls,
                            open.image,
                            cleaner.base_url(),
                            &refuses,
                            body,
                            span.clone(),
                            &open.dest,
                            &mut edits,
                        ) {
                            if open.image {
                                rewrites += 1;
                            } else {
                                resolved += 1;
                            }
                        } else if !body[span.clone()].starts_with('<') {
                            escaped += links::escape_lt(body, span, "%3C", &mut edits);
                        }
                        neutralised += usize::from(escaped > 0);
                    }
                    LinkType::Autolink if refuses(false, &open.dest) => {
                        edits.push(open.range.start..open.range.start + 1, "&lt;".into());
                        neutralised += 1;
                    }
                    LinkType::Reference
                    | LinkType::ReferenceUnknown
                    | LinkType::Collapsed
                    | LinkType::CollapsedUnknown
                    | LinkType::Shortcut
                    | LinkType::ShortcutUnknown => {
                        if let Some(def) = defs.get(&open.id) {
                            let entry = used.entry(def.span.start).or_insert_with(|| {
                                (def.span.clone(), def.dest.to_string(), false, false)
                            });
                            entry.2 |= !open.image;
                            entry.3 |= open.image;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        if let Some(top) = stack.last_mut() {
            top.text_end = top.text_end.max(range.end);
        }
    }
    // A definition no link uses renders nothing, but its text does where a renderer refuses
    // it (see `links::escape_lt`): `<javascript:…>` there is an autolink. Its refused
    // destination is neutralised as a used one's.
    for (_, def) in defs.iter() {
        if !used.contains_key(&def.span.start) && refuses(false, &def.dest) {
            used.insert(
                def.span.start,
                (def.span.clone(), def.dest.to_string(), true, false),
            );
        }
    }
    for (span, dest, by_link, by_image) in used.into_values() {
        // A definition whose label is a footnote's (`[^1]: rel/x`) is a footnote to a
        // renderer with footnotes, its destination the footnote's text: not resolved.
        let base = cleaner
            .base_url()
            .filter(|_| !body[span.start..].starts_with("[^"));
        let Some(at) = definition_dest(body, span) else {
            continue;
        };
        if (by_link && refuses(false, &dest)) || (by_image && refuses(true, &dest)) {
            // `<#>`, not `#`: a definition whose label is a footnote's (`[^1]: …`) is a
            // footnote to a renderer with footnotes, and a bare `#` would start its content
            // with an empty heading, changing the blocks after it (a second cleaning then
            // reads them otherwise). `<#>` starts no block and is the destination `#`.
            edits.push(at, "<#>".into());
            neutralised += 1;
        } else if by_image {
            let changed = rewrite_dest(
                image_urls, true, base, &refuses, body, at, &dest, &mut edits,
            );
            rewrites += usize::from(changed);
        } else if rewrite_dest(
            image_urls, false, base, &refuses, body, at, &dest, &mut edits,
        ) {
            resolved += 1;
        }
    }
    if neutralised + resolved > 0 {
        report.add("sanitize", neutralised + resolved);
    }
    if rewrites > 0 {
        report.add("proxied_urls", rewrites);
    }
    edits.apply(body)
}

/// The destination `dest` written at `span` (as it is, or in `<…>`), with where its text
/// starts, when it is written as it reads (no escape, no entity: only then can it be
/// replaced as text).
fn written_as_is(body: &str, span: Range<usize>, dest: &str) -> Option<usize> {
    let written = &body[span.clone()];
    let (inner, at) = match written.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
        Some(inner) => (inner, span.start + 1),
        None => (written, span.start),
    };
    (inner == dest).then_some(at)
}

/// `dest`, written at `at` in `body`, resolved against `base` when it is relative and
/// resolves (as the sanitizer resolves the HTML's URLs, see
/// [`urls::resolve`](crate::rules::sanitize::urls::resolve)), and the policy keeps the
/// result (`refused`: whether it refuses a URL of an image).
///
/// Not when a backtick follows it before any white space (`[x](a.html)`code``): the
/// resolved `https://…` would be a URL literal that runs over the backtick in marked and
/// goldmark ([`url_literals`](super::url_literals)), and the code span after it would be
/// Markdown there (the cleaner would then write its backticks escaped, and the code is lost).
fn absolute(
    base: Option<&url::Url>,
    refused: impl Fn(&str) -> bool,
    body: &str,
    at: usize,
    dest: &str,
) -> Option<String> {
    // The resolved URL has no white space: the literal runs over all of it, then on.
    let glued = |url: &str| {
        url.contains('`')
            || body[at + dest.len()..]
                .bytes()
                .take_while(|b| !b.is_ascii_whitespace())
                .any(|b| b == b'`')
    };
    match crate::rules::sanitize::urls::resolve(dest, base?)? {
        std::borrow::Cow::Owned(url) if !glued(&url) && !refused(&url) => Some(url),
        _ => None,
    }
}

/// Rewrites the destination `dest` written at `span` of a link or, with `image`, of an
/// image: resolved against `base` when it is relative, then, for an image, through the image
/// URL rules (`image_urls`, the cleaner's; a link's URL never goes through them); whether
/// it changed.
#[allow(clippy::too_many_arguments)]
fn rewrite_dest(
    image_urls: Option<&crate::rules::proxied_urls::ProxiedUrls>,
    image: bool,
    base: Option<&url::Url>,
    refuses: &dyn Fn(bool, &str) -> bool,
    body: &str,
    span: Range<usize>,
    dest: &str,
    edits: &mut Edits,
) -> bool {
    let Some(at) = written_as_is(body, span, dest) else {
        return false;
    };
    let absolute = absolute(base, |url| refuses(image, url), body, at, dest);
    let url = absolute.as_deref().unwrap_or(dest);
    let rewritten = image_urls
        .filter(|_| image && links::is_http(url))
        .and_then(|urls| urls.rewrite(url));
    match rewritten.or(absolute) {
        Some(new) if links::writable(&new) && new != dest => {
            edits.push(at..at + dest.len(), new);
            true
        }
        _ => false,
    }
}

/// Fallback: the raw HTML of every top-level block whose rendering fails the verifier
/// escaped as text; also returns how many blocks.
fn escape_failing_blocks(v: &Verifier<'_>, body: &str, reading: Options) -> (String, usize) {
    let events: Vec<(Event<'_>, Range<usize>)> =
        Parser::new_ext(body, reading).into_offset_iter().collect();
    let mut edits = Edits::default();
    let mut failing = 0;
    let mut depth = 0usize;
    let mut first = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        let block = &events[first..=i];
        first = i + 1;
        let mut html = String::new();
        html::push_html(&mut html, block.iter().map(|(e, _)| e.clone()));
        if v.violations(&html).is_empty() {
            continue;
        }
        failing += 1;
        for (event, range) in block {
            if matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                edits.push(range.clone(), body[range.clone()].replace('<', "&lt;"));
            }
        }
    }
    (edits.apply(body), failing)
}

/// Last resort: no `<` (no raw HTML, no autolink) and no `[` (no link, image or definition)
/// and no `{` (no attribute list, see
/// [`attr_lists`]) is left in the body.
fn escape_everything(body: &str) -> String {
    body.replace('<', "&lt;")
        .replace('[', "&#91;")
        .replace('{', "&#123;")
}
