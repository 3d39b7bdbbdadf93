//! URL templates a script fills in (`…/shirt_{width}x.jpg` with `data-widths="[180,360]"`):
//! filled from the widths the element lists, never promoted as written.

use crate::Element;

/// Placeholders for the width in a URL template.
const WIDTH_HOLES: &[&str] = &["{width}", "{w}", "%7Bwidth%7D", "%7bwidth%7d"];

/// At most this many widths make the `srcset`.
const MAX_WIDTHS: usize = 16;

/// When `src` is a URL template with a width hole and a `data-` attribute lists widths
/// (`[180,360,540]` or `180, 360, 540`): `src` becomes the template filled with the largest
/// width, `srcset` (when absent) every width with its `w` descriptor. Returns whether `el`
/// changed. A template with no widths is left to the caller (a placeholder).
pub(crate) fn fill_template(el: &mut Element<'_>) -> bool {
    let Some(src) = el.attr("src").map(str::trim) else {
        return false;
    };
    let Some(hole) = WIDTH_HOLES.iter().find(|h| src.contains(*h)) else {
        return false;
    };
    let Some(widths) = el
        .attrs()
        .filter(|(k, _)| k.starts_with("data-"))
        .find_map(|(_, v)| width_list(v))
    else {
        return false;
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
    el.set_attr("src", &new_src);
    if !el.has_attr("srcset") {
        el.set_attr("srcset", &srcset);
    }
    true
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
}
