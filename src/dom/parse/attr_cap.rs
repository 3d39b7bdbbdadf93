//! A cap on the attributes of one tag, applied to the input before html5ever reads it.
//!
//! html5ever's tokenizer checks every attribute name against the tag's earlier ones
//! (`Tokenizer::finish_attribute`: "Duplicate attribute", HTML § 13.2.5.33), so one tag with
//! n attributes costs n²/2 comparisons: 100,000 attributes took 2.4 s. No article element
//! has more than a few dozen; [`MAX_ATTRIBUTES`] is far above that. A tag with more keeps its
//! first `MAX_ATTRIBUTES` attributes as written (the tokenizer still drops duplicates among
//! them) and, past them, the first attribute of each name new in the tag, as long as a small
//! allowance lasts, and always when cleaning reads that name (`src`, `srcset`, `alt`,
//! `href`, `data-src`…): an `<img>` whose `src` follows 100,000 junk attributes keeps it. The
//! rest goes. See [`past_cap`](super::past_cap).
//!
//! The scan follows the tokenizer's states for what it needs to find tags (HTML § 13.2.5):
//! the tag open (§ 13.2.5.6), end tag open (§ 13.2.5.7) and tag name (§ 13.2.5.8) states; the
//! attribute states (§ 13.2.5.32–13.2.5.40) including quoted values, which may hold `>`; the
//! self-closing start tag state (§ 13.2.5.40); comments (§ 13.2.5.43–13.2.5.52: `<!--` up
//! to `-->`, `--!>`, or the abrupt `<!-->` and `<!--->`); bogus comments, doctypes and CDATA
//! outside foreign content (`<!…>`, `<?…>`, `</` + a non-letter: up to the first `>`); the raw
//! text of `script`, `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript` and the
//! RCDATA of `textarea` and `title` (up to the appropriate end tag, § 13.2.5.9–13.2.5.20); and
//! `plaintext`, after which nothing is a tag; the script data escape states of a script
//! (§ 13.2.5.15–13.2.5.31, see [`script_len`](super::raw_text::script_len)). Where it could disagree with the tokenizer,
//! it cuts nothing: inside a CDATA section's possible extent; inside `<svg>`/`<math>` (counted
//! from their tags, without the tree builder); and from a CDATA section, a raw-text tag or an
//! integration point (`<foreignObject>`, `<desc>`, `<mtext>`…, which may hold HTML elements,
//! inside which `</svg>` closes nothing) inside `<svg>`/`<math>` on, it gives up for the rest
//! of the input. A tag it leaves is simply not capped or filtered: that costs time, never content.
//! `capping_never_changes_text` checks this against html5ever on generated mixes of all these.
//!
//! The same scan cuts the attributes an [`AttrFilter`] drops, with the white space before
//! each when white space or the tag's end follows it (a run of dropped attributes is one
//! cut), and shortens long runs of white space between attributes (indentation of tags
//! written over several lines) to one character: the tokenizer reads both one character at
//! a time, in states where any run of white space reads as one. In the text it reads between
//! tags (where it would cut), it writes the character references that stand for plain text
//! as their characters (see [`text_refs`]). Nothing is copied unless some tag has more than
//! `MAX_ATTRIBUTES` attributes or the filter cuts something.
//!
//! With a filter, the scan also *lifts* the attributes a start tag keeps, when it can read
//! each as the tokenizer would (see [`lift`]): they go to the gate in a list,
//! and a marker stands in the tag for all of them.

use super::attr_filter::{AttrFilter, Memo};
use super::lift::{self, Lifted, Marker};
use super::past_cap::{PastCap, Verdict};
use super::tag_bytes::{
    attribute, bogus_comment, end_of_raw_text, is_integration_point, markup_declaration, same_name,
    skip_until, skip_while, tag_end, RawText, TagEnd, CLASS, GT, SLASH, SPACE,
};
use super::text_refs;
use html5ever::tendril::StrTendril;
#[cfg(test)]
use std::borrow::Cow;

