//! Lazy class words: the class that says a script will swap an image in.

use crate::ascii::contains_ci;
use crate::Element;
use html5ever::local_name;

/// A class word that says a script will swap the image in: anything containing `lazy`
/// (`lazy`, `lazyload`, `lazyloaded`, `jetpack-lazy-image`…) and lazysizes' `ls-is-cached`.
pub(crate) fn is_lazy_class(class: &str) -> bool {
    contains_ci(class, "lazy") || class == "ls-is-cached"
}

/// Whether a word of the `class` attribute value `class` is a lazy one ([`is_lazy_class`]).
pub(super) fn class_has_lazy_word(class: &str) -> bool {
    class.split_ascii_whitespace().any(is_lazy_class)
}

/// Whether `el` has a lazy class word (`el.classes().any(is_lazy_class)`, its `class` read
/// by atom).
pub(super) fn has_lazy_class(el: &Element<'_>) -> bool {
    el.attr_by_atom(&local_name!("class"))
        .is_some_and(class_has_lazy_word)
}
