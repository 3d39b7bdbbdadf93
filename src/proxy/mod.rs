//! Proxy URLs: recognise them and get the origin back, route origins through a proxy, unwrap
//! link redirectors, strip tracking parameters.
//!
//! Everything here is pure string and [`url::Url`] work, with no DOM. The HTML rules call
//! [`Unwrapper::unwrap`] on image URLs, [`unwrap_redirect`] and [`strip_tracking`] on links,
//! [`strip_lazy_markers`] on lazy image URLs and [`refuses_hotlinking`] to decide on
//! `referrerpolicy`.
//!
//! # Safety rules
//!
//! Every origin returned is an absolute `http://` or `https://` URL with a host (or, only for
//! a root-relative proxy URL of a same-site optimiser, a root-relative path on that same site),
//! at most 8 KiB long, with no control character, no malformed `%` escape and no template
//! syntax (`{{`, `{%`, `%}`, `}}`, plain or escaped), serialised by the `url` crate. A proxy URL that carries `javascript:`, `data:`, a relative URL, broken
//! percent-encoding, invalid base64 or hex, or bytes that are not UTF-8 gives `None`.
//!
//! # Recognised formats
//!
//! Each row's example unwraps to the origin shown (a unit test reads this table and checks
//! every row).
//!
//! | format | example | origin |
//! |---|---|---|
//! | Cloudflare-Worker CORS proxy, whole query (decoded up to twice) | `https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202105/a_1024.jpg` | `http://zkres1.myzaker.com/202105/a_1024.jpg` |
//! | Same bare-query shape on any host (path `/`, query starts with `http`) | `https://corsproxy.io/?https%3A%2F%2Fexample.com%2Fa.png` | `https://example.com/a.png` |
//! | CORS param forms `?url=`, `?apiurl=`, `?quest=` (`*.workers.dev`, corsproxy.io, allorigins, codetabs, cors.lol, paths ending `/raw` or `/proxy`) | `https://api.codetabs.com/v1/proxy?quest=https%3A%2F%2Fexample.com%2Fa.png` | `https://example.com/a.png` |
//! | Path form: cors-anywhere, worker path form, `https:/` with collapsed slashes | `https://cors-anywhere.herokuapp.com/https://example.com/a.png?x=1` | `https://example.com/a.png?x=1` |
//! | Path-scheme mirror `/{scheme}/{host}/{path}` | `https://mirror.example/https/example.com/a.png` | `https://example.com/a.png` |
//! | images.weserv.nl / wsrv.nl `?url=` (no scheme → http, `ssl:` → https) | `https://wsrv.nl/?url=ssl:example.com/a.jpg&w=300` | `https://example.com/a.jpg` |
//! | Jetpack Photon `i0`–`i3.wp.com/{host}/{path}` (`ssl=1` → https, Photon args dropped) | `https://i2.wp.com/j99.in/wp-content/uploads/2018/03/bbn.jpg?resize=768%2C493&ssl=1` | `https://j99.in/wp-content/uploads/2018/03/bbn.jpg` |
//! | GitHub / atmos camo, hex | `https://camo.githubusercontent.com/0d2b0b6e0a0a2f1f9d2c0a8b7b7e6f5e4d3c2b1a/687474703a2f2f6578616d706c652e636f6d2f612e6a7067` | `http://example.com/a.jpg` |
//! | atmos camo, query form | `https://camo.example/0d2b0b6e0a0a2f1f9d2c0a8b7b7e6f5e4d3c2b1a?url=http%3A%2F%2Fexample.com%2Fa.jpg` | `http://example.com/a.jpg` |
//! | go-camo / Gitea camo, base64url | `https://camo.example/vO2Oz3NhKx3qyRCt0aAqLZ5mfIk/aHR0cHM6Ly9leGFtcGxlLmNvbS9hLnBuZw` | `https://example.com/a.png` |
//! | Inoreader camo | `https://www.inoreader.com/camo/syTLE,b64/aHR0cHM6Ly90dmF4Mi5zaW5haW1nLmNuL2EuanBn` | `https://tvax2.sinaimg.cn/a.jpg` |
//! | Google image proxy, origin in the fragment | `https://ci3.googleusercontent.com/proxy/AbC=s0-d-e1-ft#http://mysite.com/i.jpg` | `http://mysite.com/i.jpg` |
//! | willnorris/imageproxy `/{options}/{url}` (plain, encoded, base64url) | `https://imageproxy.example/100x150,q75/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | imgproxy, `plain/…@ext` | `https://imgproxy.example/insecure/rs:fill:300:200/plain/https://example.com/a.jpg@webp` | `https://example.com/a.jpg` |
//! | imgproxy, base64url (may be split by `/`) `.ext` | `https://imgproxy.example/_/rs:fit:300:0/aHR0cHM6Ly9leGFtcGxlLmNvbS9hLnBuZw.webp` | `https://example.com/a.png` |
//! | thumbor `/unsafe/…` or signed | `https://thumbor.example/unsafe/300x200/smart/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | imgix Web Proxy | `https://demo.imgix.net/http%3A%2F%2Favatars.com%2Fjohn-smith.png?h=300&s=a201` | `http://avatars.com/john-smith.png` |
//! | Cloudinary fetch | `https://res.cloudinary.com/demo/image/fetch/w_300,c_fill/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | Miniflux media proxy (base64url, padded) | `https://reader.example/proxy/okK5PsdNY8F082UMQEAbLPeUFfbe2WnNfInNmR9T4WA=/aHR0cDovL3dlYnNpdGUvZm9sZGVyL2ltYWdlLnBuZw==` | `http://website/folder/image.png` |
//! | NetEase `nimg.ws.126.net/?url=` | `http://nimg.ws.126.net/?url=http%3A%2F%2Fdingyue.ws.126.net%2F2021%2F0515%2Fa.jpg&thumbnail=660x2147483647&quality=80&type=jpg` | `http://dingyue.ws.126.net/2021/0515/a.jpg` |
//! | Cloudflare Images `/cdn-cgi/image/<options>/<source>` (source a path on the same site, or absolute) | `https://example.com/cdn-cgi/image/width=80,quality=75/uploads/avatar1.jpg` | `https://example.com/uploads/avatar1.jpg` |
//! | Next.js `/_next/image?url=` (a relative source is on the proxy URL's site) | `https://shop.example/_next/image?url=%2Fimages%2Fhero.png&w=1080&q=75` | `https://shop.example/images/hero.png` |
//! | Same-site optimisers on a root-relative URL: the origin stays root-relative | `/_next/image?url=%2Fimages%2Fhero.png&w=1080&q=75` | `/images/hero.png` |
//! | Netlify Image CDN `/.netlify/images?url=` | `https://site.example/.netlify/images?url=/owl.jpeg&w=400` | `https://site.example/owl.jpeg` |
//! | Vercel `/_vercel/image?url=` | `https://app.example/_vercel/image?url=https%3A%2F%2Fimages.example.com%2Fb.jpg&w=1080&q=75` | `https://images.example.com/b.jpg` |
//! | Nuxt Image / IPX `/_ipx/<modifiers>/<path or URL>` | `https://site.example/_ipx/embed,f_webp,s_200x200/static/buffalo.png` | `https://site.example/static/buffalo.png` |
//! | Gatsby Image CDN `/_gatsby/image/…?u=` | `https://site.example/_gatsby/image/7b5d/9f1e/photo.jpg?u=https%3A%2F%2Fimages.ctfassets.net%2Fspace%2Fphoto.jpg&a=w%3D420` | `https://images.ctfassets.net/space/photo.jpg` |
//! | Substack `substackcdn.com/image/fetch/<options>/<URL>` (any options, `$s_!…!,` raw or encoded) | `https://substackcdn.com/image/fetch/$s_!AbCd!,w_1456,c_limit,f_auto/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Fabc.png` | `https://substack-post-media.s3.amazonaws.com/public/images/abc.png` |
//! | Statically `cdn.statically.io/img/<host>/<options?>/<path>` (fetched over https) | `https://cdn.statically.io/img/statically.dev/w=600/dog.jpg` | `https://statically.dev/dog.jpg` |
//! | ShortPixel `cdn.shortpixel.ai/spai/<options>/<URL>` (and `/client/`) | `https://cdn.shortpixel.ai/spai/w_924+q_lossy+ret_img+to_webp/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | Optimole `*.i.optimole.com/<key:value>/…/<URL>` | `https://mlxyz123.i.optimole.com/w:1024/h:683/q:mauto/https://example.com/b.jpg` | `https://example.com/b.jpg` |
//! | thumbor with a scheme-less source (`host/path` → http) | `https://thumbor.example/unsafe/300x200/example.com/a.jpg` | `http://example.com/a.jpg` |
//! | Gmail image proxy, `meips` form, origin in the fragment | `https://ci3.googleusercontent.com/meips/ADKq_NZabc123=s0-d-e1-ft#https://example.com/mail/a.png` | `https://example.com/mail/a.png` |
//! | Discord `/external/<hash>/[%3F<query>/]<scheme>/<host>/<path>` | `https://images-ext-2.discordapp.net/external/AbC/%3Fsize%3D1024/https/cdn.example.com/c.png` | `https://cdn.example.com/c.png?size=1024` |
//! | Facebook `external.*.fbcdn.net/safe_image.php?url=` (and `/emg1/…?url=`) | `https://external.fsgn2-1.fna.fbcdn.net/safe_image.php?d=AQBx&w=500&url=https%3A%2F%2Fexample.com%2Fog.jpg` | `https://example.com/og.jpg` |
//! | DuckDuckGo `external-content.duckduckgo.com/iu/?u=` | `https://external-content.duckduckgo.com/iu/?u=https%3A%2F%2Fexample.com%2Fa.jpg&f=1&nofb=1` | `https://example.com/a.jpg` |
//! | Bing `th?u=` (a `th?id=` carries no URL and stays) | `https://tse1.mm.bing.net/th?u=https%3A%2F%2Fexample.com%2Fa.jpg&w=100&h=100&c=7` | `https://example.com/a.jpg` |
//! | Brightspot `dims4/<preset>/<hash>/<operations>/?url=` (on its CDN or the site's host) | `https://www.politico.com/dims4/default/bd69088/2147483647/legacy_thumbnail/144x144/quality/90/?url=https%3A%2F%2Fstatic.politico.com%2Fcf%2F05%2Fee68%2Fpolitico.png` | `https://static.politico.com/cf/05/ee68/politico.png` |
//! | Astro `/_image?href=` (a relative source is on the proxy URL's site) | `https://site.example/_image?href=%2F_astro%2Fphoto.Bc1dE2fG.jpg&w=800&h=600&f=webp` | `https://site.example/_astro/photo.Bc1dE2fG.jpg` |
//! | Cloudflare Images, dotted and hyphenated option names | `https://example.com/cdn-cgi/image/trim.left=10,slow-connection-quality=40,width=600/uploads/a.jpg` | `https://example.com/uploads/a.jpg` |
//! | Cloudinary fetch on a private CDN or custom domain (`[<cloud>/]image/fetch/…`) | `https://demo-res.cloudinary.com/image/fetch/w_300,f_auto,q_auto/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | ImageKit web proxy `ik.imagekit.io/<id>[/tr:…]/<URL>` (`tr=` dropped) | `https://ik.imagekit.io/demo/tr:w-300,h-200/https://example.com/a.jpg` | `https://example.com/a.jpg` |
//! | Cloudimage `<token>.cloudimg.io/[v7/]<URL or host/path>` (scheme-less → http) | `https://demo.cloudimg.io/v7/sample.example/flat1.jpg?w=450` | `http://sample.example/flat1.jpg` |
//! | AMP Cache images `*.cdn.ampproject.org/{i,ii/w…,r}/[s/]<host>/<path>` (`s/` → https) | `https://example-com.cdn.ampproject.org/i/s/example.com/images/a.jpg` | `https://example.com/images/a.jpg` |
//! | Yahoo `*.yimg.com/…/api/res/1.2/<sig>/<options>/<URL>` | `https://s.yimg.com/ny/api/res/1.2/XG8jO--/YXBwaWQ9aGlnaGxhbmRlcg--/https://media.zenfs.com/en/a.jpg` | `https://media.zenfs.com/en/a.jpg` |
//! | Slack `slack-imgs.com/?…&url=` | `https://slack-imgs.com/?c=1&o1=ro&url=https%3A%2F%2Fexample.com%2Fchart` | `https://example.com/chart` |
//! | Misskey `/proxy/<name>.webp?url=` (and `image.webp`/`preview.webp` on its media host) | `https://misskey.example/proxy/image.webp?url=https%3A%2F%2Fremote.example%2Ffiles%2Fabc&avatar=1` | `https://remote.example/files/abc` |
//! | Pleroma / Akkoma `/proxy/[preview/]<sig>/<base64url URL>[/<file>]` | `https://pleroma.example/proxy/AbCdEf123_-xyz/aHR0cHM6Ly9yZW1vdGUuZXhhbXBsZS9tZWRpYS9hLnBuZw/a.png` | `https://remote.example/media/a.png` |
//! | Lemmy `/api/v3/image_proxy?url=` | `https://lemmy.example/api/v3/image_proxy?url=https%3A%2F%2Fremote.example%2Fpictrs%2Fimage%2Fabc` | `https://remote.example/pictrs/image/abc` |
//! | Baidu image search `gimg*.baidu.com/image_search/src=…` and `image.baidu.com/search/down?url=` | `https://gimg2.baidu.com/image_search/src=http%3A%2F%2Fexample.com%2Fa.jpg&refer=http%3A%2F%2Fexample.com&fmt=auto?sec=1700000000&t=abc` | `http://example.com/a.jpg` |
//! | QQ Browser reader `read.html5.qq.com/image?…&imageUrl=` | `https://read.html5.qq.com/image?src=forum&q=5&imageUrl=http://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg` | `http://mmbiz.qpic.cn/mmbiz_jpg/AbC/640?wx_fmt=jpeg` |
//! | Forem (dev.to) `dynamic/image/<key=value,…>/<URL>` | `https://media2.dev.to/dynamic/image/width=800,height=,fit=scale-down/https%3A%2F%2Fdev-to-uploads.s3.amazonaws.com%2Fuploads%2Fa.png` | `https://dev-to-uploads.s3.amazonaws.com/uploads/a.png` |
//! | Google Translate proxy `<host, . → ->.translate.goog/<path>` (`_x_tr_*` dropped) | `https://example-com.translate.goog/images/a.jpg?_x_tr_sl=auto&_x_tr_tl=en` | `https://example.com/images/a.jpg` |
//! | Tiny Tiny RSS `plugin=af_proxy_http&…&url=` | `https://rss.example/backend.php?op=pluginhandler&plugin=af_proxy_http&pmethod=imgproxy&url=https%3A%2F%2Fremote.example%2Fimg` | `https://remote.example/img` |
//! | Yahoo Mail `ecp.yusercontent.com/mail?url=`, Proton Mail `…/api/core/v4/images?Url=` | `https://mail.proton.me/api/core/v4/images?Url=https%3A%2F%2Fexample.com%2Fbanner&DryRun=0` | `https://example.com/banner` |
//! | Pocket image cache `pocket-image-cache.com/[<size>]/filters:…/<URL>` | `https://pocket-image-cache.com/1200x/filters:format(jpg):extract_focal()/https%3A%2F%2Fexample.com%2Fimages%2Fa.jpg` | `https://example.com/images/a.jpg` |
//! | Naver `search.pstatic.net/common/?src=`, `dthumb-phinf.pstatic.net/?src="…"` | `https://dthumb-phinf.pstatic.net/?src=%22https%3A%2F%2Fexample.com%2Fog.png%22&type=ff500_300` | `https://example.com/og.png` |
//! | Daum / Kakao `*.daumcdn.net/thumb/<size>/?fname=` | `https://img1.daumcdn.net/thumb/R800x0/?scode=mtistory2&fname=https%3A%2F%2Fblog.kakaocdn.net%2Fdn%2FbAbC%2Fimg.png` | `https://blog.kakaocdn.net/dn/bAbC/img.png` |
//! | [`ProxyTemplate`]s added with [`Unwrapper::with_template`] | `https://img.example/p/{url_base64}` | see [`ProxyTemplate`] |
//! | Generic fallback: whole query, or `url`/`src`/`u`/`image`/`img`/`imgurl`, is an absolute URL of an image (file name, image host or store, format parameter) | `https://img.example/resize?src=https%3A%2F%2Forigin.example%2Fa.jpg&w=300` | `https://origin.example/a.jpg` |
//! | Generic fallback, path form: option segments, then an absolute image URL | `https://img.example-cdn.net/w_300,q_80/https://origin.example/a.jpg` | `https://origin.example/a.jpg` |
//!
//! The generic fallback is meant for **image** URLs, and unwraps only a payload that is
//! itself an image: its file name has an image extension, its host is an image host or object
//! store (S3, GCS, R2…), its path is an image store's (`/wp-content/uploads/`), a query
//! parameter names an image format, or it is itself a known proxy of an image. So the
//! favicon, screenshot, QR, badge, archive and page-thumbnail services that carry a **page**
//! stay wrapped; they are also recognised by name (`favicon`, `screenshot`, `qr`, `badge`,
//! `mshots`, `archive`, `opengraph`… in the host or path, `screenshot=` in the query); the
//! CORS path and bare-query forms refuse those names too. A Wayback replay (`im_`, `id_`, a
//! page) stays: the archived copy often outlives the origin. The query forms are
//! skipped when the outer URL looks like a page link: a path segment such as `share`,
//! `sharer.php`, `intent`, `login`, `search` or `redirect`, or a last segment with a page or
//! media extension (`.html`, `.jpg`…). Other parameter names never count:
//! `https://example.com/page?ref=https://x` is not a proxy. Turn the fallback off with
//! [`Unwrapper::with_generic_fallback`].
//!
//! Photon without `ssl=1` and a scheme-less weserv source give `http://`: that is the scheme
//! those services fetch by their own documentation, so it is the origin they served, and
//! nothing is guessed. The `proxied_urls` rule gives such an origin `https://` when it is on
//! the host of an `https://` base URL (the page's own site is known to serve https), and its
//! `https_upgrade` option does so for every image.
//!
//! Link redirectors (Zhihu, Google, Facebook, Weibo, Steam, Juejin, Tumblr, Reddit, Slack,
//! href.li…) are handled separately by [`unwrap_redirect`].

