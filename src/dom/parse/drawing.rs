//! Skipping the content of an `<svg>` that draws no text: an icon, a logo, a sprite sheet.
//!
//! The sanitizer never keeps SVG: an `<svg>` is replaced by the text it draws (its `<text>`
//! and `<foreignObject>` pieces, `rules::sanitize::svg_text`) or removed when it draws none,
//! and the rules before it never look inside one. An SVG without text elements therefore
//! leaves nothing of its content in the output, and on modern pages such drawings are a
//! large share of the markup (path data, sprite sheets of `<symbol>`s): html5ever's
//! tokenizer read every attribute of it and its tree builder created every element, for the
//! walk to remove. When the parse-time filter is on (no user rule needs to see the tree as
//! parsed), [`Gate`](super::gate::Gate) instead takes that content off the input right after
//! the `<svg>` start tag, and the tokenizer goes on at its `</svg>`: the `<svg>` element stays,
//! empty, with its attributes, where the rules see it and the sanitizer removes it as before.
//!
//! What may be skipped ([`scan`]) is decided from the markup alone, conservatively:
//! only comments, the tags of drawing elements ([`DRAWING`]: shapes, paths, gradients,
//! `<symbol>`, `<use>`, filters, `<title>`…, none of them an HTML element's name and none a
//! text element; and `<svg>`s inside, holding the same), white space, and any text inside
//! one of them but `<g>` and `<svg>` (text there is never drawn). Anything else (a text element, `<foreignObject>`, a nested `<svg>` or
//! `<math>`, a CDATA section, an HTML tag that would end the foreign content, text straight
//! in the `<svg>`) keeps the whole `<svg>` parsed as before.
//!
//! Why the tree builder cannot leave the `<svg>` inside such content (HTML § 13.2.6.5, the
//! rules for foreign content): only a start tag of an HTML breakout name (`<p>`, `<div>`,
//! `<b>`, `<font color>`…) or the end tags `</br>` and `</p>` pop it; an end tag of any other
//! name closes the nearest open element of that name, or walks up to the first HTML element
//! and is ignored there if no HTML element of that name is open, which, for the drawing
//! names, none can be. The scan follows the nesting of the elements in between exactly, with
//! the tokenizer's self-closing flag (a `/` ending an unquoted value, `<svg id=a/>`, leaves
//! the element open), so the `</svg>` it stops at closes this `<svg>`. The tokenizer reads all of
//! it in the data state (a CDATA section is the one construct it reads differently in
//! foreign content, and it stops the skip).

use super::attr_cap::read_tag;
use super::tag_bytes::markup_declaration;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::BufferQueue;

/// SVG elements (ASCII lower case, as the tokenizer names them) that draw no text and whose
/// names no HTML element has. `<g>` groups them; the others hold no text that is drawn (a
/// `<title>` is a tooltip, a `<desc>` a description).
const DRAWING: &[&[u8]] = &[
    b"path",
    b"g",
    b"symbol",
    b"use",
    b"title",
    b"desc",
    b"circle",
    b"ellipse",
    b"line",
    b"polygon",
    b"polyline",
    b"rect",
    b"defs",
    b"stop",
    b"lineargradient",
    b"radialgradient",
    b"clippath",
    b"mask",
    b"pattern",
    b"marker",
    b"filter",
    b"animate",
    b"animatetransform",
    b"animatemotion",
    b"mpath",
    b"set",
    b"view",
];

/// Whether `name` (as written) is one of [`DRAWING`] or a filter primitive (`feBlend`…, but
/// `feImage`, which loads a URL).
fn is_drawing(name: &[u8]) -> bool {
    if name.len() > 2 && name[..2].eq_ignore_ascii_case(b"fe") {
        return name[2..].iter().all(u8::is_ascii_alphabetic)
            && !name.eq_ignore_ascii_case(b"feimage");
    }
    DRAWING.iter().any(|d| name.eq_ignore_ascii_case(d))
}

/// White space as the tokenizer and tree builder read it (HTML § 13.2.5: tab, line feed,
/// form feed, carriage return, space).
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// How deep drawing elements may nest inside the `<svg>` for the scan to follow them.
const MAX_NESTING: usize = 64;

/// What an open drawing element may hold besides comments.
#[derive(Clone, Copy, PartialEq)]
enum Holds {
    /// Drawing elements and white space: `<g>`, `<svg>` (text straight in them would be in
    /// the tree).
    Drawings,
    /// Drawing elements and any text: a shape, a `<symbol>`… (the parse-time filter builds
    /// nothing below them).
    Anything,
    /// Text only: `<title>` and `<desc>`, where the tree builder reads start tags by the
    /// rules of HTML (HTML integration points), which could open HTML elements inside.
    Text,
}

