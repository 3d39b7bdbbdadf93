use super::*;

#[test]
fn tiny_raster_data_urls() {
    assert!(is_placeholder(
        "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
    ));
    assert!(is_placeholder("data:image/png;base64,iVBORw0KGgo="));
    let big = format!("data:image/jpeg;base64,{}", "A".repeat(400));
    assert!(!is_placeholder(&big));
}

#[test]
fn svg_placeholders() {
    // WP Rocket: an empty SVG with only a viewBox.
    assert!(is_placeholder(
        "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20800%20600'%3E%3C/svg%3E"
    ));
    // WeChat: a 1×1 rect in groups with fill-opacity 0.
    assert!(is_placeholder(
        "data:image/svg+xml,%3C%3Fxml version='1.0' encoding='UTF-8'%3F%3E%3Csvg width='1px' height='1px' viewBox='0 0 1 1' xmlns='http://www.w3.org/2000/svg'%3E%3Ctitle%3E%3C/title%3E%3Cg fill='none' fill-opacity='0'%3E%3Cg fill='%23FFFFFF'%3E%3Crect x='249' y='126' width='1' height='1'%3E%3C/rect%3E%3C/g%3E%3C/g%3E%3C/svg%3E"
    ));
    // A drawn SVG stays, plain or base64.
    assert!(!is_placeholder(
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24'><path d='M512 512H0V0h512v512z'/></svg>"
    ));
    assert!(!is_placeholder("data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHZpZXdCb3g9JzAgMCAyNCAyNCc+PHBhdGggZD0nTTUxMiA1MTJIMFYwaDUxMnY1MTJ6Jy8+PC9zdmc+"));
    // A 1×1 rect alone, and a large rect at opacity 0.
    assert!(is_empty_svg("<svg><rect width='1' height='1'/></svg>"));
    assert!(is_empty_svg(
        "<svg><g opacity='0'><rect width='100' height='100'/></g></svg>"
    ));
    assert!(!is_empty_svg("<svg><rect width='100' height='100'/></svg>"));
    // A flat colour filling the canvas, by percentage, by its size or by its viewBox.
    assert!(is_empty_svg(
        "<svg width='23' height='14' viewBox='0 0 23 14'><rect width='100%' height='100%' fill='#cfd4db'/></svg>"
    ));
    assert!(is_empty_svg(
        "<svg viewBox='0 0 640 480'><rect width='640' height='480' fill='#eee'/></svg>"
    ));
    assert!(is_empty_svg(
        "<svg width='300px' height='200px'><rect x='0' y='0' width='300' height='200'/></svg>"
    ));
    // Part of the canvas, off the origin, a gradient or a second shape: a drawing.
    assert!(!is_empty_svg(
        "<svg viewBox='0 0 640 480'><rect width='320' height='480'/></svg>"
    ));
    assert!(!is_empty_svg(
        "<svg viewBox='0 0 640 480'><rect x='10' width='100%' height='100%'/></svg>"
    ));
    assert!(!is_empty_svg(
        "<svg viewBox='0 0 9 9'><defs><linearGradient id='g'><stop offset='0'/></linearGradient></defs><rect width='100%' height='100%' fill='url(#g)'/></svg>"
    ));
    assert!(!is_empty_svg(
        "<svg viewBox='0 0 9 9'><rect width='100%' height='100%' fill='#eee'/><circle cx='4' cy='4' r='2'/></svg>"
    ));
    assert!(!is_empty_svg(
        "<svg><rect width='100%' height='50%'/></svg>"
    ));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(1000))]
    /// Tag and attribute names are read in any case (as an SVG written `<SVG><RECT
    /// WIDTH='1'…>` is the same picture): the answer does not change when they change case.
    #[test]
    fn svg_names_in_any_case(
        tags in proptest::collection::vec((
            proptest::sample::select(&["svg", "g", "rect", "rect", "path", "defs"][..]),
            proptest::collection::vec((
                proptest::sample::select(&[
                    "width", "height", "width", "height", "x", "viewBox", "opacity",
                    "fill-opacity",
                ][..]),
                proptest::sample::select(&["0", "1", "1", "100%", "640", "0 0 640 480"][..]),
            ), 0..5),
        ), 1..5),
        upper in proptest::bool::ANY,
    ) {
        let write = |upper: bool| -> String {
            let case = |s: &str| if upper { s.to_ascii_uppercase() } else { s.to_owned() };
            tags.iter()
                .map(|(name, attrs)| {
                    let attrs: String = attrs
                        .iter()
                        .map(|(k, v)| format!(" {}='{v}'", case(k)))
                        .collect();
                    format!("<{}{attrs}>", case(name))
                })
                .collect()
        };
        proptest::prop_assert_eq!(is_empty_svg(&write(false)), is_empty_svg(&write(upper)));
    }
}