mod carried;
mod decode;
pub(crate) use carried::carried_in_path;
mod generic;
pub(crate) use generic::PAGE_WORDS;
mod known;
mod last_parsed;
mod links;
pub(crate) mod memo;
mod parsed;
mod payload;
mod percent;
mod redirect_targets;
mod referrer;
mod screen;
mod serialized;
mod template;
mod tracking;

pub use links::unwrap_redirect;
pub use referrer::refuses_hotlinking;
pub(crate) use referrer::refuses_hotlinking_lower;
pub use template::ProxyTemplate;
pub use tracking::{strip_lazy_markers, strip_tracking};

pub(crate) use percent::escape_at;
pub(crate) use screen::plain_host_cased;
use screen::{may_be_proxy, screened};
pub(crate) use screen::{pair_table, pairs_in};

use parsed::Parsed;
use url::Url;

/// True when `url` is an absolute (or protocol-relative) http(s) URL whose last path segment
/// ends with an image file extension (`.jpg`, `.png`, `.webp`, `.svg`…).
pub(crate) fn names_image_file(url: &str) -> bool {
    decode::parse_input(url).is_some_and(|u| generic::names_image_file(&u))
}

/// The stand-in site a root-relative proxy URL is read against: a reserved name (`.invalid`,
/// RFC 2606) that no real origin has.
const SAME_SITE_BASE: &str = "https://same-site.invalid/";

