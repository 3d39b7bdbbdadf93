//! The embed providers: a table of recognisers, one row per provider, each a function
//! from an embed URL to the canonical page (and thumbnail) of the video or post.

use url::Url;

/// What a recogniser finds: the page to link to, and the thumbnail when it is derivable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) provider: &'static str,
    pub(crate) link: String,
    pub(crate) thumbnail: Option<String>,
}

/// What a row's reader gives: the canonical link, and the thumbnail when derivable.
pub(crate) type Read = Option<(String, Option<String>)>;

/// One row of the table.
pub(crate) struct Provider {
    pub(crate) name: &'static str,
    /// Hosts (exact, or a suffix after a dot).
    pub(crate) hosts: &'static [&'static str],
    pub(crate) read: fn(&Url) -> Read,
}

/// The providers, by host.
pub(crate) const PROVIDERS: &[Provider] = &[
    Provider {
        name: "YouTube",
        hosts: &["youtube.com", "youtube-nocookie.com", "youtu.be"],
        read: youtube,
    },
    Provider {
        name: "Vimeo",
        hosts: &["vimeo.com"],
        read: vimeo,
    },
    Provider {
        name: "X",
        hosts: &["twitter.com", "x.com"],
        read: twitter,
    },
    Provider {
        name: "Instagram",
        hosts: &["instagram.com"],
        read: instagram,
    },
    Provider {
        name: "TikTok",
        hosts: &["tiktok.com"],
        read: tiktok,
    },
    Provider {
        name: "SlideShare",
        hosts: &["slideshare.net"],
        read: same_page,
    },
    Provider {
        name: "Spotify",
        hosts: &["open.spotify.com"],
        read: spotify,
    },
    Provider {
        name: "SoundCloud",
        hosts: &["soundcloud.com"],
        read: soundcloud,
    },
    Provider {
        name: "CodePen",
        hosts: &["codepen.io"],
        read: codepen,
    },
    Provider {
        name: "Gist",
        hosts: &["gist.github.com"],
        read: gist,
    },
    Provider {
        name: "Bilibili",
        hosts: &["bilibili.com"],
        read: bilibili,
    },
    Provider {
        name: "Youku",
        hosts: &["youku.com"],
        read: youku,
    },
    Provider {
        name: "Tencent Video",
        hosts: &["v.qq.com"],
        read: tencent,
    },
    Provider {
        name: "Dailymotion",
        hosts: &["dailymotion.com"],
        read: dailymotion,
    },
    Provider {
        name: "Apple Podcasts",
        hosts: &["podcasts.apple.com"],
        read: apple_podcasts,
    },
    Provider {
        name: "Loom",
        hosts: &["loom.com"],
        read: loom,
    },
    Provider {
        name: "TED",
        hosts: &["ted.com"],
        read: ted,
    },
    Provider {
        name: "Facebook",
        hosts: &["facebook.com"],
        read: facebook,
    },
    Provider {
        name: "DocumentCloud",
        hosts: &["documentcloud.org"],
        read: documentcloud,
    },
];

/// Recognises `url` (absolute, `//` or relative to `base`) as a known embed.
pub(crate) fn recognise(url: &str, base: Option<&Url>) -> Option<Found> {
    let url = match parse(url, base) {
        Some(url) => url,
        None => {
            // A relative wrapper without a base URL: only its parameters can be read.
            let here = Url::parse("https://relative.invalid/").ok()?;
            let url = here.join(url.trim()).ok()?;
            (url.host_str() == Some("relative.invalid")).then_some(())?;
            url
        }
    };
    if let Some(found) = recognise_url(&url) {
        return Some(found);
    }
    // A wrapper frame carrying the provider's URL in a parameter, or naming the provider
    // and the id (`/embed/inset/iframe?id=youtube-video-<id>`).
    url.query_pairs()
        .find_map(|(_, v)| match parse(&v, None) {
            Some(inner) => recognise_url(&inner),
            None => recognise_named(&v),
        })
        // A frame that carries the provider's URL whole in its path: an archived page's
        // snapshot of the frame (`/web/20220721150811if_/https://www.youtube.com/embed/…`),
        // a proxy that prefixes the URL it fetches.
        .or_else(|| recognise_url(&url_in_path(&url)?))
}

