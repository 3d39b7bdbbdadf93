//! The size and the seed of a property test, both overridable for a longer run:
//! `PROPTEST_CASES=50000` asks every property test for that many cases, and
//! `PROPTEST_RNG_SEED=<u64>` for another seed (the variables of proptest itself, which its
//! `proptest!` tests read too). Without them, each test runs its own number of cases from
//! its own fixed seed, or (the `proptest!` tests) from a fresh seed, with failures kept in
//! the regressions file beside the test.

use proptest::test_runner::{Config, FileFailurePersistence, RngAlgorithm, TestRng, TestRunner};

/// `PROPTEST_CASES` when it is set to a number, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(default)
}

/// A ChaCha generator seeded from `PROPTEST_RNG_SEED` (a `u64`) when it is set, else
/// `default` (the test's fixed seed: the run is reproducible).
pub fn rng(default: TestRng) -> TestRng {
    match std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            bytes[..8].copy_from_slice(&seed.to_le_bytes());
            TestRng::from_seed(RngAlgorithm::ChaCha, &bytes)
        }
        None => default,
    }
}

/// The configuration of a `proptest!` block in `tests/`: [`cases`]`(default)` cases, and
/// failures kept in `<test>.proptest-regressions` beside the test file (proptest's default
/// looks for a `lib.rs` above `tests/`, finds none, says so and keeps nothing).
pub fn config(default: u32) -> Config {
    Config {
        cases: cases(default),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// The runner of a property test driven by hand (`runner.run(&strategy, …)`): [`cases`]`(default)`
/// cases from `seed` (or `PROPTEST_RNG_SEED`, see [`rng`]), reproducible, no failure file (the
/// seed finds the case again).
pub fn runner(default: u32, seed: TestRng) -> TestRunner {
    let config = Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, rng(seed))
}
