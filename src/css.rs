//! Inline `style` declarations, read with a CSS tokenizer (`cssparser`) as a browser reads
//! them: comments, escapes, odd spacing and case count as they do there. The rules that
//! judge an element by its style (hidden text, an image's own background) share this walk.

use cssparser::{ParseError, Parser};

/// Calls `each` with the lower-cased name of every declaration of the inline style `style`
/// and the parser positioned after its `:`, in order. A declaration that is not `name:` is
/// skipped up to the next `;`, as a browser skips an invalid one; so is the rest of one
/// whose `each` returns an error.
pub(crate) fn each_declaration(
    style: &str,
    mut each: impl FnMut(&str, &mut Parser<'_>) -> Result<(), ParseError<()>>,
) {
    let mut parser = Parser::new(style);
    while !parser.is_exhausted() {
        let _ = parser.parse_until_after(cssparser::Delimiter::Semicolon, |p| {
            let name = p.expect_ident()?.to_ascii_lowercase();
            p.expect_colon()?;
            each(&name, p)
        });
    }
}
