//! Skipping the raw text of elements whose content is dropped anyway.
//!
//! Scripts and style sheets are about 45 % of the bytes of the shared corpus. html5ever's
//! tokenizer reads their text like any other (and emits one token per line break), the tree
//! builder appends it, and a [`FilterSink`](super::sink::FilterSink) then throws it away with
//! the element's content. When the parse-time filter has made the element just opened a
//! shell, [`Gate`](super::gate::Gate) instead takes the text out of the input before the
//! tokenizer reads it: the tokenizer goes on right at the end tag, and builds the same tree.
//!
//! The scan stops exactly where the tokenizer would leave the raw text: at the first
//! *appropriate end tag* (`</` + the element's name in any case + white space, `/` or `>`;
//! HTML § 13.2.5.9–13.2.5.20). Script data has escape states besides (§ 13.2.5.15–13.2.5.31):
//! after `<!--`, a `<script>` hides every end tag up to its own `</script>` or `-->`;
//! [`script_len`] follows them. Wherever the scan stops, the tokenizer reads what follows as
//! it would have: the skipped bytes are text it would have read in the same state.

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
    if script && complete {
        return script_len(rest);
    }
    // A part of the input: in script data the count stops at the first `<!`, where the
    // escape states may begin (html5ever follows them from there).
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