#[test]
fn blank_files() {
    assert!(is_placeholder("/static/img/blank.gif"));
    assert!(is_placeholder("https://x.example/a/Spacer.GIF?v=2"));
    assert!(is_placeholder("https://x.example/placeholder.png"));
    assert!(is_placeholder("/pagespeed_static/1.JiBnMqyl6S.gif"));
    assert!(is_placeholder(
        "https://cdn.example-pixel.ai/client/q_glossy,ret_img/https://b.example/wp-content/plugins/lazy-load/images/1x1.trans.gif"
    ));
    assert!(is_placeholder("/img/trans_1x1.png"));
    assert!(!is_placeholder("/img/photo-1x1-crop.jpg"));
    assert!(!is_placeholder("https://x.example/photo.gif"));
    assert!(!is_placeholder("  "));
}

#[test]
fn the_page_itself() {
    for src in ["#", " # ", "#top", "/", " / "] {
        assert!(is_placeholder(src), "{src:?}");
    }
    for src in [
        "/a.jpg",
        "./",
        "?id=5",
        "a#b",
        "//x.example/",
        "/#",
        "/img/",
    ] {
        assert!(!is_placeholder(src), "{src:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(300))]
    /// The remembered answers are the answers: a run of `src`s, repeated, more than the
    /// ring holds, some over the length kept, each answered as when worked out.
    #[test]
    fn remembered_placeholder_answers_are_the_answers(
        picks in proptest::collection::vec(0usize..24, 1..80)
    ) {
        let long = format!("data:image/svg+xml,<svg>{}</svg>", " ".repeat(MEMO_MAX));
        let pool: Vec<String> = (0..20)
            .map(|i| match i % 5 {
                0 => format!("https://a.example/{i}/blank.gif"),
                1 => format!("https://a.example/{i}/photo.jpg"),
                2 => format!("data:image/svg+xml,<svg width='{i}'></svg>"),
                3 => format!("data:image/svg+xml,<svg><rect width='{i}' height='9'/></svg>"),
                _ => format!(" javascript:void({i}) "),
            })
            .chain([long, String::new(), " ".into(), "about:blank".into()])
            .collect();
        crate::proxy::memo::forget();
        for &k in &picks {
            let src = &pool[k];
            proptest::prop_assert_eq!(is_placeholder(src), is_placeholder_now(src), "{:?}", src);
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(3000))]
    /// The screen of `never_an_image` (a `data:image/` head) answers as the general path
    /// does, and so does `is_placeholder_now` past it: heads in any case, tabs and line
    /// breaks, other media types and schemes, commas, parameters, payloads.
    #[test]
    fn never_an_image_as_read(
        head in proptest::sample::select(&[
            "data:image/", "DATA:IMAGE/", "Data:Image/", "data:image", "DaTa:iMaGe", "data:",
            "data:imag", "data:\timage/", "", "#", "javascript:", "about:blank", "https:",
            "http:", "HTTPS:", "http", "https:/", "ht\ttp:", "http//",
        ][..]),
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "data:", "DaTa:", "data:image/", "DATA:IMAGE/", "Data:Image/", "image/",
            "svg+xml", "gif", "png", "text/html", "image", "/", ";base64", ";utf8",
            ";charset=utf-8", ",", "\t", "\n", " ", "\u{0}", "javascript:", "about:",
            "<svg>", "</svg>", "%3Csvg%3E", "R0lGODlhAQABAAAAACw=", "#", "x", "é", ":",
        ][..]), 0..6)
    ) {
        let src = format!("{head}{}", pieces.concat());
        let slow = crate::screens::without(|| never_an_image(&src));
        proptest::prop_assert_eq!(never_an_image(&src), slow, "{:?}", &src);
        let slow = crate::screens::without(|| is_placeholder_now(&src));
        proptest::prop_assert_eq!(is_placeholder_now(&src), slow, "{:?}", &src);
    }
}

