//! Cleaning one file, and the summary of a run.

use crate::files::{reason, shown, write_atomically, Job};
use articlean::{BodyKind, Cleaned, Cleaner, Post, Report};
use std::fs;
use std::path::{Path, PathBuf};

/// What to do with a cleaned file.
#[derive(Debug, Clone)]
pub enum Output {
    /// Print it to stdout (one file).
    Stdout,
    /// Nothing: `--check` and/or `--dry-run` (a diff when `diff`, coloured when `color`).
    Nothing { diff: bool, color: bool },
    /// Replace the file (`--in-place`), keeping `.orig` with `backup`.
    InPlace { backup: bool },
    /// Write it under this folder at its relative path (`--out DIR`).
    Out(PathBuf),
}

/// The result of one file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub path: PathBuf,
    pub bytes_in: usize,
    pub bytes_out: usize,
    pub changed: bool,
    pub report: Report,
    /// The unified diff (`--dry-run`) or the clean text (stdout mode).
    pub text: Option<String>,
    pub error: Option<String>,
}

/// Cleans the file as its extension says: `.md`/`.markdown` are posts (front matter, HTML
/// or Markdown body by [`Post::body_kind`]); `.html`/`.htm` are HTML (a post with an HTML
/// body when they start with front matter); any other file is a post when it starts with
/// front matter, HTML otherwise.
pub fn clean_text(cleaner: &Cleaner, text: &str, path: &Path) -> Cleaned {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let post = Post::split(text);
    match ext.as_deref() {
        Some("md" | "markdown") => cleaner.clean_post(text),
        Some("html" | "htm") if post.has_front_matter() => {
            cleaner.clean_post_as(text, BodyKind::Html)
        }
        Some("html" | "htm") => cleaner.clean(text),
        _ if post.has_front_matter() => cleaner.clean_post(text),
        _ => cleaner.clean(text),
    }
}

/// Reads, cleans and (depending on `output`) writes one file. Never panics on bad input:
/// an unreadable or non-UTF-8 file is an `Outcome` with an error.
pub fn process(cleaner: &Cleaner, job: &Job, output: &Output) -> Outcome {
    let mut outcome = Outcome {
        path: job.path.clone(),
        ..Outcome::default()
    };
    let bytes = match fs::read(&job.path) {
        Ok(b) => b,
        Err(e) => {
            outcome.error = Some(format!("cannot read {}: {}", shown(&job.path), reason(&e)));
            return outcome;
        }
    };
    outcome.bytes_in = bytes.len();
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            outcome.error = Some(format!(
                "{}: not UTF-8 (invalid byte at offset {}), skipped",
                shown(&job.path),
                e.utf8_error().valid_up_to()
            ));
            return outcome;
        }
    };
    let (clean, report) = clean_text(cleaner, &text, &job.path).into_parts();
    outcome.bytes_out = clean.len();
    outcome.changed = clean != text;
    outcome.report = report;
    let written = match output {
        Output::Stdout => {
            outcome.text = Some(clean);
            Ok(())
        }
        Output::Nothing { diff, color } => {
            if *diff && outcome.changed {
                let name = diff_name(&job.path);
                outcome.text = Some(crate::diff::unified(&text, &clean, &name, *color));
            }
            Ok(())
        }
        Output::InPlace { backup } => {
            if outcome.changed {
                in_place(&job.path, clean.as_bytes(), *backup)
            } else {
                Ok(())
            }
        }
        Output::Out(dir) => {
            let target = dir.join(&job.rel);
            let perms = fs::metadata(&job.path).ok().map(|m| m.permissions());
            target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .map_err(|e| {
                    format!(
                        "cannot create the folder of {}: {}",
                        shown(&target),
                        reason(&e)
                    )
                })
                .and_then(|()| {
                    write_atomically(&target, clean.as_bytes(), perms, false)
                        .map_err(|e| format!("cannot write {}: {}", shown(&target), reason(&e)))
                })
        }
    };
    if let Err(e) = written {
        outcome.error = Some(format!("{}: {e}", shown(&job.path)));
    }
    outcome
}

/// The name of a file in a diff: relative to the current folder (where `patch -p1` is run)
/// when it is under it, `/`-separated, without `./`.
fn diff_name(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = match cwd.as_deref() {
        Some(cwd) if path.is_absolute() => path.strip_prefix(cwd).unwrap_or(path),
        _ => path,
    };
    let parts: Vec<String> = rel
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/").trim_start_matches('/').to_string()
}

/// Replaces a file (through a symbolic link, the file it points at). A read-only file is
/// not replaced: its permissions say it must not change.
fn in_place(path: &Path, data: &[u8], backup: bool) -> Result<(), String> {
    let real = fs::canonicalize(path).map_err(|e| format!("cannot resolve: {}", reason(&e)))?;
    let meta = fs::metadata(&real).map_err(|e| format!("cannot read: {}", reason(&e)))?;
    if meta.permissions().readonly() {
        return Err("read-only file, left as it is".into());
    }
    write_atomically(&real, data, Some(meta.permissions()), backup)
        .map_err(|e| format!("cannot write (the file is unchanged): {}", reason(&e)))
}

/// Totals over a run.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub changed: usize,
    pub bytes_in: usize,
    pub bytes_out: usize,
    pub report: Report,
    /// The messages of the files that failed (each names its file).
    pub failures: Vec<String>,
    /// Set when the run was interrupted: the number of files it had to clean.
    pub interrupted_of: Option<usize>,
}

impl Summary {
    pub fn add(&mut self, o: &Outcome) {
        self.files += 1;
        match &o.error {
            Some(e) => self.failures.push(e.clone()),
            None => {
                self.bytes_in += o.bytes_in;
                self.bytes_out += o.bytes_out;
                self.changed += usize::from(o.changed);
                self.report.merge(&o.report);
            }
        }
    }

    /// Counts a file or argument that failed before it could be cleaned.
    pub fn fail(&mut self, message: String) {
        self.files += 1;
        self.failures.push(message);
    }

    /// The table printed on stderr at the end of a run.
    pub fn table(&self, verb: &str) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let failed = self.failures.len();
        if let Some(total) = self.interrupted_of {
            let _ = writeln!(s, "interrupted: {} of {total} files done", self.files);
        }
        let _ = writeln!(
            s,
            "{:<16} {:>10}  ({} {verb}, {} unchanged, {failed} failed)",
            "files",
            self.files,
            self.changed,
            self.files.saturating_sub(self.changed + failed),
        );
        let _ = writeln!(s, "{:<16} {:>10}", "bytes in", self.bytes_in);
        let _ = writeln!(s, "{:<16} {:>10}", "bytes out", self.bytes_out);
        let _ = writeln!(s, "{:<16} {:>10}", "changes by rule", "");
        for (rule, n) in self.report.iter() {
            let _ = writeln!(s, "  {rule:<14} {n:>10}");
        }
        for why in &self.failures {
            let _ = writeln!(s, "failed: {why}");
        }
        s
    }
}
