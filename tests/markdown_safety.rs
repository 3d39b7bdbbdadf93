//! Markdown posts must be safe once rendered (issue #11, part 1): every family of raw HTML and
//! Markdown-native vector, in every block and inline context a post has, with and without
//! front matter, is cleaned by `clean_post`, rendered by pulldown-cmark with raw HTML passed
//! through (three renderer settings), and checked by `common::safety`; cleaning again must
//! change nothing.
#![cfg(feature = "posts")] // Markdown posts, and telling a body apart

mod common;

use articlean::{BodyKind, Cleaner};
use common::markdown::{
    assert_no_problems, problems, render, renderer_options, unsafe_in_rendering,
};

/// The vector families of the issue, each with variations: `tests/markdown_vectors.txt`.
fn families() -> Vec<(String, Vec<String>)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/markdown_vectors.txt");
    let text = std::fs::read_to_string(path).expect("tests/markdown_vectors.txt");
    let mut families: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# ") {
            families.push((name.to_string(), Vec::new()));
        } else if !line.is_empty() {
            if let Some((_, vectors)) = families.last_mut() {
                vectors.push(line.replace("\\n", "\n"));
            }
        }
    }
    // The two header lines are comments, not families.
    families.retain(|(_, v)| !v.is_empty());
    assert!(families.len() >= 7, "{path}: {} families", families.len());
    families
}

/// Makes a post body around a vector.
type Context = Box<dyn Fn(&str) -> String>;

/// Every place a vector can stand in a post, as a function of the vector (each line of a
/// multi-line vector gets the container's prefix).
fn contexts() -> Vec<(&'static str, Context)> {
    fn prefixed(v: &str, first: &str, rest: &str) -> String {
        let mut out = String::new();
        for (i, line) in v.split('\n').enumerate() {
            out.push_str(if i == 0 { first } else { rest });
            out.push_str(line);
            out.push('\n');
        }
        out
    }
    vec![
        ("paragraph", Box::new(|v| format!("Hello {v} world\n"))),
        ("line start", Box::new(|v| format!("{v}\n\nText after.\n"))),
        (
            "after a paragraph line",
            Box::new(|v| format!("Some text\n{v}\n")),
        ),
        ("list item", Box::new(|v| prefixed(v, "- a ", "  "))),
        ("list item start", Box::new(|v| prefixed(v, "1. ", "   "))),
        ("quote", Box::new(|v| prefixed(v, "> ", "> "))),
        (
            "quote start",
            Box::new(|v| format!("> x\n>\n{}", prefixed(v, "> ", "> "))),
        ),
        ("quote in list", Box::new(|v| prefixed(v, "- > ", "  > "))),
        (
            "heading",
            Box::new(|v| format!("# Title {}\n", v.replace('\n', " "))),
        ),
        (
            "setext heading",
            Box::new(|v| format!("{}\n===\n", v.replace('\n', " "))),
        ),
        (
            "table cell",
            Box::new(|v| format!("| a | b |\n|---|:-:|\n| {} | c |\n", v.replace('\n', " "))),
        ),
        (
            "emphasis",
            Box::new(|v| format!("*{}* and **x {v}**\n", v.replace('\n', " "))),
        ),
        (
            "link text",
            Box::new(|v| format!("[{}](https://e.example/)\n", v.replace('\n', " "))),
        ),
        ("html block", Box::new(|v| format!("<div>\n{v}\n</div>\n"))),
        (
            "unbalanced html block",
            Box::new(|v| format!("<div align=\"center\">\n{v}\n\n**Bold** text.\n\n</div>\n")),
        ),
        (
            "after code",
            Box::new(|v| format!("`code` {v} ```x```\n\n```\n{v}\n```\n")),
        ),
        (
            "task list",
            Box::new(|v| format!("- [ ] {}\n", v.replace('\n', " "))),
        ),
        (
            "footnote",
            Box::new(|v| format!("x[^1]\n\n[^1]: {}\n", v.replace('\n', " "))),
        ),
    ]
}

