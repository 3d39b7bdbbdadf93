//! Chinese image proxies that re-serve hotlink-protected images (WeChat, Weibo…): Baidu's
//! image-search thumbnails and download proxy, QQ Browser's reader.

use url::Url;

use super::host_is_or_under;
use crate::proxy::decode::{decode_to_http, raw_param};

/// Baidu image search: thumbnails `gimg2.baidu.com/image_search/src=<encoded>&refer=…&fmt=…?sec=…`
/// (the parameters are in the **path**), and the download proxy
/// `image.baidu.com/search/down?url=<URL>`.
///
/// Example: `https://gimg2.baidu.com/image_search/src=http%3A%2F%2Fexample.com%2Fa.jpg&refer=x&fmt=auto?sec=1`.
pub(super) fn baidu(url: &Url, segs: &[&str]) -> Option<String> {
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
pub(super) fn qq_reader(url: &Url, segs: &[&str]) -> Option<String> {
    if url.host_str()? != "read.html5.qq.com" || segs != ["image"] {
        return None;
    }
    decode_to_http(raw_param(url.query()?, "imageUrl")?)
}
