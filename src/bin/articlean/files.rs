//! Finding the files to clean, and writing them without ever leaving one half-written.

use ignore::overrides::OverrideBuilder;
use ignore::WalkBuilder;
use std::collections::HashSet;
use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// `path` as every message writes it: as git writes a file name (in double quotes, control
/// characters escaped, when it holds any), so that a name from the folder being cleaned
/// never sends escape sequences to the terminal.
pub fn shown(path: &Path) -> String {
    crate::diff::quoted(&path.display().to_string())
}

/// Extensions cleaned when a folder is walked.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm"];

/// Folders never walked into (a folder named on the command line is walked whatever its
/// name): installed packages, and the template folders of Hexo, Jekyll and Hugo, whose HTML
/// files are layouts a blog engine fills in, not posts.
pub const SKIPPED_FOLDERS: &[&str] = &[
    "node_modules",
    "themes",
    "layout",
    "layouts",
    "_layouts",
    "_includes",
    "partials",
];

/// A file to clean: where it is, and its path relative to the argument it was found under
/// (for `--out`).
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    pub rel: PathBuf,
}

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// `--exclude GLOB`: gitignore-style globs, relative to each folder given.
    pub exclude: Vec<String>,
    /// `--no-ignore`: `.gitignore`, `.ignore` and git's exclude files are not read.
    pub no_ignore: bool,
}

/// What [`discover`] found.
#[derive(Debug, Default)]
pub struct Found {
    pub jobs: Vec<Job>,
    /// Arguments and folders that could not be read, with the message to print.
    pub failed: Vec<(PathBuf, String)>,
    /// Symbolic links and duplicates left out (printed with `-v`).
    pub skipped: Vec<(PathBuf, &'static str)>,
}

/// The message of an I/O error without its `(os error N)` suffix.
pub fn reason(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

/// The files under `paths`, in a stable order.
///
/// A folder is walked with the `ignore` crate (ripgrep's walker): `.gitignore`, `.ignore` and
/// git's exclude files are honoured (also outside a git repository; not with `no_ignore`),
/// hidden files and folders and [`SKIPPED_FOLDERS`] are skipped, so are `exclude` globs; files
/// with one of the [`EXTENSIONS`] are taken. Symbolic links inside a folder are not followed
/// (neither to files nor to folders): what they point at is cleaned where it lives, when it
/// is under a folder given. A file named on the command line is taken whatever its extension,
/// through a link if it is one. A file reached twice (named twice, or named and found in a
/// folder) is cleaned once.
pub fn discover(paths: &[PathBuf], options: &WalkOptions) -> Found {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                let msg = format!("cannot read {}: {}", shown(root), reason(&e));
                found.failed.push((root.clone(), msg));
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = root.file_name().map(PathBuf::from).unwrap_or_default();
            found.add(&mut seen, root.clone(), rel);
            continue;
        }
        let walker = match walker(root, options) {
            Ok(w) => w,
            Err(e) => {
                found.failed.push((root.clone(), e));
                continue;
            }
        };
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let msg = format!("cannot list in {}: {e}", shown(root));
                    found.failed.push((root.clone(), msg));
                    continue;
                }
            };
            let path = entry.path();
            if entry.path_is_symlink() {
                if has_extension(path) {
                    found
                        .skipped
                        .push((path.to_path_buf(), "symbolic link, not followed"));
                }
                continue;
            }
            if !entry.file_type().is_some_and(|t| t.is_file()) || !has_extension(path) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            found.add(&mut seen, path.to_path_buf(), rel);
        }
    }
    found
}

impl Found {
    /// Takes `path` unless the file it names was taken already.
    fn add(&mut self, seen: &mut HashSet<PathBuf>, path: PathBuf, rel: PathBuf) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            self.jobs.push(Job { path, rel });
        } else {
            self.skipped
                .push((path, "the same file as another one, cleaned once"));
        }
    }
}

fn walker(root: &Path, options: &WalkOptions) -> Result<ignore::Walk, String> {
    let mut excludes = OverrideBuilder::new(root);
    for glob in &options.exclude {
        excludes
            .add(&format!("!{glob}"))
            .map_err(|e| format!("--exclude {glob}: {e}"))?;
    }
    let excludes = excludes.build().map_err(|e| format!("--exclude: {e}"))?;
    let honour = !options.no_ignore;
    let mut b = WalkBuilder::new(root);
    b.hidden(true)
        .follow_links(false)
        .ignore(honour)
        .git_ignore(honour)
        .git_exclude(honour)
        .git_global(honour)
        .parents(honour)
        .require_git(false)
        .overrides(excludes)
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(|e| {
            e.depth() == 0
                || !e.file_type().is_some_and(|t| t.is_dir())
                || !SKIPPED_FOLDERS.iter().any(|s| e.file_name() == *s)
        });
    Ok(b.build())
}

fn has_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Writes counted so far, for the `ARTICLEAN_FAIL_WRITE_AFTER` test hook.
static WRITES: AtomicUsize = AtomicUsize::new(0);

/// The test hook: `ARTICLEAN_FAIL_WRITE_AFTER=N` makes the N-th write (counted from 1 over
/// the whole run) fail after half its bytes, as a full disk would. Only the test suite sets it.
fn fail_this_write() -> bool {
    let n = WRITES.fetch_add(1, Ordering::SeqCst) + 1;
    std::env::var("ARTICLEAN_FAIL_WRITE_AFTER")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        == Some(n)
}

/// Replaces `target` with `data` atomically: the bytes go to a new temporary file in the same
/// folder, which is flushed to disk, given `perms`, and renamed over `target`. On any error
/// the temporary file is removed and `target` is as it was. With `backup`, the old file is
/// kept as `target.orig` first (an existing `.orig` is kept as it is: it holds the oldest
/// original).
pub fn write_atomically(
    target: &Path,
    data: &[u8],
    perms: Option<Permissions>,
    backup: bool,
) -> io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::other("not a file name"))?
        .to_string_lossy();
    let (tmp, mut file) = create_temp(dir, &name)?;
    let result = (|| {
        if fail_this_write() {
            file.write_all(&data[..data.len() / 2])?;
            return Err(io::Error::other(
                "simulated write failure (ARTICLEAN_FAIL_WRITE_AFTER)",
            ));
        }
        file.write_all(data)?;
        file.sync_all()?;
        if let Some(perms) = perms {
            fs::set_permissions(&tmp, perms)?;
        }
        if backup {
            let orig = dir.join(format!("{name}.orig"));
            if fs::symlink_metadata(&orig).is_err() && fs::hard_link(target, &orig).is_err() {
                fs::copy(target, &orig)?;
            }
        }
        fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.articlean-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
