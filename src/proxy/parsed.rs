//! A URL as the recognisers read it ([`Parsed`]): its host, path, query and fragment, read
//! off the text the `url` crate would write for it.
//!
//! Most proxy URLs and links a page holds are already written the way the `url` crate
//! serialises them (`https://i0.wp.com/example.com/a.jpg?ssl=1`): parsing such a text gives
//! back the same text, and its parts are where the text's first `/`, `?` and `#` put them.
//! [`serialized::is_serialized_http`](super::serialized::is_serialized_http) tells such a
//! text in one scan; [`Parsed`] then keeps the text and where its parts start, instead of
//! running the `url` crate's parser (which writes the URL out again byte by byte, the most
//! expensive step of reading a proxy URL). Any other text is parsed by the `url` crate and
//! read through its [`Url`]. Either way every accessor gives what [`Url`]'s gives (a property
//! test compares them).

use std::borrow::Cow;

use url::Url;

use super::serialized::is_serialized_http;

/// A parsed http(s) URL with a host: the parts of a text the `url` crate writes back as it
/// is, or a [`Url`].
#[derive(Clone, Debug)]
pub(crate) struct Parsed<'a>(Inner<'a>);

#[derive(Clone, Debug)]
enum Inner<'a> {
    /// A text the `url` crate writes back unchanged ([`is_serialized_http`]), with where its
    /// host ends (the path's `/`), and where its `?` and `#` are, if any.
    Plain {
        text: Cow<'a, str>,
        host_start: usize,
        path_start: usize,
        query: Option<usize>,
        fragment: Option<usize>,
    },
    /// Any other URL, as the `url` crate parsed it.
    Url(Url),
}

impl<'a> Parsed<'a> {
    /// `text` read as the `url` crate would read it: its parts located when it is written as
    /// that crate writes it, else parsed; `None` when it does not parse. (The caller checks
    /// the scheme and host of a parsed one.)
    pub(crate) fn new(text: Cow<'a, str>) -> Option<Self> {
        if crate::screens::on() && is_serialized_http(&text) {
            return Some(Self::plain(text));
        }
        Self::url(&text)
    }

    /// `text` when it is written as the `url` crate writes an http(s) URL with a host (so
    /// holds no control byte), its parts located; `None` for any other text, which may
    /// still parse ([`new`](Self::new)).
    pub(crate) fn serialized(text: Cow<'a, str>) -> Option<Self> {
        (crate::screens::on() && is_serialized_http(&text)).then(|| Self::plain(text))
    }

    /// `text` parsed by the `url` crate; `None` when it does not parse.
    pub(crate) fn url(text: &str) -> Option<Self> {
        Url::parse(text).ok().map(|url| Parsed(Inner::Url(url)))
    }

    /// The parts of `text`, which [`is_serialized_http`] accepts: a lower-case `http://` or
    /// `https://`, a host up to the first `/`, then the path up to the first `?` or `#`.
    fn plain(text: Cow<'a, str>) -> Self {
        let b = text.as_bytes();
        let host_start = if b.starts_with(b"https://") { 8 } else { 7 };
        let path_start =
            memchr::memchr(b'/', &b[host_start..]).map_or(b.len(), |at| host_start + at);
        let (query, fragment) = match memchr::memchr2(b'?', b'#', &b[path_start..]) {
            Some(at) if b[path_start + at] == b'?' => {
                let q = path_start + at;
                (Some(q), memchr::memchr(b'#', &b[q..]).map(|f| q + f))
            }
            Some(at) => (None, Some(path_start + at)),
            None => (None, None),
        };
        Parsed(Inner::Plain {
            text,
            host_start,
            path_start,
            query,
            fragment,
        })
    }

    /// The URL's text, as the `url` crate serialises it.
    pub(crate) fn as_str(&self) -> &str {
        match &self.0 {
            Inner::Plain { text, .. } => text,
            Inner::Url(url) => url.as_str(),
        }
    }