/// The screen of `never_an_image` is taken, and can be told from the general path: an
/// inline image head answers no either way, a `data:` URL of another type yes.
#[test]
fn never_an_image_screen_cases() {
    for src in ["data:image/gif;base64,R0lGOD", "DATA:IMAGE/svg+xml,<svg/>"] {
        assert!(!never_an_image(src), "{src:?}");
        assert!(!crate::screens::without(|| never_an_image(src)), "{src:?}");
    }
    assert!(never_an_image("data:text/html,<p>"));
    // A head one byte short of the screen's: a media type `image`, no image.
    assert!(never_an_image("data:image,x"));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
    /// The screen of `is_blank_file` never says no where it says yes, on file names made
    /// of the listed names, their words, extensions in any case and filler.
    #[test]
    fn blank_file_screen_is_never_stricter(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "blank.gif", "S.GIF", "placeholder.", "Placeholder.", "1x1", "trans", ".gif",
            ".GIF", ".png", ".pNg", ".svg", ".jpg", ".jpeg", ".webp", "photo", "p", "P",
            "-", "_", ".", "é", "x", "s", "loading", "i", "f", "n", "g",
        ][..]), 0..6)
    ) {
        let file = pieces.concat();
        proptest::prop_assert!(!is_blank_file(&file) || may_be_blank_file(&file), "{:?}", file);
    }
}

#[test]
fn listed_blank_files_pass_the_screen() {
    for f in BLANK_FILES {
        for f in [f.to_string(), f.to_ascii_uppercase()] {
            assert!(is_blank_file(&f) && may_be_blank_file(&f), "{f}");
        }
    }
    assert!(!may_be_blank_file("image.jpg"));
    assert!(!may_be_blank_file(""));
}

#[test]
fn low_res_previews() {
    assert!(is_low_res("https://miro.medium.com/max/60/1*abc.jpeg?q=20"));
    assert!(is_low_res(
        "https://miro.medium.com/v2/resize:fit:60/1*abc.jpeg"
    ));
    assert!(is_low_res("https://cdn.example/a.jpg?w=800&blur=10"));
    assert!(!is_low_res("https://miro.medium.com/max/1400/1*abc.jpeg"));
    assert!(!is_low_res("https://cdn.example/a.jpg?q=80"));
    assert!(is_low_res(
        "https://m.example.io/w:1200/h:800/q:eco/https://s.example/p.jpg"
    ));
    assert!(is_low_res(
        "https://c.example/image/upload/w_800,q_10/p.jpg"
    ));
    assert!(is_low_res("https://sq.example/x/photo.jpg?format=100w"));
    assert!(!is_low_res("https://sq.example/x/photo.jpg?format=1500w"));
    assert!(!is_low_res(
        "https://m.example.io/w:1200/h:800/q:90/https://s.example/p.jpg"
    ));
}

/// The low-res screen, written the plain way: every mark looked for at every byte.
fn may_be_low_res_plainly(src: &str) -> bool {
    let s = src.as_bytes();
    let query = src.find('?');
    (0..s.len()).any(|i| {
        let ends = |p: &[u8]| i >= p.len() && s[i - p.len()..i].eq_ignore_ascii_case(p);
        let after = String::from_utf8_lossy(&s[i + 1..]).to_ascii_lowercase();
        let number = after.starts_with(|c: char| c.is_ascii_digit() || c == '+');
        let quality = number || ["e", "l", "auto:low"].iter().any(|v| after.starts_with(v));
        match s[i] {
            b'/' => ends(b"max") && number,
            b':' => ends(b"resize") || (ends(b"q") && quality) || ends(b"blur"),
            b'_' => (ends(b"q") && quality) || ends(b"blur") || (ends(b"w") && number),
            b'=' => {
                query.is_some_and(|q| i > q)
                    && (ends(b"blur")
                        || (number
                            && ["q", "quality", "format", "w", "width"]
                                .iter()
                                .any(|p| ends(p.as_bytes()))))
            }
            _ => false,
        }
    })
}