/// The most attributes a tag keeps as written, whatever their names; past them only the
/// first of each new name, and of those only a few (see [`past_cap`](super::past_cap)).
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// `html` with every tag's attributes past the first [`MAX_ATTRIBUTES`] removed but those
/// [`past_cap`](super::past_cap) keeps.
#[cfg(test)]
pub(crate) fn cap_attributes(html: &str) -> Cow<'_, str> {
    let cuts = cuts(html, None, None);
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    apply(html, &cuts, &mut out);
    Cow::Owned(out)
}

/// `html` as the parser's input: every start tag's attributes past the first
/// [`MAX_ATTRIBUTES`] removed (but those [`past_cap`](super::past_cap) keeps), and those
/// that `filter` drops (see [`AttrFilter`]), written
/// straight into the buffer the tokenizer reads (one copy of the input, as html5ever's own
/// entry points make); also how many attributes `filter` took (a name repeated in one tag
/// counts once: html5ever keeps only the first), and, when `lift` and there is a filter, the
/// attribute lists lifted off the input (see [`lift`]).
pub(crate) fn filter_attributes(
    html: &str,
    filter: Option<&AttrFilter>,
    lift: bool,
) -> (StrTendril, usize, lift::Lists) {
    let mut lifted = filter.filter(|_| lift).and_then(|_| Lifted::new(html));
    let cuts = cuts(html, filter, lifted.as_mut());
    let slots = lifted
        .map(|mut l| lift::Lists {
            lists: std::mem::take(&mut l.slots),
            code_only: l.code_only,
            runs: std::mem::take(&mut l.runs),
        })
        .unwrap_or_default();
    if cuts.is_empty() {
        return (StrTendril::from_slice(html), 0, slots);
    }
    // Pieces pushed to a `String`, then one copy: a tendril's push costs far more per piece.
    let mut out = String::with_capacity(html.len());
    apply(html, &cuts, &mut out);
    let out = StrTendril::from_slice(&out);
    (out, cuts.iter().map(|c| c.counted).sum(), slots)
}

/// Writes `html` less the `cuts` (and with what stands instead of them) to `out`.
fn apply(html: &str, cuts: &[Cut], out: &mut String) {
    let mut from = 0;
    for cut in cuts {
        out.push_str(&html[from..cut.start]);
        if let Some(c) = cut.with {
            out.push(c);
        }
        if let Some(marker) = cut.marker {
            lift::write_marker(out, marker);
        }
        from = cut.end;
    }
    out.push_str(&html[from..]);
}

