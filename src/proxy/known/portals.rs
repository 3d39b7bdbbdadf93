//! Image proxies of Asian portals that re-serve images of other sites (often hotlink-protected
//! ones: WeChat, Weibo, blogs): Baidu's image-search thumbnails and download proxy, QQ
//! Browser's reader, Naver's and Daum/Kakao's thumbnailers.

use crate::proxy::parsed::Parsed;

use super::host_is_or_under;
use crate::proxy::decode::{decode_to_http, percent_decode_once, raw_param};

/// Baidu image search: thumbnails `gimg2.baidu.com/image_search/src=<encoded>&refer=…&fmt=…?sec=…`
/// (the parameters are in the **path**), and the download proxy
/// `image.baidu.com/search/down?url=<URL>`.
///
/// Example: `https://gimg2.baidu.com/image_search/src=http%3A%2F%2Fexample.com%2Fa.jpg&refer=x&fmt=auto?sec=1`.
pub(super) fn baidu(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "baidu.com") {
        return None;
    }
    match segs {
        ["image_search", params] => {
            let src = params.split('&').find_map(|p| p.strip_prefix("src="))?;
            decode_to_http(src)
        }
        ["search", "down"] => decode_to_http(raw_param(url.query()?, "url")?),
        _ => None,
    }
}

/// QQ Browser's image reader: `read.html5.qq.com/image?…&imageUrl=<URL>`.
///
/// Example: `https://read.html5.qq.com/image?src=forum&q=5&imageUrl=http://mmbiz.qpic.cn/a/640`.
pub(super) fn qq_reader(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if url.host_str()? != "read.html5.qq.com" || segs != ["image"] {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "imageUrl")?)
}

/// Naver's image proxies: `search.pstatic.net/common/?src=<encoded>&type=…` (also `/sunny/`)
/// and `dthumb-phinf.pstatic.net/?src=<encoded, possibly in "quotes">&type=…`.
///
/// Example: `https://search.pstatic.net/common/?src=https%3A%2F%2Fexample.com%2Fa.jpg&type=w`.
pub(super) fn naver(url: &Parsed<'_>, _segs: &[&str]) -> Option<String> {
    let host = url.host_str()?;
    if host != "search.pstatic.net" && !host.ends_with("-phinf.pstatic.net") {
        return None;
    }
    let raw = raw_param(url.query()?, "src")?;
    let value = percent_decode_once(raw)?;
    let unquoted = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(&value);
    decode_to_http(unquoted)
}

/// Daum / Kakao's thumbnailer (Tistory blogs): `*.daumcdn.net/thumb/<size>/?fname=<encoded>`.
///
/// Example: `https://img1.daumcdn.net/thumb/R800x0/?scode=mtistory2&fname=https%3A%2F%2Fblog.kakaocdn.net%2Fdn%2Fa%2Fimg.png`.
pub(super) fn daum(url: &Parsed<'_>, segs: &[&str]) -> Option<String> {
    if !host_is_or_under(url, "daumcdn.net") || segs.first() != Some(&"thumb") {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "fname")?)
}