/// The absolute `http(s)` URL that `url`'s path carries after a `/` (with what follows
/// it: the rest of the path, the query and the fragment), as archives and prefixing
/// proxies write it; `https:/host/…` with its second slash folded away is read too.
fn url_in_path(url: &Url) -> Option<Url> {
    let (scheme, after) = crate::proxy::carried_in_path(&url[url::Position::BeforePath..])?;
    parse(&format!("{scheme}://{after}"), None)
}

/// From a bare video id to the provider's embed URL (`None`: not an id of its shape).
type EmbedOfId = fn(&str) -> Option<String>;

/// The providers whose videos are known by their id alone, as a page names them in an
/// attribute or a wrapper's parameter: the provider's name and the embed URL of an id
/// (`None` when the id is not of the provider's shape).
pub(super) const NAMED: &[(&str, EmbedOfId)] = &[
    ("youtube", |id| {
        // Eleven characters of base64url, with a digit or a capital: not words
        // (`placeholder`, `embed-frame`).
        let random = id
            .bytes()
            .any(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
        (id.len() == 11 && is_id(id) && random)
            .then(|| format!("https://www.youtube.com/embed/{id}"))
    }),
    ("vimeo", |id| {
        (digits(id) && id.len() >= 6).then(|| format!("https://player.vimeo.com/video/{id}"))
    }),
    ("dailymotion", |id| {
        (id.starts_with('x') && is_id(id) && id.bytes().any(|b| b.is_ascii_digit()))
            .then(|| format!("https://www.dailymotion.com/embed/video/{id}"))
    }),
];

/// A value that names a provider and a video id: `youtube-video-<id>`, `youtube-<id>`,
/// `youtube_<id>`, `youtube:<id>`, `youtube://<id>` (the "provider, then id" convention of
/// CMS embed wrappers, players and recommendation attributes), with the id in the
/// provider's own shape.
pub(crate) fn recognise_named(value: &str) -> Option<Found> {
    let value = value.trim();
    NAMED.iter().find_map(|(name, embed)| {
        let head = value.get(..name.len())?;
        if !head.eq_ignore_ascii_case(name) {
            return None;
        }
        let rest = &value[name.len()..];
        let sep = |r: &str| -> Option<usize> {
            ["://", ":", "-", "_"]
                .iter()
                .find(|s| r.starts_with(**s))
                .map(|s| s.len())
        };
        let mut id = &rest[sep(rest)?..];
        // `get`: the id is anything the page wrote, and byte 5 may fall inside a character.
        if id.len() > 5 && id.get(..5).is_some_and(|v| v.eq_ignore_ascii_case("video")) {
            if let Some(n) = sep(&id[5..]) {
                id = &id[5 + n..];
            }
        }
        recognise_url(&Url::parse(&embed(id)?).ok()?)
    })
}

fn recognise_url(url: &Url) -> Option<Found> {
    let host = url.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    let provider = PROVIDERS.iter().find(|p| {
        p.hosts
            .iter()
            .any(|h| host == *h || host.strip_suffix(h).is_some_and(|rest| rest.ends_with('.')))
    })?;
    let (link, thumbnail) = (provider.read)(url)?;
    Some(Found {
        provider: provider.name,
        link,
        thumbnail,
    })
}

/// `url` as an absolute `http(s)` URL (resolved against `base`, `//host/…` read as
/// `https:`), the page of a frame that no provider row reads.
pub(crate) fn page_url(url: &str, base: Option<&Url>) -> Option<Url> {
    parse(url, base)
}

fn parse(url: &str, base: Option<&Url>) -> Option<Url> {
    let url = url.trim();
    let parsed = if let Some(rest) = url.strip_prefix("//") {
        Url::parse(&format!("https://{rest}")).ok()?
    } else {
        match Url::parse(url) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok()?,
            Err(_) => return None,
        }
    };
    matches!(parsed.scheme(), "http" | "https").then_some(parsed)
}