/// The bytes to cut out of `html` (see [`filter_attributes`]), in order.
fn cuts<'h>(
    html: &'h str,
    filter: Option<&AttrFilter>,
    mut lift: Option<&mut Lifted<'h>>,
) -> Vec<Cut> {
    // A tag with n attributes takes at least 2 + 2n bytes (`<`, a name, and per attribute a
    // separator and a name): shorter input (a `<noscript>`'s markup, inserted HTML) has
    // nothing to cap.
    if filter.is_none() && html.len() < 2 + 2 * (MAX_ATTRIBUTES + 1) {
        return Vec::new();
    }
    let bytes = html.as_bytes();
    let mut cuts: Vec<Cut> = Vec::with_capacity(if filter.is_some() { html.len() / 64 } else { 0 });
    let mut pos = 0;
    // Tags before this offset are scanned but never cut: see the CDATA case below.
    let mut no_cut_until = 0;
    // Open `<svg>` and `<math>` elements, counted from their tags alone: inside foreign
    // content the tokenizer reads CDATA sections and some raw text differently, so nothing
    // there is cut. Each root apart: `</math>` does not close an `<svg>` (the tree builder
    // ignores it there), so it must not end the scan's foreign content.
    let mut open = [0usize; 2];
    // Nothing is looked up without a filter.
    let mut memo = if filter.is_some() {
        Memo::take()
    } else {
        Memo::default()
    };
    // The next `&` from `pos` on (the end when none), once `pos` is past the last one found.
    let mut next_amp = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[pos..]) {
        let lt = pos + found;
        // Text in the data state, as the scan reads it (see `text_refs`), when it holds a
        // `&` (found once for all the text up to it).
        if filter.is_some() && open == [0, 0] && pos >= no_cut_until {
            if next_amp < pos {
                next_amp = memchr::memchr(b'&', &bytes[pos..]).map_or(bytes.len(), |n| pos + n);
            }
            if next_amp < lt {
                text_refs::each(bytes, next_amp, lt, |start, end, c| {
                    cuts.push(Cut {
                        start,
                        end,
                        counted: 0,
                        with: Some(c),
                        marker: None,
                    });
                });
            }
        }
        let before = cuts.len();
        let mut end_tag_at = None;
        pos = match bytes.get(lt + 1) {
            // Inside foreign content, whether a CDATA section or a raw-text element is one
            // depends on the tree builder (HTML integration points such as `foreignObject`
            // read HTML rules): the scan gives up there, cutting nothing after it.
            Some(b'!') if open != [0, 0] && bytes[lt + 2..].starts_with(b"[CDATA[") => break,
            Some(b'!') if bytes[lt + 2..].starts_with(b"[CDATA[") => {
                // In HTML content a bogus comment up to the first `>`; in foreign content a
                // CDATA section up to `]]>` (§ 13.2.5.69), whose text must not be cut: read
                // as the former, but cut nothing before the latter's end.
                let body = lt + 9;
                no_cut_until = memchr::memmem::find(&bytes[body..], b"]]>")
                    .map_or(bytes.len(), |n| body + n + 3);
                bogus_comment(bytes, lt + 2)
            }
            Some(b'!') => markup_declaration(bytes, lt + 2),
            Some(b'?') => bogus_comment(bytes, lt + 2),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(b) if b.is_ascii_alphabetic() => {
                    // No filter (an end tag's attributes are the tokenizer's to drop), but
                    // the lift: the name may be written as its code.
                    let mut reader = Reader {
                        filter: None,
                        memo: &mut memo,
                        lift: lift.as_deref_mut(),
                    };
                    let t = tag(bytes, lt + 2, false, &mut cuts, &mut reader);
                    if let Some(root) = t.foreign {
                        open[root] = open[root].saturating_sub(1);
                    }
                    end_tag_at = Some(lt);
                    t.end
                }
                Some(b'>') => lt + 3,
                Some(_) => bogus_comment(bytes, lt + 2),
                None => bytes.len(),
            },
            Some(b) if b.is_ascii_alphabetic() => {
                let mut reader = Reader {
                    filter,
                    memo: &mut memo,
                    lift: lift.as_deref_mut(),
                };
                let t = tag(bytes, lt + 1, true, &mut cuts, &mut reader);
                if let Some(root) = t.foreign.filter(|_| !t.self_closing) {
                    open[root] += 1;
                }
                // An HTML integration point may hold HTML elements, inside which `</svg>`
                // and `</math>` close nothing: the foreign content would go on where the
                // scan's count ends it. Given up as for raw text.
                if open != [0, 0]
                    && (!matches!(t.raw_text, RawText::None)
                        || (!t.self_closing && is_integration_point(bytes, lt + 1)))
                {
                    take_back(&mut cuts, before, lift.as_deref_mut());
                    break;
                }
                match t.raw_text {
                    RawText::None => t.end,
                    RawText::UntilEndTag(name) => end_of_raw_text(bytes, t.end, name),
                    RawText::Rest => bytes.len(),
                }
            }
            _ => lt + 1,
        };
        if lt < no_cut_until || open != [0, 0] {
            take_back(&mut cuts, before, lift.as_deref_mut());
        } else if let (Some(lt), Some(lift)) = (end_tag_at, lift.as_deref_mut()) {
            join_end_run(bytes, &mut cuts, before, lt, lift);
        }
    }
    if filter.is_some() {
        Memo::give_back(memo);
    }
    cuts
}

/// Takes back the cuts from `before` on, made in a tag that is not to be cut after all, and
/// the list lifted with its marker: the gate takes the lists in order, one at each marker.
fn take_back(cuts: &mut Vec<Cut>, before: usize, lift: Option<&mut Lifted<'_>>) {
    if let Some(lift) = lift {
        for marker in cuts[before..].iter().filter_map(|c| c.marker) {
            match marker {
                Marker::CodeOnly(_) => lift.code_only -= 1,
                // Only ever made by `join_end_run` from a tag not taken back.
                Marker::EndRun => {
                    lift.runs.pop();
                }
                _ => {
                    lift.slots.pop();
                }
            }
        }
    }
    cuts.truncate(before);
}

