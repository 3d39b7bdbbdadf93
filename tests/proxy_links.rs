//! Table-driven tests of the link helpers of `articlean::proxy`: redirector unwrapping,
//! tracking-parameter stripping, Jetpack's lazy marker and hotlinking hosts.
//!
//! Every table is checked in full and all failing rows are reported together.

use articlean::proxy::{refuses_hotlinking, strip_lazy_markers, strip_tracking, unwrap_redirect};

/// (name, input, expected) for `unwrap_redirect`.
const REDIRECTS: &[(&str, &str, Option<&str>)] = &[
    ("zhihu", "https://link.zhihu.com/?target=https%3A//github.com/rust-lang/rust", Some("https://github.com/rust-lang/rust")),
    ("zhihu http", "http://link.zhihu.com/?target=http%3A%2F%2Fexample.com%2Fa%3Fb%3D1", Some("http://example.com/a?b=1")),
    ("google q", "https://www.google.com/url?q=https://example.com/page&sa=D&source=editors", Some("https://example.com/page")),
    ("google url param", "https://www.google.com/url?sa=t&url=https%3A%2F%2Fexample.com%2F&usg=AOv", Some("https://example.com/")),
    ("google q, query still encoded", "https://www.google.com/url?q=https://example.com/p%3Fid%3D1%26k%3Da%252Fb&sa=D", Some("https://example.com/p?id=1&k=a%2Fb")),
    ("google country domain", "https://www.google.co.jp/url?q=https%3A%2F%2Fexample.jp%2F", Some("https://example.jp/")),
    ("facebook", "https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fx&h=AT0", Some("https://example.com/x")),
    ("facebook mobile", "https://lm.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fx", Some("https://example.com/x")),
    ("weibo", "https://weibo.cn/sinaurl?u=https%3A%2F%2Fexample.com%2Fw", Some("https://example.com/w")),
    ("steam", "https://steamcommunity.com/linkfilter/?url=https://example.com/s", Some("https://example.com/s")),
    ("juejin", "https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Fj", Some("https://example.com/j")),
    ("tumblr", "https://t.umblr.com/redirect?z=https%3A%2F%2Fexample.com%2Ft&t=abc", Some("https://example.com/t")),
    ("reddit", "https://out.reddit.com/t3_abc?url=https%3A%2F%2Fexample.com%2Fr&token=x", Some("https://example.com/r")),
    ("slack", "https://slack-redir.net/link?url=https%3A%2F%2Fexample.com%2Fsl", Some("https://example.com/sl")),
    ("href.li", "https://href.li/?https://example.com/h", Some("https://example.com/h")),
    ("youtube", "https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fexample.com%2Fy", Some("https://example.com/y")),
    ("csdn", "https://link.csdn.net/?target=https%3A%2F%2Fexample.com%2Fc", Some("https://example.com/c")),
    ("gitee", "https://gitee.com/link?target=https%3A%2F%2Fexample.com%2Fg", Some("https://example.com/g")),
    ("nested google around zhihu", "https://www.google.com/url?q=https%3A%2F%2Flink.zhihu.com%2F%3Ftarget%3Dhttps%253A%252F%252Fexample.com%252Fn", Some("https://example.com/n")),
    // --- search engines (result-page link formats as the engines emit them) ---
    ("bing ck/a base64url", "https://www.bing.com/ck/a?!&&p=0123abcd&ptn=3&ver=2&hsh=3&fclid=1a2b&u=a1aHR0cHM6Ly9leGFtcGxlLmNvbS9wYWdl&ntb=1", Some("https://example.com/page")),
    ("bing ck/a target with a query", "https://www.bing.com/ck/a?!&&p=ab&ptn=3&u=a1aHR0cHM6Ly9leGFtcGxlLmNvbS9hP2I9MSZjPTI&ntb=1", Some("https://example.com/a?b=1&c=2")),
    ("bing ck/a javascript refused", "https://www.bing.com/ck/a?!&&p=ab&u=a1amF2YXNjcmlwdDphbGVydCgxKQ&ntb=1", None),
    ("bing ck/a broken base64", "https://www.bing.com/ck/a?!&&p=ab&u=a1aHR0c!!&ntb=1", None),
    ("duckduckgo uddg", "https://duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fddg&rut=abc123", Some("https://example.com/ddg")),
    ("duckduckgo protocol-relative", "//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fddg2&rut=abc123", Some("https://example.com/ddg2")),
    ("duckduckgo html", "https://html.duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fh%3Fq%3D1&rut=x", Some("https://example.com/h?q=1")),
    ("yahoo RU", "https://r.search.yahoo.com/_ylt=AwrFQ;_ylu=Y29sbwNi/RV=2/RE=1700000000/RO=10/RU=https%3a%2f%2fwww.example.com%2fpage/RK=2/RS=AbC-", Some("https://www.example.com/page")),
    ("yahoo RU with a query", "https://r.search.yahoo.com/_ylt=A0;_ylu=X3/RV=2/RE=1/RO=10/RU=https%3a%2f%2fexample.com%2fa%3fb%3d1/RK=2/RS=x-", Some("https://example.com/a?b=1")),
    ("yahoo without RU", "https://r.search.yahoo.com/_ylt=A0/RV=2/RK=2/RS=x-", None),
    // --- mail and work tools ---
    ("outlook safe links", "https://nam12.safelinks.protection.outlook.com/?url=https%3A%2F%2Fexample.com%2Fo&data=05%7C01%7C&sdata=abc%3D&reserved=0", Some("https://example.com/o")),
    ("outlook safe links ap path", "https://eur01.safelinks.protection.outlook.com/ap/w-59584e83/?url=https%3A%2F%2Fexample.com%2Fo2&data=05", Some("https://example.com/o2")),
    ("linkedin without www", "https://linkedin.com/redir/redirect?url=https%3A%2F%2Fexample.com%2Fli&urlhash=abc&trk=public_post", Some("https://example.com/li")),
    ("linkedin trailing slash", "https://www.linkedin.com/redir/redirect/?url=https%3A%2F%2Fexample.com%2Fli2", Some("https://example.com/li2")),
    ("substack email redirect", "https://substack.com/redirect/2/eyJlIjoiaHR0cHM6Ly9leGFtcGxlLmNvbS9wb3N0P3g9MSIsInAiOjEyMzQ1NiwicyI6Nzg5LCJmIjp0cnVlLCJ1IjoxMDExLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMjU5MjAwMCwiaXNzIjoicHViLTEyMyIsInN1YiI6ImxpbmstcmVkaXJlY3QifQ.AbCdEf0123?j=eyJ1Ijo&r=abc", Some("https://example.com/post?x=1")),
    ("substack email redirect, escaped json", "https://newsletter.substack.com/redirect/2/eyJlIjoiaHR0cHM6XC9cL2V4YW1wbGUub3JnXC9uXHUwMDI2bSIsInAiOjEsInN1YiI6ImxpbmstcmVkaXJlY3QifQ", Some("https://example.org/n&m")),
    ("substack javascript refused", "https://substack.com/redirect/2/eyJlIjoiamF2YXNjcmlwdDphbGVydCgxKSIsInAiOjF9.sig", None),
    ("substack opaque redirect stays", "https://substack.com/redirect/0a1b2c3d-4e5f-6789-abcd-ef0123456789?j=eyJ1Ijo", None),
    ("qq mail gourl", "https://mail.qq.com/cgi-bin/readtemplate?t=safety&check=false&gourl=https%3A%2F%2Fexample.com%2Fqq&subtemplate=gray&evil=0", Some("https://example.com/qq")),
    ("qq mail wx host", "https://wx.mail.qq.com/cgi-bin/readtemplate?t=safety&gourl=https%3A%2F%2Fexample.com%2Fwxm", Some("https://example.com/wxm")),
    ("tencent docs", "https://docs.qq.com/scenario/link.html?url=https%3A%2F%2Fexample.com%2Ftd&pid=300000000&cid=123", Some("https://example.com/td")),
    ("qq pc middlem", "https://c.pc.qq.com/middlem.html?pfurl=https%3A%2F%2Fexample.com%2Fpc&pfuin=123&pfto=qq.msg&type=0&gjlevel=15", Some("https://example.com/pc")),
    ("wechat developers community", "https://developers.weixin.qq.com/community/middlepage/href?href=https%3A%2F%2Fexample.com%2Fwx", Some("https://example.com/wx")),
    // --- Chinese communities ---
    ("cnblogs", "https://link.cnblogs.com/?url=https%3A%2F%2Fexample.com%2Fcnb", Some("https://example.com/cnb")),
    ("gitee with target query", "https://gitee.com/link?target=https%3A%2F%2Fexample.com%2Fg%3Fa%3D1", Some("https://example.com/g?a=1")),
    ("jianshu go", "https://links.jianshu.com/go?to=https%3A%2F%2Fexample.com%2Fjs", Some("https://example.com/js")),
    ("douban without www", "https://douban.com/link2/?url=https%3A%2F%2Fexample.com%2Fdb", Some("https://example.com/db")),
    ("sspai", "https://sspai.com/link?target=https%3A%2F%2Fexample.com%2Fsp", Some("https://example.com/sp")),
    ("oschina my", "https://my.oschina.net/action/GoToLink?url=https%3A%2F%2Fexample.com%2Fos", Some("https://example.com/os")),
    ("segmentfault", "https://link.segmentfault.com/?enc=abc%3D%3D.def&url=https%3A%2F%2Fexample.com%2Fsf", Some("https://example.com/sf")),
    // ===== Documented variants added in the #14 attack pass =====
    // Google AMP viewer (developers.google.com/search, AMP on Google): `www.google.com/amp/s/
    // <URL without scheme>`, `s/` meaning https (its absence http).
    ("google amp viewer https", "https://www.google.com/amp/s/example.com/amp/article.html", Some("https://example.com/amp/article.html")),
    ("google amp viewer http", "https://www.google.com/amp/example.com/news/1", Some("http://example.com/news/1")),
    ("google amp viewer country domain with query", "https://www.google.co.uk/amp/s/www.example.co.uk/amp/story?id=5", Some("https://www.example.co.uk/amp/story?id=5")),
    // Google AMP Cache (developers.google.com/amp/cache/overview): a document is `/c/[s/]…`
    // (`/v/[s/]…` in the viewer, with `amp_js_v`/`usqp` cache parameters that are not the
    // page's).
    ("amp cache document", "https://example-com.cdn.ampproject.org/c/s/example.com/amp_document.html", Some("https://example.com/amp_document.html")),
    ("amp cache document with its query", "https://amp-dev.cdn.ampproject.org/c/s/amp.dev/documentation/examples/api/query?value=Hello%20World", Some("https://amp.dev/documentation/examples/api/query?value=Hello%20World")),
    ("amp cache viewer document", "https://www-example-com.cdn.ampproject.org/v/s/www.example.com/amp/p.html?amp_js_v=0.1&usqp=mq331AQKKAFQArABIIACAw%3D%3D", Some("https://www.example.com/amp/p.html")),
    ("amp cache plain http document", "https://example-com.cdn.ampproject.org/c/example.com/a.html", Some("http://example.com/a.html")),
    // Google image results: `imgres?imgurl=<image>&imgrefurl=<page>`; the link is the page.
    ("google imgres page", "https://www.google.com/imgres?imgurl=https%3A%2F%2Fexample.com%2Fa.jpg&imgrefurl=https%3A%2F%2Fexample.com%2Fpost&docid=abc&w=800&h=600", Some("https://example.com/post")),
    // LinkedIn's external-link interstitial `linkedin.com/safety/go?url=` (messages, posts).
    ("linkedin safety go", "https://www.linkedin.com/safety/go?url=https%3A%2F%2Fexample.com%2Fpost&trk=flagship-messaging-web&lipi=urn%3Ali%3Apage", Some("https://example.com/post")),
    // Meta's link shims: Threads (`l.threads.net`, `l.threads.com`), Facebook's warning page
    // (`facebook.com/flx/warn/?u=`) and `www.facebook.com/l.php`, WhatsApp (`l.wl.co/l?u=`).
    ("threads link shim", "https://l.threads.net/?u=https%3A%2F%2Fexample.com%2Fth&e=AT0abc", Some("https://example.com/th")),
    ("threads.com link shim", "https://l.threads.com/?u=https%3A%2F%2Fexample.com%2Fth2&e=AT1", Some("https://example.com/th2")),
    ("facebook flx warn", "https://www.facebook.com/flx/warn/?u=https%3A%2F%2Fexample.com%2Fflx&h=AT2", Some("https://example.com/flx")),
    ("facebook mobile flx warn", "https://m.facebook.com/flx/warn/?u=https%3A%2F%2Fexample.com%2Fmflx", Some("https://example.com/mflx")),
    ("facebook www l.php", "https://www.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fwl&h=AT3", Some("https://example.com/wl")),
    ("whatsapp link shim", "https://l.wl.co/l?u=https%3A%2F%2Fexample.com%2Fwa", Some("https://example.com/wa")),
    // Medium's outbound redirect `medium.com/r/?url=` (on custom domains too: `/r/?url=`
    // only on medium.com, others are not Medium's).
    ("medium redirect", "https://medium.com/r/?url=https%3A%2F%2Fexample.com%2Fmd", Some("https://example.com/md")),
    ("medium subdomain redirect", "https://blog.medium.com/r/?url=https%3A%2F%2Fexample.com%2Fmd2", Some("https://example.com/md2")),
    // VK's `away.php` on its mobile host too.
    ("vk mobile away", "https://m.vk.com/away.php?to=https%3A%2F%2Fexample.com%2Fmvk&utf=1", Some("https://example.com/mvk")),
    // Microsoft Teams Safe Links (Defender for Office 365): `statics.teams.cdn.office.net/
    // evergreen-assets/safelinks/1/atp-safelinks.html?url=`.
    ("teams safe links", "https://statics.teams.cdn.office.net/evergreen-assets/safelinks/1/atp-safelinks.html?url=https%3A%2F%2Fexample.com%2Ftm&locale=en-us", Some("https://example.com/tm")),
    // Pocket `getpocket.com/redirect?url=`; Baidu Tieba's external-link check
    // `tieba.baidu.com/mo/q/checkurl?url=`.
    ("pocket redirect", "https://getpocket.com/redirect?url=https%3A%2F%2Fexample.com%2Fpk", Some("https://example.com/pk")),
    ("tieba checkurl", "https://tieba.baidu.com/mo/q/checkurl?url=https%3A%2F%2Fexample.com%2Ftb&urlrefer=abc123", Some("https://example.com/tb")),
    // Proofpoint URL Defense (Proofpoint's decoding guide): v3 `urldefense.com/v3/__<URL>__;
    // <mask>!!<ids>$`; v2 `urldefense.proofpoint.com/v2/url?u=<URL with `-XX` escapes and `_`
    // for `/`>&d=…`.
    ("proofpoint v3", "https://urldefense.com/v3/__https://example.com/pp?a=1__;!!AbCdEf!GhIjKl$", Some("https://example.com/pp?a=1")),
    ("proofpoint v2", "https://urldefense.proofpoint.com/v2/url?u=https-3A__example.com_pp2-3Fa-3D1&d=DwMFaQ&c=abc&r=def&m=ghi&s=jkl&e=", Some("https://example.com/pp2?a=1")),
    ("proofpoint v3 with replaced bytes stays", "https://urldefense.com/v3/__https://example.com/a*b__;JQ!!AbC$", None),
    // Steam's newer link filter parameter.
    ("steam u param", "https://steamcommunity.com/linkfilter/?u=https%3A%2F%2Fexample.com%2Fsu", Some("https://example.com/su")),
    // WeChat's external-link confirmation page.
    ("wechat external link", "https://weixin110.qq.com/cgi-bin/mmspamsupport-bin/newredirectconfirmcgi?main_type=2&evil_type=0&source=2&url=https%3A%2F%2Fexample.com%2Fwx110", Some("https://example.com/wx110")),
    // Google Translate's website proxy (links of a translated page).
    ("translate.goog link", "https://www-example-com.translate.goog/news/article?id=7&_x_tr_sl=auto&_x_tr_tl=en&_x_tr_hl=en&_x_tr_pto=wapp", Some("https://www.example.com/news/article?id=7")),
    // Ads: Google Ads and Campaign Manager click URLs name the landing page in `adurl`.
    ("google ads adurl", "https://www.googleadservices.com/pagead/aclk?sa=L&ai=AbC&num=1&adurl=https://example.com/landing%3Fx%3D1", Some("https://example.com/landing?x=1")),
    ("doubleclick adurl", "https://googleads.g.doubleclick.net/pcs/click?xai=AKAOj&sig=Cg0&adurl=https%3A%2F%2Fexample.com%2Fad", Some("https://example.com/ad")),
    // Campaign Manager click trackers append the landing page after `?` (the whole query).
    ("doubleclick landing after ?", "https://ad.doubleclick.net/ddm/trackclk/N1234.5678/B9012;dc_trk_aid=1;dc_trk_cid=2;dc_lat=;dc_rdid=;tag_for_child_directed_treatment=?https://example.com/landing-cm", Some("https://example.com/landing-cm")),
    ("doubleclick without adurl stays", "https://ad.doubleclick.net/ddm/trackclk/N123.456/B789;dc_trk_aid=1;dc_trk_cid=2", None),
    // Affiliate networks, in the deep-link forms their documentation gives: Skimlinks
    // `url=`, Sovrn Commerce (VigLink) `u=`, Rakuten `murl=`, Awin `ued=`, Impact `u=`, CJ
    // `url=`, Partnerize `destination:<encoded>`, eBay Partner Network `mpre=`.
    ("skimlinks", "https://go.skimresources.com/?id=12345X678&xs=1&url=https%3A%2F%2Fexample.com%2Fproduct", Some("https://example.com/product")),
    ("skimlinks redirectingat", "https://go.redirectingat.com/?id=12345X678&url=https%3A%2F%2Fexample.com%2Fp2&sref=x", Some("https://example.com/p2")),
    ("viglink", "https://redirect.viglink.com/?format=go&key=abc123&u=https%3A%2F%2Fexample.com%2Fvl", Some("https://example.com/vl")),
    ("rakuten linksynergy", "https://click.linksynergy.com/deeplink?id=AbCdE&mid=1234&murl=https%3A%2F%2Fexample.com%2Frk", Some("https://example.com/rk")),
    ("awin", "https://www.awin1.com/cread.php?awinmid=1234&awinaffid=5678&ued=https%3A%2F%2Fexample.com%2Faw", Some("https://example.com/aw")),
    ("impact sjv.io", "https://brand.sjv.io/c/123456/789012/3456?u=https%3A%2F%2Fexample.com%2Fim", Some("https://example.com/im")),
    ("impact pxf.io", "https://shop.pxf.io/c/1/2/3?subId1=a&u=https%3A%2F%2Fexample.com%2Fpx", Some("https://example.com/px")),
    ("cj deep link", "https://www.anrdoezrs.net/click-1234567-12345678?url=https%3A%2F%2Fexample.com%2Fcj", Some("https://example.com/cj")),
    ("cj other host", "https://www.tkqlhce.com/click-1234567-12345678?url=https%3A%2F%2Fexample.com%2Fcj2", Some("https://example.com/cj2")),
    ("partnerize destination", "https://prf.hn/click/camref:1100l3AbC/destination:https%3A%2F%2Fexample.com%2Fpz", Some("https://example.com/pz")),
    ("ebay partner network", "https://rover.ebay.com/rover/1/711-53200-19255-0/1?mpre=https%3A%2F%2Fwww.ebay.com%2Fitm%2F123&campid=5338&toolid=10001", Some("https://www.ebay.com/itm/123")),
    ("skimlinks without url stays", "https://go.skimresources.com/?id=12345X678&xs=1", None),
    // Telegram Instant View (`t.me/iv?url=<page>&rhash=<template>`): the page itself.
    ("telegram instant view", "https://t.me/iv?url=https%3A%2F%2Fexample.com%2Farticle&rhash=abc123", Some("https://example.com/article")),
    // Discourse click tracking (any forum host): `/clicks/track?url=<encoded>&post_id=…`.
    ("discourse click track", "https://forum.example.org/clicks/track?url=https%3A%2F%2Fexample.com%2Fdc&post_id=12&topic_id=3", Some("https://example.com/dc")),
    ("clicks/track without url stays", "https://forum.example.org/clicks/track?post_id=12", None),
    // AOL search results use Yahoo's `/RU=<encoded>/RK=` path.
    ("aol search RU", "https://search.aol.com/click/_ylt=AwrE;_ylu=Y29sbw--/RV=2/RE=1700000000/RO=10/RU=https%3a%2f%2fexample.com%2faol/RK=0/RS=AbC-", Some("https://example.com/aol")),
    // Naver search result clicks `search.naver.com/p/crd/rd?…&u=<encoded>`.
    ("naver search click", "https://search.naver.com/p/crd/rd?m=1&px=10&py=20&sscode=tab.nx.all&u=https%3A%2F%2Fexample.com%2Fnv&cr=1&r=1", Some("https://example.com/nv")),
    // Chinese developer communities: 51CTO `transfer?<URL>`, Tencent Cloud `blog-entry?target=`,
    // Nowcoder `link.html?target=`.
    ("51cto transfer", "https://blog.51cto.com/transfer?https://example.com/51", Some("https://example.com/51")),
    ("tencent cloud blog entry", "https://cloud.tencent.com/developer/tools/blog-entry?target=https%3A%2F%2Fexample.com%2Ftc&source=article&objectId=123", Some("https://example.com/tc")),
    ("nowcoder link", "https://hd.nowcoder.com/link.html?target=https%3A%2F%2Fexample.com%2Fnc", Some("https://example.com/nc")),
    // Opaque click trackers carry no readable target: they stay.
    ("t.co stays", "https://t.co/AbCdEf1234", None),
    ("mailchimp click stays", "https://example.us1.list-manage.com/track/click?u=0123456789abcdef0123456&id=abcdef1234&e=0123456789", None),
    ("sendgrid click stays", "https://u1234567.ct.sendgrid.net/ls/click?upn=u001.AbCdEf-2BGhIj&data=xyz", None),
    ("hubspot click stays", "https://t.hubspotemail.net/e2t/tc/VWabc123/xyz", None),
    ("sogou link stays", "https://www.sogou.com/link?url=hedJjaC291OvbRHtW5_abc", None),
    ("bing ck/a without u stays", "https://www.bing.com/ck/a?!&&p=0123abcd&ptn=3&ntb=1", None),
    // --- opaque redirects stay ---
    ("baidu link is opaque", "https://www.baidu.com/link?url=AbCdEfGhIjK&wd=&eqid=abc", None),
    ("t.cn is opaque", "https://t.cn/A6abcDEF", None),
    ("lnkd.in is opaque", "https://lnkd.in/gAbC123", None),
    ("template syntax target refused", "https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2F%7B%7Burl%7D%7D", None),
    ("javascript target", "https://link.zhihu.com/?target=javascript%3Aalert(1)", None),
    ("data target", "https://l.facebook.com/l.php?u=data%3Atext%2Fhtml%2C%3Cscript%3E", None),
    ("relative target", "https://link.zhihu.com/?target=%2Flocal", None),
    ("broken escape", "https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%zz", None),
    ("not a redirector", "https://example.com/?target=https://example.org/", None),
    ("google search page", "https://www.google.com/search?q=https://example.com", None),
    ("empty", "", None),
];

