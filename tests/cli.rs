//! The `articlean` binary on generated folders: --check, --dry-run, --in-place (twice), --out,
//! --backup, --config, and failures (not UTF-8, read-only, dangling link, a write that fails
//! midway) that leave files intact and make the exit code say so.
#![cfg(feature = "cli")]

use articlean::Cleaner;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_articlean");

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// `articlean clean FILE --config CONFIG`.
fn clean_with_config(file: &Path, config: &Path) -> Output {
    run(
        &[
            "clean",
            file.to_str().unwrap(),
            "--config",
            config.to_str().unwrap(),
        ],
        &[],
    )
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited with a code")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Post number `i`: YAML or TOML front matter, an HTML or Markdown body, with debris.
fn post(i: usize) -> (String, String) {
    let proxied = format!("https://cors.example.workers.dev/?http://img.example.com/{i}.jpg");
    match i % 4 {
        0 => (
            format!("{i:04}.md"),
            format!("---\ntitle: 'Post {i}'\ncover: '{proxied}'\n---\n<div onclick=\"x()\"><p>Body {i}</p><p></p></div>\n"),
        ),
        1 => (
            format!("sub/{i:04}.md"),
            format!("+++\ntitle = \"Post {i}\"\n+++\n# Post {i}\n\nText <span onclick=\"y()\">{i}</span>.\n\n![img]({proxied})\n\n```\n<div onclick=\"kept()\"></div>\n```\n"),
        ),
        2 => (
            format!("sub/deeper/{i:04}.html"),
            format!("<p>Article {i}</p><img class=\"lazy\" data-src=\"http://img.example.com/{i}.png\"><p></p>"),
        ),
        _ => (
            format!("{i:04}.markdown"),
            format!("---\r\ntitle: clean {i}\r\n---\r\nAlready *clean* text {i}.\r\n"),
        ),
    }
}

/// Writes `n` posts under `dir`; returns (path, content).
fn generate(dir: &Path, n: usize) -> Vec<(PathBuf, String)> {
    (0..n)
        .map(|i| {
            let (rel, text) = post(i);
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &text).unwrap();
            (path, text)
        })
        .collect()
}

