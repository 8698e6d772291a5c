//! Property-based fuzzing of the content loader (articles and clinic.toml):
//! random bytes, and structured-random Markdown and TOML full of escape
//! sequences, entities, nested lists, `**` and links. Invariants: no panic,
//! no control character in any loaded string or diagnostic, and every
//! diagnostic names file:line:col.
//!
//! A short seeded pass runs in `cargo test`; the full run:
//! `READER_FUZZ_CASES=100000 cargo test --release --test fuzz_content`
//! (`READER_FUZZ_SEED=n` for another sequence).

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use reader::content::load::{SourceFile, load};
use reader::content::{Clinic, Diagnostic, LoadError};

const CLINIC: &str = include_str!("../articles/clinic.toml");

fn runner() -> TestRunner {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = var("READER_FUZZ_CASES").unwrap_or(1000);
    let seed = var("READER_FUZZ_SEED").unwrap_or(8);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(
        Config {
            cases: u32::try_from(cases).unwrap_or(u32::MAX),
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    )
}

fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// Pieces that each stress one part of the loader.
const FRAGMENTS: &[&str] = &[
    "再手術",
    "は",
    "、",
    "a",
    "39.5%",
    " ",
    "\n",
    "\n\n",
    "**",
    "*",
    "_",
    "`",
    "[",
    "]",
    "](",
    ")",
    "[x](https://e.jp/)",
    "[x](javascript:alert(1))",
    "[x](file:///etc/passwd)",
    "[x](doi:10.1/x)",
    "[x](mailto:a@e.jp)",
    "<https://e.jp>",
    "&#27;",
    "&#x1b;",
    "&#x9b;",
    "&#7;",
    "&#0;",
    "&amp;",
    "&#x202e;",
    "\u{1b}",
    "\u{1b}[2J",
    "\u{1b}]52;c;cm0=\u{7}",
    "\u{1b}P",
    "\u{1b}\\",
    "\u{9b}",
    "\u{9d}",
    "\u{9c}",
    "\u{7f}",
    "\u{0}",
    "\t",
    "\r\n",
    "\u{202e}",
    "- ",
    "  - ",
    "    - ",
    "1. ",
    "## ",
    "### ",
    "+++",
    "\\",
    "👨‍👩‍👧",
];

/// Markup an article may not hold: each makes the file invalid.
const REJECTED: &[&str] = &["# ", "> ", "<b>", "```", "![i](x.png)", "#### "];

/// Markdown from the fragments; with `rejected`, markup that fails the file too.
fn markdown(rejected: bool) -> impl Strategy<Value = String> {
    let mut pieces = FRAGMENTS.to_vec();
    if rejected {
        pieces.extend(REJECTED);
    }
    prop::collection::vec(prop::sample::select(pieces), 0..80).prop_map(|v| v.concat())
}

/// A TOML basic string holding `s`, control characters as \u escapes.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A short string of hostile pieces, for a TOML value.
fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            &[
                "月",
                "09:00",
                "-",
                "2026",
                "-05",
                "\u{1b}]52;c;x\u{7}",
                "\u{9b}2J",
                "\u{1b}[2J",
                "\u{7}",
                "\u{202e}",
                "+9",
                "https://e.jp/",
                "javascript:x",
                "10.1/x",
                "\n",
                "a",
            ][..],
        ),
        0..6,
    )
    .prop_map(|v| v.concat())
}

fn article() -> impl Strategy<Value = String> {
    // A field keeps a good value half the time, so some cases load.
    let field = |good: &'static str| {
        prop::option::of(value()).prop_map(move |v| toml_string(v.as_deref().unwrap_or(good)))
    };
    (
        (
            field("a"),
            field("題"),
            field("2026-02-01"),
            field("1991-05"),
        ),
        (
            field("https://e.jp/"),
            field("10.1/x"),
            prop::bool::weighted(0.9),
        ),
        markdown(true),
    )
        .prop_map(|((slug, title, updated, date), (url, doi, fence), body)| {
            let fence = if fence { "+++" } else { "++" };
            format!(
                "+++\nslug = {slug}\ntitle = {title}\npublished = 2026-01-05\nupdated = {updated}\n\
                 url = {url}\n[[references]]\ntitle = {title}\ndate = {date}\nurl = {url}\n\
                 doi = {doi}\n{fence}\n\n## q\n\n{body}\n",
            )
        })
}

/// The bundled clinic.toml with hostile values in the weekday, time, date and
/// text slots.
fn clinic() -> impl Strategy<Value = String> {
    // Each slot keeps its good value half the time, so some cases load.
    prop::collection::vec(prop::option::of(value()), 6).prop_map(|v| {
        let slots = [
            ("\"月\"", ""),
            ("\"09:00-13:00\"", ""),
            ("\"日\"", ""),
            ("\"ひまわり接骨院\"", ""),
            ("2026-01-21", ""),
            ("greeting = [", "greeting = ["),
        ];
        let mut text = CLINIC.to_string();
        for ((find, prefix), value) in slots.iter().zip(&v) {
            if let Some(value) = value {
                let comma = if prefix.is_empty() { "" } else { "," };
                let with = format!("{prefix}{}{comma}", toml_string(value));
                text = text.replacen(find, &with, 1);
            }
        }
        text
    })
}

