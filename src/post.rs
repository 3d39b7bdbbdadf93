//! Posts: a document with front matter (`---` YAML or `+++` TOML) and an HTML body, as Hexo,
//! Jekyll and Hugo keep them.

use crate::cleaner::{Cleaned, Cleaner};

/// A post split into its front matter and its body. Borrowed from the input; nothing is
/// copied until it is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Post<'a> {
    /// Everything up to and including the closing fence line (BOM, fences and line endings
    /// as they were), or `""` when there is no front matter.
    pub front_matter: &'a str,
    /// The rest.
    pub body: &'a str,
}

impl<'a> Post<'a> {
    /// Splits `text`. Front matter is a first line `---` (YAML) or `+++` (TOML), after an
    /// optional BOM and blank lines, up to the next line that is the same fence (YAML also
    /// closes with `...`). Without a closed fence the whole text is the body.
    pub fn split(text: &'a str) -> Post<'a> {
        let after_bom = text.strip_prefix('\u{feff}').unwrap_or(text);
        let blank_lines =
            after_bom.len() - after_bom.trim_start_matches(['\n', '\r', ' ', '\t']).len();
        // Only whole blank lines are skipped: back up to the start of the fence's line.
        let blank_lines = after_bom[..blank_lines].rfind('\n').map_or(0, |i| i + 1);
        let after_bom = &after_bom[blank_lines..];
        let bom = text.len() - after_bom.len();
        let fence = if after_bom.starts_with("---") {
            "---"
        } else if after_bom.starts_with("+++") {
            "+++"
        } else {
            return Post {
                front_matter: "",
                body: text,
            };
        };
        let mut lines = LineSpans::new(after_bom);
        match lines.next() {
            Some((_, line)) if line.trim_end() == fence => {}
            _ => {
                return Post {
                    front_matter: "",
                    body: text,
                }
            }
        }
        for (end, line) in lines {
            let trimmed = line.trim_end();
            if trimmed == fence || (fence == "---" && trimmed == "...") {
                let split = bom + end;
                return Post {
                    front_matter: &text[..split],
                    body: &text[split..],
                };
            }
        }
        Post {
            front_matter: "",
            body: text,
        }
    }

    /// Whether there is front matter.
    pub fn has_front_matter(&self) -> bool {
        !self.front_matter.is_empty()
    }
}

/// Iterates over lines as `(end offset including the line break, line text)`.
struct LineSpans<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineSpans<'a> {
    fn new(text: &'a str) -> Self {
        LineSpans { text, pos: 0 }
    }
}

impl<'a> Iterator for LineSpans<'a> {
    type Item = (usize, &'a str);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let (line, len) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += len;
        Some((self.pos, line))
    }
}

impl Cleaner {
    /// Cleans a post: the front matter is kept byte for byte, except image URLs in it, which
    /// get the same proxy unwrapping (or re-routing) as the body's images; the body is cleaned
    /// as HTML.
    ///
    /// ```
    /// use articlean::Cleaner;
    ///
    /// let post = "---\ntitle: 'Hi'\nthumbnail: 'https://cors.example.workers.dev/?http://img.example.com/a.jpg'\n---\n<p onclick=\"x()\">Body</p><p></p>\n";
    /// let out = Cleaner::default().clean_post(post);
    /// assert_eq!(out.html(), "---\ntitle: 'Hi'\nthumbnail: 'http://img.example.com/a.jpg'\n---\n<p>Body</p>\n");
    /// ```
    pub fn clean_post(&self, text: &str) -> Cleaned {
        let post = Post::split(text);
        let front = self.rewrite_front_matter(post.front_matter);
        let body = self.clean(post.body);
        let (html, mut report) = body.into_parts();
        let mut out = front.text;
        out.push_str(&html);
        if front.changes > 0 {
            report.add("proxied_urls", front.changes);
        }
        Cleaned { html: out, report }
    }

    fn rewrite_front_matter(&self, front: &str) -> FrontMatter {
        let mut text = String::with_capacity(front.len());
        let mut changes = 0;
        let mut rest = front;
        while let Some(start) = find_url(rest) {
            text.push_str(&rest[..start]);
            let url_and_more = &rest[start..];
            let end = url_and_more
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '\'' | '"' | ',' | ']' | '}' | '>' | ')')
                })
                .unwrap_or(url_and_more.len());
            let url = &url_and_more[..end];
            match self.rewrite_image_url(url).filter(|new| fits_in_place(new)) {
                Some(new) => {
                    text.push_str(&new);
                    changes += 1;
                }
                None => text.push_str(url),
            }
            rest = &url_and_more[end..];
        }
        text.push_str(rest);
        FrontMatter { text, changes }
    }
}

struct FrontMatter {
    text: String,
    changes: usize,
}

/// Offset of the next `http://` or `https://`.
fn find_url(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(i) = s[from..].find("http") {
        let at = from + i;
        let tail = &bytes[at..];
        if tail.starts_with(b"http://") || tail.starts_with(b"https://") {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// A replacement URL must not break the quoting or line structure around it.
fn fits_in_place(url: &str) -> bool {
    !url.chars()
        .any(|c| c.is_whitespace() || matches!(c, '\'' | '"' | '\\' | '#' | ',' | ']' | '}'))
}

#[cfg(test)]
mod tests {
    use super::Post;

    #[test]
    fn splits_yaml_toml_and_none() {
        let p = Post::split("---\na: 1\n---\nbody");
        assert_eq!((p.front_matter, p.body), ("---\na: 1\n---\n", "body"));
        let p = Post::split("\u{feff}+++\r\na = 1\r\n+++\r\n<p>x</p>");
        assert_eq!(
            (p.front_matter, p.body),
            ("\u{feff}+++\r\na = 1\r\n+++\r\n", "<p>x</p>")
        );
        let p = Post::split("---\nnot closed\n<p>x</p>");
        assert_eq!(p.front_matter, "");
        let p = Post::split("--- not a fence\n---\n");
        assert_eq!(p.front_matter, "");
        let p = Post::split("\n \n---\na: 1\n---\nbody");
        assert_eq!((p.front_matter, p.body), ("\n \n---\na: 1\n---\n", "body"));
        let p = Post::split("---\na: 1\n...\nrest");
        assert_eq!(p.body, "rest");
    }
}