fn expected(path: &Path, text: &str) -> String {
    let cleaner = Cleaner::default();
    if path.extension().is_some_and(|e| e == "html") {
        cleaner.clean(text).into_html()
    } else {
        cleaner.clean_post(text).into_html()
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn two_thousand_posts_check_dry_run_in_place_with_failures() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let posts = generate(dir, 2000);
    let dir_s = dir.to_str().unwrap();

    // --check: lists what would change, exits 1, writes nothing.
    let out = run(&["clean", dir_s, "--check"], &[]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let listed = String::from_utf8_lossy(&out.stdout).lines().count();
    assert_eq!(listed, 1500, "three posts in four have debris");
    assert!(
        stderr(&out).contains("1500 would change, 500 unchanged, 0 failed"),
        "{}",
        stderr(&out)
    );
    for (path, text) in &posts {
        assert_eq!(&fs::read_to_string(path).unwrap(), text);
    }

    // --dry-run: a unified diff per changed file, exit 0, writes nothing.
    let out = run(&["clean", dir_s, "--dry-run", "--jobs", "2"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let diff = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        diff.matches("\n+++ ").count() + usize::from(diff.starts_with("+++ ")),
        1500
    );
    assert!(
        diff.contains("-cover: 'https://cors.example.workers.dev/?http://img.example.com/0.jpg'")
    );
    assert!(diff.contains("+cover: 'http://img.example.com/0.jpg'"));
    for (path, text) in &posts {
        assert_eq!(&fs::read_to_string(path).unwrap(), text);
    }

    // Failures among them: not UTF-8, read-only, a dangling link named like a post.
    let bad = dir.join("sub/latin1.md");
    let bad_bytes = b"---\ntitle: caf\xe9\n---\n<p onclick=x>caf\xe9</p>\n".to_vec();
    fs::write(&bad, &bad_bytes).unwrap();
    let ro = dir.join("read-only.md");
    let ro_text = "<p onclick=\"x()\">read only</p>\n";
    fs::write(&ro, ro_text).unwrap();
    let mut perms = fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&ro, perms).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.join("nowhere"), dir.join("dangling.md")).unwrap();

    let out = run(&["clean", dir_s, "--in-place"], &[]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(err.contains("latin1.md: not UTF-8"), "{err}");
    assert!(err.contains("read-only.md: read-only file"), "{err}");
    // Symbolic links in a folder are not followed (a dangling one is not an error there).
    assert!(!err.contains("dangling.md"), "{err}");
    assert!(err.contains("(1500 changed"), "{err}");
    assert_eq!(fs::read(&bad).unwrap(), bad_bytes);
    assert_eq!(fs::read_to_string(&ro).unwrap(), ro_text);
    for (path, text) in &posts {
        assert_eq!(
            fs::read_to_string(path).unwrap(),
            expected(path, text),
            "{}",
            path.display()
        );
    }
    assert!(
        !files_under(dir)
            .iter()
            .any(|p| p.to_string_lossy().ends_with(".tmp")),
        "a temporary file was left behind"
    );

    // Second run: nothing left to change (the failures are still reported).
    let out = run(&["clean", dir_s, "--in-place"], &[]);
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert!(
        err.contains("(0 changed, 2000 unchanged, 2 failed)"),
        "{err}"
    );

    // Named on the command line, a dangling link is reported.
    #[cfg(unix)]
    {
        let dangling = dir.join("dangling.md");
        let out = run(&["clean", dangling.to_str().unwrap()], &[]);
        assert_eq!(code(&out), 2);
        assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    }

    // Without the bad files, --check passes.
    fs::remove_file(&bad).unwrap();
    fs::remove_file(&ro).unwrap();
    let _ = fs::remove_file(dir.join("dangling.md"));
    let out = run(&["clean", dir_s, "--check"], &[]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_write_that_fails_midway_leaves_the_original_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("posts");
    // Only dirty posts, so every file is written.
    let posts: Vec<(PathBuf, String)> = generate(&dir, 24)
        .into_iter()
        .filter(|(p, t)| {
            let dirty = expected(p, t) != *t;
            if !dirty {
                fs::remove_file(p).unwrap();
            }
            dirty
        })
        .collect();
    let out = run(
        &["clean", dir.to_str().unwrap(), "--in-place", "--jobs", "1"],
        &[("ARTICLEAN_FAIL_WRITE_AFTER", "5")],
    );
    let err = stderr(&out);
    assert_eq!(code(&out), 2, "{err}");
    assert_eq!(err.matches("simulated write failure").count(), 1, "{err}");
    let mut intact = 0;
    for (path, text) in &posts {
        let now = fs::read_to_string(path).unwrap();
        if now == *text {
            intact += 1;
            assert!(err.contains(&*path.to_string_lossy()), "{err}");
        } else {
            assert_eq!(now, expected(path, text));
        }
    }
    assert_eq!(intact, 1, "exactly the failed file keeps its old bytes");
    assert_eq!(
        files_under(&dir).len(),
        posts.len(),
        "no temporary file left"
    );
}

#[test]
fn out_dir_mirrors_layout_and_backup_keeps_originals() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    let posts = generate(&src, 8);
    let out_dir = tmp.path().join("out");
    let out = run(
        &[
            "clean",
            src.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for (path, text) in &posts {
        let rel = path.strip_prefix(&src).unwrap();
        assert_eq!(
            fs::read_to_string(out_dir.join(rel)).unwrap(),
            expected(path, text)
        );
        assert_eq!(&fs::read_to_string(path).unwrap(), text, "source untouched");
    }

    let out = run(
        &["clean", src.to_str().unwrap(), "--in-place", "--backup"],
        &[],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    for (path, text) in &posts {
        let orig = PathBuf::from(format!("{}.orig", path.display()));
        if expected(path, text) != *text {
            assert_eq!(&fs::read_to_string(&orig).unwrap(), text);
        } else {
            assert!(!orig.exists());
        }
    }
}

#[test]
fn one_file_to_stdout_and_config_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let (_, text) = post(0);
    let file = tmp.path().join("a.md");
    fs::write(&file, &text).unwrap();
    let out = run(&["clean", file.to_str().unwrap()], &[]);
    assert_eq!(code(&out), 0);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        expected(&file, &text)
    );

    let config = tmp.path().join("articlean.toml");
    fs::write(
        &config,
        "image_proxy = \"https://wsrv.nl/?url={url_encoded}\"\nrules_off = [\"junk\"]\n",
    )
    .unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("cover: 'https://wsrv.nl/?url=http%3A%2F%2Fimg.example.com%2F0.jpg'"),
        "{stdout}"
    );

    fs::write(&config, "image_proxyy = \"x\"\n").unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("image_proxyy"), "{}", stderr(&out));

    fs::write(&config, "rules_off = [\"nope\"]\n").unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));

    // Many files need an output mode.
    let out = run(&["clean", tmp.path().to_str().unwrap()], &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
}