/// Joins the end tag at `lt`, written as its code alone (`</n\u{2}>`: the one cut it made,
/// from `before` on), to the end tag or run of end tags written so right before it, whose
/// `>` is the byte before `lt`: the run is written as one end tag, [`lift::RUN_NAME`], and
/// its names listed ([`Lifted::runs`]). Nothing comes between the tags of a run, so the tree
/// builder gets the same tokens, in the same order, from the gate.
fn join_end_run(
    bytes: &[u8],
    cuts: &mut Vec<Cut>,
    before: usize,
    lt: usize,
    lift: &mut Lifted<'_>,
) {
    let [.., previous, this] = &cuts[..] else {
        return;
    };
    let Some(Marker::CodeOnly(code)) = this.marker else {
        return;
    };
    if cuts.len() != before + 1
        || bytes.get(this.end) != Some(&b'>')
        || previous.end + 1 != lt
        || bytes.get(previous.end) != Some(&b'>')
    {
        return;
    }
    let Some(name) = super::name_codes::name(code) else {
        return;
    };
    let end = this.end;
    match previous.marker {
        // An end tag's code (a start tag's follows `<`, not `</`).
        Some(Marker::CodeOnly(first)) if bytes[..previous.start].ends_with(b"</") => {
            let Some(first) = super::name_codes::name(first) else {
                return;
            };
            cuts.pop();
            let previous = cuts.last_mut().expect("two cuts");
            previous.end = end;
            previous.marker = Some(Marker::EndRun);
            lift.code_only -= 2;
            lift.runs.push(vec![first, name]);
        }
        Some(Marker::EndRun) => {
            cuts.pop();
            cuts.last_mut().expect("two cuts").end = end;
            lift.code_only -= 1;
            lift.runs
                .last_mut()
                .expect("a run per EndRun cut")
                .push(name);
        }
        _ => {}
    }
}

/// Bytes cut out of a tag: one attribute the filter drops, or a run past the cap.
pub(super) struct Cut {
    pub(super) start: usize,
    pub(super) end: usize,
    /// Attributes the filter drops, not seen before in their tag.
    counted: usize,
    /// What stands instead (a character reference's character, see [`text_refs`]).
    with: Option<char>,
    /// The tag's attributes were lifted (see [`lift`]): this marker stands instead.
    marker: Option<Marker>,
}

/// What a tag's attributes are read with: the filter and what the scan remembers of its
/// answers, and where lifted attributes go (see [`lift`]).
struct Reader<'r, 'h> {
    filter: Option<&'r AttrFilter>,
    memo: &'r mut Memo,
    lift: Option<&'r mut Lifted<'h>>,
}

impl<'r> Reader<'r, '_> {
    /// No filter, no lifting: tags are only read.
    fn plain(memo: &'r mut Memo) -> Self {
        Reader {
            filter: None,
            memo,
            lift: None,
        }
    }
}

/// Scans a tag from its name at `at`; notes a cut for each attribute the reader's filter
/// drops (start tags only) and one for all attributes past the cap.
fn tag(
    bytes: &[u8],
    at: usize,
    start: bool,
    cuts: &mut Vec<Cut>,
    reader: &mut Reader<'_, '_>,
) -> TagEnd {
    let name_end = skip_until(bytes, at, SPACE | SLASH | GT);
    // Most tags are a name and `>` (every end tag, a `<p>`): nothing to read or cut.
    // `a_bare_tag_reads_as_any_tag` checks this against the full read.
    if bytes.get(name_end) == Some(&b'>') {
        if let Some(lift) = reader.lift.as_deref_mut() {
            code_name(bytes, at, name_end, cuts, cuts.len(), lift);
        }
        return tag_end(
            &bytes[at..name_end],
            start,
            name_end + 1,
            bytes.len(),
            false,
        );
    }
    tag_with_attributes(bytes, at, name_end, start, cuts, reader)
}