/// True for a root-relative URL (`/path`, not `//host` or `/\host`).
fn is_root_relative(url: &str) -> bool {
    url.starts_with('/') && !url[1..].starts_with(['/', '\\'])
}

/// How many proxy layers [`Unwrapper::unwrap`] and [`unwrap_redirect`] peel off at most.
pub(crate) const MAX_LEVELS: usize = 8;

/// Recognises proxy URLs and returns the origin.
///
/// Holds the configuration: the built-in recognisers (always on), the generic fallback
/// (on by default) and user [`ProxyTemplate`]s (tried first).
#[derive(Clone, Debug)]
pub struct Unwrapper {
    generic_fallback: bool,
    templates: Vec<ProxyTemplate>,
}

impl Default for Unwrapper {
    /// All built-in recognisers and the generic fallback, no templates.
    fn default() -> Self {
        Self {
            generic_fallback: true,
            templates: Vec::new(),
        }
    }
}

impl Unwrapper {
    /// Same as [`Unwrapper::default`].
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns the generic fallback (an unknown service whose query carries an absolute URL)
    /// on or off.
    pub fn with_generic_fallback(mut self, on: bool) -> Self {
        self.generic_fallback = on;
        self
    }

    /// Adds a user template; URLs it produces are recognised (before the built-ins).
    pub fn with_template(mut self, template: ProxyTemplate) -> Self {
        self.templates.push(template);
        self
    }

