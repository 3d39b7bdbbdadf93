//! The `proxied_urls` and `links` rules through the public API: builder checks, rule order,
//! bad input under every option, idempotence.

use articlean::{Cleaner, Error};

#[test]
fn links_runs_right_after_proxied_urls() {
    let names: Vec<&str> = Cleaner::default().rule_names().collect();
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert_eq!(at("links"), at("proxied_urls") + 1, "{names:?}");
    assert!(articlean::rules::BUILT_IN.contains(&"links"));
    let without = Cleaner::builder().without_rule("links").build().unwrap();
    let out =
        without.clean(r#"<a href="https://link.zhihu.com/?target=https%3A//a.example/">x</a>"#);
    assert!(out.html().contains("link.zhihu.com"), "{}", out.html());
}

#[test]
fn builder_checks_proxy_and_link_options() {
    for bad in ["", "a=b", "a&b", "has space", "frag#"] {
        let err = Cleaner::builder()
            .with_extra_tracking_params(&["ok", bad])
            .build()
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidSetting { .. }),
            "{bad:?}: {err}"
        );
    }
    let err = Cleaner::builder()
        .with_image_proxy("https://wsrv.nl/?url={url_encoded}")
        .with_image_proxy_http_only(true)
        .with_https_upgrade(true)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Conflict(_)), "{err}");
    // Settings that would be silently ignored are errors too.
    for builder in [
        Cleaner::builder().with_image_proxy_http_only(true),
        Cleaner::builder()
            .with_tracking_params_stripped(false)
            .with_extra_tracking_params(&["from"]),
        Cleaner::builder()
            .without_rule("proxied_urls")
            .with_image_proxy("https://wsrv.nl/?url={url_encoded}"),
        Cleaner::builder().with_embed_hosts(&["video.example.com"]),
        Cleaner::builder()
            .without_rule("sanitize")
            .allow_unsafe_output()
            .with_tags_allowed(&["u"]),
    ] {
        let err = builder.build().unwrap_err();
        assert!(matches!(err, Error::Conflict(_)), "{err}");
        assert!(err.to_string().contains("ignored"), "{err}");
    }
}

/// Every option combination the two rules have.
fn cleaners() -> Vec<Cleaner> {
    let mut out = Vec::new();
    for proxy in [
        None,
        Some("https://wsrv.nl/?url={url_encoded}"),
        Some("https://i3.wp.com/{host}{path}"),
        Some("https://p.example/{url_base64}"),
        Some("https://m.example/{scheme}/{host}{path}"),
        Some("https://r.example/raw/{url}"),
    ] {
        for flags in 0..16u8 {
            let mut b = Cleaner::builder()
                .with_link_redirects(flags & 1 == 0)
                .with_tracking_params_stripped(flags & 2 == 0)
                .with_no_referrer_on_all_images(flags & 4 != 0);
            if flags & 2 == 0 {
                b = b.with_extra_tracking_params(&["from"]);
            }
            if let Some(p) = proxy {
                b = b
                    .with_image_proxy(p)
                    .with_image_proxy_http_only(flags & 8 != 0);
            } else {
                b = b.with_https_upgrade(flags & 8 != 0);
            }
            out.push(b.build().unwrap());
        }
    }
    out
}

const BAD_URLS: &[&str] = &[
    "",
    " ",
    "?utm_source=x",
    "#",
    "https://x.workers.dev/?javascript:alert(1)",
    "https://x.workers.dev/?%",
    "https://x.workers.dev/?https%3A%2F%2Fa.example%2F%ZZ.jpg",
    "https://wsrv.nl/?url=%FF%FE",
    "https://wsrv.nl/?url=data%3Aimage%2Fpng%3Bbase64%2CAAAA",
    "https://camo.githubusercontent.com/0d2b0b6e0a0a2f1f9d2c0a8b7b7e6f5e4d3c2b1a/6a617661",
    "https://imgproxy.example/_/rs:fit:300:0/!!!.webp",
    "https://link.zhihu.com/?target=javascript%3Aalert(1)",
    "https://link.zhihu.com/?target=%2Frelative",
    "https://www.google.com/url?q=%E0%A4",
    "https://l.facebook.com/l.php?u=https%3A%2F%2F",
    "http://",
    "https://[::1",
    "//",
    "data:image/png;base64,iVBORw0KGgo=",
    "javascript:alert(1)",
];

