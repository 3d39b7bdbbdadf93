//! Proxy URL recognisers (foundation subset: CORS workers; the full set is being written).

use std::str::FromStr;

/// Recognises proxy URLs and returns the origin.
#[derive(Clone, Debug)]
pub struct Unwrapper {
    generic_fallback: bool,
    templates: Vec<ProxyTemplate>,
}

impl Default for Unwrapper {
    fn default() -> Self {
        Unwrapper {
            generic_fallback: true,
            templates: Vec::new(),
        }
    }
}

impl Unwrapper {
    /// All built-in recognisers, generic fallback on, no templates.
    pub fn new() -> Self {
        Self::default()
    }
    /// Turns the generic fallback on or off.
    pub fn with_generic_fallback(mut self, on: bool) -> Self {
        self.generic_fallback = on;
        self
    }
    /// Also recognises URLs made by `t`.
    pub fn with_template(mut self, t: ProxyTemplate) -> Self {
        self.templates.push(t);
        self
    }
    /// The origin URL of `url` when it is a recognised proxy URL.
    pub fn unwrap(&self, url: &str) -> Option<String> {
        let mut current = url.to_string();
        let mut changed = false;
        for _ in 0..8 {
            let next = self
                .templates
                .iter()
                .find_map(|t| t.recognise(&current))
                .or_else(|| bare_query(&current));
            match next {
                Some(n) if n != current => {
                    current = n;
                    changed = true;
                }
                _ => break,
            }
        }
        changed.then_some(current)
    }
}

fn is_http(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
}

/// `https://host/?<absolute URL>`.
fn bare_query(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let q = u.query()?;
    let decoded = percent_encoding::percent_decode_str(q).decode_utf8().ok()?;
    let lower = decoded.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        .then(|| decoded.into_owned())
        .filter(|d| is_http(d))
}

/// A user's proxy pattern such as `https://img.example/?url={url}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProxyTemplate {
    template: String,
}

impl ProxyTemplate {
    /// Parses and validates a template.
    pub fn parse(s: &str) -> crate::Result<Self> {
        if !s.contains("{url}") && !s.contains("{url_encoded}") {
            return Err(crate::Error::InvalidProxyTemplate {
                template: s.to_string(),
                reason: "no {url} or {url_encoded} placeholder".into(),
            });
        }
        Ok(ProxyTemplate {
            template: s.to_string(),
        })
    }
    /// The template text.
    pub fn as_str(&self) -> &str {
        &self.template
    }
    /// Routes `origin` through this proxy.
    pub fn apply(&self, origin: &str) -> Option<String> {
        if !is_http(origin) {
            return None;
        }
        let enc = percent_encoding::utf8_percent_encode(origin, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
        Some(
            self.template
                .replace("{url_encoded}", &enc)
                .replace("{url}", origin),
        )
    }
    /// The origin of a URL this template made.
    pub fn recognise(&self, url: &str) -> Option<String> {
        let (prefix, rest) = self.template.split_once('{')?;
        let tail = url.strip_prefix(prefix)?;
        let decoded = if rest.starts_with("url_encoded}") {
            percent_encoding::percent_decode_str(tail)
                .decode_utf8()
                .ok()?
                .into_owned()
        } else {
            tail.to_string()
        };
        is_http(&decoded).then_some(decoded)
    }
}

impl FromStr for ProxyTemplate {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Self> {
        Self::parse(s)
    }
}
