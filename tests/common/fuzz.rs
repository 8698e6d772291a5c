//! The seeded proptest runs of the fuzz and property test files: a short
//! run in `cargo test`, `READER_FUZZ_CASES` and `READER_FUZZ_SEED` for more.

use proptest::test_runner::{Config, RngSeed};

/// `cases` cases from `seed`, unless the environment asks for others.
pub fn config(cases: u32, seed: u64) -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    Config {
        cases: env("READER_FUZZ_CASES").map_or(cases, |n: u64| n as u32),
        rng_seed: RngSeed::Fixed(env("READER_FUZZ_SEED").unwrap_or(seed)),
        failure_persistence: None,
        ..Config::default()
    }
}
