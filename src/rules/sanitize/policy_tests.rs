//! [`Policy`]'s look-ups against the lists it is built from (the builder's defaults and the
//! user's edits): what each list says is the oracle, never the policy's own tables.

use super::*;

fn norm(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// Whether `list` names `element` (or `"*"`) with `attr`.
fn pairs(list: &[(String, String)], element: &str, attr: &str) -> bool {
    list.iter()
        .any(|(t, a)| norm(t) == element && norm(a) == attr)
}

/// The fate of `name` as the lists say: the user's removals, then unwraps, then
/// allowances, then the defaults.
fn spec_fate(c: &SanitizerConfig, name: &str) -> Fate {
    let named = |list: &[String]| list.iter().any(|t| norm(t) == name);
    if named(&c.tags_removed) {
        Fate::Remove
    } else if named(&c.tags_unwrapped) {
        Fate::Unwrap
    } else if named(&c.tags_allowed) || KEPT.contains(&name) {
        Fate::Keep
    } else if REMOVED.contains(&name) {
        Fate::Remove
    } else if READ_AS_TEXT.contains(&name) {
        Fate::Read
    } else {
        Fate::Unwrap
    }
}

/// Whether `attr` may stay on `element` as the lists say: a global attribute or one of
/// the element's own (by default or allowed), unless removed everywhere or from the
/// element (a global one too: `with_attributes_removed("a", &["title"])`).
fn spec_attr(c: &SanitizerConfig, element: &str, attr: &str) -> bool {
    let global = GLOBAL_ATTRS.contains(&attr) || pairs(&c.attrs_allowed, "*", attr);
    let own = ELEMENT_ATTRS
        .iter()
        .any(|(e, list)| *e == element && list.contains(&attr))
        || pairs(&c.attrs_allowed, element, attr);
    !pairs(&c.attrs_removed, "*", attr)
        && !pairs(&c.attrs_removed, element, attr)
        && (global || own)
}

fn configs() -> Vec<SanitizerConfig> {
    let strings = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let pairs = |l: &[(&str, &str)]| {
        l.iter()
            .map(|(t, a)| (t.to_string(), a.to_string()))
            .collect::<Vec<_>>()
    };
    vec![
        SanitizerConfig::default(),
        SanitizerConfig {
            // Dynamic atoms (`my-widget`, `my-old-widget`), inline ones (`x-gone`),
            // static ones; names in capitals and with spaces around.
            tags_allowed: strings(&["big", " MARQUEE ", "my-widget", "kbd"]),
            tags_removed: strings(&[" Aside", "nav", "x-gone", "my-old-widget", "p"]),
            tags_unwrapped: strings(&["u", "button", "x-never-kept", "kbd-like"]),
            attrs_allowed: pairs(&[
                ("p", "translate"),
                ("*", "data-line"),
                ("my-widget", "data-kind"),
                ("my-widget", "HREF"),
                ("IMG", " data-credit "),
                ("x-unlisted", "data-x"),
                ("a", "data-line"),
            ]),
            attrs_removed: pairs(&[
                ("img", "width"),
                ("*", "hreflang"),
                ("a", "title"),
                ("p", "lang"),
                ("x-unlisted", "data-x"),
                ("blockquote", "cite"),
                ("section", "dir"),
            ]),
            ..Default::default()
        },
    ]
}

/// Every look-up answers what the lists the policy is built from say, for every HTML
/// element, every name the lists give and names they never give (static, inline and
/// dynamic atoms), each with every attribute the lists name and others; the iterations
/// give each element once, in the order the lists name them.
#[test]
fn look_ups_answer_as_the_lists() {
    for c in configs() {
        let policy = c.build().unwrap();
        let mut elements: Vec<String> = crate::dom::names::HTML_ELEMENTS
            .split_ascii_whitespace()
            .chain(KEPT.iter().chain(REMOVED).chain(READ_AS_TEXT).copied())
            .chain(ELEMENT_ATTRS.iter().map(|(e, _)| *e))
            .chain([
                "x-never-named-anywhere",
                "zz",
                "lite-youtube",
                "foreignObject",
            ])
            .map(String::from)
            .collect();
        let mut attrs: Vec<String> = GLOBAL_ATTRS
            .iter()
            .chain(URL_ATTRS)
            .chain(ELEMENT_ATTRS.iter().flat_map(|(_, l)| l.iter()))
            .chain(&["data-never-named-anywhere", "x", "class", "id", "onclick"])
            .map(|a| a.to_string())
            .collect();
        for (t, a) in c.attrs_allowed.iter().chain(&c.attrs_removed) {
            elements.push(norm(t));
            attrs.push(norm(a));
        }
        elements.extend(
            c.tags_allowed
                .iter()
                .chain(&c.tags_removed)
                .chain(&c.tags_unwrapped)
                .map(|t| norm(t)),
        );
        let mut own = 0;
        for element in &elements {
            let local = LocalName::from(element.as_str());
            assert_eq!(policy.fate(&local), spec_fate(&c, element), "<{element}>");
            let map = policy.attrs_of(&local);
            for attr in &attrs {
                let want = spec_attr(&c, element, attr);
                let a = LocalName::from(attr.as_str());
                assert_eq!(policy.attr_allowed(&local, &a), want, "<{element} {attr}>");
                let is_url = URL_ATTRS.contains(&attr.as_str());
                assert_eq!(map.get(&a), want.then_some(&is_url), "<{element} {attr}>");
                assert_eq!(
                    policy.attr_table_of(&local).get(&a),
                    map.get(&a).copied(),
                    "<{element} {attr}>"
                );
            }
            assert!(
                map.keys().all(|a| attrs.contains(&a.to_string())),
                "<{element}>"
            );
            own += usize::from(!std::ptr::eq(map, &policy.global_attrs));
        }
        assert!(own > 10, "{own}");

        let named: Vec<&LocalName> = policy.named().collect();
        for element in &elements {
            let local = LocalName::from(element.as_str());
            let times = named.iter().filter(|n| ***n == local).count();
            let want = spec_fate(&c, element) != Fate::Unwrap;
            assert_eq!(times, usize::from(want), "<{element}>");
        }
        assert!(named.iter().all(|n| elements.contains(&n.to_string())));

        let mut listed: Vec<&LocalName> = Vec::new();
        for (element, names) in policy.element_attr_names() {
            assert!(!listed.contains(&element), "<{element}> twice");
            listed.push(element);
            let mut names: Vec<&LocalName> = names.collect();
            let mut want: Vec<&LocalName> = policy.attrs_of(element).keys().collect();
            names.sort();
            want.sort();
            assert_eq!(names, want, "<{element}>");
        }
        for element in &elements {
            let local = LocalName::from(element.as_str());
            if !std::ptr::eq(policy.attrs_of(&local), &policy.global_attrs) {
                assert!(listed.contains(&&local), "<{element}>");
            }
        }

        // The same lists, the same order.
        let again = c.build().unwrap();
        assert!(policy.named().eq(again.named()));
        assert!(policy
            .element_attr_names()
            .map(|(e, _)| e)
            .eq(again.element_attr_names().map(|(e, _)| e)));
    }
}

/// The default lists name each element once, so the order they give is the order of
/// the policy's elements.
#[test]
fn defaults_name_each_element_once() {
    let fated: Vec<&str> = KEPT
        .iter()
        .chain(REMOVED)
        .chain(READ_AS_TEXT)
        .copied()
        .collect();
    for (i, name) in fated.iter().enumerate() {
        assert!(!fated[..i].contains(name), "{name}");
    }
    let policy = SanitizerConfig::default().build().unwrap();
    assert!(policy.named().map(|n| &**n).eq(fated.iter().copied()));
    let with_attrs: Vec<&str> = ELEMENT_ATTRS.iter().map(|(e, _)| *e).collect();
    for (i, name) in with_attrs.iter().enumerate() {
        assert!(!with_attrs[..i].contains(name), "{name}");
    }
    assert!(policy
        .element_attr_names()
        .map(|(e, _)| &**e)
        .eq(with_attrs.iter().copied()));
}
