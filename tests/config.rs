//! One configuration: TOML → [`Config`] → [`CleanerBuilder`] → the cleaner. The command-line
//! tool (`articlean.toml`) and the fixtures (`options.toml`) read the same `Config` with
//! `Config::from_toml_str` and build it with `CleanerBuilder::from_config`; these tests hold
//! the keys, the errors and the equivalence with the builder's setters.
#![cfg(feature = "config")]

use articlean::{Cleaner, CleanerBuilder, Config, Error};

/// The `key = value` lines of the TOML example in `Config`'s documentation, which shows
/// every key with a value that is not its default.
fn documented() -> Vec<(String, String)> {
    let source = include_str!("../src/config.rs");
    let start = source.find("/// ```toml\n").expect("a TOML example") + "/// ```toml\n".len();
    let end = start + source[start..].find("/// ```\n").expect("its end");
    source[start..end]
        .lines()
        .map(|l| l.trim_start_matches("///").trim())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let l = l.split(" # ").next().unwrap_or(l).trim();
            let (key, _) = l.split_once(" = ").expect("key = value");
            (key.to_string(), l.to_string())
        })
        .collect()
}

/// The keys `Config::from_toml_str` accepts, as its error for an unknown key lists them.
fn valid_keys() -> Vec<String> {
    let e = Config::from_toml_str("no_such_key = 1").unwrap_err();
    let Error::InvalidConfig(message) = &e else {
        panic!("not InvalidConfig: {e:?}");
    };
    let list = &message[message.find("expected one of").expect("the valid keys")..];
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn every_documented_key_round_trips() {
    let documented = documented();
    let mut keys: Vec<&str> = documented.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    let mut valid = valid_keys();
    // The former name of `lazy_src_attributes`, still read.
    valid.retain(|k| k != "lazy_src_attribute");
    valid.sort_unstable();
    assert_eq!(keys, valid, "the documented keys are the keys read");
    for (key, line) in &documented {
        let config = Config::from_toml_str(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        assert_eq!(config.keys_set(), [key.as_str()], "{line} sets {key} only");
        let printed = config.to_toml_string();
        assert_eq!(
            Config::from_toml_str(&printed),
            Ok(config.clone()),
            "{printed}"
        );
        let builder = CleanerBuilder::from_config(&config);
        assert_eq!(builder.config(), &config, "{line}: the builder keeps it");
    }
    // All of them together, too.
    let all: Vec<&str> = documented.iter().map(|(_, l)| l.as_str()).collect();
    let config = Config::from_toml_str(&all.join("\n")).unwrap();
    assert_eq!(config.keys_set().len(), documented.len());
    assert_eq!(Config::from_toml_str(&config.to_toml_string()), Ok(config));
}

#[test]
fn unknown_keys_are_errors_that_list_the_valid_ones() {
    let e = Config::from_toml_str("base_url = \"https://example.com/\"\nimage_proxyy = \"x\"")
        .unwrap_err()
        .to_string();
    assert!(e.contains("unknown field `image_proxyy`"), "{e}");
    assert!(e.contains("line 2"), "the line is named: {e}");
    for (key, _) in documented() {
        assert!(e.contains(&format!("`{key}`")), "{key} is listed: {e}");
    }
    // Nested tables are checked too: an attribute list is a list of names.
    let e = Config::from_toml_str("attributes_allowed = { img = \"title\" }").unwrap_err();
    assert!(matches!(e, Error::InvalidConfig(_)), "{e:?}");
}

#[test]
fn bad_values_are_errors_naming_what_was_expected() {
    for (text, expected) in [
        ("embeds = \"yes\"", "expected a boolean"),
        ("tags_allowed = \"big\"", "expected a sequence"),
        ("base_url = 3", "expected a string"),
        (
            "lazy_src_attributes = 3",
            "an attribute name or a list of attribute names",
        ),
        ("embeds = ", "embeds"),
    ] {
        let e = Config::from_toml_str(text).unwrap_err().to_string();
        assert!(e.contains(expected), "{text}: {e}");
    }
    // A well-formed file with a bad value is reported by build(), as with the setters.
    let config = Config::from_toml_str("base_url = \"not a url\"").unwrap();
    let e = CleanerBuilder::from_config(&config).build().unwrap_err();
    assert!(matches!(e, Error::InvalidBaseUrl { .. }), "{e:?}");
}

#[test]
fn the_former_key_lazy_src_attribute_is_read() {
    let one = Config::from_toml_str("lazy_src_attribute = \"data-my-src\"").unwrap();
    let list = Config::from_toml_str("lazy_src_attributes = [\"data-my-src\"]").unwrap();
    assert_eq!(one, list);
    assert_eq!(one.lazy_src_attributes, ["data-my-src"]);
}

/// What a user relies on: a policy written in TOML cleans exactly as the same policy given to
/// the builder's setters (the CLI and the fixtures build from the TOML).
#[test]
fn toml_and_setters_build_the_same_cleaner() {
    let toml = r#"
        base_url = "https://example.com/news/"
        image_proxy = "https://images.weserv.nl/?url={url_encoded}"
        extra_tracking_params = ["from"]
        rules_off = ["junk"]
        tags_allowed = ["big"]
        attributes_allowed = { p = ["translate"], "*" = ["data-line"] }
        attributes_removed = { img = ["width"] }
        url_schemes_allowed = ["magnet"]
        link_rel = "noopener"
        nofollow = true
        classes_allowed = ["note"]
        ids_kept = "user-content-"
        embeds = true
        native_lazy_loading = false
        lazy_src_attributes = ["data-my-src"]
    "#;
    let config = Config::from_toml_str(toml).unwrap();
    let by_setters = Cleaner::builder()
        .with_base_url("https://example.com/news/")
        .with_image_proxy("https://images.weserv.nl/?url={url_encoded}")
        .with_extra_tracking_params(&["from"])
        .without_rule("junk")
        .with_tags_allowed(&["big"])
        .with_attributes_allowed("p", &["translate"])
        .with_attributes_allowed("*", &["data-line"])
        .with_attributes_removed("img", &["width"])
        .with_url_schemes_allowed(&["magnet"])
        .with_link_rel("noopener")
        .with_nofollow(true)
        .with_classes_allowed(&["note"])
        .with_ids_kept("user-content-")
        .with_embeds(true)
        .with_native_lazy_loading(false)
        .with_lazy_src_attribute("data-my-src");
    assert_eq!(by_setters.config(), &config);
    let from_toml = CleanerBuilder::from_config(&config).build().unwrap();
    let by_setters = by_setters.build().unwrap();
    let page = concat!(
        r#"<p class="note x" translate="no" data-line="2" id="a"><big>Big</big> "#,
        r#"<a href="magnet:?xt=1">m</a> <a href="/b?from=feed&utm_source=x">b</a></p>"#,
        r#"<img data-my-src="https://img.example.com/a.jpg" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="9">"#,
        r#"<iframe src="https://www.youtube.com/embed/abc"></iframe><div></div>"#,
    );
    let (a, b) = (from_toml.clean(page), by_setters.clean(page));
    assert_eq!(a, b);
    // And the settings did something.
    for part in [
        "class=\"note\"",
        "translate=\"no\"",
        "data-line=\"2\"",
        "id=\"user-content-a\"",
        "<big>",
        "magnet:",
        "https://example.com/b\"",
        "images.weserv.nl/?url=https%3A%2F%2Fimg.example.com%2Fa.jpg\">",
        "<iframe",
        "<div></div>",
        "rel=\"noopener nofollow\"",
    ] {
        assert!(a.html().contains(part), "{part}: {}", a.html());
    }
}

#[test]
fn a_setting_no_rule_that_runs_reads_is_an_error() {
    let conflict = |toml: &str| {
        let config = Config::from_toml_str(toml).unwrap();
        match CleanerBuilder::from_config(&config).build() {
            Err(Error::Conflict(m)) => m,
            other => panic!("{toml}: {other:?}"),
        }
    };
    let m = conflict("rules_off = [\"lazy_images\"]\nnative_lazy_loading = false");
    assert!(
        m.contains("native_lazy_loading") && m.contains("lazy_images"),
        "{m}"
    );
    let m = conflict("only_rules = [\"junk\"]\nlink_redirects = false");
    assert!(m.contains("link_redirects") && m.contains("links"), "{m}");
    let m = conflict("rules_off = [\"sanitize\"]\nallow_unsafe_output = true\nnofollow = true");
    assert!(m.contains("nofollow") && m.contains("sanitize"), "{m}");
    // Tracking parameters are read by two rules: one of them on is enough.
    let config = Config::from_toml_str("rules_off = [\"links\"]\nstrip_tracking_params = false");
    assert!(CleanerBuilder::from_config(&config.unwrap())
        .build()
        .is_ok());
    let m = conflict("rules_off = [\"links\", \"proxied_urls\"]\nstrip_tracking_params = false");
    assert!(m.contains("proxied_urls and links"), "{m}");
    let m = conflict("classes_kept = true\nclasses_allowed = [\"note\"]");
    assert!(m.contains("classes_allowed"), "{m}");
}

#[test]
fn the_final_stage_stays_unless_unsafe_output_is_allowed() {
    let build =
        |toml: &str| CleanerBuilder::from_config(&Config::from_toml_str(toml).unwrap()).build();
    let e = build("rules_off = [\"sanitize\"]").unwrap_err();
    assert!(e.to_string().contains("allow_unsafe_output"), "{e}");
    let only = build("only_rules = [\"links\"]").unwrap();
    assert_eq!(only.rule_names().collect::<Vec<_>>(), ["links", "sanitize"]);
    let off = build("rules_off = [\"sanitize\"]\nallow_unsafe_output = true").unwrap();
    assert!(off.rule_names().all(|n| n != "sanitize"));
    assert!(off
        .clean("<p>a<script>x()</script></p>")
        .html()
        .contains("<script>"));
}
