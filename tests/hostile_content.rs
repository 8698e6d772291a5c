//! Issue 8: nothing in a content file may take over the terminal, hang,
//! freeze or kill the reader. Each test builds its hostile directory in a
//! temporary directory and runs the binary with a timeout, so none can hang.

use std::path::Path;
use std::process::Output;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reader::content::article::parse_article;
use reader::content::load::MAX_FILE_BYTES;
use reader::content::ruby::with_terms;
use reader::content::{Inline, Term};
use reader::kiosk::reload::Source;

const SHORT: &str = include_str!("fixtures/good/short.md");
const CLINIC: &str = include_str!("../articles/clinic.toml");

#[path = "support/binary.rs"]
mod binary;
#[cfg(target_os = "linux")]
#[path = "support/peak_rss.rs"]
mod peak_rss;
use binary::reader;

fn run(args: &[&str], dir: &Path) -> Output {
    let mut all = vec!["--articles", dir.to_str().expect("UTF-8 temp dir")];
    all.extend(args);
    let out = reader().args(&all).output().expect("reader runs");
    // A timeout kills the process, which then has no exit code.
    assert!(out.status.code().is_some(), "killed: {all:?}");
    out
}

fn check(dir: &Path) -> Output {
    let out = reader()
        .args(["check", dir.to_str().expect("UTF-8 temp dir")])
        .output()
        .expect("reader runs");
    assert!(out.status.code().is_some(), "check was killed");
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Any C0 (but the newline that ends lines), DEL or C1 character.
fn assert_no_control(what: &str, s: &str) {
    let bad: Vec<char> = s.chars().filter(|&c| c.is_control() && c != '\n').collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{s}");
}

fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write fixture");
    }
    dir
}

fn article(body: &str) -> String {
    format!(
        "+++\nslug = \"h\"\ntitle = \"題\"\npublished = 2026-01-05\n+++\n\n要約。\n\n## 問?\n\n{body}\n"
    )
}

/// Every output format of the article in `dir`.
fn every_output(dir: &Path) -> Vec<(String, String)> {
    let mut outs = Vec::new();
    for format in ["text", "markdown", "json"] {
        let out = run(&["--article", "h", "--format", format, "--print"], dir);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        outs.push((format.to_string(), text(&out.stdout)));
    }
    outs
}

#[test]
fn osc52_link_destination_from_an_entity_never_reaches_output() {
    let dir = dir_with(&[(
        "h.md",
        &article(
            "[こちら](https://example.jp/&#27;]52;c;cm0gLXJmIH4K&#7;)と[正規](https://example.jp/ok)",
        ),
    )]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(0), "warnings do not fail check");
    let err = text(&out.stderr);
    assert_no_control("check's stderr", &err);
    assert!(
        err.contains(
            "h.md:11:1: link to “https://example.jp/\\u{1b}]52;c;cm0gLXJmIH4K\\u{7}” shown as text"
        ),
        "{err}"
    );
    for (format, out) in every_output(dir.path()) {
        assert_no_control(&format, &out);
        assert!(!out.contains("]52;"), "{format}: {out}");
    }
    let (_, json) = &every_output(dir.path())[2];
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let inlines = &v["questions"][0]["answer"][0]["text"];
    assert_eq!(inlines[0]["text"], "こちらと");
    assert!(inlines[0].get("link").is_none(), "{inlines}");
    assert_eq!(inlines[1]["text"], "正規");
    assert_eq!(
        inlines[1]["link"], "https://example.jp/ok",
        "the JSON keeps links"
    );
}

#[test]
fn escape_sequences_in_body_text_are_removed_whole() {
    let dir = dir_with(&[(
        "h.md",
        &article("前\u{1b}[2J\u{1b}[H\u{1b}]0;TITLE\u{7}後 &#27;[2J&#x9b;31m&#27;]0;T&#7;終"),
    )]);
    for (format, out) in every_output(dir.path()) {
        assert_no_control(&format, &out);
        assert!(
            !out.contains("[2J") && !out.contains("0;T") && !out.contains("31m"),
            "{format}: {out}"
        );
        assert!(out.contains("前後 終"), "{format}: {out}");
    }
}

