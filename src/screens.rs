//! The switch of the screens: small hot checks that answer the common case (an element no
//! rule can act on, an image with a real `src`, a URL that is no proxy nor redirect) without
//! running the full, slow decision, in the walk, the rules and `proxy`. Outside tests they
//! are always on; the property tests of `screens_tests` turn them off to get the slow path's
//! answer, their oracle, and check that both give the same output and report.

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
