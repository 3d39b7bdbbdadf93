//! The switch of the per-element screens: small hot checks that answer the common element
//! (no rule can act on it) without running the full, slow decision. Outside tests they are
//! always on; the property test `screens_tests` turns them off to get the slow path's
//! answer, its oracle, and checks that both give the same output and report.

#[cfg(test)]
thread_local! {
    /// Set while the oracle runs: every screen is skipped.
    static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the screens answer (outside tests: always).
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn on() -> bool {
    true
}

/// Whether the screens answer (in tests: unless the oracle runs).
#[cfg(test)]
pub(crate) fn on() -> bool {
    !OFF.with(std::cell::Cell::get)
}

/// Runs `f` with the screens off (the slow path everywhere).
#[cfg(test)]
pub(crate) fn without<T>(f: impl FnOnce() -> T) -> T {
    OFF.with(|o| o.set(true));
    let out = f();
    OFF.with(|o| o.set(false));
    out
}

#[cfg(test)]
#[path = "screens_tests.rs"]
mod tests;
