//! Template syntax in URLs: `{{ site.baseurl }}/a.jpg` (Liquid, Jinja, Hugo, Handlebars),
//! `{% static 'a.png' %}`, `{{< param "cover" >}}` (Hugo shortcodes). A blog engine fills
//! these in when it builds the site, so such a URL is not a URL yet: it is never resolved
//! against the base URL, unwrapped or rewritten, and no rewrite may produce one (a proxied
//! `%7B%7Bsite.secret%7D%7D` is never decoded into `{{site.secret}}`). It is still checked
//! like any other URL (a relative one is kept; a scheme must be allowed).

/// Whether `s` holds a template delimiter: `{{`, `}}`, `{%` or `%}`.
pub(crate) fn has_template_syntax(s: &str) -> bool {
    // Every delimiter holds a brace: one pass for braces, and each one found is looked at
    // with its neighbours (no searcher built per call; most URLs have no brace at all).
    let b = s.as_bytes();
    memchr::memchr2_iter(b'{', b'}', b).any(|i| {
        let (open, next, prev) = (b[i] == b'{', b.get(i + 1), i.checked_sub(1).map(|p| b[p]));
        if open {
            matches!(next, Some(b'{' | b'%'))
        } else {
            matches!(next, Some(b'}')) || prev == Some(b'%')
        }
    })
}

#[cfg(test)]
mod tests {
    use super::has_template_syntax;

    /// The brace scan finds exactly the four delimiters: every string of up to six
    /// characters from `{ } % a`, against a plain substring search.
    #[test]
    fn scan_matches_substring_search() {
        let alphabet = ['{', '}', '%', 'a'];
        let mut strings = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.len() == strings.last().map_or(0, String::len))
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        for s in &strings {
            let expected = ["{{", "}}", "{%", "%}"].iter().any(|d| s.contains(d));
            assert_eq!(has_template_syntax(s), expected, "{s:?}");
        }
    }

    #[test]
    fn delimiters() {
        for s in [
            "{{ site.baseurl }}/assets/a.jpg",
            "{{site.url}}",
            "/a/{% static 'x.png' %}",
            "{{< param \"cover\" >}}",
            "{{% ref \"post\" %}}",
            "https://a.example/x}}",
        ] {
            assert!(has_template_syntax(s), "{s}");
        }
        for s in ["https://a.example/{x}/a.jpg", "/a%7B%7Bb", "{ a }", "%"] {
            assert!(!has_template_syntax(s), "{s}");
        }
    }
}
