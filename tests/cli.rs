//! The binary as scripts use it: printing, formats, errors and exit codes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use predicates::prelude::*;

#[path = "support/binary.rs"]
mod binary;
use binary::{reader, stdout_of};

#[test]
fn article_text_at_40_columns() {
    insta::assert_snapshot!(stdout_of(&[
        "--article",
        "revision-surgery",
        "--width",
        "40"
    ]));
}

#[test]
fn article_text_at_80_columns() {
    insta::assert_snapshot!(stdout_of(&[
        "--article",
        "revision-surgery",
        "--width",
        "80"
    ]));
}

#[test]
fn plain_text_when_piped_has_no_escape_sequences() {
    let out = stdout_of(&["--article", "revision-surgery"]);
    assert!(!out.contains('\u{1b}'));
    assert!(out.starts_with("再手術について:慢性腰痛\n公開日:2026/02/20\n"));
    assert!(!out.contains("更新日"), "the page's 2026/00/00 is no date");
    for n in 1..=17 {
        assert!(out.contains(&format!("[{n}]")), "reference {n}");
    }
    // Default width is 80 when stdout is no terminal.
    assert!(
        out.lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80)
    );
}

#[test]
fn color_always_styles_and_no_color_is_honoured() {
    let colored = stdout_of(&["--article", "revision-surgery", "--color", "always"]);
    assert!(colored.contains("\u{1b}[1m再手術では39.5%\u{1b}[0m"));
    let out = reader()
        .args(["--article", "revision-surgery", "--print"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn json_has_the_documented_shape() {
    let out = stdout_of(&["--article", "revision-surgery", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["slug"], "revision-surgery");
    assert_eq!(v["title"], "再手術について:慢性腰痛");
    assert_eq!(v["published"], "2026-02-20");
    assert!(v["updated"].is_null());
    assert_eq!(v["summary"].as_array().unwrap().len(), 5);
    let questions = v["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 6);
    assert_eq!(questions[2]["number"], 3);
    assert_eq!(
        questions[2]["question"],
        "足の痛みと腰の痛みで、手術の成功率が違うのはなぜですか?"
    );
    assert!(questions[0]["answer"].is_array());
    let refs = v["references"].as_array().unwrap();
    assert_eq!(refs.len(), 17);
    assert_eq!(refs[1]["doi"], "10.1227/00006123-199105000-00008");
    assert_eq!(refs[1]["date"], "1991-05");
}

#[test]
fn json_single_question() {
    let out = stdout_of(&[
        "--article",
        "revision-surgery",
        "--format",
        "json",
        "--question",
        "4",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let q = v["questions"].as_array().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0]["number"], 4);
}

#[test]
fn markdown_output_parses_back_to_the_same_article() {
    let md = stdout_of(&["--article", "revision-surgery", "--format", "markdown"]);
    assert!(md.starts_with("# 再手術について:慢性腰痛\n"));
    assert!(md.contains("**再手術では39.5%**"));
    assert!(md.contains("\n  - 禁煙: "), "nested lists stay nested");
    // Re-read the questions through the same content loader.
    let body = md.split_once("\n## ").unwrap().1;
    let body = body.rsplit_once("## 参考文献").unwrap().0;
    let text =
        format!("+++\nslug = \"x\"\ntitle = \"x\"\npublished = 2026-02-20\n+++\n\n## {body}");
    let reparsed = reader::content::article::parse_article("x.md", &text).unwrap();
    let lib = reader::content::load_library(None).unwrap();
    assert_eq!(reparsed.questions, lib.articles[0].questions);
}

#[test]
fn question_option_prints_one_question() {
    let out = stdout_of(&[
        "--article",
        "revision-surgery",
        "--question",
        "6",
        "--width",
        "60",
    ]);
    assert!(out.contains("Q6. "));
    assert!(!out.contains("Q5. "));
    reader()
        .args(["--article", "revision-surgery", "--question", "7"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("questions 1–6"));
}

#[test]
fn list_prints_slug_category_date_and_title() {
    assert_eq!(
        stdout_of(&["--list"]),
        "revision-surgery\t腰痛\t2026-02-20\t再手術について:慢性腰痛\n"
    );
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["--list", "--format", "json"])).unwrap();
    assert_eq!(v[0]["slug"], "revision-surgery");
}

#[test]
fn unknown_slug_suggests_the_closest() {
    reader()
        .args(["--article", "revison-surgery"])
        .assert()
        .code(4)
        .stderr(predicate::str::contains("did you mean “revision-surgery”"));
}

#[test]
fn path_like_slug_is_refused() {
    for slug in ["../etc/passwd", "a/b", ".."] {
        reader()
            .args(["--article", slug])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a slug"));
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    let mut child = Command::new(cargo_bin!("reader"))
        .args(["--article", "revision-surgery", "--width", "20"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader side is dropped here, like `| head -1`.
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        first.trim_end(),
        "再手術に",
        "the title breaks between phrases"
    );
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn check_reports_every_problem_with_positions() {
    let out = reader()
        .args(["check", "tests/fixtures/broken"])
        .assert()
        .code(3)
        .get_output()
        .clone();
    let err = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "tests/fixtures/broken/bad-ref.md:4:13: invalid date \"2026/00/00\"",
        "tests/fixtures/broken/bad-ref.md:6:1: reference [1] has no title",
        "tests/fixtures/broken/bad-toml.md:3:18: invalid basic string",
        "tests/fixtures/broken/dup-b.md:1:1: duplicate slug “same”",
        "tests/fixtures/broken/no-answer.md:9:1: question “答えのない質問” has no answer",
        "tests/fixtures/broken/no-title.md:1:1: missing title",
        "tests/fixtures/broken/not-utf8.md:3:10: invalid UTF-8",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
}

#[test]
fn check_accepts_good_content() {
    reader()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 article(s), 6 question(s)"));
    reader()
        .args(["check", "tests/fixtures/good"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 article(s)"));
}

#[test]
fn articles_directory_from_flag_or_environment() {
    let out = reader()
        .args(["--list"])
        .env("READER_ARTICLES", "tests/fixtures/good")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "second\tその他\t2026-01-05\t二つ目の記事\nshort\tその他\t2026-01-05\t短い記事\n"
    );
    // Several articles and no --article: the user must choose.
    reader()
        .args(["--articles", "tests/fixtures/good", "--print"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--article"));
    let out = stdout_of(&["--articles", "tests/fixtures/good", "--article", "short"]);
    assert!(out.contains("・項目一"));
}

#[test]
fn help_has_examples_and_version_works() {
    reader()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
    reader()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("reader "));
}

#[test]
fn ambiguous_wide_counts_bullets_as_two_columns() {
    let out = stdout_of(&[
        "--article",
        "revision-surgery",
        "--width",
        "30",
        "--ambiguous-wide",
    ]);
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width_cjk(line) <= 30,
            "{line}"
        );
    }
}

#[test]
fn phrase_wrap_breaks_between_phrases() {
    let normal = stdout_of(&["--article", "revision-surgery", "--width", "30"]);
    let phrase = stdout_of(&[
        "--article",
        "revision-surgery",
        "--width",
        "30",
        "--wrap",
        "phrase",
    ]);
    assert_ne!(normal, phrase);
    for line in phrase.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 30);
    }
}

#[test]
fn clinic_text_on_a_holiday() {
    insta::assert_snapshot!(stdout_of(&["--clinic", "--at", "2026-02-11T10:00"]));
}

#[test]
fn clinic_json_is_stable_for_scripts() {
    let out = stdout_of(&["--clinic", "--at", "2026-02-21T19:30", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["name"], "ひまわり接骨院");
    assert_eq!(v["phone"], "044-299-9707");
    assert_eq!(v["now"], "2026-02-21T19:30:00+09:00");
    assert_eq!(v["open_now"], false);
    assert_eq!(v["status"], "本日の受付は終了しました");
    assert_eq!(v["next_open"], "2026-02-24T09:00:00+09:00");
    assert_eq!(v["month"], "2026-02");
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 28);
    assert_eq!(days[10]["date"], "2026-02-11");
    assert_eq!(days[10]["weekday"], "水");
    assert_eq!(days[10]["holiday"], "建国記念の日");
    assert_eq!(days[10]["closed"], true);
    assert!(days[11]["holiday"].is_null());
}

#[test]
fn clinic_month_option_and_new_year_closure() {
    let out = stdout_of(&[
        "--clinic",
        "--at",
        "2025-12-31T20:00",
        "--month",
        "2026-01",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["month"], "2026-01");
    assert_eq!(v["next_open"], "2026-01-05T09:00:00+09:00");
    assert_eq!(v["days"][1]["closure"], "年始休業");
    reader()
        .args(["--clinic", "--at", "2026-02-30T10:00"])
        .assert()
        .code(2);
    reader()
        .args(["--clinic", "--month", "2026-13"])
        .assert()
        .code(2);
}

#[test]
fn clinic_time_ignores_the_machine_zone() {
    let a = reader()
        .args(["--clinic", "--at", "2026-02-12T09:00"])
        .env("TZ", "America/New_York")
        .output()
        .unwrap();
    let b = reader()
        .args(["--clinic", "--at", "2026-02-12T09:00"])
        .env("TZ", "Asia/Tokyo")
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert!(String::from_utf8_lossy(&a.stdout).contains("受付中 (〜13:00まで)"));
}

/// The commands that write to stdout, as scripts run them.
const OUTPUT_COMMANDS: &[&[&str]] = &[
    &["--list"],
    &["--article", "revision-surgery"],
    &["--article", "revision-surgery", "--format", "json"],
    &["--clinic", "--at", "2026-02-11T10:00"],
    &["check"],
    &["--help"],
    &["--version"],
];

#[test]
fn closed_stdout_is_an_error_not_success() {
    // Issue 8, item 6: with `>&-` every output command exited 0 having
    // written nothing (Rust reopens a closed fd 1 on /dev/null).
    for args in OUTPUT_COMMANDS {
        let out = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" >&-"#)
            .arg(cargo_bin!("reader"))
            .args(*args)
            .env_remove("READER_ARTICLES")
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("Bad file descriptor"), "{args:?}: {err}");
    }
}

#[test]
fn a_full_disk_is_an_error_help_and_version_included() {
    // Issue 8, item 6: --help and --version into /dev/full exited 0.
    for args in OUTPUT_COMMANDS {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(cargo_bin!("reader"))
            .args(*args)
            .env_remove("READER_ARTICLES")
            .stdout(full)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}

#[test]
fn empty_variables_count_as_unset() {
    // Issue 8, item 8: `READER_ARTICLES=` made every command fail.
    reader()
        .args(["--list"])
        .env("READER_ARTICLES", "")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("revision-surgery\t"));
    // An empty NO_COLOR does not turn colour off, as no-color.org says.
    let out = reader()
        .args(["--article", "revision-surgery", "--color", "auto"])
        .env("NO_COLOR", "")
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn times_and_months_take_only_their_documented_forms() {
    // Issue 8, item 8: `2026-02-11T+9:+5` meant 09:05.
    for at in [
        "2026-02-11T+9:+5",
        "2026-02-11T9:05",
        "+2026-02-11T09:05",
        "2026-02-11T24:00",
        "2026-02-11 09:05",
    ] {
        reader()
            .args(["--clinic", "--at", at])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("YYYY-MM-DDTHH:MM"));
    }
    for month in ["2026-+2", "+026-02", "2026-2"] {
        reader()
            .args(["--clinic", "--at", "2026-02-11T10:00", "--month", month])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("YYYY-MM"));
    }
}

#[test]
fn clinic_times_outside_the_supported_years_are_usage_errors() {
    // Issue 8, item 8: at 9999-12-31 next_open was 10000-01-01T…, not RFC 3339.
    for args in [
        ["--at", "9999-12-31T10:00"],
        ["--at", "1954-12-31T10:00"],
        ["--month", "2100-01"],
    ] {
        reader()
            .args(["--clinic"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("1955–2099"));
    }
    // On the last supported day the next opening is past the known holidays.
    let out = stdout_of(&["--clinic", "--at", "2099-12-31T20:00", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["next_open"], serde_json::Value::Null);
    assert_eq!(v["now"], "2099-12-31T20:00:00+09:00");
}

#[test]
fn kiosk_seconds_are_range_checked() {
    // Issue 8, item 8: --idle-timeout 18446744073709551615 wrapped and the
    // loop resumed after every key.
    for args in [
        ["--idle-timeout", "18446744073709551615"],
        ["--idle-timeout", "86401"],
        ["--dwell-max", "0"],
        ["--dwell-min", "0"],
    ] {
        reader()
            .args(["--kiosk"])
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("1..=86400"));
    }
}

/// A fixture made of the bundled article's own sentences, with 腰椎 and
/// 根性痛 given readings by [[terms]] and 軸性疼痛 inline.
fn furigana(mode: &[&str]) -> String {
    let mut args = vec![
        "--articles",
        "tests/fixtures/ruby",
        "--article",
        "furigana",
        "--width",
        "40",
    ];
    args.extend(mode);
    stdout_of(&args)
}

#[test]
fn furigana_off_prints_the_text_as_written() {
    let written = furigana(&[]);
    assert_eq!(furigana(&["--furigana", "off"]), written);
    assert!(written.contains("腰椎の再手術"));
    assert!(!written.contains('（'), "no reading: {written}");
    insta::assert_snapshot!(written);
}

/// How often 腰椎, 根性痛 and 軸性疼痛 are printed with their readings.
fn readings_shown(out: &str) -> [usize; 3] {
    [
        "腰椎（ようつい）",
        "根性痛（こんせいつう）",
        "軸性疼痛（じくせいとうつう）",
    ]
    .map(|w| out.matches(w).count())
}

#[test]
fn furigana_first_gives_a_reading_at_its_first_place_in_each_item() {
    let out = furigana(&["--furigana", "first"]);
    // 腰椎 in the summary and in Q1's heading, not in Q1's answer.
    assert_eq!(readings_shown(&out), [2, 1, 1], "{out}");
    assert_eq!(out.matches("腰椎").count(), 4);
    assert!(out.contains("Q1. 腰椎（ようつい）の"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn furigana_all_gives_every_reading() {
    let out = furigana(&["--furigana", "all"]);
    assert_eq!(readings_shown(&out), [4, 2, 1], "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn furigana_from_the_config_file_and_in_reader_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nfurigana = \"all\"\n").unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(
        furigana(&["--config", config]),
        furigana(&["--furigana", "all"])
    );
    let out = stdout_of(&["config", "--config", config]);
    let row = out
        .lines()
        .find(|l| l.starts_with("reader.furigana"))
        .unwrap();
    assert!(
        row.contains("all") && row.contains("config.toml:2"),
        "{row}"
    );
    // The screen's default is `first`; print keeps the text as written
    // unless asked (furigana_off_prints_the_text_as_written).
    let out = stdout_of(&["config"]);
    let row = |name: &str| {
        let row = out.lines().find(|l| l.starts_with(name)).unwrap();
        row.split_whitespace().skip(1).collect::<Vec<_>>().join(" ")
    };
    assert_eq!(row("reader.furigana"), "first default");
    assert_eq!(row("kiosk.furigana"), "first default");
    let out = stdout_of(&["config", "--furigana", "all"]);
    let row = out
        .lines()
        .find(|l| l.starts_with("kiosk.furigana"))
        .unwrap();
    assert!(
        row.contains("all") && row.ends_with("flag --furigana"),
        "{row}"
    );
}
