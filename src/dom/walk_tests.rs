//! Unit tests of the walk's handler tables.

use super::*;

#[test]
fn handlers_ask_by_name_hyphen_and_end() {
    let interests = [
        Interest::elements("img a").and_hyphenated().ending("a"),
        Interest::elements("*").ending(""),
        Interest::elements("p"),
    ];
    let h = Handlers::new(&interests).unwrap();
    let of = |name: &str, end| h.of(&LocalName::from(name), end);
    assert_eq!(of("img", false), 0b011);
    assert_eq!(of("amp-img", false), 0b011);
    assert_eq!(of("p", false), 0b110);
    assert_eq!(of("div", false), 0b010);
    // Ends: only where said; the same as the elements when not said.
    assert_eq!(of("a", true), 0b001);
    assert_eq!(of("img", true), 0);
    assert_eq!(of("amp-img", true), 0);
    assert_eq!(of("p", true), 0b100);
}

/// The answers kept for known names are the ones the patterns give.
#[test]
fn known_names_answer_as_the_patterns() {
    let interests = [
        Interest::elements("img a").and_hyphenated().ending("a"),
        Interest::elements("*").ending("p div"),
        Interest::elements("p lite-* span"),
        Interest::elements("figure x-y").ending("lite-*"),
    ];
    let h = Handlers::new(&interests).unwrap();
    let names = HTML_ELEMENTS.split_ascii_whitespace().chain([
        "amp-img",
        "lite-youtube",
        "LITE-vimeo",
        "lite-",
        "x-y",
        "foreignObject",
        "clipPath",
        "custom-element",
    ]);
    let mut known = 0;
    for name in names {
        let name = LocalName::from(name);
        for table in [&h.start, &h.end] {
            known += usize::from(table.known.get(&name).is_some());
            assert_eq!(table.of(&name), table.compute(&name), "{name}");
        }
    }
    // Every HTML element, and the names the rules gave, are known.
    assert!(known >= 2 * HTML_ELEMENTS.split_ascii_whitespace().count());
    assert!(h.start.known.get(&LocalName::from("x-y")).is_some());
    assert_eq!(h.of(&LocalName::from("lite-youtube"), false), 0b0111);
    assert_eq!(h.of(&LocalName::from("lite-youtube"), true), 0b1100);
    assert_eq!(h.of(&LocalName::from("span"), true), 0b0100);
}

/// The table of known names holds every name given, with its bits, and nothing else, also
/// when many names share first slots (a full-looking table still ends its probes).
#[test]
fn known_table_finds_what_it_holds() {
    let names: Vec<LocalName> = HTML_ELEMENTS
        .split_ascii_whitespace()
        .chain(["lite-youtube", "x-y", "clipPath"])
        .map(LocalName::from)
        .collect();
    let entries = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u64 + 1))
        .collect();
    let known = Known::new(entries);
    for (i, n) in names.iter().enumerate() {
        assert_eq!(known.get(n), Some(i as u64 + 1), "{n}");
    }
    for absent in ["custom-element", "x", "zz-top", "foreignObject"] {
        assert_eq!(known.get(&LocalName::from(absent)), None, "{absent}");
    }
    assert_eq!(Known::default().get(&LocalName::from("p")), None);
    // A name given twice: the last value.
    let twice = Known::new(vec![(LocalName::from("p"), 1), (LocalName::from("p"), 2)]);
    assert_eq!(twice.get(&LocalName::from("p")), Some(2));
}
