//! The README's "Proxies and links" tables: every example unwraps to the origin shown, the
//! image-proxy table matches the one in the `articlean::proxy` docs, and every built-in link
//! redirector has an example.

use articlean::proxy::{unwrap_redirect, ProxyTemplate, Unwrapper};

const README: &str = include_str!("../README.md");
const PROXY_DOCS: &str = include_str!("../src/proxy/mod.rs");
const REDIRECTORS_SRC: &str = include_str!("../src/proxy/links.rs");

/// The text between `## Proxies and links` and the next `## ` heading.
fn section() -> &'static str {
    let start = README
        .find("## Proxies and links")
        .expect("README has a \"Proxies and links\" section");
    let rest = &README[start + 3..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

/// `(header of the table, example, origin)` for table rows whose 2nd and 3rd cells are code.
fn rows(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut header = String::new();
    for line in text.lines() {
        let line = line.trim_start_matches("//! ");
        if !line.starts_with('|') {
            header.clear();
            continue;
        }
        if header.is_empty() {
            header = line.to_string();
            continue;
        }
        if line.starts_with("|---") {
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        let code = |c: &str| {
            let c = c.trim().trim_end_matches(" |").trim_end_matches('|').trim();
            let c = c.strip_prefix('`')?;
            let end = c.find('`')?;
            Some(c[..end].to_string())
        };
        if let (Some(ex), Some(origin)) = (
            cells.get(1).and_then(|c| code(c)),
            cells.get(2).and_then(|c| code(c)),
        ) {
            out.push((header.clone(), ex, origin));
        }
    }
    out
}

#[test]
fn every_readme_example_unwraps() {
    let rows = rows(section());
    let user_pattern = ProxyTemplate::parse("https://img.example.com/p/{url_base64}").unwrap();
    let unwrapper = Unwrapper::new().with_template(user_pattern);
    let (mut proxies, mut redirects) = (0, 0);
    let mut failures = Vec::new();
    for (header, example, origin) in &rows {
        let got = if header.starts_with("| proxy format") {
            proxies += 1;
            unwrapper.unwrap(example)
        } else if header.starts_with("| link redirector") {
            redirects += 1;
            unwrap_redirect(example)
        } else {
            continue;
        };
        if got.as_deref() != Some(origin.as_str()) {
            failures.push(format!("{example} -> {got:?}, want {origin}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(proxies >= 39, "only {proxies} proxy rows");
    assert!(redirects >= 37, "only {redirects} redirector rows");
}

/// Every README example still unwraps to its origin with an ASCII tab, a line feed or a
/// carriage return inside it, wherever it stands (every fifth byte, and the scheme's
/// colon): the URL parser removes those characters, so the browser loads the same proxy
/// or redirector URL (<https://url.spec.whatwg.org/#concept-basic-url-parser>).
#[test]
fn every_readme_example_unwraps_with_a_tab_or_newline_inside() {
    let rows = rows(section());
    let user_pattern = ProxyTemplate::parse("https://img.example.com/p/{url_base64}").unwrap();
    let unwrapper = Unwrapper::new().with_template(user_pattern);
    let plain = Unwrapper::new();
    let (mut checked, mut failures) = (0, Vec::new());
    for (header, example, origin) in &rows {
        let proxy = header.starts_with("| proxy format");
        if !proxy && !header.starts_with("| link redirector") {
            continue;
        }
        let colon = example.find(':').unwrap_or(0);
        let places = (1..example.len()).step_by(5).chain([colon]);
        for (n, at) in places.enumerate() {
            if !example.is_char_boundary(at) {
                continue;
            }
            let spelled = format!(
                "{}{}{}",
                &example[..at],
                ["\t", "\n", "\r", "\r\n"][n % 4],
                &example[at..]
            );
            checked += 1;
            let got = if proxy {
                // With a template (no screen) and without one (screened).
                let screened = plain.unwrap(&spelled);
                let templated = unwrapper.unwrap(&spelled);
                if !example.starts_with("https://img.example.com/p/") && screened != templated {
                    failures.push(format!("{spelled:?}: {screened:?} vs {templated:?}"));
                }
                templated
            } else {
                unwrap_redirect(&spelled)
            };
            if got.as_deref() != Some(origin.as_str()) {
                failures.push(format!("{spelled:?} -> {got:?}, want {origin}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked >= 1_000, "only {checked} spellings");
}

#[test]
fn readme_proxy_table_matches_the_rustdoc_table() {
    let pairs = |rows: Vec<(String, String, String)>| {
        let mut v: Vec<(String, String)> = rows
            .into_iter()
            .filter(|(h, ex, _)| {
                (h.starts_with("| proxy format") || h.starts_with("| format"))
                    && !ex.contains('{')
                    && !ex.starts_with("https://img.example.com/p/")
            })
            .map(|(_, ex, o)| (ex, o))
            .collect();
        v.sort();
        v
    };
    let readme = pairs(rows(section()));
    let docs = pairs(rows(PROXY_DOCS));
    assert!(docs.len() >= 20, "{docs:?}");
    assert_eq!(readme, docs, "README and src/proxy/mod.rs tables differ");
}

#[test]
fn every_redirector_has_a_readme_example() {
    let examples: Vec<String> = rows(section())
        .into_iter()
        .filter(|(h, _, _)| h.starts_with("| link redirector"))
        .map(|(_, ex, _)| ex)
        .collect();
    // (host or domain, whether subdomains count) of every `r(…)` line of REDIRECTORS.
    // Every entry of the REDIRECTORS table, however rustfmt splits its lines: the text
    // from `const REDIRECTORS` to the `];` that ends it, read entry by entry.
    let start = REDIRECTORS_SRC
        .find("const REDIRECTORS")
        .expect("links.rs has a REDIRECTORS table");
    let table = &REDIRECTORS_SRC[start..];
    let table = &table[..table.find("\n];").expect("the table ends with ];")];
    let mut hosts: Vec<(String, bool)> = Vec::new();
    for entry in table.split("\n    r").skip(1) {
        let entry = entry
            .trim_start_matches('d')
            .trim_start_matches('(')
            .trim_start();
        for (kind, subdomains) in [("Exact(\"", false), ("Domain(\"", true)] {
            if let Some(rest) = entry.strip_prefix(kind) {
                let host = rest.split('"').next().unwrap_or_default();
                hosts.push((host.to_string(), subdomains));
            }
        }
        if entry.starts_with("Google,") {
            hosts.push(("www.google.com".to_string(), false));
        }
    }
    assert!(hosts.len() >= 37, "{hosts:?}");
    let example_hosts: Vec<&str> = examples
        .iter()
        .filter_map(|ex| ex.split('/').nth(2))
        .collect();
    for (host, subdomains) in &hosts {
        let covered = example_hosts
            .iter()
            .any(|h| h == host || (*subdomains && h.ends_with(&format!(".{host}"))));
        assert!(covered, "no README example for the redirector {host}");
    }
}
