//! Data-driven fixtures: `tests/fixtures/<suite>/<case>/{input.html, expected.html}`.
//!
//! Every case is its own named test (`cargo test --test fixtures -- lazy_images::`), and each
//! also checks idempotence: cleaning `expected.html` changes nothing.
//!
//! A case may hold `options.txt`, one builder setting per line (`key = value`, `#` comments):
//! `base_url`, `without_rule`, `only_rules` (comma list), `allow_unsafe_output`, `image_proxy`, `image_proxy_http_only`,
//! `proxy_pattern`, `generic_proxy_fallback`, `link_redirects`, `tracking_params_stripped`,
//! `extra_tracking_params` (comma list), `no_referrer_on_all_images`, `https_upgrade`, `mode`
//! (`fragment`, `document`, `post`); the sanitizer's `tags_allowed`, `tags_unwrapped`,
//! `tags_removed`, `url_schemes_allowed`, `url_schemes_removed`, `classes_allowed`,
//! `embed_hosts` (comma lists), `attributes_allowed`, `attributes_removed` (`tag: attr, attr`),
//! `data_images`, `nofollow`, `links_in_new_tab`, `classes_kept`, `embeds`, `embed_thumbnails`, `link_rel`,
//! `ids_kept` (the prefix); the lazy-image rule's `native_lazy_loading`,
//! `lazy_src_attribute`. Flags are `true` or `false`.
//!
//! `BLESS=1 cargo test --test fixtures` rewrites `expected.html` from the current output (review
//! the diff before committing).

use articlean::{Cleaner, CleanerBuilder};
use libtest_mimic::{Arguments, Failed, Trial};
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut trials = Vec::new();
    for suite in sorted_dirs(&root) {
        let suite_name = file_name(&suite);
        for case in sorted_dirs(&suite) {
            let name = format!("{suite_name}::{}", file_name(&case));
            // A `mode = post` case cleans a post: without the `posts` feature it is reported
            // as ignored, with the reason.
            #[cfg(not(feature = "posts"))]
            if matches!(configure(&case), Ok((_, Mode::Post))) {
                trials.push(Trial::ignorable_test(name, || {
                    Ok(libtest_mimic::Completion::ignored_with(
                        "needs the `posts` feature",
                    ))
                }));
                continue;
            }
            trials.push(Trial::test(name, move || run_case(&case)));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[derive(Clone, Copy)]
enum Mode {
    Auto,
    Fragment,
    Document,
    Post,
}

fn configure(case: &Path) -> Result<(Cleaner, Mode), Failed> {
    let mut builder = CleanerBuilder::new();
    let mut mode = Mode::Auto;
    if let Ok(text) = fs::read_to_string(case.join("options.txt")) {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) = line
                .split_once('=')
                .map(|(k, v)| (k.trim(), v.trim()))
                .ok_or_else(|| format!("options.txt: not `key = value`: {line}"))?;
            let flag = || value == "true";
            if matches!(
                key,
                "image_proxy_http_only"
                    | "generic_proxy_fallback"
                    | "link_redirects"
                    | "tracking_params_stripped"
                    | "no_referrer_on_all_images"
                    | "https_upgrade"
                    | "data_images"
                    | "nofollow"
                    | "links_in_new_tab"
                    | "classes_kept"
                    | "embeds"
                    | "embed_thumbnails"
                    | "native_lazy_loading"
                    | "allow_unsafe_output"
            ) && !matches!(value, "true" | "false")
            {
                return Err(format!("options.txt: {key} wants true or false, not {value}").into());
            }
            let list: Vec<&str> = value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let tag_attrs = || -> Result<(&str, Vec<&str>), Failed> {
                let (tag, attrs) = value
                    .split_once(':')
                    .ok_or_else(|| format!("options.txt: not `tag: attr, attr`: {line}"))?;
                Ok((tag.trim(), attrs.split(',').map(str::trim).collect()))
            };
            builder = match key {
                "base_url" => builder.with_base_url(value),
                "without_rule" => builder.without_rule(value),
                "allow_unsafe_output" => match flag() {
                    true => builder.allow_unsafe_output(),
                    false => builder,
                },
                "only_rules" => {
                    let names: Vec<&str> = value.split(',').map(str::trim).collect();
                    builder.with_only_rules(&names)
                }
                "image_proxy" => builder.with_image_proxy(value),
                "image_proxy_http_only" => builder.with_image_proxy_http_only(flag()),
                "proxy_pattern" => builder.with_proxy_pattern(value),
                "generic_proxy_fallback" => builder.with_generic_proxy_fallback(flag()),
                "link_redirects" => builder.with_link_redirects(flag()),
                "tracking_params_stripped" => builder.with_tracking_params_stripped(flag()),
                "extra_tracking_params" => {
                    let names: Vec<&str> = value.split(',').map(str::trim).collect();
                    builder.with_extra_tracking_params(&names)
                }
                "no_referrer_on_all_images" => builder.with_no_referrer_on_all_images(flag()),
                "https_upgrade" => builder.with_https_upgrade(flag()),
                "tags_allowed" => builder.with_tags_allowed(&list),
                "tags_unwrapped" => builder.with_tags_unwrapped(&list),
                "tags_removed" => builder.with_tags_removed(&list),
                "attributes_allowed" => {
                    let (tag, attrs) = tag_attrs()?;
                    builder.with_attributes_allowed(tag, &attrs)
                }
                "attributes_removed" => {
                    let (tag, attrs) = tag_attrs()?;
                    builder.with_attributes_removed(tag, &attrs)
                }
                "url_schemes_allowed" => builder.with_url_schemes_allowed(&list),
                "url_schemes_removed" => builder.with_url_schemes_removed(&list),
                "data_images" => builder.with_data_images(flag()),
                "link_rel" => builder.with_link_rel(value),
                "nofollow" => builder.with_nofollow(flag()),
                "links_in_new_tab" => builder.with_links_in_new_tab(flag()),
                "classes_kept" => builder.with_classes_kept(flag()),
                "classes_allowed" => builder.with_classes_allowed(&list),
                "ids_kept" => builder.with_ids_kept(value),
                "embeds" => builder.with_embeds(flag()),
                "embed_thumbnails" => builder.with_embed_thumbnails(flag()),
                "embed_hosts" => builder.with_embed_hosts(&list),
                "native_lazy_loading" => builder.with_native_lazy_loading(flag()),
                "lazy_src_attribute" => builder.with_lazy_src_attribute(value),
                "mode" => {
                    mode = match value {
                        "fragment" => Mode::Fragment,
                        "document" => Mode::Document,
                        "post" => Mode::Post,
                        other => return Err(format!("options.txt: unknown mode {other}").into()),
                    };
                    builder
                }
                other => return Err(format!("options.txt: unknown key {other}").into()),
            };
        }
    }
    let cleaner = builder.build().map_err(|e| format!("options.txt: {e}"))?;
    Ok((cleaner, mode))
}

