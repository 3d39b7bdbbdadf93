//! An `<img>` whose picture is its own inline background: a transparent or blank `src`, and
//! the photo in `style="background-image:url(…)"` (Yahoo's `lzbg` thumbnails, themes that
//! lazy-load by swapping a style in). The sanitizer removes `style`, so without this the
//! reader gets the blank file, or nothing.
//!
//! The style is read with a CSS tokenizer (`cssparser`), as a browser reads it: the last
//! `background-image` or `background` declaration that names an image wins. A sprite is not
//! a picture: a background placed at an offset (`background-position`, or a length in the
//! `background` shorthand) shows a part of a sheet of icons, and is left alone.

use super::image_url::is_image_url;
use crate::ascii::contains_ci;
use cssparser::{ParseError, Parser, Token};

/// The image URL an inline `style` shows as the element's whole background, if any (see the
/// module docs): `None` for no background, a background that is not an image URL (a
/// gradient, a page), several layers, or one placed at an offset.
pub(crate) fn background_image(style: &str) -> Option<String> {
    // Most styles name no background image: a screen before the tokenizer (an escaped
    // `u\72l(` is not seen: the image then stays as it was, which is safe).
    if !contains_ci(style, "url") {
        return None;
    }
    let mut found: Option<Option<String>> = None;
    // Whether the declaration `found` comes from is `!important`: a later one that is not
    // does not override it.
    let mut found_important = false;
    let mut positioned = false;
    crate::css::each_declaration(style, |name, p| {
        match name {
            "background-image" | "background" => {
                let layer = layer(p, name == "background");
                if layer.important || !found_important {
                    positioned |= layer.offset;
                    found = Some(layer.url);
                    found_important = layer.important;
                }
            }
            "background-position" | "background-position-x" | "background-position-y" => {
                positioned |= has_offset(p);
            }
            _ => {}
        }
        Ok(())
    });
    if positioned {
        return None;
    }
    found.flatten().filter(|url| is_image_url(url))
}

/// What one `background` or `background-image` declaration shows.
struct Layer {
    /// Its one `url(…)`: `None` for several layers or no URL.
    url: Option<String>,
    /// Whether it places the picture at an offset (a non-zero length or percentage before
    /// any `/`: a sprite); what follows `/` in the shorthand is the picture's size.
    offset: bool,
    /// Whether the declaration is `!important`.
    important: bool,
}

/// The background value `p` holds (see [`Layer`]).
fn layer(p: &mut Parser<'_>, shorthand: bool) -> Layer {
    let mut url: Option<String> = None;
    let mut urls = 0;
    let mut offset = false;
    let mut important = false;
    // The values of `background-size` still to come after a `/`.
    let mut size = 0;
    while let Ok(token) = p.next() {
        if size > 0
            && matches!(
                token,
                Token::Dimension { .. } | Token::Percentage { .. } | Token::Number { .. }
            )
        {
            size -= 1;
            continue;
        }
        size = 0;
        match token {
            Token::UnquotedUrl(u) => {
                urls += 1;
                url = Some(u.to_string());
            }
            Token::Function(name) if name.eq_ignore_ascii_case("url") => {
                urls += 1;
                url = p
                    .parse_nested_block(|p| -> Result<_, ParseError<()>> {
                        Ok(p.expect_string()?.to_string())
                    })
                    .ok();
            }
            Token::Function(_) => {
                // A gradient or `image-set(…)`: another layer, or not a plain picture.
                urls += 1;
                let _ = p.parse_nested_block(|p| -> Result<(), ParseError<()>> {
                    while p.next().is_ok() {}
                    Ok(())
                });
            }
            Token::Comma => urls += 1,
            Token::Delim('/') if shorthand => size = 2,
            Token::Delim('!') => {
                important = p
                    .expect_ident()
                    .is_ok_and(|i| i.eq_ignore_ascii_case("important"));
            }
            Token::Dimension { value, .. }
            | Token::Percentage {
                unit_value: value, ..
            } if shorthand && *value != 0.0 => offset = true,
            Token::Number { value, .. } if shorthand && *value != 0.0 => offset = true,
            _ => {}
        }
    }
    let url = url.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
    Layer {
        url: (urls == 1).then_some(url).flatten(),
        offset,
        important,
    }
}

/// Whether a `background-position` value has a non-zero length or percentage.
fn has_offset(p: &mut Parser<'_>) -> bool {
    let mut offset = false;
    while let Ok(token) = p.next() {
        match token {
            Token::Dimension { value, .. }
            | Token::Number { value, .. }
            | Token::Percentage {
                unit_value: value, ..
            } if *value != 0.0 => offset = true,
            _ => {}
        }
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::background_image;

    #[test]
    fn the_picture_of_a_background() {
        let photo = "https://images.example.net/u/harbour-149x84.jpg";
        for style in [
            format!("background-image:url('{photo}')"),
            format!("background-image: url(\"{photo}\"); height: 84px"),
            format!("BACKGROUND-IMAGE:URL({photo})"),
            format!("background: url({photo}) no-repeat center / cover"),
            format!("background: #eee url({photo}) 0 0"),
            format!("background-image:url(a.png);background-image:url({photo})"),
            // What follows `/` is the picture's size, not an offset.
            format!("background: url({photo}) center / 100% auto no-repeat"),
            format!("background: url({photo}) 0 0 / 149px 84px"),
            // An important declaration is not overridden by a later one that is not.
            format!("background-image:url({photo}) !important; background-image:url(b.png)"),
            format!("background:url(a.png) !IMPORTANT; background-image:url({photo}) ! important"),
        ] {
            assert_eq!(background_image(&style).as_deref(), Some(photo), "{style}");
        }
    }

    #[test]
    fn no_picture() {
        for style in [
            "",
            "width: 149px",
            "background: #fff",
            "background-image: linear-gradient(red, blue)",
            // Several layers: which one is the picture is anybody's guess.
            "background-image: url(a.jpg), url(b.jpg)",
            "background-image: url(a.jpg), linear-gradient(red, blue)",
            // A sprite: a part of a sheet of icons.
            "background: url(/i/sprite.png) -20px 0 no-repeat",
            "background-image: url(/i/sprite.png); background-position: 0 -48px",
            "background-image: url(/i/sprite.png); background-position-y: 50%",
            "background: url(/i/sprite.png) 0 -20px / 16px 16px",
            // Not an image URL.
            "background-image: url(https://news.example/2016/12/19/story/)",
            "background-image: url(javascript:alert(1))",
            // Invalid: `url` is not a property.
            "url(a.jpg)",
        ] {
            assert_eq!(background_image(style), None, "{style}");
        }
    }
}
