//! The name tables of [`super`] against the matches they are built from, and [`placement`]'s
//! screen against the full rules.

use super::*;
use crate::dom::names::HTML_ELEMENTS;
use proptest::prelude::*;
use string_cache::StaticAtomSet;

/// Every static atom, every HTML element name, and names that are no static atom.
fn all_names() -> Vec<LocalName> {
    let statics = <html5ever::LocalNameStaticSet as StaticAtomSet>::get().atoms;
    let mut names: Vec<LocalName> = statics.iter().map(|s| LocalName::from(*s)).collect();
    names.extend((0..statics.len()).map(|i| LocalName::pack_static(i as u32)));
    names.extend(HTML_ELEMENTS.split_whitespace().map(LocalName::from));
    for custom in ["x", "my-el", "tables", "TR", "a-very-long-custom-name", ""] {
        names.push(LocalName::from(custom));
    }
    names
}

#[test]
fn tables_match_the_matches() {
    let mut hits = [0usize; 3];
    for name in &all_names() {
        assert_eq!(closes_p(name), closes_p_slow(name), "{name}");
        assert_eq!(ends_scope(name), ends_scope_slow(name), "{name}");
        assert_eq!(is_special(name), is_special_slow(name), "{name}");
        hits[0] += usize::from(closes_p(name));
        hits[1] += usize::from(ends_scope(name));
        hits[2] += usize::from(is_special(name));
    }
    assert!(hits[0] >= 40 && hits[1] >= 9 && hits[2] >= 80, "{hits:?}");
}

/// The names placement reads, other element names, and names that are no static atom.
fn pool() -> Vec<LocalName> {
    let mut names: Vec<LocalName> = HTML_ELEMENTS
        .split_whitespace()
        .map(LocalName::from)
        .collect();
    names.extend(["my-el", "x", "tables"].map(LocalName::from));
    names
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The screens answer only where the full rules do, as they do.
    #[test]
    fn screen_equals_full(
        name in 0usize..1000,
        chain in proptest::collection::vec(proptest::option::weighted(0.9, 0usize..1000), 0..8),
        quirks in any::<bool>(),
    ) {
        let pool = pool();
        let pick = |i: usize| &pool[i % pool.len()];
        let name = pick(name);
        let chain: Vec<Option<&LocalName>> = chain.iter().map(|o| o.map(pick)).collect();
        let ancestors = || chain.iter().copied();
        let scopes = || Scopes::scan(|| chain.iter().copied().flatten());
        prop_assert_eq!(
            placement(name, quirks, ancestors, scopes),
            placement_full(name, quirks, ancestors, scopes)
        );
    }
}

/// Every name as child of every name (and of none): screen and full rules agree whatever
/// the ancestors above, taken as none and as an open `p`, `a`, `li` and `ruby`.
#[test]
fn screen_equals_full_for_every_pair() {
    let pool = pool();
    let above: [&[LocalName]; 2] = [
        &[],
        &[
            local_name!("p"),
            local_name!("a"),
            local_name!("li"),
            local_name!("ruby"),
        ],
    ];
    for name in &pool {
        for parent in pool.iter().map(Some).chain([None]) {
            for rest in above {
                let chain: Vec<Option<&LocalName>> =
                    [parent].into_iter().chain(rest.iter().map(Some)).collect();
                let ancestors = || chain.iter().copied();
                let scopes = || Scopes::scan(|| chain.iter().copied().flatten());
                for quirks in [false, true] {
                    assert_eq!(
                        placement(name, quirks, ancestors, scopes),
                        placement_full(name, quirks, ancestors, scopes),
                        "{name} in {parent:?}"
                    );
                }
            }
        }
    }
}
