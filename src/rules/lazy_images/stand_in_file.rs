//! File names that are nothing but a stand-in: `lazy-placeholder.png`, `lazy_default.svg`,
//! `image-placeholder_400x300.jpg`, `blank.jpg`. Such a file draws nothing of the article,
//! with or without a real image to take its place. (A site's "no image" graphic or a
//! loading spinner does draw something a reader sees: those only give way to a real
//! candidate, see `placeholder::is_stand_in_name`.)

/// Words that on their own make a file a stand-in (`lazyload.png`, `fallback.svg`).
const STAND_IN: &[&str] = &[
    "placeholder",
    "placeholders",
    "lazy",
    "lazyload",
    "lazyloading",
    "loading",
    "blank",
    "spacer",
    "transparent",
    "fallback",
    // Spacers named as one word: a transparent pixel (`transpixel.gif`, `clearpixel.gif`),
    // a transparent spacer (`20070809__tspacer.gif`).
    "transpixel",
    "clearpixel",
    "tspacer",
];

/// Words that may stand beside a stand-in word without naming a picture (`lazy-image`,
/// `ajax-loader`, `default-placeholder`, `placeholder-grey`), among them what the stand-in
/// is for when that is no picture of the article (`native-ad-placeholder`,
/// `sponsor-logo-placeholder`, `avatar-placeholder`, and the people a missing portrait stands
/// for: `placeholder-reporters`, `author-placeholder`).
const FILLER: &[&str] = &[
    "image", "images", "img", "pic", "photo", "thumb", "thumbnail", "default", "bg",
    "white", "grey", "gray", "trans", "small", "large", "square", "wide", "svg", "gif", "png",
    "jpg", "icon", "post", "article", "media", "dark", "light", "empty", "loader", "v", "x",
    "ad", "ads", "advert", "native", "sponsor", "sponsored", "promo", "banner", "logo",
    "avatar", "profile", "user", "users", "author", "authors", "reporter", "reporters", "writer",
    "writers", "contributor", "contributors", "person", "people", "staff", "member", "headshot",
];

/// Whether the file name `file` is made of stand-in words alone: at least one
/// [`STAND_IN`] word, and otherwise only [`FILLER`]
/// words, numbers, sizes (`400x300`, `2x`) and build hashes (`2a3b4c9f`). The words are
/// split at `-`, `_`, `.`, `+`, `@`, `%20` and lower-to-upper case changes
/// (`lazyLoader.gif`). `loading-dock.jpg`, `lazy-sunday.png` and `blank-canvas.jpg` name a
/// picture and are not stand-ins.
pub(crate) fn is_stand_in_file(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    if stem.is_empty() || !is_image_extension(ext) || !stem.is_ascii() {
        return false;
    }
    let stem = stem.replace("%20", "-");
    // One stand-in word, in any case (`clearPixel.gif`, `TransPixel.gif`).
    if STAND_IN.iter().any(|w| stem.eq_ignore_ascii_case(w)) {
        return true;
    }
    let words = split_words(&stem);
    let mut stand_in = false;
    for word in &words {
        let w = word.to_ascii_lowercase();
        if STAND_IN.contains(&w.as_str()) {
            stand_in = true;
        } else if !(FILLER.contains(&w.as_str()) || is_number_or_size(&w) || is_hash(&w)) {
            return false;
        }
    }
    stand_in
}

fn is_image_extension(ext: &str) -> bool {
    ["gif", "png", "jpg", "jpeg", "svg", "webp", "avif"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// The words of a file stem, split at separators and lower-to-upper case changes.
fn split_words(stem: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let bytes = stem.as_bytes();
    let mut start = 0;
    for i in 0..bytes.len() {
        if matches!(bytes[i], b'-' | b'_' | b'.' | b'+' | b'@' | b' ') {
            if start < i {
                words.push(&stem[start..i]);
            }
            start = i + 1;
        } else if i > start && bytes[i].is_ascii_uppercase() && bytes[i - 1].is_ascii_lowercase()
        {
            words.push(&stem[start..i]);
            start = i;
        }
    }
    if start < stem.len() {
        words.push(&stem[start..]);
    }
    words
}

/// `400`, `400x300`, `2x`, `v2`, `w600`.
fn is_number_or_size(w: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(w)
        || w.split_once('x')
            .is_some_and(|(a, b)| digits(a) && (digits(b) || b.is_empty()))
        || w.strip_prefix(['v', 'w', 'h', 's']).is_some_and(digits)
}

/// A build hash: 6 or more hex digits with at least one digit (`2a3b4c`, `d41d8cd9`).
fn is_hash(w: &str) -> bool {
    w.len() >= 6
        && w.bytes().all(|b| b.is_ascii_hexdigit())
        && w.bytes().any(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::is_stand_in_file;

    #[test]
    fn stand_in_files() {
        for f in [
            "lazy-image.jpg",
            "lazyload.png",
            "lazy_default.svg",
            "image-placeholder.png",
            "placeholder_400x300.jpg",
            "blank.jpg",
            "fallback.png",
            "lazyLoader.gif",
            "placeholder.2a3b4c9f.svg",
            "Lazy-Placeholder@2x.PNG",
            "native-ad-placeholder.png",
            "sponsor_logo_placeholder.svg",
            "avatar-placeholder-96x96.png",
            "placeholder-reporters.svg",
            "author-placeholder.png",
            "Placeholder_Writer_80x80.jpg",
            "transpixel.gif",
            "20070809__tspacer.gif",
            "clearPixel.gif",
        ] {
            assert!(is_stand_in_file(f), "{f}");
        }
    }

    #[test]
    fn pictures_that_share_a_word() {
        for f in [
            "loading-dock.jpg",
            "lazy-sunday.png",
            "blank-canvas-art.jpg",
            "default-thumb.jpg",
            "default.jpg",
            "hqdefault.jpg",
            "spinner-dolphins.jpg",
            "noimage.png",
            "no-image-v1.png",
            "ajax-loader.gif",
            "loading-spinner.gif",
            "photo.jpg",
            "placeholder",
            "placeholder.html",
            "image.png",
            "ad-campaign-2019.jpg",
            "sponsor-logo.png",
            "banner.jpg",
            "people-waiting-at-the-ferry.jpg",
            "staff-party.png",
            "transformers-pixel-art.png",
        ] {
            assert!(!is_stand_in_file(f), "{f}");
        }
    }
}
