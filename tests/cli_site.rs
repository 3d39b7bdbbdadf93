//! The `articlean` binary on a blog's folder, as a user runs it at the site's root: only the
//! posts are touched (not ignored folders, `node_modules`, themes, hidden files or symbolic
//! links); excerpt markers, line endings and template URLs survive byte for byte; the
//! `--dry-run` diff applies with `patch -p1` and gives what `--in-place` gives; stdin, a
//! missing file, `--out` collisions, SIGINT, colour, `--exclude`, `--no-ignore`, config
//! discovery.
#![cfg(all(feature = "cli", unix))]

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_articlean");

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited with a code")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file under `dir` (symbolic links as `-> target`), by relative path.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_path_buf();
            let meta = fs::symlink_metadata(&p).unwrap();
            if meta.file_type().is_symlink() {
                let target = fs::read_link(&p).unwrap();
                out.insert(rel, format!("-> {}", target.display()).into_bytes());
            } else if meta.is_dir() {
                stack.push(p);
            } else {
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    out
}

const DEBRIS: &str = "<p onclick=\"track()\">Hi</p><p></p>";
const PROXIED: &str = "https://cors.example.workers.dev/?http://img.example.com/a.jpg";

/// A Hexo/Jekyll/Hugo-like site; returns the relative paths of its posts.
fn site(root: &Path) -> Vec<&'static str> {
    write(
        &root.join("articlean.toml"),
        "base_url = \"https://blog.example.com/\"\n",
    );
    write(&root.join(".gitignore"), "public/\n/drafts-ignored/\n");
    // Generated, installed, template and hidden files: all hold debris, none is a post.
    write(&root.join("public/index.html"), DEBRIS);
    write(
        &root.join("drafts-ignored/draft.md"),
        &format!("---\na: 1\n---\n{DEBRIS}\n"),
    );
    write(&root.join("node_modules/pkg/README.md"), DEBRIS);
    write(
        &root.join("themes/clean/layout/post.html"),
        "<html><body><script src=\"/js/app.js\"></script>{{ content }}<p></p></body></html>\n",
    );
    write(
        &root.join("_layouts/default.html"),
        &format!("{DEBRIS}{{{{ content }}}}"),
    );
    write(&root.join(".github/notes.md"), DEBRIS);
    // The posts.
    write(
        &root.join("source/_posts/hello world.md"),
        &format!("---\ntitle: Hello\ncover: '{PROXIED}'\n---\n<p onclick=\"x()\">Intro</p>\n<!-- more -->\n<div><p>Rest</p><p></p></div>\n"),
    );
    write(
        &root.join("source/_posts/crlf.md"),
        "---\r\ntitle: CRLF\r\n---\r\n<p onclick=\"x()\">One</p>\r\n<!--more-->\r\n<p>Two</p>\r\n<pre>a\r\nb</pre>\r\n",
    );
    write(
        &root.join("source/_posts/liquid.md"),
        "---\ntitle: Liquid\n---\n<p><img src=\"{{ site.baseurl }}/assets/a.jpg\" onerror=\"x()\"></p>\n<p><a href=\"{% link about.md %}\">About</a> <img src=\"img/b.png\"></p>\n<!-- excerpt -->\n",
    );
    write(
        &root.join("content/posts/hugo.html"),
        "+++\ntitle = \"Hugo\"\n+++\n<p><img src=\"{{ .Site.BaseURL }}images/c.png\"></p>\n<p onclick=\"y()\">Text</p>\n",
    );
    write(
        &root.join("content/posts/clean.md"),
        "---\ntitle: Clean\n---\nAlready *clean*.\n",
    );
    // Symbolic links: to a post, and to the posts' folder.
    std::os::unix::fs::symlink("hello world.md", root.join("source/_posts/link.md")).unwrap();
    std::os::unix::fs::symlink("source/_posts", root.join("linked")).unwrap();
    vec![
        "source/_posts/hello world.md",
        "source/_posts/crlf.md",
        "source/_posts/liquid.md",
        "content/posts/hugo.html",
    ]
}