    /// Origin URL of `url` if it is a recognised proxy URL.
    ///
    /// Applied repeatedly (proxies nest: a CORS worker around Photon around …) until nothing
    /// matches. Returns `None` when `url` is not a proxy URL, when it nests more than 8
    /// levels deep (it is then left as it is, so that cleaning stays idempotent), or when
    /// decoding fails (broken percent-encoding, invalid base64/hex, non-UTF-8), or when the
    /// result is not an absolute http(s) URL (a proxy must never smuggle in `javascript:`,
    /// `data:` etc.), or when input or output is longer than 8 KiB. Never panics, never
    /// returns an empty string.
    ///
    /// `url` must be absolute (`http://`, `https://`) or protocol-relative (`//host/…`, read
    /// as https); surrounding ASCII whitespace is ignored, and an ASCII tab or newline inside
    /// is removed, as the browser's URL parser removes it. HTML entities must already be
    /// decoded (`&amp;` → `&`). A root-relative `url` (`/_next/image?url=%2Fa.jpg`) is only
    /// read by the same-site optimisers (Next.js, Netlify, Vercel, Gatsby, Nuxt IPX, Astro,
    /// Cloudflare Images): a source on the same site gives a root-relative origin (`/a.jpg`,
    /// on the page's own site as the proxy URL was), an absolute source an absolute one.
    ///
    /// ```
    /// use articlean::proxy::Unwrapper;
    ///
    /// let u = Unwrapper::new();
    /// assert_eq!(
    ///     u.unwrap("https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202105/a_1024.jpg")
    ///         .as_deref(),
    ///     Some("http://zkres1.myzaker.com/202105/a_1024.jpg")
    /// );
    /// // Nested: a worker around weserv around Photon.
    /// assert_eq!(
    ///     u.unwrap("https://x.workers.dev/?https://wsrv.nl/?url=https%3A%2F%2Fi0.wp.com%2Fexample.com%2Fa.jpg%3Fssl%3D1")
    ///         .as_deref(),
    ///     Some("https://example.com/a.jpg")
    /// );
    /// assert_eq!(u.unwrap("https://cdn.example.com/images/a.jpg"), None);
    /// assert_eq!(u.unwrap("https://x.workers.dev/?javascript:alert(1)"), None);
    /// ```
    pub fn unwrap(&self, url: &str) -> Option<String> {
        // Read as the browser reads it: ASCII tabs and newlines removed (`i0.wp.com/exa` and
        // `mple.com/a.jpg` across a line break are one proxy URL; the screen lets such a URL
        // through and gives it back without them).
        if !self.templates.is_empty() {
            return self.unwrap_screened(&crate::url_text::as_parsed(url));
        }
        let url = &*screened(url)?;
        // A page reads the same proxy URLs several times (see `memo`).
        memo::peeled(self.generic_fallback, url, || self.unwrap_screened(url))
    }