#[test]
fn every_vector_in_every_context_is_safe_once_rendered() {
    let cleaner = Cleaner::default();
    let mut cases = 0;
    let mut failures = Vec::new();
    let mut per_family = Vec::new();
    for (family, vectors) in families() {
        let mut failed = 0;
        for vector in &vectors {
            for (context, make) in contexts() {
                let body = make(vector);
                for front in ["", "---\ntitle: t\n---\n"] {
                    let post = format!("{front}{body}");
                    cases += 1;
                    let found = problems(&cleaner, &post);
                    if !found.is_empty() {
                        failed += 1;
                        failures.push(format!(
                            "{family} / {context}: {post:?}\n  {}",
                            found.join("\n  ")
                        ));
                    }
                }
            }
        }
        per_family.push(format!("{family}: {failed} failing"));
    }
    eprintln!("{cases} posts; {}", per_family.join("; "));
    assert!(
        failures.is_empty(),
        "{} of {cases} posts fail:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The raw vectors are not harmless: rendered uncleaned, the checker sees them (so the test
/// above could fail).
#[test]
fn the_checker_sees_the_raw_vectors() {
    let mut seen = 0;
    let mut total = 0;
    for (_, vectors) in families() {
        for vector in &vectors {
            total += 1;
            // In a paragraph, an HTML block, a heading (attribute lists), under any setting
            // (extensions: heading attributes, wikilinks).
            let posts = [
                format!("Hello {vector} world\n"),
                format!("<div>\n{vector}\n</div>\n"),
                format!("# Title {}\n", vector.replace('\n', " ")),
            ];
            let seen_by = |post: &String| {
                renderer_options()
                    .iter()
                    .any(|(_, options)| !unsafe_in_rendering(&render(post, *options)).is_empty())
            };
            if posts.iter().any(seen_by) {
                seen += 1;
            }
        }
    }
    // A few vectors only run through a misreading cleaner (the write-back family).
    assert!(seen * 10 >= total * 8, "{seen} of {total}");
}

#[test]
fn what_stays_stays() {
    let cleaner = Cleaner::default();
    // Markdown outside raw HTML byte for byte; excerpt markers; centring with an open div;
    // code spans and blocks untouched even with `$`.
    let body = "# Title $x$\n\nText with `<svg onload=x>` code and $<b>bold</b>$.\n\n<!-- more -->\n\n<div align=\"center\">\n\n**Bold** and [a link](https://example.com \"t\").\n\n</div>\n\n```html\n<script>kept()</script>\n```\n\n[x]: https://example.com/x\n";
    let out = cleaner.clean_post_as(body, BodyKind::Markdown);
    assert_eq!(
        out.html(),
        body.replace("<div align=\"center\">", "<div>"),
        "{}",
        out.report()
    );
    // A link's unsafe destination becomes `#`; its text and title stay.
    let out = cleaner.clean_post_as("[x *y*](javascript:alert(1) \"t\")\n", BodyKind::Markdown);
    assert_eq!(out.html(), "[x *y*](# \"t\")\n");
    // An unsafe autolink becomes text.
    let out = cleaner.clean_post_as("a <javascript:alert(1)> b\n", BodyKind::Markdown);
    assert_eq!(out.html(), "a &lt;javascript:alert(1)> b\n");
    // A definition used by a link.
    let out = cleaner.clean_post_as(
        "[x][r]\n\n[r]: javascript:alert(1) \"t\"\n",
        BodyKind::Markdown,
    );
    assert_eq!(out.html(), "[x][r]\n\n[r]: <#> \"t\"\n");
    // The attribute value that would have ended the HTML block keeps its newlines encoded.
    let post = "<details open title=\"a&#10;&#10;\"><b title=\" ontoggle=alert(1) \" lang=\"x\">x</b></details>\n\nText.\n";
    let out = cleaner.clean_post_as(post, BodyKind::Markdown);
    assert_eq!(
        out.html(),
        "<details open=\"\" title=\"a&#10;&#10;\"><b title=\" ontoggle=alert(1) \" lang=\"x\">x</b></details>\n\nText.\n"
    );
}

/// Issue #13: `<a f='<a f=''>'>` was cleaned to `<a f='<a>'>`, then to `<a>`: a cleaned
/// piece glued with the text `<` before it into a new tag.
#[test]
fn a_cleaned_piece_never_glues_with_text_into_a_new_tag() {
    let cleaner = Cleaner::default();
    for post in [
        "<a f='<a f=''>'>\n",
        "x <a f='<a f=''>'> y\n",
        "<<svg>img src=x onerror=alert(1)>\n",
        "- a <b title=\"<i x=y>\" <i onclick=z>>\n",
    ] {
        let once = cleaner.clean_post(post).into_html();
        let twice = cleaner.clean_post(&once).into_html();
        assert_eq!(once, twice, "{post:?}");
        assert!(
            !once.contains("<a f") && !once.contains("onclick") && !once.contains("<img"),
            "{post:?} -> {once:?}"
        );
    }
}

/// A `.md` post whose body is HTML is rendered as Markdown too: `clean_post` writes it so that
/// the renderer passes it through as one HTML block (no blank line, no line break in a tag);
/// `clean_post_as(…, Html)` (for `.html` files) writes the HTML cleaner's output as it is.
#[test]
fn html_bodies_of_markdown_posts_are_safe_as_markdown_too() {
    let cleaner = Cleaner::default();
    let post = "---\ntitle: t\n---\n<div><p title=\"a&#10;&#10;[x](javascript:alert(1))\">y</p><p>one&#10;&#10;    <b>two</b></p></div>\n";
    assert_eq!(articlean::Post::split(post).body_kind(), BodyKind::Html);
    let out = cleaner.clean_post(post).into_html();
    assert_eq!(
        out,
        "---\ntitle: t\n---\n<div><p title=\"a&#10;&#10;[x](javascript:alert(1))\">y</p><p>one\n&#10;    <b>two</b></p></div>\n"
    );
    assert!(
        problems(&cleaner, post).is_empty(),
        "{:?}",
        problems(&cleaner, post)
    );
    let html_only = cleaner.clean_post_as(post, BodyKind::Html).into_html();
    assert!(html_only.contains("title=\"a\n\n[x]"), "{html_only}");
}

/// A refused destination of a definition whose label is a footnote's (`[^1]: …`, a footnote
/// to a renderer with footnotes) is replaced without changing the blocks after it, so
/// cleaning again changes nothing. Found by `markdown_props` at 20,000 cases: the
/// replacement `#` began the footnote with an empty heading, and a second cleaning read the
/// HTML block after it otherwise (`>` became `&gt;`).
#[test]
fn a_refused_footnote_label_destination_keeps_the_blocks_after_it() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "x[^1]\n\n[^1]: &#58;\n<a>\n> \n",
        "<img src=x a'b onerror=alert(1)>[^1]\n\n[^1]: &#58;  \n<a href=javascript:alert(1)>\n> \n\n[r]: javascript:alert(2)\n",
        "x[^n]\n\n[^n]: javascript:alert(1)\n- a\n> q\n",
        "See [the note][^2].\n\n[^2]: <vbscript:x> \"t\"\n<b>bold</b>\n> quoted\n",
    ]);
}

