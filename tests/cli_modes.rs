//! One mode a run: flags that clash are a usage error naming them, and a
//! format a mode cannot print is refused rather than ignored.

#[path = "support/binary.rs"]
mod binary;
use binary::reader;

#[test]
fn clashing_modes_are_usage_errors_that_name_both_flags() {
    for (a, b) in [
        ("--kiosk", "--clinic"),
        ("--list", "--clinic"),
        ("--list", "--kiosk"),
        ("--kiosk", "--print"),
    ] {
        let out = reader().args([a, b]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{a} {b}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(a) && err.contains(b), "{a} {b}: {err}");
    }
    let out = reader()
        .args(["--at", "2026-02-11T10:00"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "--at needs --clinic");
    let out = reader().args(["check", "--list"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a subcommand takes no mode flag"
    );
}

#[test]
fn a_format_a_mode_cannot_print_is_refused() {
    let out = reader()
        .args(["--clinic", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("markdown"));
    let out = reader()
        .args(["--list", "--format", "markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "- **再手術について:慢性腰痛** (`revision-surgery`): 腰痛, 2026-02-20\n"
    );
}

#[test]
fn clinic_text_honours_the_width() {
    for width in [30, 50, 80] {
        let out = reader()
            .args(["--clinic", "--at", "2026-02-11T10:00", "--width"])
            .arg(width.to_string())
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "wider than {width}: {line}"
            );
        }
        assert!(text.contains("建国記念の日"));
    }
}
