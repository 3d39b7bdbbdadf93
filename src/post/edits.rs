//! Replacements of byte ranges of a Markdown body, collected in any order and applied once in
//! source order (linear, no rescans), with where known pieces land in the new body.

use super::piece::Place;
use std::collections::HashSet;
use std::ops::Range;

/// Pieces of raw HTML known to be clean: `(start, end, is a block)` in a body.
pub(crate) type Known = HashSet<(usize, usize, bool)>;

/// Replacements of byte ranges of a body.
#[derive(Default)]
pub(crate) struct Edits {
    pub(crate) list: Vec<(Range<usize>, String)>,
}

impl Edits {
    pub(crate) fn push(&mut self, range: Range<usize>, new: String) {
        self.list.push((range, new));
    }

    /// The body with the edits applied (in source order; an edit overlapping an earlier one
    /// is left out).
    pub(crate) fn apply(self, body: &str) -> String {
        self.apply_mapped(body, &[]).0
    }

    /// [`apply`](Edits::apply), and where each of `pieces` (source ranges in order, each
    /// either untouched or replaced by one edit) is in the new body.
    pub(crate) fn apply_mapped(
        mut self,
        body: &str,
        pieces: &[(Range<usize>, Place)],
    ) -> (String, Known) {
        if !self.list.is_sorted_by_key(|(r, _)| r.start) {
            self.list.sort_by_key(|(r, _)| r.start);
        }
        let mut out = String::with_capacity(body.len() + body.len() / 16);
        let mut done = 0;
        // Each applied edit: (source range, where it starts in the output, its length).
        let mut applied: Vec<(Range<usize>, usize, usize)> = Vec::with_capacity(self.list.len());
        for (range, new) in self.list {
            if range.start < done {
                continue;
            }
            out.push_str(&body[done..range.start]);
            applied.push((range.clone(), out.len(), new.len()));
            out.push_str(&new);
            done = range.end;
        }
        out.push_str(&body[done..]);
        let mut known = Known::default();
        let mut e = 0;
        // Output position minus source position, after the edits passed so far.
        let mut delta: isize = 0;
        for (piece, place) in pieces {
            while e < applied.len() && applied[e].0.end <= piece.start && applied[e].0 != *piece {
                let (r, _, len) = &applied[e];
                delta += *len as isize - r.len() as isize;
                e += 1;
            }
            let block = *place == Place::Block;
            match applied.get(e) {
                Some((r, at, len)) if r == piece => {
                    known.insert((*at, at + len, block));
                }
                Some((r, _, _)) if r.start < piece.end => {}
                _ => {
                    let start = (piece.start as isize + delta) as usize;
                    known.insert((start, start + piece.len(), block));
                }
            }
        }
        (out, known)
    }
}