impl Holds {
    fn of(name: &[u8]) -> Holds {
        if name.eq_ignore_ascii_case(b"g") || name.eq_ignore_ascii_case(b"svg") {
            Holds::Drawings
        } else if name.eq_ignore_ascii_case(b"title") || name.eq_ignore_ascii_case(b"desc") {
            Holds::Text
        } else {
            Holds::Anything
        }
    }
}

/// How many bytes at the start of `rest` (what follows an `<svg>` start tag) are content
/// that may be skipped: up to its `</svg` end tag, when everything before it is what the
/// module documentation allows; otherwise (also when no `</svg>` follows) how far the scan
/// read before it gave up.
fn scan(rest: &[u8]) -> Result<usize, usize> {
    // (A tag the scan gives up on was read to its end: that is how far the scan read.)
    // The open drawing elements, innermost last (the `<svg>` itself holds drawings).
    let mut open: Vec<(&[u8], Holds)> = Vec::new();
    let mut pos = 0;
    loop {
        let Some(lt) = memchr::memchr(b'<', &rest[pos..]).map(|n| pos + n) else {
            return Err(rest.len());
        };
        let holds = open.last().map_or(Holds::Drawings, |&(_, h)| h);
        if holds == Holds::Drawings && !rest[pos..lt].iter().all(|&b| is_space(b)) {
            return Err(lt);
        }
        match rest.get(lt + 1) {
            Some(b'!') if rest[lt + 2..].starts_with(b"--") => {
                pos = markup_declaration(rest, lt + 2);
            }
            Some(b'/') => {
                let (name, end, _) = read_tag(rest, lt + 2);
                if !closed(rest, end) {
                    return Err(end);
                }
                if name.eq_ignore_ascii_case(b"svg") && open.is_empty() {
                    return Ok(lt);
                }
                // Only the end tag of the innermost element: the scan follows the nesting
                // exactly, or stops. (The tree builder would also close elements left open
                // inside; but then the parse without the skip may leave an end tag of theirs
                // waiting at the depth cap, `Gate`, which the skip would not: what is skipped
                // opens and closes every element it holds.)
                match open.pop() {
                    Some((top, _)) if top.eq_ignore_ascii_case(name) => pos = end,
                    _ => return Err(end),
                }
            }
            Some(b) if b.is_ascii_alphabetic() && holds != Holds::Text => {
                let (name, end, self_closing) = read_tag(rest, lt + 1);
                // An `<svg>` inside (a sprite's symbol) is one more drawing element: its end
                // tag closes it, not this one.
                let nested = name.eq_ignore_ascii_case(b"svg");
                if !(nested || is_drawing(name)) || !closed(rest, end) {
                    return Err(end);
                }
                let holds = Holds::of(name);
                // Self-closing as the tokenizer reads it: `<svg id=a/>` and `<title id=a/>`
                // stay open (the `/` is the value's), and are closed by their end tags.
                if !self_closing {
                    if open.len() == MAX_NESTING {
                        return Err(end);
                    }
                    open.push((name, holds));
                }
                pos = end;
            }
            // A `<` that starts no tag is text (§ 13.2.5.6), where text may be.
            Some(b)
                if holds != Holds::Drawings && !b.is_ascii_alphabetic() && !b"!?".contains(b) =>
            {
                pos = lt + 1;
            }
            // `<!DOCTYPE`, `<![CDATA[`, `<?…`, a lone `<` where no text may be, a tag in a
            // title.
            _ => return Err(lt),
        }
    }
}

/// Whether a tag scanned up to `end` ended with its `>` (not with the end of the input,
/// where the tokenizer drops it).
fn closed(rest: &[u8], end: usize) -> bool {
    end <= rest.len() && end > 0 && rest[end - 1] == b'>'
}

/// Takes the content of the `<svg>` whose start tag the tokenizer has just read off
/// `input`, when [`scan`] allows: the tokenizer goes on at its `</svg>`. Returns the
/// bytes taken.
///
/// `budget`: how many more bytes scans that find nothing to skip may read. What a scan
/// skips is never read again, but a scan that gives up leaves its bytes to the tokenizer,
/// and the `<svg>`s nested in them scan them again: `<svg><path/>…` nested without end would
/// cost the square of the input. Once the budget (the input's length, for a parse) is spent,
/// nothing more is skipped.
pub(crate) fn skip(input: &BufferQueue, budget: &std::cell::Cell<usize>) -> usize {
    if budget.get() == 0 {
        return 0;
    }
    let Some(front) = input.pop_front() else {
        return 0;
    };
    let bytes = front.as_bytes();
    let len = match scan(&bytes[..bytes.len().min(budget.get())]) {
        Ok(len) => len,
        Err(read) => {
            budget.set(budget.get().saturating_sub(read.max(1)));
            0
        }
    };
    if len == 0 {
        input.push_front(front);
        return 0;
    }
    // `len` is at a `<`: a char boundary.
    let total = front.len();
    let rest: StrTendril = front.subtendril(len as u32, (total - len) as u32);
    input.push_front(rest);
    len
}