/// How many bytes at the start of `rest` (all of the input left) are script data: up to the
/// appropriate end tag `</script` that ends the element, through the script data escape
/// states (HTML § 13.2.5.4 and 13.2.5.15–13.2.5.31), or all of `rest`.
pub(crate) fn script_len(rest: &[u8]) -> usize {
    /// The states of § 13.2.5.15–13.2.5.31, the less-than-sign and tag-name states folded
    /// into the transitions from `<`.
    #[derive(Clone, Copy)]
    enum S {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    let n = rest.len();
    let mut s = S::Data;
    let mut i = 0;
    while i < n {
        match s {
            S::Data => {
                let Some(k) = memchr::memchr(b'<', &rest[i..]) else {
                    return n;
                };
                i += k;
                match rest.get(i + 1) {
                    Some(b'/') if ends_here(&rest[i + 2..], b"script") => return i,
                    // `<!--`: the script data escape start (dash) states, then escaped
                    // dash dash.
                    Some(b'!') if rest[i + 2..].starts_with(b"--") => {
                        s = S::EscapedDashDash;
                        i += 4;
                    }
                    _ => i += 1,
                }
            }
            S::Escaped | S::Double => {
                let Some(k) = memchr::memchr2(b'-', b'<', &rest[i..]) else {
                    return n;
                };
                i += k;
                if rest[i] == b'-' {
                    s = if matches!(s, S::Escaped) {
                        S::EscapedDash
                    } else {
                        S::DoubleDash
                    };
                    i += 1;
                }
            }
            S::EscapedDash | S::EscapedDashDash | S::DoubleDash | S::DoubleDashDash => {
                let double = matches!(s, S::DoubleDash | S::DoubleDashDash);
                let dash_dash = matches!(s, S::EscapedDashDash | S::DoubleDashDash);
                match rest[i] {
                    b'-' => {
                        s = if double {
                            S::DoubleDashDash
                        } else {
                            S::EscapedDashDash
                        };
                        i += 1;
                    }
                    b'>' if dash_dash => {
                        s = S::Data;
                        i += 1;
                    }
                    b'<' => {}
                    _ => {
                        s = if double { S::Double } else { S::Escaped };
                        i += 1;
                    }
                }
            }
        }
        // A `<` in an escaped or double escaped state (not consumed above).
        if i < n && rest[i] == b'<' && !matches!(s, S::Data) {
            let double = matches!(s, S::Double | S::DoubleDash | S::DoubleDashDash);
            if double {
                // Double escaped less-than sign, then double escape end: `</script` + a
                // delimiter goes back to escaped.
                s = S::Double;
                if rest.get(i + 1) == Some(&b'/') {
                    let (is_script, next) = tag_word(rest, i + 2);
                    if is_script {
                        s = S::Escaped;
                        i = next + 1;
                    } else {
                        i = next;
                    }
                } else {
                    i += 1;
                }
            } else {
                // Escaped less-than sign: `</script` + a delimiter ends the element;
                // `<script` + a delimiter starts double escaping.
                s = S::Escaped;
                match rest.get(i + 1) {
                    Some(b'/') if ends_here(&rest[i + 2..], b"script") => return i,
                    Some(b) if b.is_ascii_alphabetic() => {
                        let (is_script, next) = tag_word(rest, i + 1);
                        if is_script {
                            s = S::Double;
                            i = next + 1;
                        } else {
                            i = next;
                        }
                    }
                    _ => i += 1,
                }
            }
        }
    }
    n
}

/// Reads the ASCII letters from `at` (the double escape start and end states): whether they
/// spell `script` (any case) and a delimiter (white space, `/`, `>`) follows them, and
/// where the letters end.
fn tag_word(rest: &[u8], at: usize) -> (bool, usize) {
    let end = rest[at..]
        .iter()
        .position(|b| !b.is_ascii_alphabetic())
        .map_or(rest.len(), |k| at + k);
    let delimited = rest.get(end).is_some_and(|&b| ends_tag_name(b));
    (
        delimited && rest[at..end].eq_ignore_ascii_case(b"script"),
        end,
    )
}

/// Whether `after` (what follows `</`) starts with `name`, in any ASCII case, followed by what
/// ends a tag name (white space, `/` or `>`; a carriage return becomes a line feed).
fn ends_here(after: &[u8], name: &[u8]) -> bool {
    after.len() > name.len()
        && after[..name.len()].eq_ignore_ascii_case(name)
        && ends_tag_name(after[name.len()])
}

/// Whether `b` ends a tag name: white space (a carriage return becomes a line feed), `/` or
/// `>`.
fn ends_tag_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
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
    fn script_data_follows_the_escape_states() {
        let s = RawKind::ScriptData;
        // Double escaped: the first `</script>` goes back to escaped, the second ends.
        let a = "var a; <!-- <script></script> --></script>";
        assert_eq!(len(a, s, "script"), a.len() - 9);
        let b = "<!-- <script>x</script>y</script>";
        assert_eq!(len(b, s, "script"), b.len() - 9);
        // `-->` leaves both escaped states.
        let c = "<!-- <script> --> </script>";
        assert_eq!(len(c, s, "script"), c.len() - 9);
        // Escaped, not double escaped: the end tag ends it.
        assert_eq!(len("<!-- a </script>", s, "script"), 7);
        assert_eq!(len("<!-- <scripts> </script>", s, "script"), 15);
        assert_eq!(len("<!-- <script1> </SCRIPT >", s, "script"), 15);
        // `<!-->` and `<!-x` never leave script data.
        assert_eq!(len("<!--> <script> </script>", s, "script"), 15);
        assert_eq!(len("a<!b</script>", s, "script"), 4);
        assert_eq!(len("<!- <script> </script>", s, "script"), 13);
        // A double escape without its end runs to the end of the input.
        let d = "<!--<script>a</script x";
        assert_eq!(len(d, s, "script"), d.len());
        // Only script data has escape states.
        assert_eq!(len("a<!-- </style>", RawKind::Rawtext, "style"), 6);
        // A part of the input stops where the escape states may begin.
        let partial = text_len(b"var a; <!-- x", s, b"script", false);
        assert_eq!(partial, 7);
    }

    proptest::proptest! {
        /// `script_len` ends the script where html5ever does, on random mixes of what
        /// starts and ends the escape states.
        #[test]
        fn script_len_agrees_with_html5ever(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "<!--", "-->", "--", "-", "<!", "<", ">", "/", "<script>", "<script ", "<SCRIPT/",
                "</script>", "</script ", "</SCRIPT\n", "</script", "<scripts>", "</scripts>",
                "x", " ", "\n", "!",
            ]), 0..16)
        ) {
            use html5ever::tendril::TendrilSink;
            let body: String = pieces.concat();
            let html = format!("<script>{body}</script>END");
            let dom = html5ever::parse_document(
                markup5ever_rcdom::RcDom::default(),
                Default::default(),
            )
            .one(html.as_str());
            // The text html5ever put in the (first) script.
            let mut stack = vec![dom.document.clone()];
            let mut text = None;
            while let Some(node) = stack.pop() {
                if let markup5ever_rcdom::NodeData::Element { name, .. } = &node.data {
                    if &*name.local == "script" {
                        text = Some(
                            node.children
                                .borrow()
                                .iter()
                                .map(|c| match &c.data {
                                    markup5ever_rcdom::NodeData::Text { contents } => {
                                        contents.borrow().to_string()
                                    }
                                    _ => String::new(),
                                })
                                .collect::<String>(),
                        );
                        break;
                    }
                }
                stack.extend(node.children.borrow().iter().rev().cloned());
            }
            let rest = &html.as_bytes()["<script>".len()..];
            let ours = script_len(rest);
            proptest::prop_assert_eq!(
                text.as_deref().map(str::len),
                Some(ours),
                "{:?}",
                html
            );
        }
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