    /// [`unwrap`](Self::unwrap) past the screen (or with templates, which it does not know).
    fn unwrap_screened(&self, url: &str) -> Option<String> {
        let trimmed = url.trim_ascii();
        if is_root_relative(trimmed) {
            return self.unwrap_root_relative(trimmed);
        }
        let parsed = decode::parse_input(url)?;
        let origin = self.peel(&parsed);
        if origin.is_none() {
            // No proxy: most likely a link, which the `links` rule reads next.
            last_parsed::keep(url, parsed);
        }
        origin
    }

    /// Peels layers off an absolute URL until nothing matches, at most [`MAX_LEVELS`].
    fn peel(&self, first: &Parsed<'_>) -> Option<String> {
        let mut found: Option<String> = None;
        // The layer being read once past the first (`first` is only borrowed).
        let mut peeled: Option<Parsed<'static>> = None;
        for level in 0..=MAX_LEVELS {
            let current = peeled.as_ref().unwrap_or(first);
            let Some(next) = self.unwrap_once(current) else {
                return found;
            };
            if next == current.as_str() {
                return found;
            }
            // The screen answers for the next layer too (it is never stricter than the
            // recognisers, and `next` is already in the URL parser's ASCII form): most origins
            // are not proxies, and trying every recogniser on them costs more than the peel.
            // (Past the last level the URL is left as it is, whatever comes next.)
            if level < MAX_LEVELS && self.templates.is_empty() && !may_be_proxy(&next) {
                return Some(next);
            }
            // The `url` crate's own serialisation: read plainly, as a rule ([`Parsed`]).
            peeled = Some(Parsed::new(next.clone().into())?);
            found = Some(next);
        }
        // Nested deeper than `MAX_LEVELS`: left as it is. Peeling 8 layers per run would
        // change the URL again on every cleaning (not idempotent).
        None
    }