    /// As [`Url::scheme`].
    pub(crate) fn scheme(&self) -> &str {
        match &self.0 {
            Inner::Plain { host_start, .. } => &self.as_str()[..host_start - 3],
            Inner::Url(url) => url.scheme(),
        }
    }

    /// As [`Url::host_str`].
    pub(crate) fn host_str(&self) -> Option<&str> {
        match &self.0 {
            Inner::Plain {
                text,
                host_start,
                path_start,
                ..
            } => Some(&text[*host_start..*path_start]),
            Inner::Url(url) => url.host_str(),
        }
    }

    /// As [`Url::path`].
    pub(crate) fn path(&self) -> &str {
        match &self.0 {
            Inner::Plain {
                text,
                path_start,
                query,
                fragment,
                ..
            } => {
                let end = query.or(*fragment).unwrap_or(text.len());
                &text[*path_start..end]
            }
            Inner::Url(url) => url.path(),
        }
    }

    /// As [`Url::path_segments`].
    pub(crate) fn path_segments(&self) -> Option<std::str::Split<'_, char>> {
        self.path().strip_prefix('/').map(|rest| rest.split('/'))
    }

    /// As [`Url::query`].
    pub(crate) fn query(&self) -> Option<&str> {
        match &self.0 {
            Inner::Plain {
                text,
                query,
                fragment,
                ..
            } => query.map(|q| &text[q + 1..fragment.unwrap_or(text.len())]),
            Inner::Url(url) => url.query(),
        }
    }

    /// As [`Url::fragment`].
    pub(crate) fn fragment(&self) -> Option<&str> {
        match &self.0 {
            Inner::Plain { text, fragment, .. } => fragment.map(|f| &text[f + 1..]),
            Inner::Url(url) => url.fragment(),
        }
    }

    /// As [`Url::query_pairs`].
    pub(crate) fn query_pairs(&self) -> url::form_urlencoded::Parse<'_> {
        url::form_urlencoded::parse(self.query().unwrap_or("").as_bytes())
    }

    /// As [`Url::join`] (rare: a plain text is parsed first, into the [`Url`] it stands for).
    pub(crate) fn join(&self, input: &str) -> Option<Url> {
        match &self.0 {
            Inner::Plain { text, .. } => Url::parse(text).ok()?.join(input).ok(),
            Inner::Url(url) => url.join(input).ok(),
        }
    }

    /// The same URL, owning its text.
    pub(crate) fn into_owned(self) -> Parsed<'static> {
        Parsed(match self.0 {
            Inner::Plain {
                text,
                host_start,
                path_start,
                query,
                fragment,
            } => Inner::Plain {
                text: Cow::Owned(text.into_owned()),
                host_start,
                path_start,
                query,
                fragment,
            },
            Inner::Url(url) => Inner::Url(url),
        })
    }
}

impl From<Url> for Parsed<'static> {
    fn from(url: Url) -> Self {
        Parsed(Inner::Url(url))
    }
}

#[cfg(test)]
mod tests {
    use super::Parsed;
    use std::borrow::Cow;
    use url::Url;

