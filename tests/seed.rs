//! The sample post the project started from (`../shared/seed/…`), cleaned end to end and
//! checked against the foundation issue's acceptance list. Without `../shared` each test is
//! reported as ignored, with the reason (`common::needs_shared`).

mod common;

use articlean::{Cleaner, Post};

const ORIGIN_HEAD: &str = "http://zkres1.myzaker.com/202105/609e6c06b15ec03d746d77f2_1024.jpg";

use std::path::Path;

fn main() {
    let trial =
        |name: &str, test: fn(String)| common::needs_shared(name, move |shared| test(seed(shared)));
    common::run(vec![
        trial(
            "seed_post_front_matter_keeps_every_byte_but_image_urls",
            seed_post_front_matter_keeps_every_byte_but_image_urls,
        ),
        trial("seed_post_body_is_clean", seed_post_body_is_clean),
        trial(
            "seed_post_keeps_every_sentence",
            seed_post_keeps_every_sentence,
        ),
        trial("seed_post_is_idempotent", seed_post_is_idempotent),
        trial(
            "seed_post_with_image_proxy_routes_every_image",
            seed_post_with_image_proxy_routes_every_image,
        ),
    ])
}

fn seed(shared: &Path) -> String {
    let path = shared.join("seed/zaker-wechat-miniprogram-post.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed_post_front_matter_keeps_every_byte_but_image_urls(input: String) {
    let out = Cleaner::default().clean_post(&input);
    let before = Post::split(&input).front_matter;
    let after = Post::split(out.html()).front_matter;
    assert!(!after.is_empty(), "front matter lost");
    let (b, a): (Vec<&str>, Vec<&str>) =
        (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(b.len(), a.len(), "front matter line count changed");
    for (lb, la) in b.iter().zip(&a) {
        if lb.starts_with("headimg:") || lb.starts_with("thumbnail:") {
            let key = lb.split(':').next().unwrap_or_default();
            assert_eq!(*la, format!("{key}: '{ORIGIN_HEAD}'"));
        } else {
            assert_eq!(lb, la, "front matter line changed");
        }
    }
}

fn seed_post_body_is_clean(input: String) {
    let out = Cleaner::default().clean_post(&input);
    let body = Post::split(out.html()).body;
    for debris in [
        "onclick",
        "img_box",
        "content_img_div",
        "perview_img_div",
        "data-original",
        // The lazy class (native `loading="lazy"` is added on purpose).
        "class=\"lazy",
        "opacity_0",
        "cors.zfour.workers.dev",
        "<p></p>",
        "recommend_bottom",
        "article_bottom",
    ] {
        assert!(
            !body.contains(debris),
            "{debris:?} left in the body:\n{body}"
        );
    }
    assert!(!body.contains("<p> </p>") && !body.contains("<p>\n</p>"));

    // The three images: origin URLs and sizes from the data attributes of the input.
    let input_body = Post::split(&input).body;
    let expected_srcs = common::attr_values(input_body, "data-original");
    let expected_w = common::attr_values(input_body, "data-width");
    let expected_h = common::attr_values(input_body, "data-height");
    assert_eq!(expected_srcs.len(), 3);
    assert_eq!(body.matches("<img").count(), 3, "{body}");
    assert_eq!(common::attr_values(body, "src"), expected_srcs);
    assert!(expected_srcs.iter().all(|s| s.starts_with("http://zkres")));
    assert_eq!(common::attr_values(body, "width"), expected_w);
    assert_eq!(common::attr_values(body, "height"), expected_h);
    assert_eq!(
        common::attr_values(body, "referrerpolicy"),
        ["no-referrer"; 3]
    );
}

fn seed_post_keeps_every_sentence(input: String) {
    let out = Cleaner::default().clean_post(&input);
    let text_in = common::visible_text(Post::split(&input).body);
    let text_out = common::visible_text(Post::split(out.html()).body);
    let sentences: Vec<&str> = text_in
        .split(['。', '；'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    assert!(
        sentences.len() >= 10,
        "expected the article's sentences, got {sentences:?}"
    );
    for s in &sentences {
        assert!(text_out.contains(s), "sentence lost or changed: {s}");
    }
    assert_eq!(text_in, text_out, "the article text changed");
}

fn seed_post_is_idempotent(input: String) {
    let cleaner = Cleaner::default();
    let once = cleaner.clean_post(&input).into_html();
    let twice = cleaner.clean_post(&once);
    assert_eq!(twice.html(), once);
    assert_eq!(twice.report().total(), 0, "{}", twice.report());
}

fn seed_post_with_image_proxy_routes_every_image(input: String) {
    let cleaner = Cleaner::builder()
        .with_image_proxy("https://images.weserv.nl/?url={url_encoded}")
        .build()
        .expect("valid template");
    let out = cleaner.clean_post(&input);
    let encode = |origin: &str| {
        format!(
            "https://images.weserv.nl/?url={}",
            origin
                .replace(':', "%3A")
                .replace('/', "%2F")
                .replace('?', "%3F")
                .replace('=', "%3D")
                .replace('&', "%26")
        )
    };

    // Front matter: headimg and thumbnail routed, every other line byte for byte.
    let before = Post::split(&input).front_matter;
    let after = Post::split(out.html()).front_matter;
    let (b, a): (Vec<&str>, Vec<&str>) =
        (before.split('\n').collect(), after.split('\n').collect());
    assert_eq!(b.len(), a.len(), "front matter line count changed");
    let mut routed = 0;
    for (lb, la) in b.iter().zip(&a) {
        if lb.starts_with("headimg:") || lb.starts_with("thumbnail:") {
            let key = lb.split(':').next().unwrap_or_default();
            assert_eq!(*la, format!("{key}: '{}'", encode(ORIGIN_HEAD)));
            routed += 1;
        } else {
            assert_eq!(lb, la, "front matter line changed");
        }
    }
    assert_eq!(routed, 2);

    // Body: the three images, each through the proxy, in order.
    let input_body = Post::split(&input).body;
    let body = Post::split(out.html()).body;
    let want: Vec<String> = common::attr_values(input_body, "data-original")
        .iter()
        .map(|o| encode(o))
        .collect();
    assert_eq!(want.len(), 3);
    assert_eq!(common::attr_values(body, "src"), want, "{body}");
    assert!(!body.contains("zfour.workers.dev"));

    // Cleaning the result again changes nothing (the proxy is not applied twice).
    let again = cleaner.clean_post(out.html());
    assert_eq!(again.html(), out.html());
}