/// `path:line:column: message`, with a line and column inside the file.
fn check_diagnostic(d: &Diagnostic, files: &[SourceFile]) -> Result<(), TestCaseError> {
    let shown = d.to_string();
    prop_assert!(!has_control(&shown), "control character in {shown:?}");
    let file = files.iter().find(|f| f.name == d.path);
    let file = file.ok_or_else(|| TestCaseError::fail(format!("unknown file in {shown:?}")))?;
    prop_assert!(
        shown.starts_with(&format!("{}:{}:{}: ", d.path, d.line, d.column)),
        "{shown:?}"
    );
    // LF, CRLF and a lone CR each end a line.
    let lone_crs = file
        .bytes
        .windows(2)
        .filter(|w| w[0] == b'\r' && w[1] != b'\n');
    let lines = file.bytes.split(|&b| b == b'\n').count()
        + lone_crs.count()
        + usize::from(file.bytes.last() == Some(&b'\r'));
    prop_assert!(
        d.line >= 1 && d.line <= lines && d.column >= 1,
        "{shown:?} outside a file of {lines} lines"
    );
    Ok(())
}

fn clinic_strings(c: &Clinic) -> Vec<&str> {
    let mut all = vec![
        c.name.as_str(),
        &c.phone,
        &c.postal_code,
        &c.address,
        &c.access,
        &c.parking,
        &c.invitation,
        &c.phone_note,
        &c.form_note,
        &c.director.name,
        &c.director.introduction,
    ];
    all.extend(c.website.as_deref());
    all.extend(c.director.greeting.iter().map(String::as_str));
    for n in &c.notices {
        all.push(&n.title);
        all.extend(n.body.iter().map(String::as_str));
    }
    all.extend(c.schedule.closures.iter().map(|c| c.name.as_str()));
    all.extend(c.schedule.holidays_added.values().map(String::as_str));
    all
}

fn json_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                json_strings(v, out);
            }
        }
        _ => {}
    }
}

/// Loads `files` and checks every invariant on what comes back; whether
/// they loaded.
fn load_and_check(files: Vec<SourceFile>) -> Result<bool, TestCaseError> {
    let names: Vec<SourceFile> = files
        .iter()
        .map(|f| SourceFile {
            name: f.name.clone(),
            bytes: f.bytes.clone(),
        })
        .collect();
    let result = load(Path::new("fuzz"), files);
    let loaded = result.is_ok();
    match result {
        Ok(lib) => {
            for w in &lib.warnings {
                check_diagnostic(w, &names)?;
            }
            for a in &lib.articles {
                let mut strings = Vec::new();
                json_strings(&reader::output::json::article(a, None), &mut strings);
                for s in strings {
                    prop_assert!(!has_control(&s), "control character in {s:?}");
                }
                let md = reader::output::markdown::article(a, None);
                prop_assert!(!has_control(&md.replace('\n', "")), "{md:?}");
            }
            for s in clinic_strings(&lib.clinic) {
                prop_assert!(!has_control(s), "control character in {s:?}");
            }
        }
        Err(LoadError::Invalid(problems)) => {
            prop_assert!(!problems.is_empty());
            for d in &problems {
                check_diagnostic(d, &names)?;
            }
        }
        Err(e) => prop_assert!(!has_control(&e.to_string()), "{e}"),
    }
    Ok(loaded)
}

/// Runs `strategy`'s cases through [`load_and_check`]. At least
/// `min_loaded` in a thousand must load: the checks on loaded content run
/// only on those, and a generator whose cases all fail would skip them.
fn run(name: &str, min_loaded: usize, strategy: impl Strategy<Value = (Vec<u8>, Option<Vec<u8>>)>) {
    let (cases, loaded) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let started = std::time::Instant::now();
    let result = runner().run(&strategy, |(article, clinic)| {
        cases.fetch_add(1, Ordering::Relaxed);
        let mut files = vec![SourceFile {
            name: "fuzz/a.md".into(),
            bytes: article.into(),
        }];
        if let Some(clinic) = clinic {
            files.push(SourceFile {
                name: "fuzz/clinic.toml".into(),
                bytes: clinic.into(),
            });
        }
        if load_and_check(files)? {
            loaded.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let (cases, loaded) = (cases.into_inner(), loaded.into_inner());
    eprintln!(
        "{name}: {cases} cases in {:.1} s, {loaded} loaded",
        started.elapsed().as_secs_f64(),
    );
    assert_eq!(
        cases as u64,
        runner().config().cases as u64,
        "{name}: every case ran"
    );
    assert!(
        loaded * 1000 >= cases * min_loaded,
        "{name}: {loaded} of {cases} loaded, expected at least {min_loaded}‰"
    );
}

#[test]
fn random_bytes_load_without_panic_or_control_characters() {
    // Random bytes test the error path: none is expected to load.
    run(
        "random bytes",
        0,
        (
            prop::collection::vec(any::<u8>(), 0..2048),
            prop::option::of(prop::collection::vec(any::<u8>(), 0..512)),
        ),
    );
}

#[test]
fn hostile_markdown_loads_without_panic_or_control_characters() {
    run(
        "hostile articles",
        10,
        (
            article().prop_map(String::into_bytes),
            Just(None::<Vec<u8>>),
        ),
    );
}

#[test]
fn hostile_bodies_in_a_valid_article_never_keep_a_control_character() {
    // Valid front matter, so the body is what gets loaded and checked.
    run(
        "hostile bodies",
        400,
        (
        markdown(false).prop_map(|body| {
            format!("+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-05\n+++\n\n## q\n\n{body}\n")
                .into_bytes()
        }),
        Just(None::<Vec<u8>>),
    ),
    );
}

#[test]
fn hostile_clinic_toml_loads_without_panic_or_control_characters() {
    let good = "+++\nslug = \"a\"\ntitle = \"t\"\npublished = 2026-01-05\n+++\n\n## q\n\na\n";
    run(
        "hostile clinic.toml",
        20,
        (
            Just(good.as_bytes().to_vec()),
            clinic().prop_map(|c| Some(c.into_bytes())),
        ),
    );
}
