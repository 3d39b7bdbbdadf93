//! Attacks on what landed in session 17: a page's own `<base href>`, Markdown posts with a
//! base URL, the sanitizer policy's one store.

use articlean::{rule_fn, Action, Cleaner};

fn noop_cleaner() -> Cleaner {
    Cleaner::builder()
        .with_rule(rule_fn("noop", |_, _| Action::Keep))
        .build()
        .unwrap()
}

/// A `<base href>` inside an element the sanitizer removes with its content (`<datalist>`,
/// `<portal>`) still sets the page's base in a browser, and in the tree the walk sees when a
/// user rule turns the parse-time filter off: the filtered parse dropped it with the element,
/// so the two paths resolved the page's URLs differently.
#[test]
fn a_base_inside_an_element_dropped_while_parsing_counts_on_every_path() {
    let wrappers = [
        "form", "button", "textarea", "select", "dialog", "nav", "footer", "aside", "header",
        "object", "embed", "iframe", "noscript", "frameset", "audio", "video", "canvas", "map",
        "applet", "marquee", "details", "summary", "menu", "input", "label", "fieldset", "legend",
        "datalist", "output", "progress", "meter", "slot", "portal", "picture", "table", "xmp",
        "noembed", "noframes", "title", "style", "script", "template",
    ];
    let mut bad = Vec::new();
    for w in wrappers {
        for shape in [
            format!("<!DOCTYPE html><body><{w}><base href=\"https://evil.example/x/\"></{w}><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
            format!("<!DOCTYPE html><body><{w}><div><base href=\"https://evil.example/x/\"></div></{w}><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
            format!("<!DOCTYPE html><body><svg><foreignObject><{w}><base href=\"https://evil.example/x/\"></{w}></foreignObject></svg><p>t<img src=\"a.jpg\" alt=\"\"><a href=\"b.html\">b</a></p>"),
        ] {
            let a = Cleaner::default().clean(&shape).into_html();
            let b = noop_cleaner().clean(&shape).into_html();
            if a != b {
                bad.push(format!("{shape}\n  on:  {a}\n  off: {b}"));
            }
        }
    }
    for b in &bad {
        eprintln!("{b}");
    }
    assert!(bad.is_empty(), "{} differ", bad.len());
}

#[test]
fn a_base_inside_a_datalist_sets_the_base() {
    let page = r#"<!DOCTYPE html><body><datalist><base href="https://cdn.example/x/"></datalist><p>t<img src="a.jpg" alt=""></p>"#;
    let html = articlean::clean(page);
    assert!(html.contains(r#"src="https://cdn.example/x/a.jpg""#), "{html}");
    // Foster-parented out of a table, moved by the adoption agency: same on both paths.
    for page in [
        r#"<table><tr><td><datalist><base href="https://one.example/"></datalist></td></tr><base href="https://two.example/"></table><img src="a.jpg" alt="">"#,
        r#"<datalist><b><base href="https://one.example/"><p>x</b>y</p></datalist><img src="a.jpg" alt="">"#,
        r#"<b><datalist><base href="https://one.example/"></b><p>x</p><img src="a.jpg" alt="">"#,
    ] {
        assert_eq!(
            Cleaner::default().clean(page).into_html(),
            noop_cleaner().clean(page).into_html(),
            "{page}"
        );
    }
}
