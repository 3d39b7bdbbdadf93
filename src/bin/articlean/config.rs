//! `--config articlean.toml`: the cleaning policy, an [`articlean::Config`] in TOML (one key
//! per builder setting; the keys are listed in `Config`'s documentation and the README).
//! Without `--config`, the first `articlean.toml` in the current folder or one of its parents.

use articlean::{Cleaner, CleanerBuilder, Config};
use std::path::{Path, PathBuf};

/// The file name looked for when `--config` is not given.
pub const FILE_NAME: &str = "articlean.toml";

/// The first [`FILE_NAME`] in the current folder or one of its parents.
pub fn discover() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// Reads and checks the file (an unknown key is an error listing the valid ones), or the
/// default policy without one.
pub fn load(path: Option<&Path>) -> Result<Config, String> {
    let Some(path) = path else {
        return Ok(Config::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", crate::files::shown(path)))?;
    Config::from_toml_str(&text).map_err(|e| format!("{}: {e}", crate::files::shown(path)))
}

/// The cleaner `config` describes; a bad setting is reported by `build()`.
pub fn cleaner(config: &Config) -> Result<Cleaner, articlean::Error> {
    CleanerBuilder::from_config(config).build()
}

/// The policy as `articlean config` prints it: where it comes from, the keys set, and what
/// they make (the rules in the order they run, the base URL).
pub fn describe(config: &Config, source: Option<&Path>, cleaner: &Cleaner) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    match source {
        Some(path) => {
            let _ = writeln!(s, "# configuration: {}", crate::files::shown(path));
        }
        None => {
            let _ = writeln!(
                s,
                "# configuration: none ({FILE_NAME} not found here or above): the default policy"
            );
        }
    }
    s.push_str(&config.to_toml_string());
    let rules: Vec<String> = cleaner.rule_names().map(|r| format!("{r:?}")).collect();
    let _ = writeln!(s, "# effective: rules in the order they run");
    let _ = writeln!(s, "# rules = [{}]", rules.join(", "));
    let base = cleaner
        .base_url()
        .map_or("none".to_string(), |u| format!("{:?}", u.as_str()));
    let _ = writeln!(s, "# base_url = {base}");
    s
}
