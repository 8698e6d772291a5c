//! A child's exit status and peak RSS, from its own rusage (wait4): other
//! children of the same process do not count. Shared by the tests and the
//! benches that measure memory.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, ExitStatus, Stdio};

/// Runs `cmd` (its output dropped) to its end: its status and its peak RSS in bytes.
pub fn status_and_peak_rss(cmd: &mut Command) -> (ExitStatus, u64) {
    // Waited for by wait4 below, which std's Child does not know of.
    #[allow(clippy::zombie_processes)]
    let child = cmd
        .env_remove("READER_ARTICLES")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("reader starts");
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills for this one child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waits for our own child, writing through valid pointers.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4");
    // ru_maxrss is in kilobytes on Linux.
    (ExitStatus::from_raw(status), usage.ru_maxrss as u64 * 1024)
}