/// Writes the name at `at..name_end` of a tag with no lifted list as its code, when it has
/// one (see [`name_codes`](super::name_codes)): a cut inserted at `index`, before the tag's
/// other cuts.
#[inline]
fn code_name(
    bytes: &[u8],
    at: usize,
    name_end: usize,
    cuts: &mut Vec<Cut>,
    index: usize,
    lift: &mut Lifted<'_>,
) {
    if let Some(code) = super::name_codes::code(&bytes[at..name_end]) {
        lift.code_only += 1;
        cuts.insert(
            index,
            Cut {
                start: at,
                end: name_end,
                counted: 0,
                with: None,
                marker: Some(Marker::CodeOnly(code)),
            },
        );
    }
}

/// [`tag`] of a tag whose name ends at `name_end`, read in full.
fn tag_with_attributes(
    bytes: &[u8],
    at: usize,
    name_end: usize,
    start: bool,
    cuts: &mut Vec<Cut>,
    reader: &mut Reader<'_, '_>,
) -> TagEnd {
    let Reader { filter, memo, lift } = reader;
    let filter = *filter;
    let name = &bytes[at..name_end];
    // The cuts before this tag's, and the attributes it keeps, read for lifting (see
    // [`lift`]) while every one can be.
    let cuts_before = cuts.len();
    let mut name_starts_with_eq = false;
    // Whether the tag ends with its `>` (at the end of the input the tokenizer drops it).
    let mut closed = false;
    let mut lifting = false;
    if let Some(l) = lift.as_deref_mut().filter(|_| start) {
        l.begin_tag();
        lifting = true;
    }
    let mut i = name_end;
    let mut count = 0usize;
    // What is kept and cut past the cap (a tag with more attributes than that is rare), and
    // where the last attribute ends.
    let mut past: Option<Box<PastCap<'_>>> = None;
    let mut last_end = i;
    // Where the names the filter dropped in this tag start: a repeated name counts once, and
    // a later attribute of a dropped name goes too (the tokenizer ignores a duplicate: the
    // filter must not make it the first). The first eight in place, the rest in `more`.
    let mut dropped_names = [0usize; 8];
    let mut more_dropped: Vec<usize> = Vec::new();
    let mut dropped = 0;
    // What stays on this element, looked up at its first attribute.
    let mut kept = None;
    // Whether the `>` follows a `/` read in the self-closing start tag state (§ 13.2.5.40),
    // not one of an unquoted value (`<svg id=a/>` is no self-closing tag).
    let mut self_closing = false;
    let end = loop {
        // Before attribute name (§ 13.2.5.32), also after a quoted value or a `/`.
        let from = i;
        i = skip_while(bytes, i, SPACE | SLASH);
        // A long run of white space (indentation) is read one character at a time by the
        // tokenizer, in states that read any run as one: one character of it stays (not
        // past the cap, cut as a whole).
        let collapsible = filter.is_some()
            && count < MAX_ATTRIBUTES
            && i - from >= MIN_COLLAPSED
            && !bytes[from..i].contains(&b'/');
        match bytes.get(i) {
            None => break bytes.len(),
            Some(b'>') => {
                self_closing = i > from && bytes[i - 1] == b'/';
                if collapsible {
                    push_cut(cuts, from + 1, i, 0);
                }
                closed = true;
                break i + 1;
            }
            Some(_) => {}
        }
        // A new attribute; its name may start with `=` (§ 13.2.5.32).
        count += 1;
        let name_start = i;
        name_starts_with_eq |= bytes[i] == b'=';
        let (attr_end, value, next) = attribute(bytes, i);
        i = next;
        let attr = &bytes[name_start..attr_end];
        last_end = i;
        let (drop, on) = match filter {
            Some(f) if start => {
                let on = *kept.get_or_insert_with(|| f.element_at(bytes, at, name_end, memo));
                (
                    f.drops_at(on, bytes, (name_start, attr_end), value, memo),
                    on,
                )
            }
            _ => (false, None),
        };
        if count > MAX_ATTRIBUTES {
            let past = past.get_or_insert_with(|| PastCap::new(bytes, name_end));
            let verdict = Verdict {
                start,
                drop,
                filter,
                on,
            };
            past.read(bytes, (name_start, attr_end), verdict, cuts);
            continue;
        }
        // Whether this name was dropped earlier in the tag (looked at only after a drop).
        let seen = dropped > 0
            && dropped_names[..dropped.min(8)]
                .iter()
                .chain(&more_dropped)
                .any(|&s| same_name(&bytes[s..], attr));
        if drop || seen {
            if !seen {
                match dropped_names.get_mut(dropped) {
                    Some(slot) => *slot = name_start,
                    None => more_dropped.push(name_start),
                }
                dropped += 1;
            }
            // The white space before the attribute goes too when white space or the tag's
            // end follows it (not a `/`, which would end an unquoted value before it, nor
            // a name): a run of dropped attributes is then one cut.
            let start = match bytes.get(i) {
                None | Some(b'>') => from,
                Some(&b) if CLASS[usize::from(b)] & SPACE != 0 => from,
                Some(_) => name_start,
            };
            if start == name_start && collapsible {
                push_cut(cuts, from + 1, name_start, 0);
            }
            push_cut(cuts, start, i, usize::from(!seen));
        } else {
            if collapsible {
                push_cut(cuts, from + 1, name_start, 0);
            }
            if let Some(l) = lift.as_deref_mut().filter(|_| lifting) {
                let value_at = value.as_ptr() as usize - bytes.as_ptr() as usize;
                lifting = l.add((name_start, attr_end), (value_at, value_at + value.len()));
            }
        }
    };
    // Lifted only when the tag is closed, within the cap, and without a name starting with
    // `=` (see below).
    let lifted = lift
        .as_deref_mut()
        .filter(|_| lifting && closed && past.is_none() && !name_starts_with_eq)
        .is_some_and(Lifted::end_tag);
    let tag_end = tag_end(name, start, end, bytes.len(), self_closing);
    if lifted {
        let counted = cuts.drain(cuts_before..).map(|c| c.counted).sum();
        let marker = Marker::for_tag(name, matches!(tag_end.raw_text, RawText::None));
        cuts.push(Cut {
            start: if marker.replaces_name() { at } else { name_end },
            end: last_end,
            counted,
            with: None,
            marker: Some(marker),
        });
    } else {
        if name_starts_with_eq && past.is_none() {
            // A cut between a valueless attribute and a name starting with `=` would make
            // that `=` the former's value (`<div g x=1 ="y">` read as `<div g ="y">`): such
            // a tag (rare, and never written so on purpose) is left to the tokenizer whole
            // but for its name, and its attributes to the sanitizer. Past the cap its cuts
            // stay: they bound the tokenizer's work.
            cuts.truncate(cuts_before);
        }
        // A tag the input ends in is dropped by the tokenizer: its code would not be read.
        if let Some(lift) = lift.as_deref_mut().filter(|_| closed) {
            code_name(bytes, at, name_end, cuts, cuts_before, lift);
        }
    }
    if let Some(past) = past {
        past.finish(last_end, cuts);
    }
    tag_end
}

