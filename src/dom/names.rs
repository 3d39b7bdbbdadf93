//! Element-name classes used by the parser-facing code (serializer, walk) and the rules.

use html5ever::{local_name, LocalName};
use std::hash::Hasher;

/// The names of the HTML elements (current, obsolete and legacy ones the parser knows), and
/// `svg` and `math`, whitespace-separated: what a per-name table is filled with, and what a
/// test of a per-name answer runs over.
pub(crate) const HTML_ELEMENTS: &str =
    "a abbr acronym address applet area article aside audio b base \
    basefont bdi bdo bgsound big blink blockquote body br button canvas caption center cite \
    code col colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset \
    figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr \
    html i iframe image img input ins isindex kbd keygen label legend li link listing main map \
    mark marquee menu menuitem meta meter nav nobr noembed noframes noscript object ol \
    optgroup option output p param picture plaintext pre progress q rb rp rt rtc ruby s samp \
    script search section select slot small source spacer span strike strong style sub \
    summary sup table tbody td template textarea tfoot th thead time title tr track tt u ul \
    var video wbr xmp svg math";

/// Elements that have no end tag and whose children are never serialized.
pub(crate) fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Elements whose text is never shown as text: raw text that is not displayed, templates,
/// the document title. Each caller adds what else its reading leaves out.
pub(crate) fn shows_no_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "xmp" | "noembed" | "noframes" | "title"
    )
}

/// Elements whose text content the parser reads as raw text (never as markup), with
/// scripting enabled as in a browser.
pub(crate) fn is_raw_text(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("style")
            | local_name!("script")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("plaintext")
            | local_name!("noscript")
    )
}

/// Block-level elements: unwrapping one must not glue its text onto its neighbours', and an
/// image wrapper in block context becomes a `<figure>`.
pub(crate) fn is_block(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("body")
            | local_name!("center")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("listing")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("td")
            | local_name!("tfoot")
            | local_name!("th")
            | local_name!("thead")
            | local_name!("tr")
            | local_name!("ul")
            | local_name!("caption")
            | local_name!("html")
            | local_name!("frameset")
            | local_name!("marquee")
            | local_name!("noscript")
            | local_name!("search")
            | local_name!("xmp")
            | local_name!("plaintext")
    )
}

/// Hashes html5ever atoms (each hashes as one `u64`) with a multiply and a rotate. The sets
/// are filled from the configuration only and input is merely looked up in them, so SipHash's
/// defence against chosen keys buys nothing here, and it was most of the cost of a lookup.
#[derive(Default, Clone, Copy)]
pub(crate) struct AtomHasher(u64);

impl Hasher for AtomHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