/// `reader check DIR` with stderr closed (`2>&-`): its exit code and stdout.
fn check_without_stderr(dir: &Path) -> (Option<i32>, String) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" "$@" 2>&-"#)
        .arg(assert_cmd::cargo::cargo_bin!("reader"))
        .args(["check", dir.to_str().expect("UTF-8 temp dir")])
        .env_remove("READER_ARTICLES")
        .output()
        .expect("reader runs");
    (out.status.code(), text(&out.stdout))
}

#[test]
fn check_fails_when_stderr_is_closed_and_it_has_problems_to_tell() {
    // Issue 22: with `2>&-` check dropped its warnings and exited 0 (Rust
    // reopens a closed fd 2 on /dev/null, where every write succeeds).
    let warned = dir_with(&[("h.md", &article("[a](javascript:alert(1))"))]);
    let (code, out) = check_without_stderr(warned.path());
    assert_eq!(code, Some(1), "warnings it could not write: {out}");
    assert!(!out.contains("ok:"), "{out}");
    let broken = dir_with(&[("h.md", "+++\n")]);
    assert_eq!(check_without_stderr(broken.path()).0, Some(3), "errors");
    let clean = dir_with(&[("h.md", &article("本文。"))]);
    let (code, out) = check_without_stderr(clean.path());
    assert_eq!(code, Some(0), "nothing to write on stderr: {out}");
    assert!(out.starts_with("ok: 1 article(s)"), "{out}");
}

/// What `reader check` says about `files` written with `eol` for every line
/// break: its exit code and stderr, the temporary directory's path taken out.
fn check_with_line_breaks(files: &[(&str, &str)], eol: &str) -> (Option<i32>, String) {
    let written: Vec<(&str, String)> = files
        .iter()
        .map(|(name, text)| (*name, text.replace('\n', eol)))
        .collect();
    let dir = dir_with(
        &written
            .iter()
            .map(|(n, t)| (*n, t.as_str()))
            .collect::<Vec<_>>(),
    );
    let out = check(dir.path());
    let prefix = format!("{}/", dir.path().display());
    (out.status.code(), text(&out.stderr).replace(&prefix, ""))
}

#[test]
fn carriage_returns_alone_or_before_newlines_break_lines_in_diagnostics() {
    // Issue 22: a lone CR (old Mac files) was no line break for positions,
    // nor for the front matter or TOML: every problem sat on line 1.
    let article = "+++\nslug = \"cr\"\ntitle = \"改行\"\npublished = 2026-01-05\n\
                   updated = \"2026/00/00\"\n+++\n\n要約。\n\n## 問?\n\n答え。\n\n## 空の問?\n";
    let clinic = CLINIC.replacen("\"15:00-19:00\"", "\"19:00-15:00\"", 1);
    let files = [("cr.md", article), ("clinic.toml", clinic.as_str())];
    let (code, lf) = check_with_line_breaks(&files, "\n");
    assert_eq!(code, Some(3), "{lf}");
    assert!(lf.contains("cr.md:5:11: invalid date"), "{lf}");
    assert!(lf.contains("cr.md:14:1: question"), "{lf}");
    assert!(lf.contains("clinic.toml:25:25: time range"), "{lf}");
    for eol in ["\r", "\r\n"] {
        assert_eq!(
            check_with_line_breaks(&files, eol),
            (code, lf.clone()),
            "{eol:?}"
        );
    }
}

#[test]
fn javascript_file_and_relative_links_are_text_with_a_warning() {
    let dir = dir_with(&[(
        "h.md",
        &article(
            "[a](javascript:alert(1)) [b](file:///etc/passwd) [c](other.md) [d](data:text/html,x) [e](mailto:a@example.jp)",
        ),
    )]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert_eq!(err.matches("warning: ").count(), 4, "{err}");
    for (col, dest) in [
        (1, "javascript:"),
        (26, "file:"),
        (50, "other.md"),
        (64, "data:"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("h.md:11:{col}: link to “{dest}"))),
            "{dest}: {err}"
        );
    }
    let (_, md) = &every_output(dir.path())[1];
    assert!(md.contains("[e](mailto:a@example.jp)"), "{md}");
    assert!(
        !md.contains("](javascript") && !md.contains("](file"),
        "{md}"
    );
}