/// The start tags the Markdown path writes itself (an element left open in its piece, which
/// the cleaner would not keep alone: hidden, a table cell outside a table, a link whose
/// text is Markdown) follow the policy as the HTML sanitizer applies it: no `style`, no
/// `id` without the policy's prefix, no class the policy drops, `rel` and `target` as the
/// policy writes them (never the author's `rel="opener"`), and no element the policy
/// unwraps or removes. They were checked with the allowance meant for the renderer's own
/// structure (`style` on table cells, `class` and `id` on `div`, `class` on `span`…) and
/// without the sanitizer's value rules: a page could keep `<div id="config">` (DOM
/// clobbering) or `<a target="_blank" rel="opener">` (the linked page gets the window).
/// Checked on every element of the rendered post (none of these posts has Markdown
/// structure but paragraphs).
#[test]
fn tags_the_markdown_path_writes_follow_the_policy() {
    use articlean::{CleanerBuilder, Config};
    use markup5ever_rcdom::NodeData;
    let vectors = [
        // Left open in an HTML block, Markdown inside.
        "<div id=\"config\" class=\"modal\" style=\"display:none\">\n\ntext\n\n</div>",
        "<table><tr>\n<td style=\"position:fixed;inset:0;background:red\" class=\"x\">\n\ntext\n\n</td></tr></table>",
        "<a href=\"https://a.example/\" target=\"_blank\" rel=\"opener\" hidden>\n\ntext\n\n</a>",
        "<span id=\"config\" class=\"modal\" hidden>\n\ntext\n\n</span>",
        "<ul><li style=\"color:red\" id=\"x\" class=\"y\">\n\ntext\n\n</li></ul>",
        // Left open inline.
        "Hello <span class=\"note modal\" id=\"config\" hidden>s",
        "Hello <a href=\"https://a.example/\" target=\"_top\" rel=\"opener\" hidden>x",
        "Hello <b id=\"config\" class=\"note x\" hidden>d",
        "Hello <code class=\"x\" id=\"y\" hidden>c",
        // Closed, and plain.
        "Hello <a href=\"https://b.example/\">b</a> and <span class=\"note\">s</span> world",
        "Hello <b id=\"config\" class=\"note\">b</b> world",
    ];
    // (settings, the ids' prefix, the classes kept (None: all), `rel`, new tab, elements gone)
    type Expect = (
        &'static str,
        Option<&'static str>,
        Option<&'static [&'static str]>,
        Option<&'static str>,
        bool,
        &'static [&'static str],
    );
    let policies: [Expect; 6] = [
        ("", None, Some(&[]), Some("noopener noreferrer"), false, &[]),
        (
            "ids_kept = \"u-\"\nclasses_allowed = [\"note\"]",
            Some("u-"),
            Some(&["note"]),
            Some("noopener noreferrer"),
            false,
            &[],
        ),
        (
            "classes_kept = true\nlinks_in_new_tab = true",
            None,
            None,
            Some("noopener noreferrer"),
            true,
            &[],
        ),
        (
            "tags_unwrapped = [\"a\", \"span\", \"b\"]",
            None,
            Some(&[]),
            Some("noopener noreferrer"),
            false,
            &["a", "span", "b"],
        ),
        (
            "tags_removed = [\"a\", \"span\", \"div\"]",
            None,
            Some(&[]),
            Some("noopener noreferrer"),
            false,
            &["a", "span", "div"],
        ),
        ("link_rel = \"\"", None, Some(&[]), None, false, &[]),
    ];
    let mut failures = Vec::new();
    let mut elements = 0;
    for (settings, ids, classes, rel, new_tab, gone) in policies {
        let config = Config::from_toml_str(settings).expect("valid TOML");
        let cleaner = CleanerBuilder::from_config(&config).build().expect("valid");
        for vector in vectors {
            let post = format!("{vector}\n");
            let once = cleaner.clean_post_as(&post, BodyKind::Markdown).into_html();
            for (name, options) in renderer_options() {
                let rendered = render(&once, options);
                let parsed = common::safety::parse(&rendered);
                let mut stack = vec![parsed.root.clone()];
                while let Some(node) = stack.pop() {
                    stack.extend(node.children.borrow().iter().cloned());
                    let NodeData::Element {
                        name: el, attrs, ..
                    } = &node.data
                    else {
                        continue;
                    };
                    elements += 1;
                    let el = &*el.local;
                    let mut bad: Vec<String> = Vec::new();
                    if gone.contains(&el) {
                        bad.push(format!("<{el}>"));
                    }
                    for a in attrs.borrow().iter() {
                        let (attr, value) = (&*a.name.local, &*a.value);
                        let ok = match attr {
                            "id" => ids.is_some_and(|p| value.starts_with(p)),
                            "class" => classes.is_none_or(|kept| {
                                value.split_ascii_whitespace().all(|c| kept.contains(&c))
                            }),
                            "rel" => rel == Some(value),
                            "target" => new_tab && value == "_blank",
                            "href" => el == "a",
                            _ => false,
                        };
                        if !ok {
                            bad.push(format!("{attr}={value:?} on <{el}>"));
                        }
                    }
                    if !bad.is_empty() {
                        failures.push(format!(
                            "[{settings}] [{name}] {post:?}\n  cleaned {once:?}\n  rendered {rendered:?}\n  {}",
                            bad.join(", ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} elements of {elements} hold what the policy does not keep:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A `<…>` destination that reads as a tag is written bare; a `[` in it is then outside the
/// `<…>` that kept it apart, where the next cleaning writes it `&#91;` (a definition's `[`
/// that opens no label): cleaning again changed the post. Found by `markdown_props` at
/// 20,000 cases (`[^1]: <p title="a&#10;&#10;[x](javascript:alert(1))">`).
#[test]
fn a_destination_written_bare_is_cleaned_once() {
    let cleaner = Cleaner::default();
    assert_no_problems(
        &cleaner,
        &[
            "[^1]: <p title=\"a&#10;&#10;[x](javascript:alert(1))\">\n\n[r]: javascript:alert(2)\n",
            "- <svg onload=alert(1)>\n[^1]: <p title=\"a&#10;&#10;[x](javascript:alert(1))\">\n",
            "[r]: <a href=\"[y](z)\">\n\n[r]\n",
            "x[^n]\n\n[^n]: <b x=[y]>\n",
            "[a]: <img src=x alt=[b]] \"t\"\n\n[a]\n",
        ],
    );
}

/// A footnote definition line inside a GFM table: pulldown-cmark ends the table there and
/// reads the lines after it as the footnote's paragraph (a code span across them hides their
/// raw HTML), but a renderer with tables and no footnotes (marked, as Hexo runs it;
/// markdown-it without its footnote plugin) reads each line as a table row, its cells parsed
/// apart: the HTML was live there. Found by `markdown_props` at 20,000 cases.
#[test]
fn a_footnote_line_in_a_table_is_a_row_to_renderers_without_footnotes() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "a|b\n-|-\n[^1]: `x\n<img src=x onerror=alert(1)> `\n",
        "a|b\n-|-\n[^1]: `x\n| <img src=x onerror=alert(1)> `\n",
        "| a | b |\n|---|---|\n| c | d |\n[^note]: `x\n| e | <svg onload=alert(1)> ` |\n",
        "a|b\n-|-\n[^1]: x `y\n<a href=javascript:alert(1)>z</a> `\n",
        "  <a href=javascript:alert(1)>|<img src=x onerror=alert(1)>\n|---|---|\n[^1]: <a href=javascript:alert(1)><div id=\"1\"><form id=\"foobar\"></form><button form=\"foobar\" formaction=\"javascript:alert(1)\">X</button>//[\"'`-->]]>]</div>\n|---|---|\n| <div id=\"1\"><form id=\"foobar\"></form><button form=\"foobar\" formaction=\"javascript:alert(1)\">X</button>//[\"'`-->]]>]</div>\n",
    ]);
}

/// A URL literal (`www.a.com/…`) runs on over backticks in marked (Hexo) and goldmark's
/// linkify (Hugo): a backtick glued to one opens no code span there, and the HTML that
/// pulldown-cmark reads as code after it is live (`www.a.com/` <img src=x onerror=…> ``
/// ran the handler in marked 18). Such a backtick is written escaped, and what follows is
/// cleaned as HTML.
#[test]
fn a_backtick_in_a_url_literal_opens_no_code_span() {
    let cleaner = Cleaner::default();
    for post in [
        "www.a.com/` <img src=x onerror=alert(1)> `\n",
        "Visit https://a.example/x`<svg onload=alert(1)>`.\n",
        "- see WWW.a.com/``<a href=javascript:alert(1)>x</a>``\n",
        "| a |\n|---|\n| ftp://a.example/` <img src=x onerror=alert(1)> ` |\n",
        "> http://a.example/(`<img src=x onerror=alert(1)>`)\n",
    ] {
        let once = cleaner.clean_post(post).into_html();
        assert!(
            !once.contains("onerror") && !once.contains("onload") && !once.contains("javascript:"),
            "{post:?}\n→ {once:?}"
        );
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}\n  {}", found.join("\n  "));
    }
    // A code span that opens before the literal, or after white space, stays code.
    for post in ["`www.a.com/<b>` x\n", "www.a.com/ `<b>`\n"] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
}

/// Found by `markdown_props` at 20,000 cases (seed 7) once URL literals were read: a `<`
/// between a literal and a backtick ended the literal, then a later pass wrote it `&lt;`
/// (which a literal runs over), and cleaning again escaped the backtick.
#[test]
fn a_url_literal_cut_by_a_tag_is_read_once() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "[^1]: ![i](https://cors.example.workers.dev/?http://img.example.com/a.jpg)</details>`\n    `\n\n[r]: javascript:alert(2)\n",
        "www.a.com/</b>` <img src=x onerror=alert(1)> `\n",
        "[x]: http://a.example/<b>`y`\n",
    ]);
}

/// pulldown-cmark with heading attributes (Zola, mdBook) ends a heading's line at `\n` only:
/// after `# a\r`, what every other reading sees as the next line (a fence opening, here) was
/// part of the heading, and the HTML the cleaner read as code was live. A lone `\r` is
/// written `\r\n`.
#[test]
fn a_lone_cr_ends_a_heading_for_every_renderer() {
    let cleaner = Cleaner::default();
    for post in [
        "# a\r   ```\n<img src=x onerror=alert(1)>\n",
        "## a {.c}\r~~~\n---\n# <img src=x onerror=alert(1)>\n",
        "x\n\n# <b>a</b>\r```\r<svg onload=alert(1)>\r",
    ] {
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}\n  {}", found.join("\n  "));
        let once = cleaner.clean_post(post).into_html();
        assert!(!once.replace("\r\n", "").contains('\r'), "{once:?}");
    }
}

