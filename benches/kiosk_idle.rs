//! What an unattended kiosk costs: CPU time and bytes written over 60 s
//! (READER_IDLE_SECS to change), with the loop running and with the loop
//! stopped by a touch. `cargo bench --bench kiosk_idle`; figures in the README.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// utime + stime of a process, in seconds.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("a Linux /proc");
    let after_name = &stat[stat.rfind(')').expect("stat format") + 2..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    let hz = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(100.0);
    ticks / hz
}

fn unix_secs_f64() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

fn measure(label: &str, touch: bool, extra: &[&str], secs: u64) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_reader"));
    // An empty config, so the machine's own plays no part (a device such as
    // /dev/null is refused as one).
    let config = tempfile::NamedTempFile::new().expect("a temporary file");
    let config = config.path().to_str().expect("a UTF-8 temporary path");
    cmd.args(["--kiosk", "--config", config, "--idle-timeout", "3600"]);
    cmd.args(extra);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).expect("reader starts");
    let pid = child.process_id().expect("a pid");
    let mut reader = pty.master.try_clone_reader().unwrap();
    let log: Arc<Mutex<Vec<(f64, usize)>>> = Arc::default();
    let sink = Arc::clone(&log);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().push((unix_secs_f64(), n));
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    if touch {
        writer.write_all(b"j").unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_secs(2));
    }
    let cpu_before = cpu_seconds(pid);
    let start = unix_secs_f64();
    std::thread::sleep(Duration::from_secs(secs));
    let cpu = cpu_seconds(pid) - cpu_before;
    // Killing it makes it restore the terminal: not part of the idle time.
    let end = unix_secs_f64();
    child.kill().ok();
    let log = log.lock().unwrap();
    let window: Vec<(f64, usize)> = log
        .iter()
        .copied()
        .filter(|(t, _)| (start..end).contains(t))
        .collect();
    let total: usize = window.iter().map(|(_, n)| n).sum();
    if std::env::var_os("READER_IDLE_DEBUG").is_some() {
        for (t, n) in &window {
            println!("  {:.3} s into the minute: {n} bytes", t.rem_euclid(60.0));
        }
    }
    // Bytes written away from a clock minute (more than a second from it).
    let between: usize = window
        .iter()
        .filter(|(t, _)| {
            let into = t.rem_euclid(60.0);
            into > 1.0 && into < 59.0
        })
        .map(|(_, n)| n)
        .sum();
    println!(
        "kiosk {label}, {secs} s at 100x30: CPU {cpu:.3} s, {total} bytes written, {between} of them between clock minutes"
    );
}

fn main() {
    let secs = std::env::var("READER_IDLE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    measure("with the loop stopped by a touch", true, &[], secs);
    measure("with the attract loop running", false, &[], secs);
    // Watching a directory wakes it every second to look for changes.
    let articles = concat!(env!("CARGO_MANIFEST_DIR"), "/articles");
    measure(
        "watching --articles, loop stopped",
        true,
        &["--articles", articles],
        secs,
    );
}
