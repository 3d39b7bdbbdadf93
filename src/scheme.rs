//! How a browser reads a URL's scheme; shared by the sanitizer (scheme allowlist) and the URL
//! rules (relative or not, http or not), so they can never disagree.

/// The URL's scheme, lowercase, as a browser reads it, or `None` for a relative URL.
///
/// Anything before the first `:` that is not a valid scheme (`/`, `?`, `#` or another
/// character outside `[A-Za-z0-9+.-]` comes first) makes the URL relative, as in the URL
/// standard. A leading digit is still reported as a scheme, so it is refused rather than
/// trusted.
pub(crate) fn url_scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => continue,
            ':' => return (!scheme.is_empty()).then_some(scheme),
            c if c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.') => {
                scheme.push(c.to_ascii_lowercase());
            }
            _ => return None,
        }
    }
    None
}