#[test]
fn bad_urls_never_panic_never_empty_never_unsafe() {
    let long = format!(
        "https://x.workers.dev/?https://a.example/{}.jpg",
        "a".repeat(10_000)
    );
    let mut urls: Vec<String> = BAD_URLS.iter().map(|s| s.to_string()).collect();
    urls.push(long);
    for cleaner in cleaners() {
        for url in &urls {
            let html = format!(
                r#"<p>t</p><img src="{url}" srcset="{url} 1x, {url} 2x"><a href="{url}">link</a><video poster="{url}" src="{url}"></video>"#
            );
            let out = cleaner.clean(&html);
            let out = out.html();
            if !url.trim().is_empty() {
                assert!(!out.contains(r#"src="""#), "{url:?}: empty src in {out}");
                assert!(!out.contains(r#"href="""#), "{url:?}: empty href in {out}");
            }
            assert!(!out.contains("=\"javascript:"), "{url:?}: {out}");
            assert!(out.contains("<p>t</p>") && out.contains("link"), "{out}");
        }
    }
}

#[test]
fn every_option_combination_is_idempotent() {
    let input = concat!(
        r#"<p><img src="https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/202105/a_1024.jpg" "#,
        r#"srcset="https://i0.wp.com/a.example/b.jpg?ssl=1 1x, http://a.example/c.jpg?utm_source=x&amp;from=y 2x"></p>"#,
        r#"<picture><source srcset="https://wsrv.nl/?url=a.example/d.webp"><img src="https://a.example/d.jpg"></picture>"#,
        r#"<p><a href="https://link.zhihu.com/?target=https%3A%2F%2Fa.example%2Fp%3Fid%3D1%26utm_medium%3Dx">go</a> "#,
        r#"<a href="https://i1.wp.com/a.example/full.png?ssl=1">full</a></p>"#,
        r#"<video poster="http://a.example/poster.jpg" src="https://x.workers.dev/?https://a.example/v.mp4"></video>"#,
    );
    for cleaner in cleaners() {
        let once = cleaner.clean(input).into_html();
        let twice = cleaner.clean(&once);
        assert_eq!(twice.html(), once, "{cleaner:?}");
        assert_eq!(twice.report().get("proxied_urls"), 0, "{once}");
        assert_eq!(twice.report().get("links"), 0, "{once}");
    }
}

/// `srcset` lists: each candidate unwrapped on its own, descriptors kept, commas inside
/// Cloudinary URLs not taken for separators, broken candidates left as they were.
#[test]
fn srcset_lists() {
    #[rustfmt::skip]
    const ROWS: &[(&str, &str)] = &[
        ("https://x.workers.dev/?https://a.example/1.jpg 1x, https://a.example/2.jpg 2x",
         "https://a.example/1.jpg 1x, https://a.example/2.jpg 2x"),
        ("https://res.cloudinary.com/d/image/fetch/w_300,h_200,c_fill/https://a.example/s.jpg 300w,https://res.cloudinary.com/d/image/upload/w_600,c_fill/l.jpg 600w",
         "https://a.example/s.jpg 300w, https://res.cloudinary.com/d/image/upload/w_600,c_fill/l.jpg 600w"),
        ("https://i0.wp.com/a.example/p.jpg?resize=300%2C200&ssl=1 300w,\n  https://i0.wp.com/a.example/p.jpg?resize=600%2C400&ssl=1 600w",
         "https://a.example/p.jpg 300w, https://a.example/p.jpg 600w"),
        ("https://wsrv.nl/?url=a.example/n.jpg",
         "http://a.example/n.jpg"),
        ("https://x.workers.dev/?https%3A%2F%2Fa.example%2F%ZZ.jpg 1x, https://x.workers.dev/?https://a.example/ok.jpg 2x",
         "https://x.workers.dev/?https%3A%2F%2Fa.example%2F%ZZ.jpg 1x, https://a.example/ok.jpg 2x"),
        ("https://x.workers.dev/?javascript:alert(1) 1x",
         "https://x.workers.dev/?javascript:alert(1) 1x"),
        ("https://a.example/t.jpg?utm_source=feed&w=2 2x",
         "https://a.example/t.jpg?w=2 2x"),
        ("https://camo.githubusercontent.com/0d2b0b6e0a0a2f1f9d2c0a8b7b7e6f5e4d3c2b1a/687474703a2f2f6578616d706c652e636f6d2f612e6a7067 1.5x",
         "http://example.com/a.jpg 1.5x"),
    ];
    let cleaner = Cleaner::builder()
        .with_only_rules(&["proxied_urls"])
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for (input, want) in ROWS {
        let html = format!(
            "<img src=\"a.jpg\" srcset=\"{}\">",
            input.replace('&', "&amp;")
        );
        let out = cleaner.clean(&html).into_html();
        let want = format!(
            "<img src=\"a.jpg\" srcset=\"{}\">",
            want.replace('&', "&amp;")
        );
        if out != want {
            failures.push(format!("{input}\n  got  {out}\n  want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
