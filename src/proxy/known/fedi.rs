//! Media proxies of fediverse servers and feed readers (Misskey, Pleroma / Akkoma, Lemmy,
//! Miniflux, Tiny Tiny RSS): a server fetches remote media for its users and names the remote
//! URL in the proxy URL.

use crate::proxy::parsed::Parsed;

use crate::proxy::decode::{
    decode_base64_text, decode_to_http, is_base64ish, looks_like_base64_http, raw_param,
};

/// Misskey's media proxy: `<instance>/proxy/<name>.webp?url=<encoded>[&static=1|&emoji=1|
/// &avatar=1|&preview=1]`, or on its separate media-proxy host `/image.webp?url=` or
/// `/preview.webp?url=` (`MediaProxy.getProxiedImageUrl` in misskey-dev/misskey).
///
/// Example: `https://misskey.example/proxy/image.webp?url=https%3A%2F%2Fremote.example%2Fa&avatar=1`.
pub(super) fn misskey(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let shape = match segs {
        [.., "proxy", name] => name.ends_with(".webp"),
        [name] => matches!(*name, "image.webp" | "preview.webp"),
        _ => false,
    };
    if !shape {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// Pleroma / Akkoma MediaProxy: `/proxy/[preview/]<base64url signature>/<base64url URL>[/<file
/// name>]`, the URL unpadded (`Pleroma.Web.MediaProxy`). Also Miniflux's `/proxy/<HMAC>/<base64
/// URL, padded>`.
///
/// Example: `https://pleroma.example/proxy/AbC123/aHR0cHM6Ly9yZW1vdGUuZXhhbXBsZS9hLnBuZw/a.png`.
pub(super) fn media_proxy(_url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    let at = segs.iter().rposition(|s| *s == "proxy")?;
    let rest = segs.get(at + 1..)?;
    let rest = match rest {
        ["preview", rest @ ..] => rest,
        rest => rest,
    };
    match rest {
        [sig, encoded] | [sig, encoded, _] => {
            (is_base64ish(sig) && looks_like_base64_http(encoded)).then_some(())?;
            decode_base64_text(encoded)
        }
        _ => None,
    }
}

/// Lemmy's image proxy (0.19, `image_mode = "ProxyAllImages"`): `/api/v3/image_proxy?url=<encoded>`.
///
/// Example: `https://lemmy.example/api/v3/image_proxy?url=https%3A%2F%2Fremote.example%2Fa.jpeg`.
pub(super) fn lemmy(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !matches!(segs, [.., "image_proxy"]) {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "url")?)
}

/// Tiny Tiny RSS's `af_proxy_http` plugin: `backend.php?op=pluginhandler&plugin=af_proxy_http&
/// pmethod=imgproxy&url=<encoded>` (also through `public.php`).
///
/// Example: `https://rss.example/backend.php?op=pluginhandler&plugin=af_proxy_http&pmethod=imgproxy&url=https%3A%2F%2Fa.example%2Fi`.
pub(super) fn ttrss(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    let query = url.query()?;
    // The pair is written whole in the query: looked for once, by a searcher built once,
    // before the pairs are read (most queries that come here have none).
    static PAIR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("plugin=af_proxy_http"));
    if PAIR.find(query.as_bytes()).is_none() || raw_param(query, "plugin") != Some("af_proxy_http")
    {
        return None;
    }
    decode_to_http(raw_param(query, "url")?)
}
