//! Link redirectors: [`unwrap_redirect`] gives the target of a link through one (tracking
//! parameters are [`tracking`](super::tracking)'s).

use super::decode::finalize_owned;
#[cfg(test)]
use super::decode::parse_input;
use super::redirect_targets::{read, Carrier};
use super::screen::plain_host;
use crate::proxy::parsed::Parsed;
use memchr::memmem::Finder;
use std::sync::LazyLock;

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
fn redirect_once(url: &Parsed<'_>) -> Option<String> {
    let host = url.host_str()?;
    let path = url.path().trim_end_matches('/');
    REDIRECTORS
        .iter()
        .filter(|red| host_matches(host, red.host) && path_matches(path, red.path))
        .find_map(|red| read(url, red.carrier).and_then(finalize_owned))
}

/// False only when `url` certainly carries no readable target: no `http` (any case) after
/// its first byte, no base64 `aHR0c` after a `?`, no Yahoo `RU=`, Substack `/redirect/2/`,
/// Proofpoint `/v3/__` or `.translate.goog`, and no `amp` path segment (the AMP viewer's
/// scheme-less paths) or `.ampproject` host label (the AMP Cache's, `cdn.ampproject.org`).
/// Answered without parsing or allocating, in one pass: each word is looked for only where
/// its first byte is (this runs on every link). The quick screen ([`quick`]) answers most
/// links; the full one ([`may_carry_target_full`]) the rest, with the same answer.
fn may_carry_target(url: &str) -> bool {
    !(crate::screens::on() && quick::quick_no(url)) && may_carry_target_full(url)
}

/// [`may_carry_target`] without the quick screen in front.
#[cold]
#[inline(never)]
fn may_carry_target_full(url: &str) -> bool {
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
    // Read as the browser reads it: ASCII tabs and newlines removed (see `crate::url_text`).
    // The quick screen reads the link as written and lets one holding them through.
    if crate::screens::on() && quick::quick_no(url) {
        return None;
    }
    let url = &*crate::url_text::as_parsed(url);
    if !may_carry_target_full(url) || !may_be_redirector(url) {
        return None;
    }
    // Usually parsed just before by the `proxied_urls` rule, which found no proxy in it.
    let mut current = super::last_parsed::take_or_parse(url)?;
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
        current = Parsed::new(next.clone().into())?;
        found = Some(next);
    }
    // Nested deeper than 8 levels: left as it is (idempotence).
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
}

#[path = "links_quick.rs"]
mod quick;

// The former unwrap_redirect as a test reference.
#[cfg(test)]
#[path = "links_former.rs"]
mod former;
