//! One scalar of front matter: how it is unescaped (read) and escaped (written back) in its
//! own style, so that a rewritten value is always one scalar of the same kind.

/// Whether `value` is one `http://` or `https://` URL without white space or controls.
pub(super) fn is_url(value: &str) -> bool {
    let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && value.len() > 8
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// How a scalar is written, which decides how it is unescaped and escaped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// YAML plain scalar.
    Plain,
    /// YAML `'…'`: `''` is a quote.
    YamlSingle,
    /// YAML `"…"`: backslash escapes.
    YamlDouble,
    /// TOML `'…'`: no escapes, no `'`.
    TomlLiteral,
    /// TOML `"…"`: backslash escapes.
    TomlBasic,
}

/// Unescapes a scalar's content; `None` for an escape this module does not know.
pub(super) fn decode(raw: &str, style: Style) -> Option<String> {
    match style {
        Style::Plain | Style::TomlLiteral => Some(raw.to_string()),
        Style::YamlSingle => Some(raw.replace("''", "'")),
        Style::YamlDouble | Style::TomlBasic => {
            let mut out = String::with_capacity(raw.len());
            let mut chars = raw.chars();
            while let Some(c) = chars.next() {
                if c != '\\' {
                    out.push(c);
                    continue;
                }
                let hex = |chars: &mut std::str::Chars<'_>, n: usize| {
                    let digits: String = chars.by_ref().take(n).collect();
                    (digits.len() == n)
                        .then(|| u32::from_str_radix(&digits, 16).ok())
                        .flatten()
                        .and_then(char::from_u32)
                };
                out.push(match chars.next()? {
                    '\\' => '\\',
                    '"' => '"',
                    '/' if style == Style::YamlDouble => '/',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    // White space and control escapes: never part of a URL we rewrite.
                    _ => return None,
                });
            }
            Some(out)
        }
    }
}

/// Writes `url` in `style`, or `None` when it cannot be written there safely: the result is
/// always one scalar of the same style, wherever it stands (block or flow context).
pub(super) fn encode(url: &str, style: Style) -> Option<String> {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    match style {
        // Flow indicators end a plain scalar in a flow collection, and a `:` at its end makes
        // it a key: never written plain, wherever the lexer believes the scalar stands.
        Style::Plain => {
            (is_url(url) && !url.contains([',', '[', ']', '{', '}']) && !url.ends_with(':'))
                .then(|| url.to_string())
        }
        Style::YamlSingle => Some(url.replace('\'', "''")),
        Style::TomlLiteral => (!url.contains('\'')).then(|| url.to_string()),
        Style::YamlDouble | Style::TomlBasic => {
            Some(url.replace('\\', "\\\\").replace('"', "\\\""))
        }
    }
}

/// The length of a quoted scalar's content in `s` (which starts after the opening
/// delimiter), or `None` when it is not closed on this line.
pub(super) fn find_close(s: &str, close: &str, style: Style) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match style {
            Style::YamlSingle if bytes[i..].starts_with(b"''") => i += 2,
            Style::YamlDouble | Style::TomlBasic if bytes[i] == b'\\' => i += 2,
            _ if bytes[i..].starts_with(close.as_bytes()) => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, Style};

    #[test]
    fn quoting_round_trips() {
        assert_eq!(decode("it''s", Style::YamlSingle).as_deref(), Some("it's"));
        assert_eq!(
            decode(r"a\/b\u0041\\", Style::YamlDouble).as_deref(),
            Some(r"a/bA\")
        );
        assert_eq!(decode(r"a\nb", Style::YamlDouble), None);
        assert_eq!(
            encode("https://a/it's", Style::YamlSingle).as_deref(),
            Some("https://a/it''s")
        );
        assert_eq!(encode("https://a/it's", Style::TomlLiteral), None);
        assert_eq!(
            encode("https://a/\"q\"", Style::TomlBasic).as_deref(),
            Some(r#"https://a/\"q\""#)
        );
        assert_eq!(encode("https://a/[1]", Style::Plain), None);
        assert_eq!(encode("https://a/a,b", Style::Plain), None);
        assert_eq!(encode("https://a/a:", Style::Plain), None);
        assert_eq!(encode("https://a/ b", Style::YamlSingle), None);
    }
}
