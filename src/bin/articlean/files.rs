//! Finding the files to clean, and writing them without ever leaving one half-written.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Extensions cleaned when a folder is walked.
pub const EXTENSIONS: &[&str] = &["md", "markdown", "html", "htm"];

/// A file to clean: where it is, and its path relative to the argument it was found under
/// (for `--out`).
#[derive(Debug, Clone)]
pub struct Job {
    pub path: PathBuf,
    pub rel: PathBuf,
}

/// The files under `paths`, in a stable order, and the arguments that could not be read.
/// A folder is walked recursively (with an explicit stack): files with one of the
/// [`EXTENSIONS`] are taken, hidden files and folders (`.git`…) and symbolic links to
/// folders are skipped. A file named on the command line is taken whatever its extension.
pub fn discover(paths: &[PathBuf]) -> (Vec<Job>, Vec<(PathBuf, String)>) {
    let mut jobs = Vec::new();
    let mut failed = Vec::new();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                failed.push((root.clone(), format!("cannot read: {e}")));
                continue;
            }
        };
        if !meta.is_dir() {
            let rel = root.file_name().map(PathBuf::from).unwrap_or_default();
            jobs.push(Job {
                path: root.clone(),
                rel,
            });
            continue;
        }
        let mut stack = vec![root.clone()];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    failed.push((dir, format!("cannot list: {e}")));
                    continue;
                }
            };
            for entry in entries {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        failed.push((dir.clone(), format!("cannot list: {e}")));
                        continue;
                    }
                };
                let path = entry.path();
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if hidden {
                    continue;
                }
                if kind.is_dir() {
                    stack.push(path);
                } else if has_extension(&path) {
                    // Regular files, and symbolic links (a dangling one is reported when it
                    // is read), unless they point at a folder.
                    if kind.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                        continue;
                    }
                    found.push(path);
                }
            }
        }
        found.sort();
        jobs.extend(found.into_iter().map(|path| Job {
            rel: path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
            path,
        }));
    }
    (jobs, failed)
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
