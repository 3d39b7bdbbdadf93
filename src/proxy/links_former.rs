//! `unwrap_redirect` against the one of 9db1e61 (no screen between hops; the host screen
//! counting every link for Discourse's any-host rule), on redirector chains nested up to past
//! `MAX_LEVELS`, with hosts in odd forms at each level.

use super::*;
use crate::proxy::decode::parse_input_url;
use url::Url;

/// The former `unwrap_redirect`.
fn unwrap_redirect_formerly(url: &str) -> Option<String> {
    let may_be_redirector = match crate::proxy::screen::plain_host(url) {
        Some(host) if !host.bytes().any(|b| b.is_ascii_uppercase()) => {
            REDIRECTORS.iter().any(|red| host_matches(host, red.host))
        }
        _ => true,
    };
    if !may_carry_target(url) || !may_be_redirector {
        return None;
    }
    // Always through the `url` crate's parser (no text read plainly).
    let mut current = Parsed::from(parse_input_url(url)?);
    let mut found: Option<String> = None;
    for _ in 0..=super::super::MAX_LEVELS {
        let Some(next) = redirect_once(&current) else {
            return found;
        };
        current = Parsed::from(Url::parse(&next).ok()?);
        found = Some(next);
    }
    None
}

/// Redirectors with their target last, to be nested (escaped once per level).
const WRAPPERS: &[&str] = &[
    "https://link.zhihu.com/?target=",
    "https://www.google.com/url?q=",
    "https://l.facebook.com/l.php?u=",
    "https://forum.example.org/clicks/track?url=",
    "https://forum.example.org/clicks/./track?url=",
    "https://forum.example.org\\clicks\\track?url=",
    "https://forum.example.org/CLICKS/track?url=",
    "https://weibo.cn/sinaurl?u=",
    "https://steamcommunity.com/linkfilter/?url=",
    "https://out.reddit.com/t3_abc?url=",
    "https://gitee.com/link?target=",
    "https://links.jianshu.com/go?to=",
    "https://www.youtube.com/redirect?event=x&q=",
    "https://nam12.safelinks.protection.outlook.com/?url=",
    "https://a.example/?url=",
    "https://a.example/clicks?url=",
];
/// Ways to write a wrapper's host: as is, in upper case, with a trailing `.`, a port,
/// user info, protocol-relative.
fn dress(wrapper: &str, how: u8) -> String {
    let (scheme, rest) = wrapper.split_at("https://".len());
    let host_end = rest.find(['/', '\\', '?']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(host_end);
    match how {
        1 => format!("{scheme}{}{tail}", host.to_ascii_uppercase()),
        2 => format!("{scheme}{host}.{tail}"),
        3 => format!("{scheme}{host}:443{tail}"),
        4 => format!("{scheme}u@{host}{tail}"),
        5 => format!("HTTP://{host}{tail}"),
        _ => wrapper.to_owned(),
    }
}
const TARGETS: &[&str] = &[
    "https://example.com/a",
    "https://Example.COM./p?x=1#f",
    "https://example.com/./a/../b",
    "https://bücher.de/a",
    "https://1.2.3.4/a",
    "javascript:alert(1)",
    "https://a.b/c d",
    "https://u:p@a.b:8080/x",
];

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
    #[test]
    fn unwraps_nested_chains_as_formerly(
        target in proptest::sample::select(TARGETS),
        chain in proptest::collection::vec(
            (proptest::sample::select(WRAPPERS), 0u8..8, proptest::bool::weighted(0.8)), 0..11),
    ) {
        let mut url = target.to_owned();
        for (wrapper, how, escape) in chain {
            let inner = if escape {
                url::form_urlencoded::byte_serialize(url.as_bytes()).collect::<String>()
            } else {
                url
            };
            url = format!("{}{inner}", dress(wrapper, how));
        }
        proptest::prop_assert_eq!(unwrap_redirect(&url), unwrap_redirect_formerly(&url), "{}", url);
    }
}
