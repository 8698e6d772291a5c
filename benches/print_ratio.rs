//! How printing the bundled article compares with `cat` of the same output,
//! as one ratio from one run (issue 13: at most 2.5×), in each furigana
//! mode (issue 21: the default, as scripts print it, then `first` and
//! `all`). Both run as whole processes to /dev/null, interleaved so that
//! the machine's load falls on both alike; the figure is the ratio of the
//! medians. `cargo bench --bench print_ratio` (READER_RATIO_RUNS to change
//! the 400 runs of each).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const ARGS: [&str; 4] = ["--article", "revision-surgery", "--width", "80"];

fn run(program: &str, args: &[&str]) -> Duration {
    let start = Instant::now();
    let status = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("the program runs");
    let took = start.elapsed();
    assert!(status.success(), "{program} {args:?} failed");
    took
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let runs: usize = std::env::var("READER_RATIO_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    for mode in [None, Some("first"), Some("all")] {
        let mut args = ARGS.to_vec();
        args.extend(mode.map(|m| ["--furigana", m]).into_iter().flatten());
        ratio(&args, mode.unwrap_or("default"), runs);
    }
}

/// `reader` with `args` against `cat` of its output, `runs` of each.
fn ratio(args: &[&str], mode: &str, runs: usize) {
    let reader = env!("CARGO_BIN_EXE_reader");
    let printed = Command::new(reader)
        .args(args)
        .output()
        .expect("reader prints");
    let file = std::env::temp_dir().join(format!("reader-print-ratio-{}.txt", std::process::id()));
    std::fs::write(&file, &printed.stdout).expect("a temporary file");
    let file_arg = file.to_str().expect("a UTF-8 temporary path");
    // A few of each first, so that both are in the page cache.
    for _ in 0..10 {
        run("cat", &[file_arg]);
        run(reader, args);
    }
    let (mut cat, mut ours) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        cat.push(run("cat", &[file_arg]));
        ours.push(run(reader, args));
    }
    let _ = std::fs::remove_file(&file);
    let (cat, ours) = (median(cat), median(ours));
    println!(
        "print the bundled article, furigana {mode} ({} bytes), median of {runs}: reader {:.2} ms, cat {:.2} ms, ratio {:.2} (goal ≤ 2.5)",
        printed.stdout.len(),
        ours.as_secs_f64() * 1e3,
        cat.as_secs_f64() * 1e3,
        ours.as_secs_f64() / cat.as_secs_f64()
    );
}