/// The path's segments, empty ones skipped.
fn segments(url: &Url) -> Vec<&str> {
    url.path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default()
}

fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// Letters, digits, `-` and `_`: an identifier that can go in a URL as is.
fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 24 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `https://` + the URL's host and path (no query): the embed page itself.
fn same_page(url: &Url) -> Read {
    Some((format!("https://{}{}", url.host_str()?, url.path()), None))
}

/// A start time in seconds, from `14`, `14s`, `1m14s`.
fn seconds(t: &str) -> Option<u32> {
    if let Ok(n) = t.parse() {
        return Some(n);
    }
    let mut total = 0u32;
    let mut n = 0u32;
    for c in t.chars() {
        match c {
            '0'..='9' => n = n.checked_mul(10)?.checked_add(c.to_digit(10)?)?,
            'h' => (total, n) = (total + n * 3600, 0),
            'm' => (total, n) = (total + n * 60, 0),
            's' => (total, n) = (total + n, 0),
            _ => return None,
        }
    }
    (total > 0 && n == 0).then_some(total)
}

fn youtube(url: &Url) -> Read {
    let segs = segments(url);
    let id = if url.host_str()?.ends_with("youtu.be") {
        segs.first().map(|s| s.to_string())
    } else {
        match segs.as_slice() {
            // A playlist: `embed/videoseries?list=`, the older `embed?listType=playlist&list=`.
            ["embed", "videoseries"] | ["playlist"] | ["embed"] => {
                let list = param(url, "list").filter(|l| is_id(l))?;
                return Some((
                    format!("https://www.youtube.com/playlist?list={list}"),
                    None,
                ));
            }
            // (Parameters glued to the id with `&` instead of `?` do not belong to it:
            // `embed/<id>&autoplay=1`.)
            ["embed", id, ..] | ["v", id, ..] | ["shorts", id, ..] | ["live", id, ..] => {
                Some(id.split('&').next().unwrap_or(id).to_string())
            }
            ["watch"] => param(url, "v"),
            _ => None,
        }
    }
    // Video ids are 11 characters.
    .filter(|id| id.len() == 11 && is_id(id))?;
    let mut link = format!("https://www.youtube.com/watch?v={id}");
    // A video played within its playlist.
    if let Some(list) = param(url, "list").filter(|l| is_id(l)) {
        link.push_str(&format!("&list={list}"));
    }
    if let Some(t) = param(url, "start")
        .or_else(|| param(url, "t"))
        .and_then(|t| seconds(&t))
        .filter(|t| *t > 0)
    {
        link.push_str(&format!("&t={t}"));
    }
    Some((
        link,
        Some(format!("https://i.ytimg.com/vi/{id}/hqdefault.jpg")),
    ))
}

fn vimeo(url: &Url) -> Read {
    let segs = segments(url);
    let id = match segs.as_slice() {
        ["video", id, ..] => *id,
        [id, ..] => *id,
        _ => return None,
    };
    if !digits(id) {
        return None;
    }
    // An unlisted video's hash is part of its page's URL.
    let link = match param(url, "h").filter(|h| is_id(h)) {
        Some(h) => format!("https://vimeo.com/{id}/{h}"),
        None => format!("https://vimeo.com/{id}"),
    };
    Some((link, None))
}

fn twitter(url: &Url) -> Read {
    let segs = segments(url);
    let id = match segs.as_slice() {
        ["embed", ..] => param(url, "id"),
        [_, "status", id, ..] | [_, "statuses", id, ..] => Some(id.to_string()),
        _ => None,
    }
    .filter(|id| digits(id))?;
    let user = match segs.as_slice() {
        [user, "status", ..] if is_id(user) && *user != "i" => user.to_string(),
        _ => "i".to_string(),
    };
    let path = if user == "i" {
        format!("i/status/{id}")
    } else {
        format!("{user}/status/{id}")
    };
    Some((format!("https://x.com/{path}"), None))
}

