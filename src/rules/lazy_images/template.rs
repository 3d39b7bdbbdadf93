//! URL templates a script fills in (`…/shirt_{width}x.jpg` with `data-widths="[180,360]"`):
//! filled from the widths the element lists, never promoted as written.

use crate::Element;

/// Placeholders for the width in a URL template (`%{width}`, Ruby's format, before the
/// `{width}` it contains).
const WIDTH_HOLES: &[&str] = &["%{width}", "{width}", "{w}", "%7Bwidth%7D", "%7bwidth%7d"];

/// Placeholders for the height, filled only from the element's own `height`.
const HEIGHT_HOLES: &[&str] = &[
    "%{height}",
    "{height}",
    "{h}",
    "%7Bheight%7D",
    "%7bheight%7d",
];

/// At most this many widths make the `srcset`.
const MAX_WIDTHS: usize = 16;

/// When `src`, or a lazy attribute of `lazy_attributes` (`data-src`: Shopify's themes with
/// lazysizes), is a URL template with a width hole and a `data-` attribute lists widths
/// (`[180,360,540]` or `180, 360, 540`): that attribute becomes the template filled with
/// the largest width, and `srcset` (when the element has no `srcset` nor `data-srcset`,
/// and `with_srcset`) every width with its `w` descriptor. Without such a list, the width
/// the element states for itself (`width="800"`, else `data-width`) fills it, and a height
/// hole its own `height` (else `data-height`). Returns whether `el` changed. A template
/// with no width stated anywhere is left to the caller (a placeholder, no candidate): no
/// width is made up.
pub(crate) fn fill_template(
    el: &mut Element<'_>,
    lazy_attributes: &[&str],
    with_srcset: bool,
) -> bool {
    // Every hole starts with `{` or `%7B`: most images have neither in any attribute, and
    // are answered in one pass over their values instead of a look-up per lazy attribute.
    let may_hold_hole = el
        .attrs()
        .any(|(_, v)| memchr::memchr2(b'{', b'%', v.as_bytes()).is_some());
    if !may_hold_hole {
        return false;
    }
    let Some((name, src, hole)) = std::iter::once("src")
        .chain(lazy_attributes.iter().copied())
        .find_map(|name| {
            let v = el.attr(name)?.trim();
            let hole = WIDTH_HOLES.iter().find(|h| v.contains(*h))?;
            Some((name, v.to_string(), *hole))
        })
    else {
        return false;
    };
    let Some(widths) = el
        .attrs()
        .filter(|(k, _)| k.starts_with("data-"))
        .find_map(|(_, v)| width_list(v))
    else {
        return fill_from_own_size(el, name, &src, hole);
    };
    let fill = |w: u32| src.replace(hole, &w.to_string());
    let largest = widths.iter().copied().max().unwrap_or(0);
    let new_src = fill(largest);
    if new_src.contains('{') || new_src.contains('}') {
        return false;
    }
    let srcset: Vec<String> = widths
        .iter()
        .map(|&w| format!("{} {w}w", fill(w)))
        .collect();
    let srcset = srcset.join(", ");
    el.set_attr(name, &new_src);
    if with_srcset && !el.has_attr("srcset") && !el.has_attr("data-srcset") {
        el.set_attr("srcset", &srcset);
    }
    true
}

/// Fills the template `src` of attribute `name` from the size `el` states for itself: its
/// `width` (else `data-width`) for the width `hole`, its `height` (else `data-height`) for
/// a height hole. Nothing changes when a hole is left.
fn fill_from_own_size(el: &mut Element<'_>, name: &str, src: &str, hole: &str) -> bool {
    let own =
        |el: &Element<'_>, names: [&str; 2]| names.iter().find_map(|n| el.attr(n).and_then(pixels));
    let Some(width) = own(el, ["width", "data-width"]) else {
        return false;
    };
    let mut filled = src.replace(hole, &width.to_string());
    if let Some(h_hole) = HEIGHT_HOLES.iter().find(|h| filled.contains(*h)) {
        let Some(height) = own(el, ["height", "data-height"]) else {
            return false;
        };
        filled = filled.replace(h_hole, &height.to_string());
    }
    if super::image_url::is_template(&filled) {
        return false;
    }
    el.set_attr(name, &filled);
    true
}

/// A number of pixels as an attribute states it (`800`, `800px`), 1–10000.
fn pixels(v: &str) -> Option<u32> {
    let v = v.trim();
    let v = v.strip_suffix("px").unwrap_or(v);
    v.parse().ok().filter(|n| (1..=10_000).contains(n))
}

/// A list of pixel widths: `[180,360,540]` or `180, 360, 540` (2 to [`MAX_WIDTHS`] numbers,
/// each 1–10000).
fn width_list(v: &str) -> Option<Vec<u32>> {
    let inner = v.trim().trim_start_matches('[').trim_end_matches(']');
    let mut out = Vec::new();
    for part in inner.split(',') {
        let n: u32 = part.trim().trim_matches('"').parse().ok()?;
        if n == 0 || n > 10_000 {
            return None;
        }
        out.push(n);
    }
    (out.len() >= 2 && out.len() <= MAX_WIDTHS).then_some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn width_lists() {
        assert_eq!(
            super::width_list("[180,360, 540]"),
            Some(vec![180, 360, 540])
        );
        assert_eq!(super::width_list("180"), None);
        assert_eq!(super::width_list("a,b"), None);
    }

    #[test]
    fn own_pixels() {
        assert_eq!(super::pixels(" 800px "), Some(800));
        assert_eq!(super::pixels("100%"), None);
        assert_eq!(super::pixels("0"), None);
        assert_eq!(super::pixels("auto"), None);
    }
}