/// The `{…}` attribute lists of Markdown extensions: what stays when the policy keeps it, and
/// that a neutralised list still reads as its text.
#[test]
fn attribute_lists_the_policy_keeps_stay() {
    let cleaner = Cleaner::default();
    for post in [
        "# Title {#intro}\n",
        "Note.\n{: .notice}\n",
        "![a](https://a.example/a.png){: width=\"300\" title=\"A\"}\n",
        "A video:\n\n{{< youtube abc >}}\n\n{% include note.html text=\"x\" %}\n",
        "`{onclick=x}`\n",
    ] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
    // An image's `width` on a heading is not kept: that list alone is made text, not every
    // `<` of the post (the verifier's last resort).
    assert_eq!(
        cleaner
            .clean_post("# Title {width=300}\n\n<b>bold</b>\n")
            .html(),
        "# Title &#123;width=300}\n\n<b>bold</b>\n"
    );
    let cleaned = cleaner.clean_post("# Title {onclick=alert(1)}\n");
    assert_eq!(cleaned.html(), "# Title &#123;onclick=alert(1)}\n");
    let (_, gfm) = common::markdown::renderer_options()[1];
    assert_eq!(
        render(cleaned.html(), gfm),
        "<h1>Title {onclick=alert(1)}</h1>\n"
    );
}

