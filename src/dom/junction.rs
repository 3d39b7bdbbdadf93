//! Word junctions: whether taking an element out of the flow glues the word before it to the
//! word after it.
//!
//! An icon, an image, a form control or a button renders as a box that separates the text
//! on its two sides: `<span>Ada Byron</span><svg…/><span>replied</span>` reads "Ada Byron
//! replied" in a browser. Removed (or unwrapped), the box no longer separates anything, and
//! the two words run together unless a space is put where it stood. These methods look at
//! the text on both sides *as it stands in the output being built*: before the element, the
//! already cleaned siblings (and, through inline parents, theirs); after it, the siblings
//! still to be cleaned.

use super::element::Element;
use super::names::is_block;
use super::walk::Frame;
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;

/// How far into a neighbour (or up through inline parents) the text at a junction is looked
/// for: enough for real markup, and a bound on the work per element.
const MAX_STEPS: usize = 32;

/// What stands on one side of a junction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A character of text.
    Char(char),
    /// Nothing that could be glued: a block boundary, a line break, an image, the start or
    /// end of the content.
    Break,
}

impl Element<'_> {
    /// Whether the text just before this element ends with a character that would run into
    /// the element's own text (see [`separates_words`]).
    pub(crate) fn glued_before(&self) -> bool {
        matches!(self.side_before(), Side::Char(b) if needs_space(b, 'a'))
    }

    /// Whether the text just after this element starts with a character that the element's
    /// own text would run into.
    pub(crate) fn glued_after(&self) -> bool {
        matches!(self.side_after(), Side::Char(a) if needs_space('a', a))
    }

    /// Puts a space first and/or last among the children; an element without children gets
    /// one space when both are asked (it stands between two words).
    pub(crate) fn pad_children(&self, first: bool, last: bool) {
        let mut children = self.node.children.borrow_mut();
        if children.is_empty() {
            if first && last {
                children.push(space());
            }
            return;
        }
        if first {
            children.insert(0, space());
        }
        if last {
            children.push(space());
        }
    }

    fn side_before(&self) -> Side {
        side_before(self.frames)
    }

    fn side_after(&self) -> Side {
        side_after(self.frames)
    }
}

/// Whether the text just before the node the walk is at (given its open frames) and the
/// text just after it would run together without it: both sides are text without white
/// space at the junction (nor punctuation that needs no space, nor Chinese or Japanese,
/// written without spaces).
pub(crate) fn separates_words(frames: &[Frame]) -> bool {
    match (side_before(frames), side_after(frames)) {
        (Side::Char(b), Side::Char(a)) => needs_space(b, a),
        _ => false,
    }
}

/// The walk's hook: whether a space must stand where `node` was removed — it rendered as a
/// box (an icon, an image, a control, a frame) or a block (which ends a line, even empty)
/// between two words.
pub(crate) fn leaves_space(node: &Handle, frames: &[Frame]) -> bool {
    let is_box = match &node.data {
        NodeData::Element { name, .. } => {
            (is_box(&name.local) || is_block(&name.local)) && !matches!(&*name.local, "br" | "wbr")
        }
        _ => false,
    };
    is_box && separates_words(frames)
}

fn side_before(frames: &[Frame]) -> Side {
    let mut steps = 0;
    // The frames from the parent's up: the parent's finished children are the siblings
    // before; when they hold no text and the parent is inline, its own previous siblings.
    for (i, frame) in frames.iter().enumerate().rev() {
        if let Some(side) = scan(frame.done.iter().rev(), false, &mut steps) {
            return side;
        }
        if i == 0 || !is_inline(&frame.parent) {
            return Side::Break;
        }
    }
    Side::Break
}

fn side_after(frames: &[Frame]) -> Side {
    let mut steps = 0;
    for (i, frame) in frames.iter().enumerate().rev() {
        let pending = frame.pending.iter().map(|p| &p.node);
        if let Some(side) = scan(pending, true, &mut steps) {
            return side;
        }
        if i == 0 || !is_inline(&frame.parent) {
            return Side::Break;
        }
    }
    Side::Break
}