/// The shortest run of white space in a tag that [`tag`] shortens to one character.
const MIN_COLLAPSED: usize = 3;

/// Adds the cut `start..end` (after every cut so far) to `cuts`, as part of the last one
/// when they touch: one piece less to copy.
pub(super) fn push_cut(cuts: &mut Vec<Cut>, start: usize, end: usize, counted: usize) {
    match cuts.last_mut() {
        Some(last) if last.end == start && last.with.is_none() && last.marker.is_none() => {
            last.end = end;
            last.counted += counted;
        }
        _ => cuts.push(Cut {
            start,
            end,
            counted,
            with: None,
            marker: None,
        }),
    }
}

/// A tag read as the tokenizer reads it, from its name at `at` (just past `<` or `</`): the
/// name as written, where the tag ends (just past its `>`, or the end of the input), and
/// whether the tokenizer reads it as self-closing (a `/>` whose `/` ends no unquoted value).
pub(super) fn read_tag(bytes: &[u8], at: usize) -> (&[u8], usize, bool) {
    let name_end = skip_until(bytes, at, SPACE | SLASH | GT);
    let t = tag(
        bytes,
        at,
        false,
        &mut Vec::new(),
        &mut Reader::plain(&mut Memo::default()),
    );
    (&bytes[at..name_end], t.end, t.self_closing)
}

#[cfg(test)]
#[path = "attr_cap_tests.rs"]
mod attr_cap_tests;