fn instagram(url: &Url) -> Read {
    match segments(url).as_slice() {
        [kind @ ("p" | "reel" | "tv"), code, ..] if is_id(code) => {
            Some((format!("https://www.instagram.com/{kind}/{code}/"), None))
        }
        _ => None,
    }
}

fn tiktok(url: &Url) -> Read {
    match segments(url).as_slice() {
        [user, "video", id, ..] if user.starts_with('@') && digits(id) => {
            Some((format!("https://www.tiktok.com/{user}/video/{id}"), None))
        }
        // Without the author, the embed page is the page that shows the video.
        ["embed", "v2", id, ..] | ["embed", id, ..] | ["player", "v1", id, ..] if digits(id) => {
            Some((format!("https://www.tiktok.com/embed/v2/{id}"), None))
        }
        _ => None,
    }
}

fn spotify(url: &Url) -> Read {
    let segs = segments(url);
    let rest: &[&str] = match segs.as_slice() {
        ["embed" | "embed-podcast", rest @ ..] => rest,
        rest => rest,
    };
    match rest {
        [kind @ ("track" | "album" | "playlist" | "episode" | "show" | "artist"), id, ..]
            if is_id(id) =>
        {
            Some((format!("https://open.spotify.com/{kind}/{id}"), None))
        }
        _ => None,
    }
}

fn soundcloud(url: &Url) -> Read {
    if url.host_str()?.starts_with("w.") {
        // The player: the track or playlist is its `url` parameter.
        let inner = parse(&param(url, "url")?, None)?;
        let host = inner.host_str()?;
        if host == "api.soundcloud.com" {
            // A track or playlist by number (`/tracks/123`, `/playlists/456`): no page of
            // its own but the player, which shows it (with its secret token, if private).
            let [kind @ ("tracks" | "playlists"), id] = segments(&inner)[..] else {
                return None;
            };
            if !digits(id) {
                return None;
            }
            let mut target = format!("https://api.soundcloud.com/{kind}/{id}");
            if let Some(token) = param(&inner, "secret_token").filter(|t| is_id(t)) {
                target.push_str(&format!("?secret_token={token}"));
            }
            let target: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
            return Some((
                format!("https://w.soundcloud.com/player/?url={target}"),
                None,
            ));
        }
        if host == "soundcloud.com" || host.ends_with(".soundcloud.com") {
            return Some((format!("https://{host}{}", inner.path()), None))
                .filter(|_| segments(&inner).len() >= 2);
        }
        return None;
    }
    // The API has no pages (`api.soundcloud.com/tracks/1` answers JSON, or nothing).
    if segments(url).len() >= 2 && !url.host_str()?.starts_with("api.") {
        return same_page(url);
    }
    None
}

fn codepen(url: &Url) -> Read {
    match segments(url).as_slice() {
        [user, "embed" | "pen", "preview", id, ..] | [user, "embed" | "pen", id, ..]
            if is_id(user) && is_id(id) =>
        {
            Some((format!("https://codepen.io/{user}/pen/{id}"), None))
        }
        _ => None,
    }
}

fn gist(url: &Url) -> Read {
    match segments(url).as_slice() {
        [user, id, ..] if is_id(user) => {
            let id = id
                .trim_end_matches(".js")
                .trim_end_matches(".pibb")
                .trim_end_matches(".json");
            is_id(id).then(|| (format!("https://gist.github.com/{user}/{id}"), None))
        }
        _ => None,
    }
}

fn bilibili(url: &Url) -> Read {
    if let Some(bvid) = param(url, "bvid").filter(|b| is_id(b)) {
        return Some((format!("https://www.bilibili.com/video/{bvid}"), None));
    }
    if let Some(aid) = param(url, "aid").filter(|a| digits(a)) {
        return Some((format!("https://www.bilibili.com/video/av{aid}"), None));
    }
    match segments(url).as_slice() {
        ["video", id, ..] if is_id(id) => {
            Some((format!("https://www.bilibili.com/video/{id}"), None))
        }
        _ => None,
    }
}