#[test]
fn readme_config_example_is_accepted() {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## Command-line tool").expect("README section")..];
    let start = section.find("```toml\n").expect("a toml block") + 8;
    let config_text = &section[start..start + section[start..].find("```").unwrap()];
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("articlean.toml");
    fs::write(&config, config_text).unwrap();
    let (_, text) = post(0);
    let file = tmp.path().join("a.md");
    fs::write(&file, &text).unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout)
        .contains("images.weserv.nl/?url=http%3A%2F%2Fimg.example.com%2F0.jpg"));
}

/// The tool builds its cleaner from `articlean.toml` as the library does from the same text
/// (`Config::from_toml_str`, `CleanerBuilder::from_config`): the same output, byte for byte.
#[test]
fn the_config_file_cleans_as_the_library_config() {
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("articlean.toml");
    let text = concat!(
        "classes_allowed = [\"note\"]\nembeds = true\nnative_lazy_loading = false\n",
        "links_in_new_tab = true\nlazy_src_attribute = \"data-my-src\"\n",
        "image_proxy = \"https://wsrv.nl/?url={url_encoded}\"\n",
    );
    fs::write(&config, text).unwrap();
    let file = tmp.path().join("a.html");
    let page = concat!(
        r#"<p class="note other">n</p><iframe src="https://www.youtube.com/embed/abc123"></iframe>"#,
        r#"<img data-my-src="https://img.example.com/a.jpg"><a href="https://example.com/">x</a>"#,
    );
    fs::write(&file, page).unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let library =
        articlean::CleanerBuilder::from_config(&articlean::Config::from_toml_str(text).unwrap())
            .build()
            .unwrap();
    let expected = library.clean(page).into_html();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert_ne!(expected, Cleaner::default().clean(page).into_html());

    fs::write(
        &config,
        "classes_kept = true\ntags_allowed = [\"script\"]\n",
    )
    .unwrap();
    let out = clean_with_config(&file, &config);
    assert_eq!(
        code(&out),
        3,
        "a sanitizer conflict is a configuration error"
    );
}

/// Turning the sanitizer off in a config is refused unless `--allow-unsafe-output` (or
/// `allow_unsafe_output = true`) says so, and then it is said on stderr.
#[test]
fn the_sanitizer_is_off_only_when_said_twice() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.html");
    fs::write(&page, "<p onclick=x>a<script>s()</script></p>").unwrap();
    let config = dir.path().join("off.toml");
    fs::write(&config, "rules_off = [\"sanitize\"]\n").unwrap();
    let refused = clean_with_config(&page, &config);
    assert_ne!(code(&refused), 0, "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("allow_unsafe_output"),
        "{}",
        stderr(&refused)
    );

    let args = [
        "clean",
        page.to_str().unwrap(),
        "--config",
        config.to_str().unwrap(),
        "--allow-unsafe-output",
    ];
    let allowed = run(&args, &[]);
    assert_eq!(code(&allowed), 0, "{}", stderr(&allowed));
    assert!(
        stderr(&allowed).contains("not safe to embed"),
        "{}",
        stderr(&allowed)
    );
    assert!(String::from_utf8_lossy(&allowed.stdout).contains("<script>"));

    fs::write(
        &config,
        "rules_off = [\"sanitize\"]\nallow_unsafe_output = true\n",
    )
    .unwrap();
    let in_file = clean_with_config(&page, &config);
    assert_eq!(code(&in_file), 0, "{}", stderr(&in_file));
}

/// File names are written as git writes them (in quotes, control characters escaped) in
/// every message: a name is data from the folder being cleaned (a cloned site), and one
/// holding terminal escape sequences (`\x1b]…` sets the window title, `\x1b[2J` clears the
/// screen, OSC 52 writes the clipboard) must not reach the terminal as such. They did in
/// `would change:`, `--verbose` and the failure messages.
#[test]
fn file_names_never_write_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let name = "post\u{1b}]0;owned\u{7}\u{1b}[2J.md";
    fs::write(
        dir.path().join(name),
        "---\ntitle: t\n---\n<p onclick=\"x()\">a</p>\n",
    )
    .unwrap();
    // One that cannot be read: its name is in a failure message.
    let bad = "bad\u{1b}[31m.md";
    fs::write(dir.path().join(bad), [0xff, 0xfe, 0x00]).unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec!["clean", "--check", folder],
        vec!["clean", "--check", "--verbose", folder],
        vec!["clean", "--dry-run", folder],
        vec!["clean", "--in-place", "--verbose", folder],
    ] {
        let out = run(&args, &[]);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.iter().any(|&b| b == 0x1b || b == 0x07),
                "{args:?}: {stream} holds a control character:\n{}",
                String::from_utf8_lossy(bytes).escape_debug()
            );
        }
    }
}
