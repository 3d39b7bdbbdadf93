//! Chinese pages from the shared corpus (`../shared/corpus/cn/`), cleaned as whole documents.
//! Skips when `../shared` is absent.

mod common;

use articlean::Cleaner;

/// The origin each `nimg.ws.126.net/?url=` image of `html` carries, in order, read
/// independently of the crate: the `url` parameter, percent-decoded when it was encoded.
fn netease_origins(html: &str) -> Vec<String> {
    common::attr_values(html, "src")
        .iter()
        .filter_map(|src| {
            let src = src.replace("&amp;", "&");
            let rest = src.split_once("nimg.ws.126.net/?url=")?.1;
            let raw = rest.split('&').next().unwrap_or_default();
            let origin = if raw.starts_with("http%3A") || raw.starts_with("https%3A") {
                percent_encoding::percent_decode_str(raw)
                    .decode_utf8()
                    .ok()?
                    .into_owned()
            } else {
                raw.to_string()
            };
            Some(origin)
        })
        .collect()
}

#[test]
fn netease_images_come_out_at_their_origin() {
    let Some(dir) = common::shared_dir("163.com corpus test") else {
        return;
    };
    let pages: Vec<_> = std::fs::read_dir(dir.join("corpus/cn"))
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("postlight--www.163.com--"))
                })
                .collect()
        })
        .unwrap_or_default();
    if pages.is_empty() {
        eprintln!("skipped 163.com corpus test: no postlight--www.163.com--*.html in corpus/cn");
        return;
    }
    let cleaner = Cleaner::default();
    let mut total = 0;
    for page in &pages {
        let input =
            std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let origins = netease_origins(&input);
        let out = cleaner.clean_document(&input);
        let html = out.html();
        assert!(
            !html.contains("nimg.ws.126.net/?url="),
            "{}: a NetEase proxy URL is left",
            page.display()
        );
        let srcs = common::attr_values(html, "src");
        for origin in &origins {
            assert!(
                origin.starts_with("http://") || origin.starts_with("https://"),
                "{origin}"
            );
            let want = origins.iter().filter(|o| *o == origin).count();
            let got = srcs.iter().filter(|s| *s == origin).count();
            assert_eq!(got, want, "{}: {origin} in the output", page.display());
        }
        assert!(out.report().get("proxied_urls") >= origins.len());
        total += origins.len();
    }
    assert_eq!(total, 33, "the 163.com page has 33 nimg.ws.126.net images");
}