    /// A root-relative proxy URL (`/_next/image?url=%2Fa.jpg`): only the same-site
    /// optimisers are tried. A source on the same site stays root-relative (`/a.jpg`: the
    /// page's own site, whatever it is); an absolute source is peeled further.
    fn unwrap_root_relative(&self, path: &str) -> Option<String> {
        let base = Url::parse(SAME_SITE_BASE).ok()?;
        let parsed = base.join(path).ok()?;
        if parsed.host_str() != base.host_str() {
            return None;
        }
        let parsed = Parsed::from(parsed);
        let segs = known::segments(&parsed);
        let origin = known::SAME_SITE
            .iter()
            .find_map(|recognise| recognise(&parsed, &segs).and_then(decode::finalize_owned))?;
        let url = Url::parse(&origin).ok()?;
        if url.origin() == base.origin() {
            let mut out = url.path().to_owned();
            if let Some(q) = url.query() {
                out.push('?');
                out.push_str(q);
            }
            return Some(out);
        }
        Some(self.peel(&Parsed::from(url)).unwrap_or(origin))
    }

    /// One layer: the first template, built-in or fallback whose candidate passes the
    /// safety gate.
    fn unwrap_once(&self, url: &Parsed<'_>) -> Option<String> {
        if let Some(origin) = self
            .templates
            .iter()
            .find_map(|t| t.recognise(url.as_str()))
        {
            return Some(origin);
        }
        let segments = known::segments(url);
        // Only the recognisers that may read a URL on this host (see `known::for_host`).
        let built_in = known::for_host(url.host_str())
            .iter()
            .find_map(|(_, recognise)| recognise(url, &segments).and_then(decode::finalize_owned));
        if built_in.is_some() {
            return built_in;
        }
        if self.generic_fallback {
            return generic::generic(url, &segments).and_then(decode::finalize_owned);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::Unwrapper;

    /// Up to `MAX_LEVELS` layers come off; one more and the URL is left as it is (the
    /// screen that ends the peel early must not change where that line is).
    #[test]
    fn nesting_limit_holds_with_the_screen_between_layers() {
        let percent = |s: &str| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        };
        let origin = "https://e.example/a.jpg";
        for (depth, want) in [(1, Some(origin)), (8, Some(origin)), (9, None), (10, None)] {
            let mut url = origin.to_string();
            for _ in 0..depth {
                url = format!("https://images.weserv.nl/?url={}", percent(&url));
            }
            assert_eq!(
                Unwrapper::new().unwrap(&url).as_deref(),
                want,
                "{depth} layers"
            );
        }
        assert_eq!(super::MAX_LEVELS, 8);
    }

    /// Every example in the module docs' format table unwraps to the origin shown.
    #[test]
    fn doc_table_examples() {
        let unwrapper = Unwrapper::new();
        let mut checked = 0;
        let mut failures = Vec::new();
        for line in include_str!("mod.rs").lines() {
            let Some(row) = line.strip_prefix("//! | ") else {
                continue;
            };
            let cells: Vec<&str> = row.split(" | ").collect();
            let (Some(example), Some(origin)) = (cells.get(1), cells.get(2)) else {
                continue;
            };
            let code = |c: &str| {
                c.trim()
                    .trim_end_matches(" |")
                    .strip_prefix('`')
                    .and_then(|c| c.strip_suffix('`'))
                    .map(str::to_owned)
            };
            let (Some(example), Some(origin)) = (code(example), code(origin)) else {
                continue;
            };
            checked += 1;
            let got = unwrapper.unwrap(&example);
            if got.as_deref() != Some(origin.as_str()) {
                failures.push(format!("{example} -> {got:?}, want {origin}"));
            }
        }
        assert!(checked >= 20, "only {checked} rows checked");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