#[test]
fn check_never_echoes_control_characters_from_fields() {
    let bad_ref = "+++\nslug = \"h\"\ntitle = \"題\"\npublished = 2026-01-05\nupdated = \"\\u009b2J\"\n[[references]]\ntitle = \"t\"\ndate = \"\\u001b]52;c;cm0=\\u0007\"\n+++\n\n## 問?\n\n答\n";
    let clinic = CLINIC.replacen("\"月\"", "\"\\u001b[2J月\"", 1).replacen(
        "\"09:00-13:00\"",
        "\"\\u009d0;x\\u0007\"",
        1,
    );
    let dir = dir_with(&[("h.md", bad_ref), ("clinic.toml", &clinic)]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert_no_control("check's stderr", &err);
    for quoted in [
        "\\u{9b}2J",
        "\\u{1b}]52;c;cm0=\\u{7}",
        "\\u{1b}[2J月",
        "\\u{9d}0;x\\u{7}",
    ] {
        assert!(err.contains(quoted), "{quoted}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn fifo_named_md_is_refused_without_blocking() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let fifo = dir.path().join("x.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // `check` fails if the 30 s timeout had to kill it.
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("x.md: it is a named pipe (FIFO): expected a regular file"),
        "{err}"
    );
}

#[test]
fn directory_named_md_is_refused() {
    let dir = dir_with(&[("a.md", SHORT)]);
    std::fs::create_dir(dir.path().join("sub.md")).expect("mkdir");
    let err = text(&check(dir.path()).stderr);
    assert!(
        err.contains("sub.md: it is a directory: expected a regular file"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn device_behind_a_symlink_is_refused_and_a_symlinked_file_is_read() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let real = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        real.path().join("h.md"),
        article("答えです。").replace("slug = \"h\"", "slug = \"linked\""),
    )
    .expect("write");
    std::os::unix::fs::symlink(real.path().join("h.md"), dir.path().join("h.md")).expect("symlink");
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("2 article(s)"));

    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.md")).expect("symlink");
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("zero.md: it is a character device: expected a regular file"),
        "{err}"
    );
}

#[test]
fn file_over_the_size_cap_is_refused_with_its_size() {
    let big = article(&"あ".repeat(5 * 1024 * 1024 / 3));
    let dir = dir_with(&[("big.md", &big)]);
    let err = text(&check(dir.path()).stderr);
    assert!(
        err.contains(&format!(
            "big.md: it is {} bytes: expected at most {MAX_FILE_BYTES} bytes (4 MiB)",
            big.len()
        )),
        "{err}"
    );
}

#[test]
fn no_articles_names_the_directory() {
    let dir = dir_with(&[("clinic.toml", CLINIC), ("notes.txt", "x")]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(3));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}: no articles: expected at least one *.md file",
            dir.path().display()
        )),
        "{err}"
    );
    assert!(!err.contains("clinic.toml:1:1"), "{err}");
}

/// CPU seconds this thread has used: unlike the wall clock, it does not
/// count time spent waiting for a core that other tests or processes hold.
#[cfg(unix)]
fn thread_cpu_secs() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(
        rc, 0,
        "CLOCK_THREAD_CPUTIME_ID is on every unix this runs on"
    );
    t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9
}

#[cfg(not(unix))]
fn thread_cpu_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs_f64()
}