fn clean(cleaner: &Cleaner, mode: Mode, input: &str) -> String {
    match mode {
        Mode::Auto => cleaner.clean(input),
        Mode::Fragment => cleaner.clean_fragment(input),
        Mode::Document => cleaner.clean_document(input),
        #[cfg(feature = "posts")]
        Mode::Post => cleaner.clean_post(input),
        #[cfg(not(feature = "posts"))]
        Mode::Post => unreachable!("post cases are ignored without the posts feature"),
    }
    .into_html()
}

fn run_case(case: &Path) -> Result<(), Failed> {
    let (cleaner, mode) = configure(case)?;
    let input = fs::read_to_string(case.join("input.html"))
        .map_err(|e| format!("cannot read input.html: {e}"))?;
    let actual = clean(&cleaner, mode, &input);
    let expected_path = case.join("expected.html");
    if std::env::var_os("BLESS").is_some() {
        fs::write(&expected_path, format!("{}\n", actual.trim_end()))
            .map_err(|e| format!("cannot write expected.html: {e}"))?;
    }
    let expected = fs::read_to_string(&expected_path)
        .map_err(|e| format!("cannot read expected.html: {e}"))?;
    if actual.trim_end() != expected.trim_end() {
        return Err(format!(
            "output differs\n--- expected\n{}\n--- actual\n{}\n",
            expected.trim_end(),
            actual.trim_end()
        )
        .into());
    }
    // Trailing white space is the file's, not the cleaner's (in a document it would move
    // into <body> on re-parse).
    let again = clean(&cleaner, mode, expected.trim_end());
    if again.trim_end() != expected.trim_end() {
        return Err(format!(
            "not idempotent: cleaning expected.html changes it\n--- expected\n{}\n--- cleaned again\n{}\n",
            expected.trim_end(),
            again.trim_end()
        )
        .into());
    }
    Ok(())
}