/// An `#id` in an attribute list is an `id` of the author's choosing, which names a global of
/// the page it lands in (DOM clobbering: `<a id="config" href="https://evil.example/x">` is
/// `window.config`, its text the URL). It is checked as `id="…"` is (kept only with the
/// policy's id prefix), but at the end of a heading, whose renderers write an id from its
/// text anyway: after a link, an emphasis, a paragraph or a list item (markdown-it-attrs,
/// kramdown), it is made text.
#[test]
fn an_id_in_an_attribute_list_follows_the_id_policy() {
    let cleaner = Cleaner::default();
    for (post, expected) in [
        (
            "[a](https://evil.example/x){#config}\n",
            "[a](https://evil.example/x)&#123;#config}\n",
        ),
        ("A note. {#location}\n", "A note. &#123;#location}\n"),
        ("A note.\n{: #cookie}\n", "A note.\n&#123;: #cookie}\n"),
        (
            "- item {#defaultConfig .x}\n",
            "- item &#123;#defaultConfig .x}\n",
        ),
        (
            "![a](https://a.example/a.png){: #__proto__ width=\"3\"}\n",
            "![a](https://a.example/a.png)&#123;: #__proto__ width=\"3\"}\n",
        ),
        // In a heading, but the link's to markdown-it-attrs and kramdown.
        (
            "# [a](https://evil.example/x){#config}\n",
            "# [a](https://evil.example/x)&#123;#config}\n",
        ),
        ("# a {#config} b\n", "# a &#123;#config} b\n"),
    ] {
        let cleaned = cleaner.clean_post(post);
        assert_eq!(cleaned.html(), expected, "{post:?}");
        // And it reads as the text it was.
        let (_, gfm) = renderer_options()[1];
        assert!(
            !render(cleaned.html(), gfm).contains("&amp;#123;"),
            "{post:?}"
        );
    }
    // A heading's own list stays (its renderers write an id from its text anyway).
    for post in [
        "# Title {#intro}\n",
        "## Title {#intro .wide}\n",
        "# Title {#intro} ##\n",
        "Title {#intro}\n=====\n",
        "# [A link](https://a.example/) {#intro}\n",
    ] {
        assert_eq!(cleaner.clean_post(post).html(), post);
    }
    // With ids kept under a prefix, an id with it stays anywhere.
    let prefixed = Cleaner::builder().with_ids_kept("u-").build().unwrap();
    let post = "[a](https://a.example/){#u-note}\n";
    assert_eq!(prefixed.clean_post(post).html(), post);
    assert_eq!(
        prefixed
            .clean_post("[a](https://a.example/){#note}\n")
            .html(),
        "[a](https://a.example/)&#123;#note}\n"
    );
}