fn youku(url: &Url) -> Read {
    let segs = segments(url);
    let id = match segs.as_slice() {
        ["embed", id, ..] => id.to_string(),
        ["player.php", "sid", id, ..] => id.to_string(),
        ["v_show", page, ..] => page
            .strip_prefix("id_")?
            .trim_end_matches(".html")
            .to_string(),
        _ => return None,
    };
    let id = id.trim_end_matches("/v.swf").to_string();
    is_id(id.trim_end_matches('='))
        .then(|| (format!("https://v.youku.com/v_show/id_{id}.html"), None))
}

fn tencent(url: &Url) -> Read {
    let vid = param(url, "vid").or_else(|| match segments(url).as_slice() {
        ["x", "page", page] => Some(page.trim_end_matches(".html").to_string()),
        _ => None,
    })?;
    is_id(&vid).then(|| (format!("https://v.qq.com/x/page/{vid}.html"), None))
}

fn dailymotion(url: &Url) -> Read {
    let id = match segments(url).as_slice() {
        ["embed", "video", id, ..] | ["video", id, ..] => Some(id.to_string()),
        ["player.html"] | ["player", ..] => param(url, "video"),
        _ => None,
    }
    .filter(|id| is_id(id))?;
    Some((
        format!("https://www.dailymotion.com/video/{id}"),
        Some(format!("https://www.dailymotion.com/thumbnail/video/{id}")),
    ))
}

fn apple_podcasts(url: &Url) -> Read {
    if segments(url).is_empty() {
        return None;
    }
    let mut link = format!("https://podcasts.apple.com{}", url.path());
    if let Some(i) = param(url, "i").filter(|i| digits(i)) {
        link.push_str(&format!("?i={i}"));
    }
    Some((link, None))
}

fn loom(url: &Url) -> Read {
    match segments(url).as_slice() {
        ["embed" | "share", id, ..] if is_id(id) => {
            Some((format!("https://www.loom.com/share/{id}"), None))
        }
        _ => None,
    }
}

fn ted(url: &Url) -> Read {
    match segments(url).as_slice() {
        ["talks", slug, ..] if is_id(&slug.replace('.', "_")) => Some((
            format!(
                "https://www.ted.com/talks/{}",
                slug.trim_end_matches(".html")
            ),
            None,
        )),
        _ => None,
    }
}

fn facebook(url: &Url) -> Read {
    match segments(url).as_slice() {
        ["plugins", "video.php" | "post.php"] => {
            let inner = parse(&param(url, "href")?, None)?;
            let host = inner.host_str()?;
            (host == "facebook.com" || host.ends_with(".facebook.com"))
                .then(|| (format!("https://www.facebook.com{}", inner.path()), None))
        }
        _ => None,
    }
}

