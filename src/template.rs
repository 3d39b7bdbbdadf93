//! Template syntax in URLs: `{{ site.baseurl }}/a.jpg` (Liquid, Jinja, Hugo, Handlebars),
//! `{% static 'a.png' %}`, `{{< param "cover" >}}` (Hugo shortcodes). A blog engine fills
//! these in when it builds the site, so such a URL is not a URL yet: it is never resolved
//! against the base URL, unwrapped or rewritten, and no rewrite may produce one (a proxied
//! `%7B%7Bsite.secret%7D%7D` is never decoded into `{{site.secret}}`). It is still checked
//! like any other URL (a relative one is kept; a scheme must be allowed).

/// Whether `s` holds a template delimiter: `{{`, `}}`, `{%` or `%}`.
pub(crate) fn has_template_syntax(s: &str) -> bool {
    memchr::memmem::find(s.as_bytes(), b"{{").is_some()
        || memchr::memmem::find(s.as_bytes(), b"}}").is_some()
        || memchr::memmem::find(s.as_bytes(), b"{%").is_some()
        || memchr::memmem::find(s.as_bytes(), b"%}").is_some()
}

#[cfg(test)]
mod tests {
    use super::has_template_syntax;

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