/// Pass 2 writes a definition's `<` as `&lt;` where pulldown-cmark reads the same line as an
/// HTML block in a footnote's quote, which pass 1 then writes `&lt;/tr&gt;`: cleaning twice
/// changed the body once more. Both passes run again while pass 2 changes something.
#[test]
fn text_pass_2_escapes_is_cleaned_once() {
    let cleaner = Cleaner::default();
    assert_no_problems(
        &cleaner,
        &[
            "Text[^1]\n\n[^1]: ></td></tr></table>\n",
            "[^a]: > </div><b>x</b></p>\n",
            "a[^1]\n\n[^1]: ></th>\n    <a href=x>y</a>\n",
        ],
    );
}

/// pulldown-cmark's footnotes as they were before its 0.10 go on over the lines after
/// `[^1]:`: there `</b>` opens an HTML block that holds the next line's tag, which every other
/// reading sees as paragraph text under a definition.
#[test]
fn old_footnotes_are_a_reading_too() {
    let cleaner = Cleaner::default();
    assert_no_problems(
        &cleaner,
        &[
            "[^1]: </b>\n?><SCRIPT SRC=http://a.example/x.js\n\n[r]: javascript:alert(2)\n",
            "x[^1]\n\n[^1]: </i>\n<img src=x onerror=alert(1)\n",
        ],
    );
}

