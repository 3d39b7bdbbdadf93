//! Skipping the raw text of elements whose content is dropped anyway.
//!
//! Scripts and style sheets are about 45 % of the bytes of the shared corpus. html5ever's
//! tokenizer reads their text like any other (and emits one token per line break), the tree
//! builder appends it, and a [`FilterSink`](super::sink::FilterSink) then throws it away with
//! the element's content. When the parse-time filter has made the element just opened a
//! shell, [`Gate`](super::depth::Gate) instead takes the text out of the input before the
//! tokenizer reads it: the tokenizer goes on right at the end tag, and builds the same tree.
//!
//! The scan stops exactly where the tokenizer would leave the raw text: at the first
//! *appropriate end tag* (`</` + the element's name in any case + white space, `/` or `>`;
//! HTML § 13.2.5.9–13.2.5.20). In script data it stops earlier, at the first `<!`: that is
//! where the script data escape states begin (`<!--` … `<script>` … `</script>` may hide an
//! end tag), and the rest is left to html5ever. Wherever it stops, the tokenizer reads what
//! follows as it would have: the skipped bytes are text it would have read in the same state.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::BufferQueue;

/// How many bytes at the start of `rest` the tokenizer would read as the raw text of an
/// element named `name` (ASCII lower case), in state `kind`.
///
/// `complete`: nothing follows `rest`, so text without an end tag runs to its end. Otherwise
/// the count stops before the last `<` of `rest` (an end tag may begin there and go on in the
/// next buffer).
pub(crate) fn text_len(rest: &[u8], kind: RawKind, name: &[u8], complete: bool) -> usize {
    let script = matches!(kind, RawKind::ScriptData);
    let mut last_lt = None;
    for at in memchr::memchr_iter(b'<', rest) {
        last_lt = Some(at);
        match rest.get(at + 1) {
            Some(b'/') if ends_here(&rest[at + 2..], name) => return at,
            Some(b'!') if script => return at,
            _ => {}
        }
    }
    match last_lt {
        _ if complete => rest.len(),
        Some(at) => at,
        None => rest.len(),
    }
}

/// Whether `after` (what follows `</`) starts with `name`, in any ASCII case, followed by what
/// ends a tag name (white space, `/` or `>`; a carriage return becomes a line feed).
fn ends_here(after: &[u8], name: &[u8]) -> bool {
    after.len() > name.len()
        && after[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            after[name.len()],
            b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>'
        )
}

/// Takes the raw text of an element named `name` off the front of `input` (see [`text_len`]).
/// Returns the number of bytes taken.
pub(crate) fn skip(input: &BufferQueue, kind: RawKind, name: &str) -> usize {
    if !matches!(
        kind,
        RawKind::ScriptData | RawKind::Rawtext | RawKind::Rcdata
    ) {
        return 0;
    }
    let Some(front) = input.pop_front() else {
        return 0;
    };
    let complete = input.is_empty();
    let len = text_len(front.as_bytes(), kind, name.as_bytes(), complete);
    let total = front.len();
    if len < total {
        // `len` is at a `<` or the end: a char boundary.
        let rest: StrTendril = front.subtendril(len as u32, (total - len) as u32);
        input.push_front(rest);
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn len(rest: &str, kind: RawKind, name: &str) -> usize {
        text_len(rest.as_bytes(), kind, name.as_bytes(), true)
    }

    #[test]
    fn stops_at_the_appropriate_end_tag() {
        let s = RawKind::ScriptData;
        assert_eq!(len("a<b</script>x", s, "script"), 3);
        assert_eq!(len("a</SCRIPT\n>", s, "script"), 1);
        assert_eq!(len("a</sCrIpT/>", s, "script"), 1);
        assert_eq!(len("a</script\r>", s, "script"), 1);
        // Not an end tag: other names, longer names, a name at the very end.
        assert_eq!(len("</scripts></style></script>", s, "script"), 18);
        assert_eq!(len("x</script", s, "script"), 9);
        assert_eq!(len("x</scr\0ipt>", s, "script"), 11);
        let r = RawKind::Rawtext;
        assert_eq!(len("p{}</style>", r, "style"), 3);
        assert_eq!(len("<!-- </style> -->", r, "style"), 5);
        let t = RawKind::Rcdata;
        assert_eq!(len("a &lt; </textarea >", t, "textarea"), 7);
    }

    #[test]
    fn script_data_stops_where_the_escape_states_begin() {
        let s = RawKind::ScriptData;
        assert_eq!(
            len("var a; <!-- <script></script> --></script>", s, "script"),
            7
        );
        assert_eq!(len("a<!b</script>", s, "script"), 1);
        // Only script data has escape states.
        assert_eq!(len("a<!-- </style>", RawKind::Rawtext, "style"), 6);
    }

    #[test]
    fn without_an_end_tag() {
        assert_eq!(len("no end", RawKind::ScriptData, "script"), 6);
        let partial = |s: &str| text_len(s.as_bytes(), RawKind::Rawtext, b"style", false);
        assert_eq!(partial("abc"), 3);
        assert_eq!(partial("a<b<"), 3);
        assert_eq!(partial("a</sty"), 1);
    }

    #[test]
    fn skip_leaves_the_end_tag_in_the_queue() {
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice("var x = '<b>';\n</script><p>"));
        assert_eq!(skip(&input, RawKind::ScriptData, "script"), 15);
        assert_eq!(&*input.pop_front().unwrap(), "</script><p>");
        // Other states are left alone.
        input.push_back(StrTendril::from_slice("abc"));
        assert_eq!(
            skip(
                &input,
                RawKind::ScriptDataEscaped(html5ever::tokenizer::states::ScriptEscapeKind::Escaped),
                "script"
            ),
            0
        );
    }
}
