//! Links: redirector unwrapping, tracking-parameter stripping, Jetpack's lazy marker.
//!
//! [`strip_tracking`] and [`strip_lazy_markers`] work on the raw text: the parameters they
//! keep are copied byte for byte, never decoded or re-encoded.

use super::decode::{finalize, parse_input};
use super::redirect_targets::{read, Carrier};
use super::screen::plain_host;
use memchr::memmem::Finder;
use std::sync::LazyLock;
use url::Url;

/// How a redirector's host is matched.
#[derive(Clone, Copy)]
enum HostRule {
    /// Exactly this host.
    Exact(&'static str),
    /// This domain or any subdomain.
    Domain(&'static str),
    /// `google.<tld>` or `www.google.<tld>` (any country domain).
    Google,
    /// Any host: self-hosted software whose path alone names the redirector (Discourse's
    /// `/clicks/track`).
    Any,
}

/// One link redirector: host, path (exact, after trimming a trailing `/`; empty = `/`;
/// `*` = any; `*suffix` = any path ending with `suffix`), and how the target is carried.
struct Redirector {
    host: HostRule,
    path: &'static str,
    carrier: Carrier,
}

/// A redirector whose target is the first of `params` present in the query (the whole query
/// if `params` is empty).
const fn r(host: HostRule, path: &'static str, params: &'static [&'static str]) -> Redirector {
    Redirector {
        host,
        path,
        carrier: Carrier::Params(params),
    }
}

/// A redirector whose target is carried another way ([`Carrier`]).
const fn rd(host: HostRule, path: &'static str, carrier: Carrier) -> Redirector {
    Redirector {
        host,
        path,
        carrier,
    }
}

use HostRule::{Any, Domain, Exact, Google};

/// The known link redirectors.
const REDIRECTORS: &[Redirector] = &[
    r(Exact("link.zhihu.com"), "", &["target"]),
    r(Google, "/url", &["q", "url"]),
    r(Google, "/imgres", &["imgrefurl"]),
    rd(Google, "*", Carrier::GoogleAmp),
    rd(Domain("cdn.ampproject.org"), "*", Carrier::AmpCache),
    r(Domain("youtube.com"), "/redirect", &["q"]),
    r(Domain("facebook.com"), "/l.php", &["u"]),
    r(Domain("facebook.com"), "/flx/warn", &["u"]),
    r(Exact("l.messenger.com"), "/l.php", &["u"]),
    r(Exact("l.instagram.com"), "", &["u"]),
    r(Exact("l.threads.net"), "", &["u"]),
    r(Exact("l.threads.com"), "", &["u"]),
    r(Exact("l.wl.co"), "/l", &["u"]),
    r(Exact("weibo.cn"), "/sinaurl", &["u", "toasturl"]),
    r(Exact("steamcommunity.com"), "/linkfilter", &["url", "u"]),
    r(Exact("link.juejin.cn"), "", &["target"]),
    r(Exact("t.umblr.com"), "/redirect", &["z"]),
    r(Exact("out.reddit.com"), "*", &["url"]),
    r(Exact("slack-redir.net"), "/link", &["url"]),
    r(Exact("href.li"), "", &[]),
    r(Exact("link.csdn.net"), "", &["target"]),
    r(Exact("links.jianshu.com"), "/go", &["to"]),
    r(Exact("www.jianshu.com"), "/go-wild", &["url"]),
    r(Exact("gitee.com"), "/link", &["target"]),
    r(Exact("link.segmentfault.com"), "", &["url"]),
    r(Domain("douban.com"), "/link2", &["url"]),
    r(Domain("oschina.net"), "/action/GoToLink", &["url"]),
    r(Exact("www.infoq.cn"), "/link", &["target"]),
    r(Exact("sspai.com"), "/link", &["target"]),
    r(Exact("leetcode.cn"), "/link", &["target"]),
    r(Domain("vk.com"), "/away.php", &["to"]),
    r(Domain("linkedin.com"), "/redir/redirect", &["url"]),
    r(Domain("linkedin.com"), "/safety/go", &["url"]),
    r(Domain("medium.com"), "/r", &["url"]),
    r(Exact("getpocket.com"), "/redirect", &["url"]),
    r(Exact("tieba.baidu.com"), "/mo/q/checkurl", &["url"]),
    r(Exact("weixin110.qq.com"), "*", &["url"]),
    r(Exact("t.me"), "/iv", &["url"]),
    r(Any, "/clicks/track", &["url"]),
    r(Exact("blog.51cto.com"), "/transfer", &[]),
    r(
        Exact("cloud.tencent.com"),
        "/developer/tools/blog-entry",
        &["target"],
    ),
    r(Exact("hd.nowcoder.com"), "/link.html", &["target"]),
    r(Exact("search.naver.com"), "/p/crd/rd", &["u"]),
    rd(Domain("translate.goog"), "*", Carrier::TranslateGoog),
    // Ads and affiliate networks whose deep links carry the destination.
    r(
        Exact("www.googleadservices.com"),
        "/pagead/aclk",
        &["adurl"],
    ),
    r(Domain("doubleclick.net"), "*", &["adurl"]),
    r(Domain("doubleclick.net"), "*", &[]),
    r(Exact("go.skimresources.com"), "", &["url"]),
    r(Exact("go.redirectingat.com"), "", &["url"]),
    r(Exact("redirect.viglink.com"), "", &["u"]),
    r(Exact("click.linksynergy.com"), "*", &["murl"]),
    r(Domain("awin1.com"), "/cread.php", &["ued"]),
    r(Domain("sjv.io"), "*", &["u"]),
    r(Domain("pxf.io"), "*", &["u"]),
    r(Domain("evyy.net"), "*", &["u"]),
    r(Domain("anrdoezrs.net"), "*", &["url"]),
    r(Domain("jdoqocy.com"), "*", &["url"]),
    r(Domain("tkqlhce.com"), "*", &["url"]),
    r(Domain("dpbolvw.net"), "*", &["url"]),
    r(Domain("kqzyfj.com"), "*", &["url"]),
    rd(Exact("prf.hn"), "*", Carrier::PathParam("destination:")),
    r(Exact("rover.ebay.com"), "*", &["mpre"]),
    r(
        Exact("statics.teams.cdn.office.net"),
        "*/atp-safelinks.html",
        &["url"],
    ),
    r(Domain("duckduckgo.com"), "/l", &["uddg"]),
    r(Domain("safelinks.protection.outlook.com"), "*", &["url"]),
    r(Domain("mail.qq.com"), "/cgi-bin/readtemplate", &["gourl"]),
    r(Exact("docs.qq.com"), "*/link.html", &["url"]),
    r(Exact("c.pc.qq.com"), "*", &["pfurl", "url"]),
    r(
        Exact("developers.weixin.qq.com"),
        "/community/middlepage/href",
        &["href"],
    ),
    r(Exact("link.cnblogs.com"), "", &["url", "u"]),
    rd(Domain("bing.com"), "/ck/a", Carrier::BingBase64),
    rd(Exact("r.search.yahoo.com"), "*", Carrier::YahooRu),
    rd(Exact("search.aol.com"), "*", Carrier::YahooRu),
    rd(Exact("urldefense.com"), "*", Carrier::ProofpointV3),
    rd(
        Exact("urldefense.proofpoint.com"),
        "/v2/url",
        Carrier::ProofpointV2,
    ),
    rd(Domain("substack.com"), "*", Carrier::SubstackJson),
];

/// Whether a redirector's `rule` covers `path` (trailing `/` trimmed).
fn path_matches(path: &str, rule: &str) -> bool {
    match rule.strip_prefix('*') {
        Some("") => true,
        Some(suffix) => path.ends_with(suffix),
        None => path == rule,
    }
}

/// Whether `host` (lower-case, as the `url` crate gives it) is one `rule` covers.
fn host_matches(host: &str, rule: HostRule) -> bool {
    match rule {
        Exact(h) => host == h,
        Domain(d) => {
            host == d
                || host
                    .strip_suffix(d)
                    .is_some_and(|prefix| prefix.ends_with('.'))
        }
        Any => true,
        Google => {
            let h = host.strip_prefix("www.").unwrap_or(host);
            h.strip_prefix("google.").is_some_and(|tld| {
                !tld.is_empty() && tld.split('.').all(|l| (2..=3).contains(&l.len()))
            })
        }
    }
}

/// False only when `url` certainly has a host no redirector covers: its host is written
/// plainly ([`plain_host`]) in lower case and matches none of [`REDIRECTORS`]. The `url` crate
/// would read such a host unchanged, as a decimal IPv4 address (which no rule covers) or not
/// at all. A redirector on any host ([`Any`]: Discourse's `/clicks/track`) counts only when
/// the words of its path are in `url`: the `url` crate keeps a path segment's letters as
/// written (it decodes no escape), so a path `/clicks/track` was written with `clicks` and
/// `track`, whatever `\` or dot segments were around them.
fn may_be_redirector(url: &str) -> bool {
    match plain_host(url) {
        Some(host) if !host.bytes().any(|b| b.is_ascii_uppercase()) => {
            REDIRECTORS.iter().any(|red| match red.host {
                Any => path_words(red.path).all(|word| url.contains(word)),
                rule => host_matches(host, rule),
            })
        }
        _ => true,
    }
}

/// The words of a redirector's path rule (`/clicks/track`: `clicks`, `track`), which a path
/// it covers holds as written.
fn path_words(rule: &'static str) -> impl Iterator<Item = &'static str> {
    rule.split(['/', '*']).filter(|w| !w.is_empty())
}

/// The target of one redirector hop, or `None` if `url` is not a known redirector.
fn redirect_once(url: &Url) -> Option<String> {
    let host = url.host_str()?;
    let path = url.path().trim_end_matches('/');
    REDIRECTORS
        .iter()
        .filter(|red| host_matches(host, red.host) && path_matches(path, red.path))
        .find_map(|red| read(url, red.carrier).and_then(|c| finalize(&c)))
}

/// False only when `url` certainly carries no readable target: no `http` (any case) after
/// its first byte, no base64 `aHR0c` after a `?`, no Yahoo `RU=`, Substack `/redirect/2/`,
/// Proofpoint `/v3/__` or `.translate.goog`, and no `amp` path segment (the AMP viewer's
/// scheme-less paths) or `.ampproject` host label (the AMP Cache's, `cdn.ampproject.org`).
/// Answered without parsing or allocating, in one pass: each word is looked for only where
/// its first byte is (this runs on every link).
fn may_carry_target(url: &str) -> bool {
    // Built once: building a searcher per call costs more than the search.
    static BASE64_HTTP: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"aHR0c"));
    /// The bytes a mark starts with.
    static STARTS: [bool; 256] = {
        let mut t = [false; 256];
        let mut k = 0;
        let marks = b"hH?=/\\.";
        while k < marks.len() {
            t[marks[k] as usize] = true;
            k += 1;
        }
        t
    };
    let bytes = url.as_bytes();
    let at = |i: usize, word: &[u8]| {
        bytes
            .get(i..i + word.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(word))
    };
    let is_slash = |i: usize| bytes.get(i).is_some_and(|b| matches!(b, b'/' | b'\\'));
    // The byte after a mark's first, lower-cased (a letter's): most `/`, `.` and `h` of a
    // link are followed by none of the words' second bytes, answered without comparing them.
    let second = |i: usize| bytes.get(i + 1).map_or(0, |c| c | 0x20);
    let mut query_seen = false;
    bytes.iter().enumerate().any(|(i, &b)| {
        STARTS[usize::from(b)]
            && match b {
                b'h' | b'H' => i >= 1 && second(i) == b't' && at(i, b"http"),
                b'?' if !query_seen => {
                    query_seen = true;
                    BASE64_HTTP.find(&bytes[i..]).is_some()
                }
                b'?' => false,
                b'=' => i >= 2 && &bytes[i - 2..i] == b"RU",
                b'.' => {
                    matches!(second(i), b't' | b'a')
                        && (at(i, b".translate.goog") || at(i, b".ampproject"))
                }
                _ => {
                    matches!(second(i), b'r' | b'v' | b'a')
                        && (bytes[i..].starts_with(b"/redirect/2/")
                            || bytes[i..].starts_with(b"/v3/__")
                            || (at(i + 1, b"amp") && is_slash(i + 4)))
                }
            }
    })
}

/// Unwraps link redirectors and returns the target link.
///
/// Known redirectors: `link.zhihu.com/?target=`, `www.google.<tld>/url?q=` (and `url=`),
/// `www.youtube.com/redirect?q=`, `l.facebook.com/l.php?u=`, `lm.facebook.com`,
/// `l.messenger.com`, `l.instagram.com/?u=`, `weibo.cn/sinaurl?u=`,
/// `steamcommunity.com/linkfilter/?url=`, `link.juejin.cn/?target=`,
/// `t.umblr.com/redirect?z=`, `out.reddit.com/…?url=`, `slack-redir.net/link?url=`,
/// `href.li/?<url>`, `link.csdn.net/?target=`, `links.jianshu.com/go?to=`,
/// `www.jianshu.com/go-wild?url=`, `gitee.com/link?target=`, `link.segmentfault.com/?url=`,
/// `www.douban.com/link2/?url=`, `www.oschina.net/action/GoToLink?url=`,
/// `www.infoq.cn/link?target=`, `sspai.com/link?target=`, `leetcode.cn/link/?target=`,
/// `vk.com/away.php?to=`, `www.linkedin.com/redir/redirect?url=`,
/// `duckduckgo.com/l/?uddg=`, `*.safelinks.protection.outlook.com/?url=`,
/// `mail.qq.com/cgi-bin/readtemplate?gourl=`, `docs.qq.com/…/link.html?url=`,
/// `c.pc.qq.com/middlem.html?pfurl=`, `developers.weixin.qq.com/community/middlepage/href?href=`,
/// `link.cnblogs.com/?url=`, Bing `bing.com/ck/a?…&u=a1<base64url>`, Yahoo
/// `r.search.yahoo.com/…/RU=<encoded>/RK=…`, Substack `…substack.com/redirect/2/<base64url
/// JSON>` (its `"e"` field), Google's AMP viewer `www.google.<tld>/amp/[s/]<URL without
/// scheme>` and image results `imgres?imgrefurl=`, the AMP Cache's documents
/// `*.cdn.ampproject.org/{c,v}/[s/]<URL without scheme>`, `facebook.com/flx/warn/?u=`,
/// `l.threads.net/?u=` (and `.com`), WhatsApp `l.wl.co/l?u=`, `linkedin.com/safety/go?url=`,
/// `medium.com/r/?url=`, `getpocket.com/redirect?url=`, `tieba.baidu.com/mo/q/checkurl?url=`,
/// Teams Safe Links `statics.teams.cdn.office.net/…/atp-safelinks.html?url=`, Proofpoint URL
/// Defense `urldefense.com/v3/__<URL>__;…` and `urldefense.proofpoint.com/v2/url?u=`,
/// WeChat's `weixin110.qq.com/…?url=`, Telegram Instant View `t.me/iv?url=`, Discourse's
/// `/clicks/track?url=` (on any host), AOL search (Yahoo's `RU=`), Naver search `p/crd/rd?u=`,
/// 51CTO `blog.51cto.com/transfer?<URL>`, Tencent Cloud `developer/tools/blog-entry?target=`,
/// Nowcoder `hd.nowcoder.com/link.html?target=`, Google Translate's proxy
/// `<host>.translate.goog`, and the deep links of ad and affiliate networks (Google Ads
/// `adurl=`, Campaign Manager `ad.doubleclick.net/ddm/…?<URL>`, Skimlinks, Sovrn/VigLink,
/// Rakuten, Awin, Impact, CJ, Partnerize `destination:`, eBay `mpre=`). An opaque redirect
/// (Baidu `link?url=`, `t.cn`, `lnkd.in`, Mailchimp or SendGrid click tracking) carries
/// no readable target and stays as it is.
///
/// Redirectors that nest are unwrapped up to 8 levels (a link nested deeper is left as it
/// is). The same safety rules as
/// [`Unwrapper::unwrap`](super::Unwrapper::unwrap) apply: the target is percent-decoded up to
/// twice, must be an absolute http(s) URL, and input and output are capped at 8 KiB.
///
/// ```
/// use articlean::proxy::unwrap_redirect;
///
/// assert_eq!(
///     unwrap_redirect("https://link.zhihu.com/?target=https%3A//github.com/rust-lang").as_deref(),
///     Some("https://github.com/rust-lang")
/// );
/// assert_eq!(unwrap_redirect("https://link.zhihu.com/?target=javascript%3Aalert(1)"), None);
/// ```
pub fn unwrap_redirect(url: &str) -> Option<String> {
    if !may_carry_target(url) || !may_be_redirector(url) {
        return None;
    }
    let mut current = parse_input(url)?;
    let mut found: Option<String> = None;
    for level in 0..=super::MAX_LEVELS {
        let Some(next) = redirect_once(&current) else {
            return found;
        };
        // The screens answer for the next hop too (the target is already in the URL
        // parser's form): most targets are not redirectors, and parsing one to try every
        // redirector on it costs more than the hop. (Past the last level the link is left as
        // it is, whatever comes next.)
        if level < super::MAX_LEVELS && !(may_carry_target(&next) && may_be_redirector(&next)) {
            return Some(next);
        }
        current = Url::parse(&next).ok()?;
        found = Some(next);
    }
    // Nested deeper than 8 levels: left as it is (idempotence).
    None
}

/// Tracking parameter names removed by [`strip_tracking`] (compared ASCII case-insensitively):
/// lower case and sorted, for a binary search (a unit test checks).
const TRACKING_PARAMS: &[&str] = &[
    "__hsfp",
    "__hssc",
    "__hstc",
    "__twitter_impression",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "_openstat",
    "dclid",
    "fbclid",
    "gbraid",
    "gclid",
    "gclsrc",
    "hsctatracking",
    "igsh",
    "igshid",
    "isappinstalled",
    "mc_cid",
    "mc_eid",
    "mkt_tok",
    "msclkid",
    "oly_anon_id",
    "oly_enc_id",
    "pk_campaign",
    "pk_content",
    "pk_kwd",
    "pk_medium",
    "pk_source",
    "rb_clickid",
    "ref_src",
    "ref_url",
    "s_cid",
    "scm",
    "spm",
    "spm_id_from",
    "ttclid",
    "twclid",
    "vd_source",
    "vero_conv",
    "vero_id",
    "wbraid",
    "wickedid",
    "yclid",
];

/// Length of the longest name in [`TRACKING_PARAMS`].
const LONGEST_TRACKING_PARAM: usize = 20;

/// Tracking parameter prefixes removed by [`strip_tracking`] (`utm_source`, `mtm_campaign`…).
const TRACKING_PREFIXES: &[&str] = &["utm_", "mtm_"];

fn is_tracking(name: &str, extra: &[String]) -> bool {
    if extra.iter().any(|e| e == name) {
        return true;
    }
    let bytes = name.as_bytes();
    let prefixed = |p: &str| {
        bytes
            .get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
    };
    if TRACKING_PREFIXES.iter().any(|p| prefixed(p)) {
        return true;
    }
    // Lower-cased on the stack; a longer name is none of them.
    let mut buf = [0u8; LONGEST_TRACKING_PARAM];
    let Some(lower) = buf.get_mut(..bytes.len()) else {
        return false;
    };
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    TRACKING_PARAMS
        .binary_search_by(|t| t.as_bytes().cmp(lower))
        .is_ok()
}

/// Splits `url` into (before `?`, query, `#fragment` or empty). The query is `None` when
/// there is no `?` before the fragment.
#[cfg(test)]
fn split_query(url: &str) -> (&str, Option<&str>, &str) {
    match query_start(url) {
        Some(question) => {
            let (base, query, fragment) = split_at_query(url, question);
            (base, Some(query), fragment)
        }
        None => match url.find('#') {
            Some(i) => (&url[..i], None, &url[i..]),
            None => (url, None, ""),
        },
    }
}

/// Index of the `?` that starts the query: the first `?`, unless a `#` comes before it.
/// Most links have no `?` at all, answered with one scan.
fn query_start(url: &str) -> Option<usize> {
    let question = memchr::memchr(b'?', url.as_bytes())?;
    (!url.as_bytes()[..question].contains(&b'#')).then_some(question)
}

/// (before `?`, query, `#fragment` or empty) for the query starting at `question`.
fn split_at_query(url: &str, question: usize) -> (&str, &str, &str) {
    let after = &url[question + 1..];
    match after.find('#') {
        Some(i) => (&url[..question], &after[..i], &after[i..]),
        None => (&url[..question], after, ""),
    }
}

/// Rebuilds a URL from its base, kept query pieces and fragment; drops a `?` left empty.
fn rebuild(base: &str, kept: &[&str], fragment: &str) -> String {
    let mut out = String::with_capacity(base.len() + fragment.len() + 64);
    out.push_str(base);
    if kept.iter().any(|p| !p.is_empty()) {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(fragment);
    out
}

/// Removes tracking query parameters and returns the new URL, or `None` when nothing was
/// removed.
///
/// Removed: any name starting with `utm_` or `mtm_`; `fbclid`, `gclid`, `gclsrc`, `dclid`,
/// `gbraid`, `wbraid`, `msclkid`, `yclid`, `twclid`, `ttclid`, `igshid`, `igsh`, `mc_cid`,
/// `mc_eid`, `_hsenc`, `_hsmi`, `__hssc`, `__hstc`, `__hsfp`, `hsCtaTracking`, `mkt_tok`,
/// `spm`, `scm`, `spm_id_from`, `vd_source`, `ref_src`, `ref_url`, `__twitter_impression`,
/// `_ga`, `_gl`, `oly_anon_id`, `oly_enc_id`, `rb_clickid`, `s_cid`, `vero_id`, `vero_conv`,
/// `wickedid`, `_openstat`, `pk_campaign`, `pk_kwd`, `pk_source`, `pk_medium`, `pk_content`,
/// `isappinstalled` (all ASCII case-insensitive), plus the `extra` names (exact match).
///
/// The other parameters stay in order and byte-identical; a `?` left empty is dropped; the
/// fragment is kept. Works on relative URLs too. URLs with another scheme (`data:`,
/// `mailto:`…) are left alone, and so is a URL that would be left empty (`?utm_source=x`).
///
/// ```
/// use articlean::proxy::strip_tracking;
///
/// assert_eq!(
///     strip_tracking("https://a.example/p?id=7&utm_source=x&fbclid=y#top", &[]).as_deref(),
///     Some("https://a.example/p?id=7#top")
/// );
/// assert_eq!(strip_tracking("https://a.example/p?id=7", &[]), None);
/// ```
pub fn strip_tracking(url: &str, extra: &[String]) -> Option<String> {
    let (base, query, fragment) = split_at_query(url, query_start(url)?);
    let tracking = |piece: &str| {
        // The name: up to the first `=` (usually a few bytes in).
        let name = piece.as_bytes().iter().position(|&b| b == b'=');
        let name = name.map_or(piece, |i| &piece[..i]);
        !name.is_empty() && is_tracking(name, extra)
    };
    // Nothing to remove (the common case): answered without allocating.
    if !query.split('&').any(tracking) || !http_or_relative(url) {
        return None;
    }
    let kept: Vec<&str> = query.split('&').filter(|piece| !tracking(piece)).collect();
    let out = rebuild(base, &kept, fragment);
    (!out.trim().is_empty()).then_some(out)
}

/// True for `http:`/`https:` URLs and URLs without a scheme (relative, `//host/…`).
fn http_or_relative(url: &str) -> bool {
    crate::scheme::is_http_or_relative(url)
}

/// Removes Jetpack's lazy-load marker `is-pending-load` from an image URL. Returns the new
/// URL, or `None` when there was no marker.
///
/// Jetpack appends the marker with `add_query_arg`, which can leave the rest of the query
/// written `#038;` (a half-decoded `&#038;`), e.g. `…jpg?resize=1100%2C825&is-pending-load=1#038;ssl=1`;
/// when the marker is found, those `#038;` are turned back into `&`.
///
/// ```
/// use articlean::proxy::strip_lazy_markers;
///
/// assert_eq!(
///     strip_lazy_markers("https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&is-pending-load=1#038;ssl=1")
///         .as_deref(),
///     Some("https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&ssl=1")
/// );
/// ```
pub fn strip_lazy_markers(url: &str) -> Option<String> {
    const MARKER: &str = "is-pending-load";
    let (base, rest) = url.split_once('?')?;
    if !rest.contains(MARKER) {
        return None;
    }
    let repaired = rest.replace("#038;", "&");
    let (query, fragment) = match repaired.find('#') {
        Some(i) => repaired.split_at(i),
        None => (repaired.as_str(), ""),
    };
    let mut removed = false;
    let kept: Vec<&str> = query
        .split('&')
        .filter(|piece| {
            let drop = piece.split('=').next() == Some(MARKER);
            removed |= drop;
            !drop && !piece.is_empty()
        })
        .collect();
    removed.then(|| rebuild(base, &kept, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_table_is_searchable() {
        assert!(TRACKING_PARAMS.windows(2).all(|w| w[0] < w[1]));
        assert!(TRACKING_PARAMS.iter().all(|t| t.to_ascii_lowercase() == *t));
        assert_eq!(
            TRACKING_PARAMS.iter().map(|t| t.len()).max(),
            Some(LONGEST_TRACKING_PARAM)
        );
        for t in TRACKING_PARAMS {
            assert!(is_tracking(&t.to_ascii_uppercase(), &[]), "{t}");
        }
        assert!(is_tracking("UTM_Source", &[]));
        assert!(!is_tracking("id", &[]));
        assert!(!is_tracking("__twitter_impressions", &[]));
        assert!(is_tracking("from", &["from".to_owned()]));
    }

    /// The screen, written the plain way: every word looked for at every byte.
    fn may_carry_target_plainly(url: &str) -> bool {
        let b = url.as_bytes();
        let ci = |w: &[u8], word: &[u8]| w.eq_ignore_ascii_case(word);
        let slash = |i: usize| b.get(i).is_some_and(|c| matches!(c, b'/' | b'\\'));
        (1..b.len()).any(|i| b[i..].len() >= 4 && ci(&b[i..i + 4], b"http"))
            || url.find('?').is_some_and(|q| url[q..].contains("aHR0c"))
            || url.contains("RU=")
            || url.contains("/redirect/2/")
            || url.contains("/v3/__")
            || (0..b.len()).any(|i| {
                let w = |word: &[u8]| b.get(i..i + word.len()).is_some_and(|x| ci(x, word));
                w(b".translate.goog")
                    || w(b".ampproject")
                    || (slash(i) && w(&[b[i], b'a', b'm', b'p'][..]) && slash(i + 4))
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// The one-pass screen answers as the plain one on mixes of the words it looks for.
        #[test]
        fn the_screen_answers_as_the_plain_one(
            pieces in proptest::collection::vec(proptest::sample::select(&[
                "h", "H", "http", "HTTP", "ttp", "?", "=", "RU", "ru", "/", "\\", ".", "amp",
                "AMP", "/redirect/2/", "/v3/__", "aHR0c", ".translate.goog", ".TRANSLATE.GOOG",
                "ampproject", "x", "é", "%2F", "p", "P", "mp", "_", "2", "/redirect", "/2/",
                "/v3/_", "/v3/", "t", "a", "R", "U", "Am", "tTp", ".ampproject", "/a", "/v", "/r",
            ][..]), 0..12)
        ) {
            let url: String = pieces.concat();
            proptest::prop_assert_eq!(may_carry_target(&url), may_carry_target_plainly(&url), "{:?}", url);
        }
    }

    /// Up to `MAX_LEVELS` redirectors come off; one more and the link is left as it is (the
    /// screens that end the unwrapping early must not change where that line is).
    #[test]
    fn nesting_limit_holds_with_the_screens_between_hops() {
        let percent = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let target = "https://e.example/a?id=1";
        for (depth, want) in [(1, Some(target)), (8, Some(target)), (9, None), (10, None)] {
            let mut url = target.to_string();
            for _ in 0..depth {
                url = format!("https://www.google.com/url?q={}", percent(&url));
            }
            assert_eq!(unwrap_redirect(&url).as_deref(), want, "{depth} hops");
        }
        assert_eq!(super::super::MAX_LEVELS, 8);
    }

    /// The path rules of redirectors on any host are ASCII letters and `/` (exact, no `*`):
    /// the `url` crate keeps such a path's words as written, which `may_be_redirector`
    /// relies on.
    #[test]
    fn any_host_paths_are_plain_words() {
        let any: Vec<&str> = REDIRECTORS
            .iter()
            .filter(|red| matches!(red.host, Any))
            .map(|red| red.path)
            .collect();
        assert!(!any.is_empty());
        for path in any {
            assert!(path.starts_with('/'), "{path}");
            assert!(
                path.bytes().all(|b| b == b'/' || b.is_ascii_alphabetic()),
                "{path}"
            );
        }
    }

    /// Hosts and paths near the redirectors' rules, for the screen's property.
    const HOSTS: &[&str] = &[
        "forum.example.org",
        "FORUM.example.org",
        "link.zhihu.com",
        "LINK.zhihu.com",
        "link.zhihu.com.",
        "www.google.com",
        "google.co.uk",
        "l.facebook.com",
        "x.substack.com",
        "a.example",
        "1.2.3.4",
        "xn--nxasmq6b.example",
        "%6cink.zhihu.com",
        "u@link.zhihu.com",
        "link.zhihu.com:443",
        "a.example\\",
        "href.li",
    ];
    const PATHS: &[&str] = &[
        "/clicks/track",
        "\\clicks\\track",
        "/clicks/./track",
        "/x/../clicks/track",
        "/clicks/track/",
        "/clicks/%2e/track",
        "/clicks/%2E%2E/clicks/track",
        "/CLICKS/track",
        "/clicks//track",
        "/url",
        "/l.php",
        "/",
        "",
        "/%63licks/track",
        "/clicks/track%2F",
        "/redirect/2/",
        "/a/clicks/track",
    ];
    const QUERIES: &[&str] = &[
        "?url=https%3A%2F%2Fexample.com%2Fa",
        "?q=https://e.example/",
        "?u=https://a.example/b",
        "?target=http%3A//a.example",
        "?https://a.example/c",
        "",
        "#x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
        /// The host screen never turns away a link a redirector unwraps.
        #[test]
        fn the_host_screen_is_never_stricter_than_the_redirectors(
            scheme in proptest::sample::select(&["https://", "http://", "//", "HTTPS://", "https:\\\\"][..]),
            host in proptest::sample::select(HOSTS),
            path in proptest::sample::select(PATHS),
            query in proptest::sample::select(QUERIES),
        ) {
            let url = format!("{scheme}{host}{path}{query}");
            let unwrapped = parse_input(&url).and_then(|u| redirect_once(&u)).is_some();
            proptest::prop_assert!(!unwrapped || may_be_redirector(&url), "{:?}", url);
        }
    }

    /// The property above sees links that unwrap, on any host and on known ones, and links
    /// the screen turns away.
    #[test]
    fn the_host_screen_property_is_not_vacuous() {
        let mut unwrapped = 0;
        let mut turned_away = 0;
        for host in HOSTS {
            for path in PATHS {
                for query in QUERIES {
                    let url = format!("https://{host}{path}{query}");
                    unwrapped +=
                        usize::from(parse_input(&url).and_then(|u| redirect_once(&u)).is_some());
                    turned_away += usize::from(!may_be_redirector(&url));
                }
            }
        }
        assert!(unwrapped >= 20, "{unwrapped}");
        assert!(turned_away >= 100, "{turned_away}");
        assert!(unwrap_redirect(
            "https://a.example/x/../clicks/track?url=https%3A%2F%2Fe.example%2F"
        )
        .is_some());
        assert!(!may_be_redirector(
            "https://a.example/p?url=https%3A%2F%2Fe.example%2F"
        ));
    }

    #[test]
    fn split() {
        assert_eq!(split_query("a?b#c?d"), ("a", Some("b"), "#c?d"));
        assert_eq!(split_query("a#c?d"), ("a", None, "#c?d"));
        assert_eq!(split_query("a"), ("a", None, ""));
    }

    #[test]
    fn empty_query_dropped() {
        assert_eq!(
            strip_tracking("/p?utm_source=a&utm_medium=b#f", &[]).as_deref(),
            Some("/p#f")
        );
        assert_eq!(strip_tracking("?utm_source=a", &[]), None);
        assert_eq!(
            strip_tracking("data:image/svg+xml,<svg>?utm_source=a", &[]),
            None
        );
        assert_eq!(strip_tracking("mailto:a@b.example?utm_source=a", &[]), None);
        assert_eq!(
            strip_tracking("HTTPS://a.example/?utm_source=a", &[]).as_deref(),
            Some("HTTPS://a.example/")
        );
    }
}

// The former unwrap_redirect as a test reference.
#[cfg(test)]
#[path = "links_former.rs"]
mod former;