/// [`low_res_now`] as it was first written: a lowercase copy, the path's segments in a
/// `Vec`.
fn low_res_lowercased(src: &str) -> bool {
    let lower = src.trim().to_ascii_lowercase();
    let (path, query) = match lower.split_once('?') {
        Some((p, q)) => (p, q.split('#').next().unwrap_or("")),
        None => (lower.split('#').next().unwrap_or(""), ""),
    };
    let small = |n: &str| n.parse::<u32>().is_ok_and(|n| n <= 100);
    let low_quality_value = |v: &str| {
        matches!(v, "eco" | "low" | "auto:low" | "lowest")
            || v.parse::<u32>().is_ok_and(|n| n <= 30)
    };
    let segments: Vec<&str> = path.split('/').collect();
    let medium_max = segments.windows(2).any(|w| w[0] == "max" && small(w[1]));
    let path_option = segments.iter().any(|seg| {
        seg.split(',').any(|opt| {
            ["resize:fit:", "resize:fill:"].iter().any(|p| {
                opt.strip_prefix(p)
                    .is_some_and(|rest| small(rest.split(':').next().unwrap_or("")))
            }) || ["q:", "q_"]
                .iter()
                .any(|p| opt.strip_prefix(p).is_some_and(low_quality_value))
                || ["blur_", "e_blur:", "blur:"].iter().any(|p| {
                    opt.strip_prefix(p)
                        .is_some_and(|n| n.parse::<f32>().is_ok_and(|n| n > 0.0))
                })
                || opt
                    .strip_prefix("w_")
                    .is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 0 && n <= 64))
        })
    });
    let mut low_quality = false;
    for (k, v) in query.split('&').filter_map(|kv| kv.split_once('=')) {
        match k {
            "q" | "quality" => low_quality |= v.parse::<u32>().is_ok_and(|n| n <= 30),
            "blur" => low_quality |= v.parse::<f32>().is_ok_and(|n| n > 0.0),
            "format" => low_quality |= v.strip_suffix('w').is_some_and(small),
            "w" | "width" => low_quality |= v.parse::<u32>().is_ok_and(|n| n > 0 && n <= 64),
            _ => {}
        }
    }
    medium_max || path_option || low_quality
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
    /// Read in any case without a copy, `low_res_now` answers as the lowercased reading,
    /// on URLs made of the marks in any case, their values (numbers, `inf`, `1E5`…), a
    /// query, a fragment, non-ASCII letters.
    #[test]
    fn low_res_any_case_answers_as_lowercased(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "/max/60/", "/MAX/", "Max", "/", "resize:fit:60", "RESIZE:FILL:", "Resize:Fit:",
            "/q:eco", "Q:ECO", "Q_10", "q_", ",blur_2", "e_blur:400", "E_BLUR:", "BLUR:1",
            "/w_49", "W_", ",", "?", "&", "#", "=", "?q=10", "&Q=20", "Quality=5",
            "?blur=2", "?BLUR=INF", "&FORMAT=100w", "format=60W", "?w=60", "&Width=1",
            "WIDTH=", "60", "10", "0", "1E1", "inf", "INF", "NaN", "eco", "LOW", "Lowest",
            "auto:low", "AUTO:LOW", "x", "é", "İ", "K", "https://a.example/", " ", "+5",
            ":", "_", "q", "w", "c_fill,", ",q_10", "RESIZE:FIT:60:60", "b", "r", "e",
            ",E_BLUR:1", ",W_64", "w_65", "Blur:0",
        ][..]), 0..10)
    ) {
        let url: String = pieces.concat();
        proptest::prop_assert_eq!(low_res_now(&url), low_res_lowercased(&url), "{:?}", url);
    }

    /// `split_byte` cuts as `str::split` does: empty pieces, the separator at either end,
    /// non-ASCII characters around it.
    #[test]
    fn split_byte_as_str_split(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "/", ",", "&", "a", "é", "中", "max", "", "//", ",,",
        ][..]), 0..10),
        sep in proptest::sample::select(&[b'/', b',', b'&', b'#'][..]),
    ) {
        let s: String = pieces.concat();
        let by_bytes: Vec<&str> = split_byte(&s, sep).collect();
        let by_str: Vec<&str> = s.split(sep as char).collect();
        proptest::prop_assert_eq!(by_bytes, by_str, "{:?}", s);
        proptest::prop_assert_eq!(until_byte(&s, sep), s.split(sep as char).next().unwrap_or(""));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4000))]
    /// The `memchr` screen answers as the plain one on mixes of the marks, their
    /// near misses and their bytes.
    #[test]
    fn low_res_screen_answers_as_the_plain_one(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "max", "MAX", "ma", "resize", "RESIZE", "q", "Q", "blur", "BLUR", "w", "W",
            "quality", "format", "width", "wid", "/", ":", "_", "=", "?", "&", "60", "x",
            "é", "https://a.example/", "+", "e", "L", "auto:low", "AUTO:LO", "auto", "1200",
        ][..]), 0..10)
    ) {
        let url: String = pieces.concat();
        proptest::prop_assert_eq!(may_be_low_res(&url), may_be_low_res_plainly(&url), "{:?}", url);
    }

    /// The screen never answers for `is_low_res`'s own reading: where it says no, so
    /// does the full test, on URLs made of the marks, their values, a query, a fragment,
    /// an inline image's base64.
    #[test]
    fn low_res_screen_never_stricter(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "/max/60/", "/MAX/", "max", "/", "resize:fit:60", "RESIZE:FILL:", "/q:eco",
            "Q_10", "q_", ",blur_2", "e_blur:400", "BLUR:1", "/w_49", "W_", ",", "?",
            "&", "#", "=", "?q=10", "&q=20", "Quality=5", "?blur=2", "&FORMAT=100w",
            "?w=60", "&Width=1", "60", "10", "0", "eco", "LOW", "auto:low", "inf", "x",
            "data:image/png;base64,iVBORw", "Ow==", "https://a.example/", " ",
            "q_auto", "Q_AUTO:LOW", "q:Lowest", "?w=1200", "/max/1400/", "+", "+5", "05",
            "e", "l", "auto", ":low", "lowest", "ECO", "/max/+60/", "?Q=+9", "w_+9",
            "&format=+9w", "=", "_", ":", "q", "w", "blur", "format", "max",
        ][..]), 0..10)
    ) {
        let url: String = pieces.concat();
        if !may_be_low_res(&url) {
            proptest::prop_assert!(!low_res_now(&url), "{:?}", url);
        }
    }
}

