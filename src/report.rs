//! What a cleaning run changed, counted per rule.

use std::fmt;

/// Changes counted per rule during one [`Cleaner::clean`](crate::Cleaner::clean): event
/// handlers removed, images promoted, URLs unwrapped, elements dropped…
///
/// Every rule of the cleaner has an entry, in the order the rules run, even when it changed
/// nothing.
///
/// What the sanitizer drops while the input is parsed counts for `sanitize`: an element
/// removed with its content once, and an attribute no rule reads (see
/// [`Rule::interest`](crate::Rule::interest)) once per start tag it was written in, even on
/// an element another rule then removes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    entries: Vec<(&'static str, usize)>,
}

impl Report {
    pub(crate) fn new(entries: Vec<(&'static str, usize)>) -> Report {
        Report { entries }
    }

    /// The number of changes the rule named `rule` made (0 for an unknown name).
    pub fn get(&self, rule: &str) -> usize {
        self.entries
            .iter()
            .filter(|(name, _)| *name == rule)
            .map(|(_, n)| n)
            .sum()
    }

    /// `(rule, changes)` pairs in the order the rules run.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.entries.iter().copied()
    }

    /// All changes together.
    pub fn total(&self) -> usize {
        self.entries.iter().map(|(_, n)| n).sum()
    }

    /// Adds `n` changes to the rule named `rule`.
    pub(crate) fn add(&mut self, rule: &'static str, n: usize) {
        match self.entries.iter_mut().find(|(k, _)| *k == rule) {
            Some((_, count)) => *count += n,
            None => self.entries.push((rule, n)),
        }
    }

    /// Adds another report's counts to this one (for totals over many documents).
    pub fn merge(&mut self, other: &Report) {
        for &(name, n) in &other.entries {
            self.add(name, n);
        }
    }
}

impl fmt::Display for Report {
    /// `event_handlers=3 lazy_images=2 …`, rules with no change left out; `no changes`
    /// when nothing changed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for (name, n) in self.iter().filter(|(_, n)| *n > 0) {
            if !first {
                f.write_str(" ")?;
            }
            write!(f, "{name}={n}")?;
            first = false;
        }
        if first {
            f.write_str("no changes")?;
        }
        Ok(())
    }
}