/// Found by `markdown_props` with attribute lists and wikilinks in its alphabet: a list
/// after a doubled `{`; a list in a definition that a renderer refuses (then it is text, and
/// over a `-` line a heading); a `](` in a refused definition closing a `[` above it; a
/// wikilink over the lines of a paragraph.
#[test]
fn lists_definitions_and_wikilinks_found_by_the_property_test() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "{{onclick=alert(1)}\n\n[r]: javascript:alert(2)\n",
        "[r]: {onclick=alert(1)}\n- \n\n[r]: javascript:alert(2)\n",
        "[\n[^1]: \n[r]: ![i](javascript:alert(1))\n\n[r]: javascript:alert(2)\n",
        "[[javascript:alert(1)\n|---|---|\n    [x](javascript:alert(1))[[javascript:alert(1)|x]]\n",
    ]);
}

/// Found by `markdown_props` at seed 11 (20,000 cases): doubled and odd `{`s around a list,
/// where a `{` this cleaning writes `&#123;` (the first of a post, Hugo's JSON front matter;
/// a list's own; one escaped with `\`) changed where the next cleaning read a list from an
/// earlier `{`: safe, but cleaning twice escaped one more `{`.
#[test]
fn braces_around_lists_are_neutralised_once_for_all() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "{{<details open title=\"a&#10;&#10;\">{onclick=alert(1)}\n\n[r]: javascript:alert(2)\n",
        "{{<b>{onclick=alert(1)}\n",
        "x {{onclick=x{onclick=alert(1)}\n",
        "x {\\{onclick=alert(1)}\n",
        "{{onclick=x{onclick=alert(1)}\n",
    ]);
}