    /// Every accessor of `parsed` against the `url` crate's.
    fn same_as_url(parsed: &Parsed<'_>, url: &Url) -> Result<(), String> {
        fn pairs(p: url::form_urlencoded::Parse<'_>) -> Vec<(String, String)> {
            p.map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
        }
        fn segs(s: Option<std::str::Split<'_, char>>) -> Option<Vec<&str>> {
            s.map(Iterator::collect)
        }
        let checks = [
            ("as_str", parsed.as_str() == url.as_str()),
            ("scheme", parsed.scheme() == url.scheme()),
            ("host", parsed.host_str() == url.host_str()),
            ("path", parsed.path() == url.path()),
            ("query", parsed.query() == url.query()),
            ("fragment", parsed.fragment() == url.fragment()),
            (
                "segments",
                segs(parsed.path_segments()) == segs(url.path_segments()),
            ),
            (
                "pairs",
                pairs(parsed.query_pairs()) == pairs(url.query_pairs()),
            ),
            (
                "join",
                ["/a.jpg", "b?c#d", "//x.example/", "../e"]
                    .iter()
                    .all(|j| parsed.join(j) == url.join(j).ok()),
            ),
        ];
        match checks.iter().find(|(_, ok)| !ok) {
            Some((name, _)) => Err(format!("{name} differs")),
            None => Ok(()),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(6000))]
        /// Whatever the text (written as the `url` crate writes it or not), a [`Parsed`] is
        /// there exactly when the `url` crate parses it, and reads the same parts.
        #[test]
        fn reads_as_the_url_crate(
            scheme in proptest::sample::select(&[
                "https://", "http://", "HTTPS://", "https:", "ftp://", "https:\\\\", "",
            ][..]),
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a.example", "i0.wp.com", "A.example", "xn--p1ai", "1.2.3.4", "a..b", ":80", "@",
                "/", "//", "?", "#", "&", "=", "%2F", "%2e", "%zz", ".", "..", "x", "é", " ",
                "\\", "-", "_", "~", "'", "\"", "<", "|", "{", "`", "^", "[", "]", "+", ",",
                ";", "!", "$", "*", "(", ":", "https://b.example/c.jpg",
            ][..]), 0..10),
        ) {
            let text = format!("{scheme}{}", pieces.concat());
            let url = Url::parse(&text).ok();
            let parsed = Parsed::new(Cow::Borrowed(&text));
            proptest::prop_assert_eq!(parsed.is_some(), url.is_some(), "{:?}", text);
            if let (Some(parsed), Some(url)) = (parsed, url) {
                let owned = parsed.clone().into_owned();
                proptest::prop_assert_eq!(same_as_url(&parsed, &url), Ok(()), "{:?}", text);
                proptest::prop_assert_eq!(same_as_url(&owned, &url), Ok(()), "{:?}", text);
                let wrapped = Parsed::from(url.clone());
                proptest::prop_assert_eq!(same_as_url(&wrapped, &url), Ok(()), "{:?}", text);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(6000))]
        /// `parse_input`, which reads a plainly written URL before any other check, accepts
        /// what it accepted with the `url` crate alone, and reads the same parts.
        #[test]
        fn input_read_as_with_the_url_crate(
            lead in proptest::sample::select(&["", " ", "\t", "\u{b}"][..]),
            scheme in proptest::sample::select(&[
                "https://", "http://", "//", "HTTP://", "https:", "javascript:", "/", "",
            ][..]),
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "a.example", "x.y", "/", "?", "#", "%2e", ".", "é", " ", "\u{1}", "\n", "\t",
                "\u{7f}", ":80", "@", "%zz", "b.jpg", "&", "=",
            ][..]), 0..8),
            trail in proptest::sample::select(&["", " ", "\n"][..]),
        ) {
            let text = format!("{lead}{scheme}{}{trail}", pieces.concat());
            let parsed = super::super::decode::parse_input(&text);
            let url = super::super::decode::parse_input_url(&text);
            proptest::prop_assert_eq!(parsed.is_some(), url.is_some(), "{:?}", text);
            if let (Some(parsed), Some(url)) = (parsed, url) {
                proptest::prop_assert_eq!(same_as_url(&parsed, &url), Ok(()), "{:?}", text);
            }
        }
    }

    /// The property above sees texts read plainly, with and without a query and fragment.
    #[test]
    fn plain_texts_are_read_plainly() {
        for text in [
            "https://i0.wp.com/example.com/a.jpg?resize=1024%2C683&ssl=1",
            "http://a.example/p#f?g",
            "https://a.example/p?q?r#s#t",
            "https://a.example/",
        ] {
            let parsed = Parsed::new(Cow::Borrowed(text)).unwrap_or_else(|| panic!("{text}"));
            assert!(matches!(parsed.0, super::Inner::Plain { .. }), "{text}");
            let url = Url::parse(text).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(same_as_url(&parsed, &url), Ok(()), "{text}");
        }
    }
}
