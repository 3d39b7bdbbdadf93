//! User-supplied proxy patterns: route an origin through a proxy, and recognise it back.

use crate::ascii::strip_prefix_ci;
use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use url::Url;

use super::decode::{
    decode_base64_text, decode_to_http, finalize, looks_like_host, parse_input, MAX_URL_LEN,
};
use crate::{Error, Result};

/// The WHATWG *component* percent-encode set, the one JavaScript's `encodeURIComponent`
/// uses: everything but ASCII alphanumerics and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// The origin used to check that a template forms a URL.
const EXAMPLE_ORIGIN: &str = "https://origin.example/a/b.jpg?x=1";

/// One `{name}` in a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// `{url}`: the origin as is.
    Url,
    /// `{url_encoded}`: the origin, percent-encoded with the component set.
    UrlEncoded,
    /// `{url_base64}`: the origin, base64url without padding.
    UrlBase64,
    /// `{host}`: the origin's host and port.
    Host,
    /// `{path}`: the origin's path and query.
    Path,
    /// `{scheme}`: `http` or `https`.
    Scheme,
}

impl Slot {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "url" => Self::Url,
            "url_encoded" => Self::UrlEncoded,
            "url_base64" => Self::UrlBase64,
            "host" => Self::Host,
            "path" => Self::Path,
            "scheme" => Self::Scheme,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Url => "{url}",
            Self::UrlEncoded => "{url_encoded}",
            Self::UrlBase64 => "{url_base64}",
            Self::Host => "{host}",
            Self::Path => "{path}",
            Self::Scheme => "{scheme}",
        }
    }
}

/// A template piece: literal text or a placeholder.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Text(String),
    Slot(Slot),
}

/// A user's proxy pattern such as `"https://img.example/?url={url_encoded}"`.
///
/// Placeholders (exactly one way of carrying the origin must be used):
///
/// | placeholder | replaced by | example origin `https://a.example/p.jpg?x=1` |
/// |---|---|---|
/// | `{url}` | the origin as is | `https://a.example/p.jpg?x=1` |
/// | `{url_encoded}` | the origin, percent-encoded like `encodeURIComponent` | `https%3A%2F%2Fa.example%2Fp.jpg%3Fx%3D1` |
/// | `{url_base64}` | the origin, base64url without padding | `aHR0cHM6Ly9hLmV4YW1wbGUvcC5qcGc_eD0x` |
/// | `{host}{path}` | host (and port), then path and query | `a.example` `/p.jpg?x=1` |
/// | `{scheme}` | `http` or `https` (only with `{host}{path}`) | `https` |
///
/// Without `{scheme}`, `{host}{path}` templates lose the scheme: [`recognise`](Self::recognise)
/// then gives an `https://` origin back.
///
/// The text before the first placeholder must be an absolute `http://` or `https://` URL
/// prefix that ends its host with `/` or `?`.
///
/// ```
/// use articlean::proxy::ProxyTemplate;
///
/// let t: ProxyTemplate = "https://images.weserv.nl/?url={url_encoded}".parse()?;
/// let proxied = t.apply("https://example.com/a.jpg").unwrap();
/// assert_eq!(proxied, "https://images.weserv.nl/?url=https%3A%2F%2Fexample.com%2Fa.jpg");
/// assert_eq!(t.recognise(&proxied).as_deref(), Some("https://example.com/a.jpg"));
///
/// let photon = ProxyTemplate::parse("https://i3.wp.com/{host}{path}")?;
/// assert_eq!(
///     photon.apply("https://example.com/a.jpg").as_deref(),
///     Some("https://i3.wp.com/example.com/a.jpg")
/// );
///
/// assert!(ProxyTemplate::parse("https://img.example/?u={unknown}").is_err());
/// # Ok::<(), articlean::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyTemplate {
    source: String,
    parts: Vec<Part>,
    /// The text before the first placeholder as the `url` crate serialises it (host
    /// lower-cased, `/` added before a bare `?`), so normalised URLs match too.
    normalised_prefix: String,
}

impl FromStr for ProxyTemplate {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl fmt::Display for ProxyTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

impl ProxyTemplate {
    /// Parses and validates a template (same as [`FromStr`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidProxyTemplate`] when the template is empty, has no placeholder, has an
    /// unknown or repeated placeholder, more than one way of carrying the URL, `{host}`
    /// without `{path}` right after it, or text that does not form an absolute http(s) URL.
    pub fn parse(s: &str) -> Result<Self> {
        let fail = |reason: String| Error::InvalidProxyTemplate {
            template: s.to_owned(),
            reason,
        };
        let parts = tokenize(s).map_err(fail)?;
        validate(&parts).map_err(fail)?;
        let mut template = Self {
            source: s.to_owned(),
            parts,
            normalised_prefix: String::new(),
        };
        template.normalised_prefix = template.check_example().map_err(fail)?;
        Ok(template)
    }

