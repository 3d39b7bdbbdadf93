//! Link redirectors whose target is not a plain query parameter: Bing's base64url `u=a1…`,
//! Yahoo's `/RU=<encoded>/` path segment, Substack's `/redirect/2/<base64url JSON>` token,
//! the AMP viewer's and AMP Cache's scheme-less paths, Proofpoint's rewritten URLs.
//!
//! Each reader returns the candidate target text; the caller checks it with
//! [`finalize`](super::decode::finalize) like any other.

use crate::proxy::parsed::Parsed;

use super::decode::{decode_base64_text, decode_to_http, percent_decode_once, raw_param};
use super::known::{amp_origin, query_without, translate_goog};

/// How a redirector carries its target.
#[derive(Clone, Copy)]
pub(crate) enum Carrier {
    /// The first of these query parameters present, percent-decoded up to twice; the whole
    /// query when the list is empty.
    Params(&'static [&'static str]),
    /// Bing `ck/a`: `u=a1<base64url of the target>`.
    BingBase64,
    /// Yahoo: a path segment `RU=<percent-encoded target>`.
    YahooRu,
    /// Substack email links: `/redirect/2/<base64url JSON>[.<signature>]`, the target in the
    /// JSON's `"e"` string.
    SubstackJson,
    /// A path segment `<prefix><percent-encoded target>` (Partnerize `destination:`).
    PathParam(&'static str),
    /// Google Translate's website proxy: the host encoded in `<label>.translate.goog`.
    TranslateGoog,
    /// Google's AMP viewer: `/amp/[s/]<URL without scheme>`, `s/` meaning https.
    GoogleAmp,
    /// The AMP Cache's documents: `/c/[s/]<URL without scheme>` (`/v/…` in the viewer,
    /// whose `amp_js_v`, `amp_gsa` and `usqp` parameters are the cache's).
    AmpCache,
    /// Proofpoint URL Defense v3: `/v3/__<URL>__;<mask>!!…`, the URL as written unless it
    /// holds `*` (a byte Proofpoint replaced; then it is not readable here).
    ProofpointV3,
    /// Proofpoint URL Defense v2: `u=<URL>` with `-XX` for `%XX` and `_` for `/`.
    ProofpointV2,
}

/// Query parameters the AMP Cache adds to a document URL.
const AMP_CACHE_PARAMS: &[&str] = &["amp_js_v", "amp_gsa", "usqp", "outputType"];

/// The candidate target `carrier` reads out of `url`, not yet checked.
pub(crate) fn read(url: &Parsed<'_>, carrier: Carrier) -> Option<String> {
    match carrier {
        Carrier::Params(params) => {
            let query = url.query()?;
            if params.is_empty() {
                decode_to_http(query)
            } else {
                params
                    .iter()
                    .filter_map(|p| raw_param(query, p))
                    .find_map(decode_to_http)
            }
        }
        Carrier::BingBase64 => {
            let encoded = raw_param(url.query()?, "u")?.strip_prefix("a1")?;
            decode_base64_text(encoded)
        }
        Carrier::YahooRu => url
            .path_segments()?
            .find_map(|s| s.strip_prefix("RU="))
            .and_then(decode_to_http),
        Carrier::SubstackJson => {
            let mut segs = url.path_segments()?;
            segs.find(|s| *s == "redirect")?;
            if segs.next()? != "2" {
                return None;
            }
            let token = segs.next()?;
            let payload = token.split('.').next()?;
            json_string_field(&decode_base64_text(payload)?, "e")
        }
        Carrier::PathParam(prefix) => url
            .path_segments()?
            .find_map(|s| s.strip_prefix(prefix))
            .and_then(decode_to_http),
        Carrier::TranslateGoog => translate_goog(url),
        Carrier::GoogleAmp => {
            let segs: Vec<&str> = url.path_segments()?.collect();
            match segs.as_slice() {
                ["amp", rest @ ..] => amp_origin(rest, url.query()),
                _ => None,
            }
        }
        Carrier::AmpCache => {
            let segs: Vec<&str> = url.path_segments()?.collect();
            let query = query_without(url.query(), AMP_CACHE_PARAMS);
            match segs.as_slice() {
                ["c" | "v", rest @ ..] => amp_origin(rest, query.as_deref()),
                _ => None,
            }
        }
        Carrier::ProofpointV3 => {
            let mut text = url.path().to_owned();
            if let Some(q) = url.query() {
                text.push('?');
                text.push_str(q);
            }
            let inner = text.strip_prefix("/v3/__")?;
            let (target, _) = inner.split_once("__;")?;
            (!target.contains('*')).then(|| target.to_owned())
        }
        Carrier::ProofpointV2 => {
            let raw = raw_param(url.query()?, "u")?;
            let escaped: String = raw
                .chars()
                .map(|c| match c {
                    '-' => '%',
                    '_' => '/',
                    c => c,
                })
                .collect();
            percent_decode_once(&escaped)
        }
    }
}