/// The character next to a junction, reading `nodes` away from it (`forward`: from the
/// first; else from the last) and into inline elements; `None` when they hold no text and
/// no break (the junction's side goes on past them). Every node read is a step; past
/// [`MAX_STEPS`] the answer is a break. The nodes are read as they come (nothing is
/// collected before): no allocation unless an inline element is entered.
fn scan<'a>(
    nodes: impl Iterator<Item = &'a Handle>,
    forward: bool,
    steps: &mut usize,
) -> Option<Side> {
    // The children of entered inline elements still to read, the next one last.
    let mut stack: Vec<Handle> = Vec::new();
    for top in nodes {
        let mut next = Some(top.clone());
        while let Some(node) = next.take().or_else(|| stack.pop()) {
            *steps += 1;
            if *steps > MAX_STEPS {
                return Some(Side::Break);
            }
            match &node.data {
                NodeData::Text { contents } => {
                    let text = contents.borrow();
                    let c = if forward {
                        text.chars().next()
                    } else {
                        text.chars().last()
                    };
                    if let Some(c) = c {
                        return Some(Side::Char(c));
                    }
                }
                NodeData::Element { name, .. } if never_shown(&name.local) => {}
                NodeData::Element { .. } if is_inline(&node) => {
                    let children = node.children.borrow();
                    let take = children.len().min(MAX_STEPS);
                    if forward {
                        stack.extend(children.iter().take(take).rev().cloned());
                    } else {
                        stack.extend(children.iter().rev().take(take).rev().cloned());
                    }
                }
                NodeData::Element { .. } => return Some(Side::Break),
                _ => {}
            }
        }
    }
    None
}

pub(crate) fn space() -> Handle {
    Node::new(NodeData::Text {
        contents: RefCell::new(" ".into()),
    })
}

/// An element whose content flows with the text around it (not a block, a line break or
/// an image).
fn is_inline(node: &Handle) -> bool {
    match &node.data {
        NodeData::Element { name, .. } => !is_block(&name.local) && !is_box(&name.local),
        _ => false,
    }
}

/// Elements whose content is never shown: a junction's side reads past them. (Their content
/// may also have been dropped while parsing: reading past them gives the same answer.)
fn never_shown(name: &html5ever::LocalName) -> bool {
    super::names::shows_no_text(name)
        || matches!(
            &**name,
            "plaintext"
                | "head"
                | "meta"
                | "link"
                | "base"
                | "basefont"
                | "bgsound"
                | "datalist"
                | "selectedcontent"
                | "param"
                | "frame"
                | "frameset"
                | "portal"
                | "fencedframe"
                | "map"
                | "area"
                | "dialog"
        )
}

/// Elements that render as a box of their own, or end a line: what stands next to them is
/// not glued to them.
fn is_box(name: &html5ever::LocalName) -> bool {
    use html5ever::local_name;
    matches!(
        *name,
        local_name!("br")
            | local_name!("img")
            | local_name!("picture")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("iframe")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("input")
            | local_name!("button")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("meter")
            | local_name!("progress")
            | local_name!("keygen")
            | local_name!("applet")
            | local_name!("wbr")
    )
}

/// Whether `before` followed by `after` needs a space between them to stay two words.
fn needs_space(before: char, after: char) -> bool {
    let opens = matches!(
        before,
        '(' | '[' | '{' | '«' | '“' | '‘' | '¿' | '¡' | '/' | '-'
    );
    let closes = matches!(
        after,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '»' | '”' | '’' | '%' | '/' | '-'
    );
    let unspaced = is_unspaced_script(before) || is_unspaced_script(after);
    !(before.is_whitespace() || after.is_whitespace() || opens || closes || unspaced)
}

/// Chinese and Japanese (Han, kana, their punctuation and full-width forms): written without
/// spaces between words.
fn is_unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{2FA1F}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn needs_space() {
        assert!(super::needs_space('a', 'r'));
        assert!(super::needs_space('9', 'M'));
        assert!(!super::needs_space(' ', 'r'));
        assert!(!super::needs_space('a', '\u{a0}'));
        assert!(!super::needs_space('a', '.'));
        assert!(!super::needs_space('(', 'a'));
        assert!(!super::needs_space('字', '字'));
        assert!(!super::needs_space('a', 'の'));
    }
}