    /// The template text as given.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Routes an origin URL through this proxy. `None` if `origin` is not an absolute
    /// http(s) URL, the result would be longer than 8 KiB, or what
    /// [`recognise`](Self::recognise) reads back from the result would not route to the same
    /// URL again (a host such as `[::1]` or `a..example` in a `{host}{path}` template): a URL
    /// routed once must be recognised as routed, or every cleaning would route it again.
    pub fn apply(&self, origin: &str) -> Option<String> {
        let origin = Url::parse(&finalize(origin)?).ok()?;
        let out = self.render(&origin);
        // What `recognise` reads back from `out` must route to `out` again.
        let round_trip = self
            .recognise(&out)
            .and_then(|back| Url::parse(&back).ok())
            .is_some_and(|back| self.render(&back) == out);
        (out.len() <= MAX_URL_LEN && round_trip).then_some(out)
    }

    /// Recognises a URL produced by this template and gives the origin back (an absolute
    /// http(s) URL, normalised by the `url` crate). `None` if `url` does not match or what it
    /// carries does not decode to an absolute http(s) URL.
    pub fn recognise(&self, url: &str) -> Option<String> {
        let s = url.trim_matches(|c: char| c.is_ascii_whitespace());
        if s.is_empty() || s.len() > MAX_URL_LEN {
            return None;
        }
        self.match_text(s, None).or_else(|| {
            let normalised = parse_input(s)?;
            self.match_text(normalised.as_str(), Some(&self.normalised_prefix))
        })
    }

    fn render(&self, origin: &Url) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Slot(Slot::Url) => out.push_str(origin.as_str()),
                Part::Slot(Slot::UrlEncoded) => {
                    out.extend(utf8_percent_encode(origin.as_str(), COMPONENT));
                }
                Part::Slot(Slot::UrlBase64) => {
                    out.push_str(&URL_SAFE_NO_PAD.encode(origin.as_str()))
                }
                Part::Slot(Slot::Host) => {
                    out.push_str(origin.host_str().unwrap_or_default());
                    if let Some(port) = origin.port() {
                        out.push(':');
                        out.push_str(&port.to_string());
                    }
                }
                Part::Slot(Slot::Path) => {
                    out.push_str(origin.path());
                    if let Some(q) = origin.query() {
                        out.push('?');
                        out.push_str(q);
                    }
                }
                Part::Slot(Slot::Scheme) => out.push_str(origin.scheme()),
            }
        }
        out
    }

    /// Checks that the template, filled with an example origin, is an absolute http(s) URL
    /// on the host written before the first placeholder. Returns the normalised prefix.
    fn check_example(&self) -> std::result::Result<String, String> {
        let not_url = || {
            "the text outside the placeholders must form an absolute http(s) url such as \
             https://proxy.example/?url={url_encoded}"
                .to_owned()
        };
        let Some(Part::Text(prefix)) = self.parts.first() else {
            return Err(not_url());
        };
        let after_scheme = strip_prefix_ci(prefix, "https://")
            .or_else(|| strip_prefix_ci(prefix, "http://"))
            .ok_or_else(not_url)?;
        let authority_end = after_scheme.find(['/', '?']).ok_or_else(|| {
            "the proxy host must be followed by / or ? before the first placeholder".to_owned()
        })?;
        let authority = after_scheme.get(..authority_end).unwrap_or_default();
        let scheme_len = prefix.len() - after_scheme.len();
        let base = format!(
            "{}{authority}/",
            prefix.get(..scheme_len).unwrap_or_default()
        );
        let base_url = Url::parse(&base).map_err(|_| not_url())?;
        let expected_host = base_url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(not_url)?;
        let example = Url::parse(EXAMPLE_ORIGIN).map_err(|e| e.to_string())?;
        let rendered = Url::parse(&self.render(&example)).map_err(|_| not_url())?;
        if !matches!(rendered.scheme(), "http" | "https")
            || rendered.host_str() != Some(expected_host)
        {
            return Err(not_url());
        }
        let remainder = after_scheme.get(authority_end..).unwrap_or_default();
        let origin = base_url.as_str().trim_end_matches('/');
        Ok(if remainder.starts_with('/') {
            format!("{origin}{remainder}")
        } else {
            format!("{origin}/{remainder}")
        })
    }

    /// Matches `s` against the template and decodes what the placeholders captured.
    /// `prefix` replaces the first text part when given.
    fn match_text(&self, s: &str, prefix: Option<&str>) -> Option<String> {
        let mut rest = s;
        let mut captured: Vec<(Slot, &str)> = Vec::new();
        for (i, part) in self.parts.iter().enumerate() {
            match part {
                Part::Text(t) => {
                    let text = prefix.filter(|_| i == 0).unwrap_or(t);
                    rest = strip_prefix_ci(rest, text)?;
                }
                Part::Slot(slot) => {
                    let (cap, after) = capture(
                        rest,
                        *slot,
                        self.parts.get(i + 1),
                        i + 2 == self.parts.len(),
                    )?;
                    if cap.is_empty() && *slot != Slot::Path {
                        return None;
                    }
                    captured.push((*slot, cap));
                    rest = after;
                }
            }
        }
        if !rest.is_empty() {
            return None;
        }
        let get = |want: Slot| captured.iter().find(|(s, _)| *s == want).map(|(_, c)| *c);
        let candidate = if let Some(c) = get(Slot::Url).or_else(|| get(Slot::UrlEncoded)) {
            decode_to_http(c)?
        } else if let Some(c) = get(Slot::UrlBase64) {
            decode_base64_text(c)?
        } else {
            let host = get(Slot::Host)?;
            let path = get(Slot::Path)?;
            let scheme = match get(Slot::Scheme) {
                None => "https",
                Some(s) if s.eq_ignore_ascii_case("https") => "https",
                Some(s) if s.eq_ignore_ascii_case("http") => "http",
                Some(_) => return None,
            };
            if !looks_like_host(host) || !(path.is_empty() || path.starts_with(['/', '?'])) {
                return None;
            }
            format!("{scheme}://{host}{path}")
        };
        finalize(&candidate)
    }
}