#[cfg(test)]
mod tests {
    use super::scan;

    fn len(s: &str) -> Option<usize> {
        scan(s.as_bytes()).ok()
    }

    #[test]
    fn drawings_are_skipped_up_to_their_end_tag() {
        let cases = [
            "<path d=\"M0 0h24v24H0z\"/></svg>",
            "\n  <g fill=\"none\"><path d='M1 1>2'/><circle r=3 /></g>\n</svg>",
            "<title>Share on a network</title><path d=x /></svg>",
            "<defs><linearGradient id=a><stop offset=0 /></linearGradient></defs></SVG>",
            "<symbol id=i><path d=M0 /></symbol><!-- sprite --><use href=#i /></svg >",
            "<filter id=f><feGaussianBlur stdDeviation=2 /></filter></svg/>",
            "<clipPath id=c><rect width=1 height=1></rect></clippath></svg>",
            "<desc>A &amp; B < C</desc><path d=M0></path></svg>",
            "<defs><svg id=a viewBox='0 0 8 8'><path d='M0'/></svg></defs></svg>",
            "<title id=a/>t</title><title/><svg viewBox=0/><path/></svg></svg>",
            "</svg>",
        ];
        for case in cases {
            let end = case.to_ascii_lowercase().rfind("</svg").unwrap();
            assert_eq!(len(case), Some(end), "{case:?}");
        }
    }

    #[test]
    fn anything_else_keeps_the_svg_parsed() {
        for case in [
            // Text that is drawn, or could be.
            "<text x=1>Label</text></svg>",
            "<g><tspan>a</tspan></g></svg>",
            "<foreignObject><p>x</p></foreignObject></svg>",
            "stray words</svg>",
            "<g>words</g></svg>",
            "&amp;</svg>",
            // HTML that ends the foreign content, another foreign root, a link.
            "<p>out</p></svg>",
            "<path/></p></svg>",
            "<path/></br></svg>",
            "<b>x</b></svg>",
            "<svg><text>a</text></svg></svg>",
            "<math></math></svg>",
            // `/` ends an unquoted value, not the tag: the inner `<svg>` stays open, and
            // the first `</svg>` closes it, not this one.
            "<svg id=a/></svg><text>Label</text></svg>",
            "<svg id=a/></svg><style><img src=a.jpg></style></svg>",
            "<a href=/x><path/></a></svg>",
            "<image href=a.jpg /></svg>",
            "<feImage href=a.jpg /></svg>",
            // Constructs the tokenizer reads differently here, or unfinished ones.
            "<![CDATA[</svg>]]></svg>",
            "<!doctype html></svg>",
            "<?x?></svg>",
            "< path/></svg>",
            "<path d='x></svg>",
            "<!-- no end </svg>",
            "<path/>",
            "<g><path></g></svg>",
            "<path d=M0/></svg>",
            "</g></svg>",
            "</ svg>",
            // A title or description holds text only, and ends with its end tag.
            "<title><path/></title></svg>",
            "<title id=a/>t<path/></svg>",
            "<title>a<b>b</b></title></svg>",
        ] {
            assert_eq!(len(case), None, "{case:?}");
        }
    }

    #[test]
    fn skip_takes_the_content_off_the_input_within_the_budget() {
        use html5ever::tendril::StrTendril;
        use html5ever::tokenizer::BufferQueue;
        use std::cell::Cell;
        let queue = |s: &str| {
            let input = BufferQueue::default();
            input.push_back(StrTendril::from_slice(s));
            input
        };
        let budget = Cell::new(100);
        let input = queue("<path d=0 /></svg>after");
        assert_eq!(super::skip(&input, &budget), 12);
        assert_eq!(&*input.pop_front().unwrap(), "</svg>after");
        assert_eq!(budget.get(), 100, "a skip costs no budget");
        // A scan that gives up spends what it read; then nothing more is scanned.
        let input = queue("<path/>words</svg>");
        assert_eq!(super::skip(&input, &budget), 0);
        assert_eq!(budget.get(), 100 - 12);
        assert_eq!(&*input.pop_front().unwrap(), "<path/>words</svg>");
        budget.set(0);
        let input = queue("<path/></svg>");
        assert_eq!(super::skip(&input, &budget), 0);
        // Only the budget's bytes are read: a scan cut short finds no end tag, and has
        // read them all.
        budget.set(5);
        let input = queue("<path/></svg>");
        assert_eq!(super::skip(&input, &budget), 0);
        assert_eq!(budget.get(), 0);
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = format!("{}</svg>", "<g>".repeat(super::MAX_NESTING + 1));
        assert_eq!(len(&deep), None);
        let ok = format!(
            "{}{}</svg>",
            "<g>".repeat(super::MAX_NESTING),
            "</g>".repeat(super::MAX_NESTING)
        );
        assert_eq!(len(&ok), Some(ok.len() - 6));
    }
}
