//! 88×31 buttons: a badge that says what it is, or a visitor counter.
//!
//! 88×31 is the size of the "micro button" of the early web, and of two kinds of image
//! that share it: badges (the Creative Commons licence a post is published under, "Powered
//! by MediaWiki", the Wikimedia Foundation's, the W3C's "Valid XHTML") and visitor counters
//! and ratings (uCoz's `/stat/…`, LiveInternet's `counter.yadro.ru/hit?…`, Rambler's
//! `top100.cnt`, Mail.ru's `top-fwz1.mail.ru/counter?…`, HotLog's `…/count?s=…`).
//!
//! A badge says what it is: its `alt` (as the Creative Commons chooser, MediaWiki's footer
//! and the W3C's validator write it), or its `title` when it has no `alt`. A counter has
//! `alt=""` or none (its code is pasted as the service gives it), or names what it is: a
//! URL or text word `counter`, `count`, `cnt`, `hit`, `stat`, `top100`, `informer`,
//! `рейтинг`, `счётчик`… (see [`COUNTER_WORDS`]). An 88×31 image with neither is junk, as it
//! always was; a badge is kept.

use crate::Element;
use html5ever::local_name;

/// Width × height of the micro button.
pub(super) const BUTTON_SIZE: (u32, u32) = (88, 31);

/// Words (lowercase) that name a visitor counter or a rating, in its URL (each run of
/// letters and digits, also without its trailing digits: `hit5`, `top100`) or its text.
const COUNTER_WORDS: &[&str] = &[
    "cnt",
    "count",
    "counter",
    "counters",
    "hit",
    "hits",
    "hotlog",
    "informer",
    "liveinternet",
    "metrika",
    "stat",
    "statistics",
    "stats",
    "top",
    "top100",
    "метрика",
    "рейтинг",
    "статистика",
    "счетчик",
    "счётчик",
];

/// Whether the 88×31 `<img>` `el`, whose `src` is `src`, is a badge that says what it is
/// (kept) rather than a visitor counter (see the module's documentation).
#[cold]
#[inline(never)]
pub(super) fn is_badge(el: &Element<'_>, src: &str) -> bool {
    let label = match el.attr_by_atom(&local_name!("alt")) {
        Some(alt) => alt,
        None => el.attr_by_atom(&local_name!("title")).unwrap_or(""),
    };
    is_badge_by(label, src)
}

/// [`is_badge`] of an image labelled `label` (its `alt`, or its `title`) with `src`.
fn is_badge_by(label: &str, src: &str) -> bool {
    !label.trim().is_empty() && !names_counter(label) && !names_counter(src)
}

/// Whether a run of letters and digits of `text` (lowercased), or one without its trailing
/// digits, is one of [`COUNTER_WORDS`], or holds `counter` (`hitcounter`, `freecounter`).
fn names_counter(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let w = w.to_lowercase();
            let stem = w.trim_end_matches(|c: char| c.is_ascii_digit());
            w.contains("counter")
                || COUNTER_WORDS.binary_search(&w.as_str()).is_ok()
                || COUNTER_WORDS.binary_search(&stem).is_ok()
        })
}

#[cfg(test)]
mod tests {
    use super::{is_badge_by, COUNTER_WORDS};

    #[test]
    fn words_sorted() {
        assert!(COUNTER_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn badges_and_counters() {
        for (label, src) in [
            (
                "Creative Commons License",
                "https://i.creativecommons.org/l/by/4.0/88x31.png",
            ),
            (
                "Licence Creative Commons",
                "//i.creativecommons.org/l/by-sa/4.0/80x15.png",
            ),
            (
                "Powered by MediaWiki",
                "/static/images/poweredby_mediawiki_88x31.png",
            ),
            (
                "Wikimedia Foundation",
                "/static/images/wikimedia-button.png",
            ),
            (
                "Valid XHTML 1.0 Strict",
                "https://www.w3.org/Icons/valid-xhtml10",
            ),
            ("Get Firefox", "/img/get-firefox-button.gif"),
        ] {
            assert!(is_badge_by(label, src), "{label} {src}");
        }
        for (label, src) in [
            ("", "/stat/1475875601"),
            ("  ", "https://i.creativecommons.org/l/by/4.0/88x31.png"),
            (
                "LiveInternet",
                "//counter.yadro.ru/hit?t14.6;r;s1920*1080*24;0.5",
            ),
            (
                "Rambler's Top100",
                "https://counter.rambler.ru/top100.cnt?pid=1",
            ),
            (
                "Рейтинг@Mail.ru",
                "https://top-fwz1.mail.ru/counter?id=1;t=479;l=1",
            ),
            (
                "HotLog",
                "https://hit5.hotlog.ru/cgi-bin/hotlog/count?s=1&im=307",
            ),
            (
                "Яндекс.Метрика",
                "https://informer.yandex.ru/informer/1/3_1_FFFFFFFF_0_pageviews",
            ),
            ("Free hit counter", "/img/button.gif"),
            ("Счётчик посещений", "/img/b.gif"),
            ("Site stats", "https://a.example/hitcounter.php?page=1"),
        ] {
            assert!(!is_badge_by(label, src), "{label} {src}");
        }
    }
}