/// Splits `rest` into what `slot` captures and what follows, given the next part.
fn capture<'a>(
    rest: &'a str,
    slot: Slot,
    next: Option<&Part>,
    next_is_last: bool,
) -> Option<(&'a str, &'a str)> {
    let cut = match next {
        None => match slot {
            // An encoded URL cannot contain a raw `&` or `#`: what follows is the proxy's own.
            Slot::UrlEncoded | Slot::UrlBase64 => rest.find(['&', '#']).unwrap_or(rest.len()),
            _ => rest.len(),
        },
        Some(Part::Text(t)) if next_is_last => {
            let cut = rest.len().checked_sub(t.len())?;
            let tail = rest.get(cut..)?;
            if !tail.eq_ignore_ascii_case(t) {
                return None;
            }
            cut
        }
        Some(Part::Text(t)) => rest.to_ascii_lowercase().find(&t.to_ascii_lowercase())?,
        Some(Part::Slot(Slot::Path)) => rest.find(['/', '?', '#']).unwrap_or(rest.len()),
        Some(Part::Slot(_)) => return None,
    };
    let rest_after = rest.get(cut..)?;
    let cap = rest.get(..cut)?;
    if slot == Slot::Path && next.is_none() {
        // A fragment is never part of what `{path}` carries.
        let path = cap.split('#').next().unwrap_or_default();
        return Some((path, ""));
    }
    Some((cap, rest_after))
}

/// Splits a template into text and placeholders.
fn tokenize(s: &str) -> std::result::Result<Vec<Part>, String> {
    if s.is_empty() {
        return Err("template is empty".to_owned());
    }
    if s.len() > MAX_URL_LEN {
        return Err("template is longer than 8 KiB".to_owned());
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("template contains whitespace or control characters".to_owned());
    }
    let mut parts = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (None, None) => {
                parts.push(Part::Text(rest.to_owned()));
                break;
            }
            (Some(o), Some(c)) if o < c => {
                if o > 0 {
                    parts.push(Part::Text(rest.get(..o).unwrap_or_default().to_owned()));
                }
                let name = rest.get(o + 1..c).unwrap_or_default();
                if name.contains('{') {
                    return Err("unclosed `{`".to_owned());
                }
                let slot = Slot::from_name(name)
                    .ok_or_else(|| format!("unknown placeholder {{{name}}}"))?;
                parts.push(Part::Slot(slot));
                rest = rest.get(c + 1..).unwrap_or_default();
            }
            (Some(_), None) => return Err("unclosed `{`".to_owned()),
            (_, Some(_)) => return Err("unmatched `}`".to_owned()),
        }
    }
    Ok(parts)
}