/// CPU seconds to parse `text`, the best of three runs.
fn parse_secs(text: &str) -> f64 {
    (0..3)
        .map(|_| {
            let t = thread_cpu_secs();
            let a = parse_article("a.md", text).expect("parses");
            std::hint::black_box(a);
            thread_cpu_secs() - t
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn bold_pairs_parse_in_linear_time() {
    // 16 times the input: linear takes about 16 times as long, the quadratic
    // pairing this guards against 256 times. The bound leaves room for
    // caches and allocation to grow with the size.
    let small = article(&"**a**".repeat(64 * 1024 / 5));
    let large = article(&"**a**".repeat(1024 * 1024 / 5));
    let ratio = parse_secs(&large) / parse_secs(&small);
    assert!(ratio < 48.0, "16× the input took {ratio:.1}× as long");
}

/// CPU seconds to find `n` terms of 100 腰 and a kanji of their own in a
/// 100 kB of 腰 (none of them there), the best of three runs.
fn find_secs(n: u32) -> f64 {
    let text = Inline::plain("腰".repeat(35_000));
    let terms: Vec<Term> = (0..n)
        .map(|i| Term {
            term: format!(
                "{}{}",
                "腰".repeat(100),
                char::from_u32(0x4e00 + i).expect("a kanji")
            ),
            reading: "よう".into(),
            plain: None,
        })
        .collect();
    (0..3)
        .map(|_| {
            let t = thread_cpu_secs();
            std::hint::black_box(with_terms(&terms, std::slice::from_ref(&text)));
            thread_cpu_secs() - t
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn terms_sharing_a_long_start_are_found_in_linear_time() {
    // Trying each term at every character takes 16 times as long for 16
    // times the terms (2,000 such terms took 12 s to print over 2 MB);
    // an automaton takes about as long, the text being the same.
    let ratio = find_secs(256) / find_secs(16);
    assert!(ratio < 4.0, "16× the terms took {ratio:.1}× as long");
}

/// Polls until the load ends (a generous minute at most), and how many polls
/// returned while it ran.
fn poll_until_done(
    source: &mut Source,
) -> (
    Option<Result<reader::content::Library, reader::content::LoadError>>,
    usize,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut waiting = 0;
    while Instant::now() < deadline {
        let result = source.poll();
        if result.is_some() {
            return (result, waiting);
        }
        waiting += 1;
        std::thread::sleep(Duration::from_millis(2));
    }
    (None, waiting)
}

/// Has the watcher look now and waits (a minute at most) for that look and
/// any load it started: the load's result, or none when nothing changed.
fn look(
    source: &mut Source,
) -> Option<Result<reader::content::Library, reader::content::LoadError>> {
    source.look_now();
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(result) = source.poll() {
            return Some(result);
        }
        if !source.busy() {
            return None;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    panic!("the look did not end in a minute")
}

/// A source that looks only when asked, so that a test decides when.
fn asked_source(dir: &Path) -> Source {
    let requested = Arc::new(AtomicBool::new(false));
    Source::watching(dir.to_path_buf(), requested, Duration::MAX, || {})
}

#[test]
fn kiosk_reload_loads_off_the_caller_thread() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let mut source = asked_source(dir.path());
    assert!(look(&mut source).is_none(), "nothing changed");
    // Nearly the size cap: seconds to parse in a debug build.
    let big = article(&"**再手術**と".repeat(3_900_000 / 22));
    std::fs::write(dir.path().join("big.md"), big).expect("write");
    // Polls return while the load runs: they are counted, where a clock
    // would measure the machine.
    source.look_now();
    assert!(source.poll().is_none(), "the load has only started");
    assert!(source.busy(), "the poll returned before the load ended");
    let (library, waiting) = poll_until_done(&mut source);
    let library = library.expect("the load ends").expect("valid");
    assert_eq!(library.articles.len(), 2);
    assert!(waiting > 0, "polls returned while the load ran");
}

#[test]
fn a_kiosk_poll_never_waits_for_the_directory_scan() {
    // Issue 22: the kiosk read `--articles` on its main thread at every
    // input, 60–80 ms a touch in a directory of 200,000 entries. Here the
    // look is held in the watcher until the test has polled: a poll that
    // waited for the look would wait for the hold to time out.
    let dir = dir_with(&[("a.md", SHORT)]);
    let (entered, looking) = std::sync::mpsc::channel();
    let (release, held) = std::sync::mpsc::channel::<()>();
    let timed_out = Arc::new(AtomicBool::new(false));
    let hold_expired = Arc::clone(&timed_out);
    let mut source = Source::watching(
        dir.path().to_path_buf(),
        Arc::new(AtomicBool::new(false)),
        Duration::MAX,
        move || {
            let _ = entered.send(());
            if held.recv_timeout(Duration::from_secs(60)).is_err() {
                hold_expired.store(true, Ordering::SeqCst);
            }
        },
    );
    std::fs::write(dir.path().join("b.md"), SHORT.replace("short", "b")).expect("write");
    source.look_now();
    assert!(source.poll().is_none(), "nothing loaded yet");
    looking
        .recv_timeout(Duration::from_secs(60))
        .expect("the watcher starts its look");
    for _ in 0..1000 {
        assert!(
            source.poll().is_none(),
            "nothing loaded while the look is held"
        );
    }
    assert!(source.busy(), "the look has not ended");
    assert!(
        !timed_out.load(Ordering::SeqCst),
        "the polls waited for the held look"
    );
    release.send(()).expect("the look is still held");
    let library = poll_until_done(&mut source).0.expect("the load ends");
    assert_eq!(library.expect("valid").articles.len(), 2);
    assert!(!timed_out.load(Ordering::SeqCst));
}

#[test]
fn the_kiosk_watcher_ends_with_its_source() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let requested = Arc::new(AtomicBool::new(false));
    let source = Source::new(dir.path().to_path_buf(), Arc::clone(&requested));
    assert_eq!(
        Arc::strong_count(&requested),
        2,
        "the watcher holds the flag"
    );
    drop(source);
    // The watcher wakes from its wait at once when the source goes.
    let deadline = Instant::now() + Duration::from_secs(60);
    while Arc::strong_count(&requested) > 1 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(2));
    }
    assert_eq!(Arc::strong_count(&requested), 1, "the watcher ended");
}

#[test]
fn kiosk_reload_ignores_hidden_files_and_editor_backups() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let mut source = asked_source(dir.path());
    for name in [".a.md.swp", "a.md~", ".#a.md", "notes.txt"] {
        std::fs::write(dir.path().join(name), "x").expect("write");
    }
    assert!(look(&mut source).is_none(), "no reload started");
    std::fs::write(dir.path().join("b.md"), SHORT.replace("short", "b")).expect("write");
    let library = look(&mut source)
        .expect("a new article is a change")
        .expect("valid");
    assert_eq!(library.articles.len(), 2);
}

#[cfg(unix)]
#[test]
fn kiosk_reload_with_a_fifo_reports_it_and_keeps_polling() {
    let dir = dir_with(&[("a.md", SHORT)]);
    let mut source = asked_source(dir.path());
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("x.md"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let Some(Err(e)) = look(&mut source) else {
        panic!("expected an error")
    };
    assert!(e.to_string().contains("named pipe"), "{e}");
}

#[cfg(unix)]
#[test]
fn a_content_file_whose_name_is_not_utf8_is_an_error_not_skipped() {
    // Issue 22: `*.md` names that were not UTF-8 (a zip made on Windows
    // holds Shift_JIS names) were skipped without a word.
    use std::os::unix::ffi::OsStrExt;
    let dir = dir_with(&[("a.md", SHORT)]);
    let mut source = asked_source(dir.path());
    let bad = std::ffi::OsStr::from_bytes(b"\x8a\xbd\x8e\xd2-\x1b[2J.md");
    std::fs::write(dir.path().join(bad), SHORT.replace("short", "b")).expect("write");
    let hidden = std::ffi::OsStr::from_bytes(b".\x8a\xbd.md");
    std::fs::write(dir.path().join(hidden), "not content").expect("write");
    let out = check(dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert_no_control("check", &err);
    let shown = "\\x8a\\xbd\\x8e\\xd2-\\u{1b}[2J.md:1:1: the file name is not UTF-8";
    assert!(err.contains(shown), "{err}");
    assert!(err.contains("1 problem(s)"), "only the one file: {err}");
    let Some(Err(e)) = look(&mut source) else {
        panic!("the kiosk's reload reports it too")
    };
    assert!(e.to_string().contains(shown), "{e}");
}

/// Set in the child process that [`deeply_nested_markup_loads_in_a_reload_threads_stack`] starts.
const DEEP_CHILD: &str = "READER_TEST_DEEP_CHILD";

#[test]
fn deeply_nested_markup_loads_in_a_reload_threads_stack() {
    // A stack overflow aborts the whole process rather than failing one
    // thread, so the loads run in a child process (this test again), and
    // its exit status says whether they survived.
    if std::env::var_os(DEEP_CHILD).is_some() {
        return deep_loads();
    }
    let name = "deeply_nested_markup_loads_in_a_reload_threads_stack";
    let out = std::process::Command::new(std::env::current_exe().expect("the test binary"))
        .args(["--exact", name, "--test-threads=1"])
        .env(DEEP_CHILD, "1")
        .output()
        .expect("the child runs");
    let (stdout, stderr) = (text(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "the loads overflowed or panicked: {}\n{stdout}{stderr}",
        out.status
    );
    assert!(
        stdout.contains("1 passed"),
        "the child ran the loads: {stdout}"
    );
}

fn deep_loads() {
    // The kiosk loads in a spawned thread, whose stack is 2 MiB by default.
    for unit in [
        "> ", "- ", "1. ", "[", "*", "**", "<", "[a](", "`", "\n  - a",
    ] {
        let text = article(&unit.repeat(128 * 1024 / unit.len()));
        let loaded = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(move || parse_article("deep.md", &text).map(|_| ()))
            .expect("spawn")
            .join();
        assert!(loaded.is_ok(), "{unit:?} panicked");
    }
}

/// Runs the binary with `args` and returns its exit code and peak RSS in
/// bytes, from its own rusage (wait4): other tests' children do not count.
#[cfg(target_os = "linux")]
fn exit_and_peak_rss(args: &[&str]) -> (Option<i32>, u64) {
    use std::os::unix::process::CommandExt;
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("reader"));
    // SAFETY: setrlimit is async-signal-safe, as pre_exec requires. A bound
    // on the address space makes the quadratic growth this guards against
    // fail fast instead of taking the machine's memory.
    unsafe {
        cmd.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 1 << 30,
                rlim_max: 1 << 30,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    let (status, peak) = peak_rss::status_and_peak_rss(cmd.args(args));
    (status.code(), peak)
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_doi_or_url_is_refused_at_its_place_in_memory_a_few_times_the_file() {
    // Issue 22, item 1: a 250 kB DOI that passed `check` drove the print to
    // 816 MB (each wrapped line of the citation held its own copy of the
    // link). Every string of a content file's TOML is at most 2,048
    // characters, checked before any of it is used.
    // Three million characters: the measure's noise (what the test process
    // held when it forked the run) is a megabyte or two.
    let n = 3_000_000;
    let long = "a".repeat(n);
    for (what, reference) in [
        ("doi", "doi = \"10.1227/"),
        ("url", "url = \"https://e.jp/"),
        ("title", "title = \"t"),
    ] {
        let file = |field: &str| {
            format!(
                "+++\nslug = \"h\"\ntitle = \"題\"\npublished = 2026-01-05\n\
                 [[references]]\nauthors = [\"A\"]\n{reference}{field}\"\n+++\n\n要約。\n\n## 問?\n\n答え。\n"
            )
        };
        // Just over the cap: refused the same way, from a small file.
        let short = dir_with(&[("h.md", &file(&"a".repeat(2100))), ("clinic.toml", CLINIC)]);
        let long_dir = dir_with(&[("h.md", &file(&long)), ("clinic.toml", CLINIC)]);
        let out = check(long_dir.path());
        assert_eq!(out.status.code(), Some(3), "{what}");
        let err = text(&out.stderr);
        assert!(
            err.contains("h.md:7:") && err.contains("expected at most 2048"),
            "{what}: {err}"
        );
        for width in ["80", "2"] {
            for format in ["text", "json", "markdown"] {
                let peak = |dir: &tempfile::TempDir| {
                    let d = dir.path().to_str().expect("UTF-8 temp dir");
                    exit_and_peak_rss(&[
                        "--articles",
                        d,
                        "--article",
                        "h",
                        "--width",
                        width,
                        "--format",
                        format,
                    ])
                };
                let ((short_code, base), (code, rss)) = (peak(&short), peak(&long_dir));
                assert_eq!(
                    (short_code, code),
                    (Some(3), Some(3)),
                    "{what} {format} at {width}"
                );
                // A few times the file's size over the same run with a
                // field just over the cap.
                let bound = base + 4 * n as u64;
                assert!(
                    rss <= bound,
                    "{what}, {format} at width {width}: peak RSS {} kB, over {} kB",
                    rss / 1024,
                    bound / 1024
                );
            }
        }
    }
}

#[test]
fn a_doi_whose_address_is_too_long_for_a_link_is_text_with_a_warning() {
    // 2,040 characters fit a field, but not https://doi.org/ and them a link.
    let doi = format!("10.1/{}", "a".repeat(2035));
    let file = format!(
        "+++\nslug = \"h\"\ntitle = \"題\"\npublished = 2026-01-05\n\
         [[references]]\ntitle = \"t\"\ndoi = \"{doi}\"\n+++\n\n要約。\n\n## 問?\n\n答え。\n"
    );
    let dir = dir_with(&[("h.md", &file)]);
    let out = check(dir.path());
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.contains("reference [1]: doi shown as text, not a link: its address is longer than 2048 characters"),
        "{err}"
    );
    let (_, json) = &every_output(dir.path())[2];
    let v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(v["references"][0]["doi"].as_str(), Some(doi.as_str()));
}

#[test]
fn arguments_quoted_in_errors_show_their_control_characters_escaped() {
    // Issue 22, item 3: errors echoed these arguments as given, so an OSC 52
    // (clipboard), a C1 CSI or a bidi override reached the terminal.
    let payload = "x\u{1b}]52;c;cm0gLXJmIH4K\u{7}\u{9b}2J\u{202e}y";
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().to_str().expect("UTF-8 temp dir");
    for args in [
        vec!["new", payload, "--articles", d],
        vec!["--article", payload],
        vec!["--clinic", "--at", payload],
        vec!["--clinic", "--month", payload],
        vec!["--width", payload],
    ] {
        let out = reader().args(&args).output().expect("reader runs");
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let err = text(&out.stderr);
        assert_no_control(&format!("{args:?}"), &err);
        assert!(
            err.contains("x\\u{1b}]52;c;cm0gLXJmIH4K\\u{7}\\u{9b}2J\\u{202e}y"),
            "{args:?}: {err}"
        );
    }
}

/// Columns a terminal gives `line`, by unicode-width's table.
fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn the_clinic_page_keeps_every_line_within_every_width() {
    // Issue 22, item 5: at --width 2 the notices' indent left one column
    // for a kanji, and 79 lines were three columns wide (「 平」).
    for width in (2..=12).chain([20, 41, 80]) {
        let w = width.to_string();
        let out = reader()
            .args(["--clinic", "--width", &w, "--at", "2026-02-11T10:00"])
            .output()
            .expect("reader runs");
        assert_eq!(out.status.code(), Some(0));
        for line in text(&out.stdout).lines() {
            assert!(columns(line) <= width, "width {width}: {line:?}");
        }
    }
}

/// Columns tmux 3.3a draws `line` in (measured, see README): each character
/// its own width, a soft hyphen one, a character after a ZWJ none.
fn drawn_columns(line: &str) -> usize {
    let mut after_zwj = false;
    line.chars()
        .map(|c| {
            let w = match c {
                _ if after_zwj => 0,
                '\u{ad}' => 1,
                c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
            };
            after_zwj = c == '\u{200d}';
            w
        })
        .sum()
}

#[test]
fn long_grapheme_clusters_and_soft_hyphens_never_overflow_a_line() {
    // Issue 22, item 5: a cluster counted as two columns was drawn up to 64,
    // and soft hyphens overflowed by one column at widths 2 and 3.
    let payloads = [
        "\u{1100}".repeat(30),
        format!("\u{ff78}{}", "\u{ff9e}".repeat(20)),
        format!("{}a", "\u{600}".repeat(10)),
        format!("\u{915}{}", "\u{93e}".repeat(10)),
        "\u{1f44d}\u{1f3fd}".to_string(),
        "ab\u{ad}cd\u{ad}ef 漢\u{ad}字\u{ad}漢 a\u{ad}\u{ad}\u{ad}b".to_string(),
    ];
    // What tmux 3.3a drew for each (its cursor column after writing it).
    let measured = [60, 21, 11, 11, 4];
    for (p, columns) in payloads.iter().zip(measured) {
        assert_eq!(drawn_columns(p), columns, "{p:?}");
    }
    assert_eq!(drawn_columns("a\u{ad}b"), 3);
    let body = payloads.join(" ");
    let dir = dir_with(&[("h.md", &article(&body))]);
    for width in [2, 3, 4, 5, 7, 10, 40] {
        let w = width.to_string();
        let out = run(&["--article", "h", "--width", &w], dir.path());
        assert_eq!(out.status.code(), Some(0));
        for line in text(&out.stdout).lines() {
            assert!(
                drawn_columns(line) <= width,
                "width {width}: {line:?} takes {}",
                drawn_columns(line)
            );
        }
    }
}

#[test]
fn a_read_only_stdout_is_an_error_with_a_message() {
    // Issue 22, item 6: `reader --print 1<file` exited 0 having written nothing.
    let file = tempfile::NamedTempFile::new().expect("temp file");
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin!("reader"))
        .arg("--print")
        .env_remove("READER_ARTICLES")
        .stdout(std::fs::File::open(file.path()).expect("opened read-only"))
        .output()
        .expect("reader runs");
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("standard output is closed or not writable"),
        "{err}"
    );
}