/// The value of the string field `key` of the top-level JSON object `text` (escapes decoded),
/// or `None` when `text` is not such an object or the field is absent or not a string.
///
/// A small reader for one flat object: keys and string values are read with their escapes,
/// other values (numbers, `true`, nested objects and arrays) are skipped.
fn json_string_field(text: &str, key: &str) -> Option<String> {
    let mut chars = text.trim().chars().peekable();
    if chars.next()? != '{' {
        return None;
    }
    loop {
        skip_ws(&mut chars);
        if chars.next()? != '"' {
            return None;
        }
        let name = json_string(&mut chars)?;
        skip_ws(&mut chars);
        if chars.next()? != ':' {
            return None;
        }
        skip_ws(&mut chars);
        if *chars.peek()? == '"' {
            chars.next();
            let value = json_string(&mut chars)?;
            if name == key {
                return Some(value);
            }
        } else {
            skip_value(&mut chars)?;
        }
        skip_ws(&mut chars);
        match chars.next()? {
            ',' => {}
            _ => return None,
        }
    }
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_ws(chars: &mut Chars<'_>) {
    while chars.peek().is_some_and(|c| c.is_ascii_whitespace()) {
        chars.next();
    }
}

/// Reads a JSON string after its opening quote, up to and including the closing one.
fn json_string(chars: &mut Chars<'_>) -> Option<String> {
    let mut out = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(out),
            '\\' => {
                let decoded = match chars.next()? {
                    '"' => '"',
                    '\\' => '\\',
                    '/' => '/',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'u' => {
                        let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                };
                out.push(decoded);
            }
            c => out.push(c),
        }
    }
}

/// Skips a non-string JSON value (number, literal, object, array), stopping before the `,`
/// or `}` that follows it. Strings inside nested values are skipped with their escapes.
fn skip_value(chars: &mut Chars<'_>) -> Option<()> {
    let mut depth = 0usize;
    loop {
        match *chars.peek()? {
            ',' | '}' if depth == 0 => return Some(()),
            '{' | '[' => depth += 1,
            '}' | ']' => depth = depth.checked_sub(1)?,
            '"' => {
                chars.next();
                json_string(chars)?;
                continue;
            }
            _ => {}
        }
        chars.next();
    }
}

#[cfg(test)]
mod tests {
    use super::json_string_field;

    #[test]
    fn json_fields() {
        let text = r#"{"p":12,"n":{"e":"no","a":[1,"}"]},"e":"https:\/\/a.example\/p?x=1\u0026y=2","f":true}"#;
        assert_eq!(
            json_string_field(text, "e").as_deref(),
            Some("https://a.example/p?x=1&y=2")
        );
        assert_eq!(json_string_field(r#"{"e":1}"#, "e"), None);
        assert_eq!(json_string_field(r#"["e","x"]"#, "e"), None);
        assert_eq!(json_string_field(r#"{"e":"x"#, "e"), None);
        assert_eq!(json_string_field("", "e"), None);
    }
}