#[test]
fn stand_in_names() {
    for s in [
        "https://s.example/assets/img_default.png",
        "/static/fallback.svg",
        "/img/lazyLoader.gif",
        "/img/no-image.png",
        "https://s.example/theme/lazy-placeholder.jpg?v=2",
        "http://cdn.example/js/x.gif",
        "/img/S.GIF",
        "/i/T.gif?v=3",
    ] {
        assert!(is_stand_in_name(s), "{s}");
    }
    for s in [
        "/u/x.jpg",
        "/u/c.png",
        "/u/xy.gif",
        "/u/-.gif",
        "/u/harbour.jpg",
        "/u/lazyriver",
        "/u/defaults",
    ] {
        assert!(!is_stand_in_name(s), "{s}");
    }
}

/// The slice-based word split gives what splitting into lowercase words gave, on names
/// built from stand-in words, near misses, every separator and case changes.
#[test]
fn stand_in_names_as_lowercase_words() {
    fn by_lowercase_words(stem: &str) -> bool {
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut prev_lower = false;
        for c in stem.chars() {
            if matches!(c, '-' | '_' | '.' | '+' | ' ') {
                words.push(std::mem::take(&mut current));
                prev_lower = false;
                continue;
            }
            if c.is_ascii_uppercase() && prev_lower {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            current.push(c.to_ascii_lowercase());
        }
        words.push(current);
        words.iter().any(|w| STAND_IN_WORDS.contains(&w.as_str()))
            || words.windows(2).any(|w| w[0] == "no" && w[1] == "image")
    }
    let parts = [
        "no", "No", "NO", "image", "Image", "IMAGE", "lazy", "Lazy", "LAZY", "loader", "Loading",
        "photo", "x1", "é", "", "defaults", "DummY",
    ];
    let seps = ["-", "_", ".", "+", " ", "", "--"];
    for a in parts {
        for sep in seps {
            for b in parts {
                let stem = format!("{a}{sep}{b}");
                let url = format!("/img/{stem}.png");
                assert_eq!(is_stand_in_name(&url), by_lowercase_words(&stem), "{url}");
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(4096))]
    /// The payload decoder gives the bytes `percent_decode_str` gives: escapes in any case,
    /// a `%` without two hex digits (at the end too), escapes of non-ASCII and invalid
    /// UTF-8 bytes, runs between them.
    #[test]
    fn percent_decoded_as_percent_encoding(
        pieces in proptest::collection::vec(proptest::sample::select(&[
            "%3C", "%3c", "%20", "%", "%%", "%4", "%G1", "%4g", "%ff", "%FF", "%C3%A9", "%E2",
            "<svg", " ", "'", "a", "é", "7", "%7B", "%25", "%0a",
        ][..]), 0..12)
    ) {
        let v: String = pieces.concat();
        let expected: Cow<'_, [u8]> = percent_decode_str(&v).into();
        proptest::prop_assert_eq!(&*percent_decoded(&v), &*expected, "{:?}", v);
    }
}

#[test]
fn stand_in_words_have_stand_in_lengths() {
    for word in STAND_IN_WORDS {
        assert!(STAND_IN_LENGTHS.contains(&word.len()), "{word}");
    }
}