/// (name, input, extra, expected) for `strip_tracking`.
const TRACKING: &[(&str, &str, &[&str], Option<&str>)] = &[
    (
        "utm only",
        "https://a.example/p?utm_source=x&utm_medium=y",
        &[],
        Some("https://a.example/p"),
    ),
    (
        "utm mixed keeps order",
        "https://a.example/p?b=2&utm_campaign=z&a=1",
        &[],
        Some("https://a.example/p?b=2&a=1"),
    ),
    (
        "fbclid with fragment",
        "https://a.example/p?id=7&fbclid=IwAR0#sec",
        &[],
        Some("https://a.example/p?id=7#sec"),
    ),
    (
        "gclid dclid msclkid",
        "https://a.example/?gclid=1&dclid=2&msclkid=3&q=rust",
        &[],
        Some("https://a.example/?q=rust"),
    ),
    (
        "mailchimp hubspot marketo",
        "https://a.example/p?mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&mkt_tok=5",
        &[],
        Some("https://a.example/p"),
    ),
    (
        "yandex instagram",
        "https://a.example/p?yclid=1&igshid=2&x=%20y",
        &[],
        Some("https://a.example/p?x=%20y"),
    ),
    (
        "spm scm",
        "https://item.example.com/item.htm?spm=a1z10.1&id=42&scm=1007.1",
        &[],
        Some("https://item.example.com/item.htm?id=42"),
    ),
    (
        "twitter",
        "https://a.example/p?ref_src=twsrc%5Etfw&__twitter_impression=true",
        &[],
        Some("https://a.example/p"),
    ),
    (
        "case-insensitive",
        "https://a.example/p?UTM_Source=x&k=v",
        &[],
        Some("https://a.example/p?k=v"),
    ),
    (
        "extra names",
        "https://a.example/p?from=timeline&isappinstalled=0&id=1",
        &["from"],
        Some("https://a.example/p?id=1"),
    ),
    (
        "extra is exact",
        "https://a.example/p?From=x",
        &["from"],
        None,
    ),
    (
        "nothing to strip",
        "https://a.example/p?id=1&utm=keep",
        &[],
        None,
    ),
    ("no query", "https://a.example/p#utm_source=x", &[], None),
    (
        "untouched bytes",
        "https://a.example/p?q=%E4%BD%A0+%e5%a5%bd&utm_source=x&z=a%2Fb",
        &[],
        Some("https://a.example/p?q=%E4%BD%A0+%e5%a5%bd&z=a%2Fb"),
    ),
    ("relative url", "/p?utm_source=x&a=1", &[], Some("/p?a=1")),
    (
        "param without value",
        "https://a.example/p?fbclid&flag",
        &[],
        Some("https://a.example/p?flag"),
    ),
];