/// A document (`/documents/4317985-slug.html`, the embed host's `/documents/4317985-slug/`,
/// one of its pages `/documents/4317985-slug/pages/3.html`): its page on the main host, without
/// the viewer's options.
fn documentcloud(url: &Url) -> Read {
    match segments(url).as_slice() {
        ["documents", doc, ..] if doc.bytes().next().is_some_and(|b| b.is_ascii_digit()) => {
            Some((format!("https://www.documentcloud.org{}", url.path()), None))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::recognise;

    fn link(url: &str) -> (String, Option<String>) {
        let f = recognise(url, None).unwrap_or_else(|| panic!("not recognised: {url}"));
        (f.link, f.thumbnail)
    }

    #[test]
    fn one_test_per_row() {
        let rows: &[(&str, &str)] = &[
            ("https://www.youtube.com/embed/aBcDeFgHiJ0?start=14", "https://www.youtube.com/watch?v=aBcDeFgHiJ0&t=14"),
            ("//www.youtube-nocookie.com/embed/aBcDeFgHiJ0?rel=0", "https://www.youtube.com/watch?v=aBcDeFgHiJ0"),
            ("https://youtu.be/aBcDeFgHiJ0?t=1m5s", "https://www.youtube.com/watch?v=aBcDeFgHiJ0&t=65"),
            ("https://www.youtube.com/embed/videoseries?list=PLabc123", "https://www.youtube.com/playlist?list=PLabc123"),
            ("https://player.vimeo.com/video/123456789?h=abc123de", "https://vimeo.com/123456789/abc123de"),
            ("https://platform.twitter.com/embed/Tweet.html?id=1234567890123", "https://x.com/i/status/1234567890123"),
            ("https://twitter.com/someone/status/1234567890123?ref_src=x", "https://x.com/someone/status/1234567890123"),
            ("https://www.instagram.com/p/CxYz123AbC/embed/captioned/", "https://www.instagram.com/p/CxYz123AbC/"),
            ("https://www.tiktok.com/embed/v2/7212345678901234567", "https://www.tiktok.com/embed/v2/7212345678901234567"),
            ("https://www.tiktok.com/@someone/video/7212345678901234567", "https://www.tiktok.com/@someone/video/7212345678901234567"),
            ("https://www.slideshare.net/slideshow/embed_code/key/aBc123", "https://www.slideshare.net/slideshow/embed_code/key/aBc123"),
            ("https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk?utm_source=x", "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk"),
            ("https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Ftrack&color=ff0000", "https://soundcloud.com/artist/track"),
            ("https://codepen.io/someone/embed/preview/AbCdEf?height=300", "https://codepen.io/someone/pen/AbCdEf"),
            ("https://gist.github.com/someone/0123456789abcdef.js", "https://gist.github.com/someone/0123456789abcdef"),
            ("https://player.bilibili.com/player.html?bvid=BV1xx411c7mD&page=1", "https://www.bilibili.com/video/BV1xx411c7mD"),
            ("https://player.youku.com/embed/XNDAwMDAwMDAw", "https://v.youku.com/v_show/id_XNDAwMDAwMDAw.html"),
            ("https://v.qq.com/txp/iframe/player.html?vid=a0012345678", "https://v.qq.com/x/page/a0012345678.html"),
            ("https://www.dailymotion.com/embed/video/x7abcde", "https://www.dailymotion.com/video/x7abcde"),
            ("https://embed.podcasts.apple.com/us/podcast/a-show/id123?i=1000561514664", "https://podcasts.apple.com/us/podcast/a-show/id123?i=1000561514664"),
            ("https://www.loom.com/embed/0123abcd", "https://www.loom.com/share/0123abcd"),
            ("https://embed.ted.com/talks/someone_a_talk", "https://www.ted.com/talks/someone_a_talk"),
            ("https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fpage%2Fvideos%2F123%2F", "https://www.facebook.com/page/videos/123/"),
            ("https://www.documentcloud.org/documents/4312345-Hearing-Notes.html?sidebar=false", "https://www.documentcloud.org/documents/4312345-Hearing-Notes.html"),
            ("https://embed.documentcloud.org/documents/20059068-harbour-report/?embed=1&responsive=1", "https://www.documentcloud.org/documents/20059068-harbour-report/"),
            ("https://www.youtube.com/embed?listType=playlist&list=PLabc123", "https://www.youtube.com/playlist?list=PLabc123"),
            ("https://www.youtube.com/embed/aBcDeFgHiJ0?list=PLabc123&index=2", "https://www.youtube.com/watch?v=aBcDeFgHiJ0&list=PLabc123"),
            ("https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M?si=x", "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M"),
            ("https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/playlists/46842500%3Fsecret_token%3Ds-bsbIv&auto_play=false", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Fplaylists%2F46842500%3Fsecret_token%3Ds-bsbIv"),
            ("https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/136384404&color=ff5500", "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F136384404"),
            ("https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fartist%2Fsets%2Fa-set", "https://soundcloud.com/artist/sets/a-set"),
            // A wrapper frame naming the provider and the id.
            ("https://news.example/embed/inset/iframe?id=youtube-video-aB3DeFgHiJ0&start=0", "https://www.youtube.com/watch?v=aB3DeFgHiJ0"),
            ("/embed/frame?v=vimeo:123456789", "https://vimeo.com/123456789"),
            ("https://news.example/player?src=dailymotion-x7ab3de", "https://www.dailymotion.com/video/x7ab3de"),
            // A wrapper frame with the provider's URL as a parameter.
            ("https://news.example/embed?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3DaBcDeFgHiJ0", "https://www.youtube.com/watch?v=aBcDeFgHiJ0"),
        ];
        for (embed, canonical) in rows {
            assert_eq!(link(embed).0, *canonical, "{embed}");
        }
        assert_eq!(
            link("https://www.youtube.com/embed/aBcDeFgHiJ0")
                .1
                .as_deref(),
            Some("https://i.ytimg.com/vi/aBcDeFgHiJ0/hqdefault.jpg")
        );
    }

    #[test]
    fn not_embeds() {
        for url in [
            "https://www.youtube.com/",
            "https://www.youtube.com/embed/bad%22id",
            "javascript:alert(1)",
            "https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fx.example%2F",
            "https://www.googletagmanager.com/ns.html?id=GTM-X",
            "https://evil.example/youtube.com/embed/x",
            "https://notyoutube.com/embed/aBcDeFgHiJ0",
            "https://player.vimeo.com/video/abc",
            "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/users/123",
            // Provider names that are not followed by an id of the provider's shape.
            "https://news.example/embed/inset/iframe?id=youtube-video-placeholder",
            "https://news.example/embed?id=youtube-video-embed-frame",
            "https://news.example/embed?id=youtube-subscribe",
            "https://news.example/embed?id=youtubeaB3DeFgHiJ0",
            "https://news.example/embed?id=vimeo-1234",
            "https://news.example/embed?name=dailymotion-player",
            "https://www.documentcloud.org/app",
            "https://www.documentcloud.org/documents/",
        ] {
            assert_eq!(recognise(url, None), None, "{url}");
        }
    }

    #[test]
    fn named_ids() {
        use super::recognise_named;
        for (value, link) in [
            (
                "youtube-video-aB3DeFgHiJ0",
                "https://www.youtube.com/watch?v=aB3DeFgHiJ0",
            ),
            (
                "youtube://aB3DeFgHiJ0",
                "https://www.youtube.com/watch?v=aB3DeFgHiJ0",
            ),
            (
                "YouTube_aB3DeFgHiJ0",
                "https://www.youtube.com/watch?v=aB3DeFgHiJ0",
            ),
            (
                "youtube:video:aB3DeFgHiJ0",
                "https://www.youtube.com/watch?v=aB3DeFgHiJ0",
            ),
            ("vimeo-video-987654321", "https://vimeo.com/987654321"),
        ] {
            assert_eq!(
                recognise_named(value).map(|f| f.link).as_deref(),
                Some(link),
                "{value}"
            );
        }
        for value in [
            "youtube",
            "youtube-",
            "youtube-video-",
            "youtube-videoseries",
            "you",
            "ютуб-aB3DeFgHiJ0",
        ] {
            assert_eq!(recognise_named(value), None, "{value}");
        }
    }

    /// An id the page wrote may hold characters of several bytes anywhere: no cut of it
    /// may fall inside one (`vimeo:/p/ｙ` panicked, byte 5 inside `ｙ`).
    #[test]
    fn named_ids_of_any_characters_are_read_without_a_panic() {
        use super::{recognise, recognise_named, NAMED};
        for (name, _) in NAMED {
            for sep in ["://", ":", "-", "_"] {
                for lead in 0..8 {
                    for wide in ["ｙ", "é", "𝕧", "\u{301}"] {
                        let id = format!("{}{wide}video-x", &"video/p/a"[..lead.min(9)]);
                        let value = format!("{name}{sep}{id}");
                        let _ = recognise_named(&value);
                        let _ = recognise(&format!("/watch?v={value}"), None);
                    }
                }
            }
        }
    }
}