#[test]
fn a_blog_folder_only_its_posts_change_and_the_dry_run_patch_equals_in_place() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    let posts = site(&root);
    let before = snapshot(&root);

    // --dry-run at the root: a diff, nothing written.
    let dry = run_in(&root, &["clean", ".", "--dry-run"]);
    assert_eq!(code(&dry), 0, "{}", stderr(&dry));
    assert_eq!(snapshot(&root), before, "--dry-run wrote something");
    let diff = String::from_utf8(dry.stdout).unwrap();
    assert!(!diff.contains('\x1b'), "colour when not a terminal");
    let mut headers: Vec<&str> = diff
        .lines()
        .filter_map(|l| l.strip_prefix("+++ b/"))
        .map(|l| l.trim_end_matches('\t'))
        .collect();
    headers.sort();
    let mut want = posts.clone();
    want.sort();
    assert_eq!(headers, want, "only the posts, each once:\n{diff}");
    assert!(
        diff.contains("--- a/source/_posts/hello world.md\t\n"),
        "{diff}"
    );

    // The diff applies with patch -p1 to a copy.
    let copy = tmp.path().join("copy");
    let cp = Command::new("cp")
        .args(["-a", root.to_str().unwrap(), copy.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(cp.success());
    let mut patch = Command::new("patch")
        .args(["-p1", "--batch", "--no-backup-if-mismatch"])
        .current_dir(&copy)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("patch is installed");
    patch
        .stdin
        .take()
        .unwrap()
        .write_all(diff.as_bytes())
        .unwrap();
    let patched = patch.wait_with_output().unwrap();
    assert!(
        patched.status.success(),
        "{}{}",
        String::from_utf8_lossy(&patched.stdout),
        String::from_utf8_lossy(&patched.stderr)
    );

    // --in-place gives the same files.
    let done = run_in(&root, &["clean", ".", "--in-place"]);
    assert_eq!(code(&done), 0, "{}", stderr(&done));
    assert!(
        stderr(&done).contains("(4 changed, 1 unchanged, 0 failed)"),
        "{}",
        stderr(&done)
    );
    let after = snapshot(&root);
    assert_eq!(after, snapshot(&copy), "patch -p1 and --in-place differ");

    // Only the posts changed; links are still links.
    for (path, bytes) in &before {
        let is_post = posts.iter().any(|p| Path::new(p) == path);
        assert_eq!(after[path] != *bytes, is_post, "{}", path.display());
    }
    let text = |p: &str| String::from_utf8(after[Path::new(p)].clone()).unwrap();
    let hello = text("source/_posts/hello world.md");
    assert_eq!(
        hello,
        "---\ntitle: Hello\ncover: 'http://img.example.com/a.jpg'\n---\n<p>Intro</p>\n<!-- more -->\n<div><p>Rest</p></div>\n"
    );
    assert_eq!(
        text("source/_posts/crlf.md"),
        "---\r\ntitle: CRLF\r\n---\r\n<p>One</p>\r\n<!--more-->\r\n<p>Two</p>\r\n<pre>a\r\nb</pre>\r\n"
    );
    let liquid = text("source/_posts/liquid.md");
    assert!(
        liquid.contains("<img src=\"{{ site.baseurl }}/assets/a.jpg\""),
        "{liquid}"
    );
    assert!(liquid.contains("href=\"{% link about.md %}\""), "{liquid}");
    assert!(liquid.contains("<!-- excerpt -->"), "{liquid}");
    // Ordinary relative URLs are resolved against the base URL of the articlean.toml found.
    assert!(
        liquid.contains("https://blog.example.com/img/b.png"),
        "{liquid}"
    );
    let hugo = text("content/posts/hugo.html");
    assert!(
        hugo.contains("<img src=\"{{ .Site.BaseURL }}images/c.png\""),
        "{hugo}"
    );
    assert!(!hugo.contains("onclick"), "{hugo}");

    // Cleaning again changes nothing.
    let again = run_in(&root, &["clean", ".", "--check"]);
    assert_eq!(code(&again), 0, "{}", stderr(&again));
}

#[test]
fn exclude_no_ignore_and_verbose() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    site(&root);
    let listed = |args: &[&str]| -> Vec<String> {
        let out = run_in(&root, args);
        assert!(code(&out) <= 1, "{}", stderr(&out));
        let mut v: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter_map(|l| l.strip_prefix("would change: ./").map(String::from))
            .collect();
        v.sort();
        v
    };
    let base = listed(&["clean", ".", "--check"]);
    assert_eq!(base.len(), 4, "{base:?}");
    let excluded = listed(&[
        "clean",
        ".",
        "--check",
        "--exclude",
        "content/**",
        "--exclude",
        "*.html",
    ]);
    assert_eq!(
        excluded,
        [
            "source/_posts/crlf.md",
            "source/_posts/hello world.md",
            "source/_posts/liquid.md"
        ]
    );
    let all = listed(&["clean", ".", "--check", "--no-ignore"]);
    assert!(all.contains(&"public/index.html".to_string()), "{all:?}");
    assert!(
        all.contains(&"drafts-ignored/draft.md".to_string()),
        "{all:?}"
    );
    assert!(!all
        .iter()
        .any(|p| p.contains("node_modules") || p.contains("themes")));
    // -v says what was skipped and why.
    let out = run_in(&root, &["clean", ".", "--check", "-v"]);
    let err = stderr(&out);
    assert!(
        err.contains("skipped: ./source/_posts/link.md: symbolic link"),
        "{err}"
    );
    assert!(
        err.contains("would change: ./source/_posts/crlf.md"),
        "{err}"
    );
    // A file named twice (directly and through a folder) is cleaned once.
    let out = run_in(
        &root,
        &["clean", "source", "source/_posts/crlf.md", "--check"],
    );
    assert!(
        stderr(&out).contains("3 would change, 0 unchanged"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_missing_file_and_out_collisions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = run_in(dir, &["clean", "/nope"]);
    assert_eq!(code(&out), 2);
    assert_eq!(
        stderr(&out),
        "articlean: cannot read /nope: No such file or directory\n"
    );
    let out = run_in(dir, &["clean", "/nope", "--check"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("(0 would change, 0 unchanged, 1 failed)"),
        "{}",
        stderr(&out)
    );

    let mut child = Command::new(BIN)
        .args(["clean", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"<p onclick=x>a</p>\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    // `echo` ends the line; the line break is text and stays.
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "<p>a</p>\n");

    write(&dir.join("a/x.html"), DEBRIS);
    write(&dir.join("b/x.html"), "<p>other</p>");
    let out = run_in(dir, &["clean", "a", "b", "--out", "o"]);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("a/x.html and b/x.html would both be written to o/x.html"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.join("o").exists(), "nothing is written");
}

#[test]
fn color_and_config_discovery() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    site(&root);
    let out = run_in(
        &root,
        &["clean", "content", "--dry-run", "--color", "always"],
    );
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(diff.contains("\x1b[31m-<p onclick"), "{diff}");
    assert!(diff.contains("\x1b[32m+<p>Text</p>"), "{diff}");

    // From a sub-folder, the articlean.toml of the site's root is found.
    let sub = root.join("content/posts");
    let out = run_in(&sub, &["config"]);
    let printed = String::from_utf8(out.stdout).unwrap();
    assert!(
        printed.contains(&format!(
            "# configuration: {}",
            root.join("articlean.toml").display()
        )),
        "{printed}"
    );
    assert!(
        printed.contains("base_url = \"https://blog.example.com/\""),
        "{printed}"
    );
    assert!(
        printed.contains("# rules = [\"event_handlers\""),
        "{printed}"
    );
    let out = run_in(tmp.path(), &["config"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("the default policy"));
    // A bad file found is an error, as with --config.
    write(&root.join("articlean.toml"), "nope = 1\n");
    let out = run_in(&sub, &["clean", "hugo.html"]);
    assert_eq!(code(&out), 3);
    assert!(stderr(&out).contains("nope"), "{}", stderr(&out));
}

#[test]
fn sigint_stops_cleanly_with_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    // Posts large enough that the run takes a while, one thread.
    let body: String = (0..200)
        .map(|i| {
            format!(
                "<div class=\"x\" onclick=\"t({i})\"><p>Paragraph {i} of text.</p><p></p></div>\n"
            )
        })
        .collect();
    let mut originals = Vec::new();
    for i in 0..2000 {
        let path = dir.join(format!("p/{:02}/{i:04}.md", i % 50));
        let text = format!("---\ntitle: Post {i}\n---\n{body}");
        write(&path, &text);
        originals.push((path, text));
    }
    let cleaned = articlean::Cleaner::default()
        .clean_post(&originals[0].1)
        .into_html();
    let child = Command::new(BIN)
        .args(["clean", "p", "--in-place", "--jobs", "1"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until it has written some files, then interrupt it.
    let first = dir.join("p/00/0000.md");
    let start = std::time::Instant::now();
    while fs::read_to_string(&first).unwrap() == originals[0].1 {
        assert!(start.elapsed().as_secs() < 60, "nothing written");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert_eq!(code(&out), 130, "{err}");
    assert!(err.contains("interrupted: "), "{err}");
    assert!(err.contains("of 2000 files done"), "{err}");
    assert!(err.contains("changes by rule"), "{err}");
    let (mut done, mut untouched) = (0, 0);
    for (path, text) in &originals {
        let now = fs::read_to_string(path).unwrap();
        if now == *text {
            untouched += 1;
        } else {
            // Whole: exactly the clean text (this post's number aside).
            let n = path
                .file_stem()
                .unwrap()
                .to_str()
                .unwrap()
                .parse::<usize>()
                .unwrap();
            assert_eq!(
                now,
                cleaned.replace("Post 0", &format!("Post {n}")),
                "{}",
                path.display()
            );
            done += 1;
        }
    }
    assert!(
        done > 0 && untouched > 0,
        "{done} done, {untouched} untouched"
    );
    let leftovers: Vec<_> = snapshot(dir)
        .into_keys()
        .filter(|p| p.to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