/// Checks which placeholders are used and where.
fn validate(parts: &[Part]) -> std::result::Result<(), String> {
    let slots: Vec<Slot> = parts
        .iter()
        .filter_map(|p| match p {
            Part::Slot(s) => Some(*s),
            Part::Text(_) => None,
        })
        .collect();
    if slots.is_empty() {
        return Err(
            "no placeholder: use {url}, {url_encoded}, {url_base64} or {host}{path}".to_owned(),
        );
    }
    for (i, slot) in slots.iter().enumerate() {
        if slots.get(..i).is_some_and(|before| before.contains(slot)) {
            return Err(format!(
                "placeholder {} appears more than once",
                slot.name()
            ));
        }
    }
    let has = |s: Slot| slots.contains(&s);
    let carriers = [Slot::Url, Slot::UrlEncoded, Slot::UrlBase64]
        .into_iter()
        .filter(|s| has(*s))
        .count()
        + usize::from(has(Slot::Host) || has(Slot::Path));
    if carriers > 1 {
        return Err(
            "more than one way of carrying the url: use only one of {url}, {url_encoded}, \
             {url_base64} or {host}{path}"
                .to_owned(),
        );
    }
    if has(Slot::Scheme) && !has(Slot::Host) {
        return Err("{scheme} is only allowed with {host}{path}".to_owned());
    }
    if has(Slot::Host) != has(Slot::Path) {
        return Err("{host} and {path} must be used together".to_owned());
    }
    let mut previous: Option<Slot> = None;
    for part in parts {
        match part {
            Part::Slot(slot) => {
                match (previous, slot) {
                    (Some(Slot::Host), Slot::Path) => {}
                    (Some(_), _) => {
                        return Err(
                            "placeholders must be separated by text, except {host}{path}"
                                .to_owned(),
                        )
                    }
                    (None, Slot::Path) => {
                        return Err("{path} must come right after {host}".to_owned())
                    }
                    (None, _) => {}
                }
                previous = Some(*slot);
            }
            Part::Text(_) => {
                if previous == Some(Slot::Host) {
                    return Err("{path} must come right after {host}".to_owned());
                }
                previous = None;
            }
        }
    }
    if previous == Some(Slot::Host) {
        return Err("{path} must come right after {host}".to_owned());
    }
    let scheme_at = slots.iter().position(|s| *s == Slot::Scheme);
    let host_at = slots.iter().position(|s| *s == Slot::Host);
    if let (Some(s), Some(h)) = (scheme_at, host_at) {
        if s > h {
            return Err("{scheme} must come before {host}".to_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(t: &str) -> String {
        match ProxyTemplate::parse(t) {
            Err(Error::InvalidProxyTemplate { reason, .. }) => reason,
            other => panic!("{t:?} parsed: {other:?}"),
        }
    }

    #[test]
    fn rejects() {
        assert_eq!(reason(""), "template is empty");
        assert!(reason("https://x.example/").starts_with("no placeholder"));
        assert_eq!(
            reason("https://x.example/?{nope}"),
            "unknown placeholder {nope}"
        );
        assert!(reason("/proxy?url={url}").contains("absolute http(s) url"));
        assert!(reason("https://x.example/{url}{url}").contains("more than once"));
        assert!(reason("https://x.example/{url}/{url_encoded}").contains("more than one way"));
        assert!(reason("https://x.example/{host}").contains("together"));
        assert!(reason("https://x.example/{path}{host}").contains("right after"));
        assert!(reason("https://x.example/?{url").contains("unclosed"));
        assert!(reason("https://x.example/?url}").contains("unmatched"));
        assert!(reason("https://{host}{path}").contains("followed by"));
        assert!(reason("ftp://x.example/{url}").contains("absolute http(s) url"));
    }

    #[test]
    fn scheme_mirror_round_trip() {
        let t = ProxyTemplate::parse("https://m.example/{scheme}/{host}{path}")
            .unwrap_or_else(|e| panic!("{e}"));
        let out = t.apply("http://a.example:8080/x.png?y=1");
        assert_eq!(
            out.as_deref(),
            Some("https://m.example/http/a.example:8080/x.png?y=1")
        );
        assert_eq!(
            out.and_then(|o| t.recognise(&o)).as_deref(),
            Some("http://a.example:8080/x.png?y=1")
        );
    }
}