/// (name, input, expected) for `strip_lazy_markers`.
const LAZY: &[(&str, &str, Option<&str>)] = &[
    (
        "plain marker",
        "https://a.example/x.jpg?is-pending-load=1",
        Some("https://a.example/x.jpg"),
    ),
    (
        "marker among params",
        "https://a.example/x.jpg?w=1&is-pending-load=1&h=2",
        Some("https://a.example/x.jpg?w=1&h=2"),
    ),
    (
        "#038; form",
        "https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&is-pending-load=1#038;ssl=1",
        Some("https://i2.wp.com/a.example/x.jpg?resize=1100%2C825&ssl=1"),
    ),
    ("no marker", "https://a.example/x.jpg?w=1", None),
    ("no query", "https://a.example/x.jpg", None),
];

#[test]
fn links_and_tracking_tables() {
    let mut failures = Vec::new();
    for (name, input, want) in REDIRECTS {
        let got = unwrap_redirect(input);
        if got.as_deref() != *want {
            failures.push(format!("redirect {name}: got {got:?}, want {want:?}"));
        }
    }
    for (name, input, extra, want) in TRACKING {
        let extra: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
        let got = strip_tracking(input, &extra);
        if got.as_deref() != *want {
            failures.push(format!("tracking {name}: got {got:?}, want {want:?}"));
        }
    }
    for (name, input, want) in LAZY {
        let got = strip_lazy_markers(input);
        if got.as_deref() != *want {
            failures.push(format!("lazy {name}: got {got:?}, want {want:?}"));
        }
    }
    assert!(REDIRECTS.len() + TRACKING.len() >= 20, "too few link rows");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hotlinking_hosts() {
    let yes = [
        "mmbiz.qpic.cn",
        "mmbiz.qlogo.cn",
        "wx1.sinaimg.cn",
        "tvax2.sinaimg.cn",
        "pic3.zhimg.com",
        "zkres1.myzaker.com",
        "p3-sign.byteimg.com",
        "i.pximg.net",
        "cdnfile.sspai.com",
        "i0.hdslb.com",
        "img1.doubanio.com",
        "ci.xiaohongshu.com",
        "sns-img-qc.xhscdn.com",
    ];
    let no = [
        "example.com",
        "qpic.cn",
        "sinaimg.cn.example.com",
        "myzaker.com",
        "",
    ];
    let mut failures = Vec::new();
    failures.extend(
        yes.iter()
            .filter(|h| !refuses_hotlinking(h))
            .map(|h| format!("{h} should refuse")),
    );
    failures.extend(
        no.iter()
            .filter(|h| refuses_hotlinking(h))
            .map(|h| format!("{h} should not refuse")),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
