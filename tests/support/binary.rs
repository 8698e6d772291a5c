//! The real binary as the command-line tests run it: without the user's
//! NO_COLOR and READER_ARTICLES, and never longer than 30 s, so that no test
//! hangs. Included by path where needed; each test binary uses a part.
#![allow(dead_code)]

use std::time::Duration;

use assert_cmd::cargo::cargo_bin;

pub fn reader() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(cargo_bin!("reader"));
    cmd.env_remove("NO_COLOR")
        .env_remove("READER_ARTICLES")
        .timeout(Duration::from_secs(30));
    cmd
}

/// What the binary prints with `args`, which must succeed.
pub fn stdout_of(args: &[&str]) -> String {
    let out = reader()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}