/// The info string of a fenced code block is a list's place too: markdown-it-attrs puts
/// `{onclick=…}` there on the `<code>` (```` ```js {onclick=alert(1)} ```` renders
/// `<code onclick="alert(1)" class="language-js">`), and pandoc writes a ```` ```{=html} ````
/// block raw. pulldown-cmark reads neither, so the renderings checked elsewhere cannot see
/// them: the cleaned body must hold no such list.
#[test]
fn lists_in_fence_info_strings_are_text() {
    let cleaner = Cleaner::default();
    for (post, list) in [
        ("```js {onclick=alert(1)}\nx\n```\n", "{onclick"),
        ("~~~{.c onmouseover=alert(1)}\nx\n~~~\n", "{.c onmouseover"),
        ("> ```python \\{style=\"position:fixed\"}\n> x\n", "{style"),
        (
            "- ```{=html}\n  <script>alert(1)</script>\n  ```\n",
            "{=html",
        ),
        ("````` {href=javascript:alert(1)}\n```\n`````\n", "{href"),
    ] {
        let out = cleaner.clean_post(post).into_html();
        assert!(!out.contains(list), "{post:?}\n  out: {out:?}");
        let found = problems(&cleaner, post);
        assert!(found.is_empty(), "{post:?}\n  {}", found.join("\n  "));
    }
    // Classes stay, and a list in the code itself is code.
    let post = "```js {.numberLines}\n{onclick=x}\n```\n";
    assert_eq!(cleaner.clean_post(post).into_html(), post);
}

/// Found by `markdown_props` at seed 22 (20,000 cases): the readings a body is cleaned under
/// follow from it (a `$` adds `$` math, a `[^` the footnote readings), and the only `$` was in
/// a dropped tag: the next cleaning read the body without math and escaped a table's `|`s
/// that this one had left. A body that loses a reading's trigger is cleaned under the
/// readings it has left.
#[test]
fn a_reading_lost_with_a_dropped_tag_changes_nothing_next_time() {
    let cleaner = Cleaner::default();
    assert_no_problems(&cleaner, &[
        "[^1]: <div id=\"14\"><input pattern=^((a+.)a)+$ value=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!>//[\"'`-->]]>]</div>\r<img src=x onerror=alert(1)>\n|---|---|\n\n\n[r]: javascript:alert(2)\n",
        "[^1]: <div><input value=$>x</div>\r<img src=x>\n|---|---|\n",
        "[^1]: <div title=\"$\" onclick=x>x</div>\r<img src=x>\n|---|---|\n",
        "<b title=\"[^1]\" onclick=x>[^1]: <div>x</div>\r<img src=x>\n|---|---|\n",
    ]);
}

/// Found by `markdown_props` at seed 23 (20,000 cases): a wikilink whose first `[` opens a
/// link or an image (`![[javascript:…]][r]]()`: an image with an empty destination to
/// CommonMark) is a wikilink to a renderer with wikilinks that refuses that link or image,
/// which wrote `<img src="javascript:alert(1)">`.
#[test]
fn wikilinks_opened_by_a_link_or_image_bracket_are_text() {
    let cleaner = Cleaner::default();
    assert_no_problems(
        &cleaner,
        &[
            "![[javascript:alert(1)]][r]]()\n\n[r]: javascript:alert(2)\n",
            "[[javascript:alert(1)]](https://a.example/)\n",
            "[[javascript:alert(1)|x]][r]\n\n[r]: https://a.example/\n",
        ],
    );
}
